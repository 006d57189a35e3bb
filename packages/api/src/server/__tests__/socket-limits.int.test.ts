import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SystemJobModel } from '../../modules/system-jobs/system-job.model.js';
import { createPlatform, createUser } from '../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

/** graphql-ws spoken by hand, so each message and close is seen exactly. */
class Socket {
  readonly messages: Array<{ id?: string; type: string; payload?: any }> = [];
  closed?: { code: number; reason: string };
  private readonly ws: WebSocket;
  private waiters: Array<() => void> = [];

  private constructor(url: string) {
    this.ws = new WebSocket(url, 'graphql-transport-ws');
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)));
      this.wake();
    });
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.wake();
    });
  }

  static async open(server: TestServer, token?: string): Promise<Socket> {
    const s = new Socket(`${server.url.replace(/^http/, 'ws')}/graphql`);
    await new Promise((resolve, reject) => s.ws.once('open', resolve).once('error', reject));
    s.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
    await s.until(() => s.messages.some((m) => m.type === 'connection_ack'));
    return s;
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(message: unknown) {
    this.ws.send(JSON.stringify(message));
  }

  async until(ok: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out; messages: ${JSON.stringify(this.messages)} closed: ${JSON.stringify(this.closed)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  /** Subscribes and waits for its first answer: the first event, or the error. */
  async subscribe(id: string, query: string, variables?: Record<string, unknown>) {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
    await this.until(() => this.messages.some((m) => m.id === id && (m.type === 'next' || m.type === 'error')));
    return this.messages.find((m) => m.id === id && (m.type === 'next' || m.type === 'error'))!;
  }

  close() {
    this.ws.close();
  }
}

const PROGRESS = 'subscription($id: ID!) { syncProgress(platformId: $id) { phase } }';

let server: TestServer;
let token: string;
let platformId: string;
const sockets: Socket[] = [];
const open = async (t = token) => {
  const s = await Socket.open(server, t);
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  server = await startTestServer({ WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '2', WS_MAX_SUBSCRIPTIONS_PER_USER: '3', WS_IDLE_TIMEOUT_SECONDS: '2' });
  const { user, token: t } = await createUser();
  token = t;
  const platform = await createPlatform(user._id);
  platformId = platform._id.toHexString();
  // A pull in progress: syncProgress stays open until it ends.
  await SystemJobModel.create({ jobType: 'sync_metrics', workspaceId: user._id, platformId: platform._id, status: 'running' });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

describe('subscription limits: successful cases', () => {
  it('a subscription within the limits gets its events', async () => {
    const s = await open();
    const first = await s.subscribe('a', PROGRESS, { id: platformId });
    expect(first).toMatchObject({ type: 'next', payload: { data: { syncProgress: { phase: 'running' } } } });
    s.send({ id: 'a', type: 'complete' });
    s.close();
  });
});

describe('subscription limits: failing cases', () => {
  it('one socket holds at most WS_MAX_SUBSCRIPTIONS_PER_SOCKET, and a slot frees when one completes', async () => {
    const s = await open();
    const one = await s.subscribe('1', PROGRESS, { id: platformId });
    expect(one.type, JSON.stringify(one)).toBe('next');
    expect((await s.subscribe('2', PROGRESS, { id: platformId })).type).toBe('next');
    const third = await s.subscribe('3', PROGRESS, { id: platformId });
    expect(third).toEqual({
      id: '3',
      type: 'error',
      payload: [{ message: 'At most 2 subscriptions at once on one connection', extensions: { code: 'LIMIT_EXCEEDED', limit: 2 } }],
    });
    s.send({ id: '1', type: 'complete' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await s.subscribe('4', PROGRESS, { id: platformId })).type).toBe('next');
    s.close();
  });

  it('one user holds at most WS_MAX_SUBSCRIPTIONS_PER_USER over all sockets; closing a socket frees its share', async () => {
    const a = await open();
    const b = await open();
    expect((await a.subscribe('a1', PROGRESS, { id: platformId })).type).toBe('next');
    expect((await a.subscribe('a2', PROGRESS, { id: platformId })).type).toBe('next');
    expect((await b.subscribe('b1', PROGRESS, { id: platformId })).type).toBe('next');
    const fourth = await b.subscribe('b2', PROGRESS, { id: platformId });
    expect(fourth.payload).toEqual([{ message: 'At most 3 subscriptions at once per user', extensions: { code: 'LIMIT_EXCEEDED', limit: 3 } }]);
    a.close();
    await a.until(() => !!a.closed);
    await new Promise((r) => setTimeout(r, 300));
    expect((await b.subscribe('b3', PROGRESS, { id: platformId })).type).toBe('next');
    b.close();
  });

  it('operations over the socket meet the same document limits as HTTP', async () => {
    const s = await open();
    const tokens = await s.subscribe('t', `{ ${'__typename '.repeat(4100)}}`);
    expect(tokens).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'QUERY_TOO_COMPLEX', limitedBy: 'tokens', limit: 4000 } }] });
    const cost = await s.subscribe('c', '{ activities(first: 100) { edges { node { id metrics { date } categories { name } } } } }');
    expect(cost).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'QUERY_TOO_COMPLEX', limitedBy: 'cost', cost: 2300, limit: 2000 } }] });
    const aliases = await s.subscribe('d', `{ ${Array.from({ length: 31 }, (_, i) => `h${i}: health { status }`).join(' ')} }`);
    expect(aliases).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'QUERY_TOO_COMPLEX', limitedBy: 'aliases', found: 31 } }] });
    // Refused operations hold no slot: two subscriptions still fit.
    expect((await s.subscribe('e', PROGRESS, { id: platformId })).type).toBe('next');
    expect((await s.subscribe('f', PROGRESS, { id: platformId })).type).toBe('next');
    s.close();
  });

  it('a socket with no operation is closed after WS_IDLE_TIMEOUT_SECONDS', async () => {
    const idle = await open();
    const busy = await open();
    expect((await busy.subscribe('x', PROGRESS, { id: platformId })).type).toBe('next');
    await idle.until(() => !!idle.closed, 10_000);
    expect(idle.closed).toEqual({ code: 1000, reason: 'Idle timeout' });
    // The socket holding a subscription stays open.
    expect(busy.closed).toBeUndefined();
    busy.close();
  });
});
