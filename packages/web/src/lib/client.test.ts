import { Client, makeResult, type Exchange, type Operation } from 'urql';
import { GraphQLError } from 'graphql';
import { filter, fromPromise, mergeMap, pipe } from 'wonka';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginMutation as Login } from '../features/auth/LoginPage';
import { graphql } from '../gql';
import { Session, SESSION_KEY, type RefreshFn } from './auth/session';
import { sessionAuthExchange } from './client';

const Me = graphql(`
  query ClientTestMe {
    me {
      id
    }
  }
`);

function memory(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

function authHeader(op: Operation): string | undefined {
  const opts = typeof op.context.fetchOptions === 'function' ? op.context.fetchOptions() : op.context.fetchOptions;
  return (opts?.headers as Record<string, string> | undefined)?.Authorization;
}

/** A fake server: accepts only the current access token; records what it saw. */
function fakeServer(validToken: () => string) {
  const seen: (string | undefined)[] = [];
  const exchange: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) =>
        fromPromise(
          (async () => {
            const auth = authHeader(op);
            seen.push(auth);
            await new Promise((r) => setTimeout(r, 1));
            if (auth !== `Bearer ${validToken()}`) {
              return makeResult(op, { data: null, errors: [new GraphQLError('Access token expired', { extensions: { code: 'UNAUTHENTICATED' } })] });
            }
            return makeResult(op, { data: op.kind === 'mutation' ? { login: { accessToken: 'x', accessTokenExpiresAt: 'x', refreshToken: 'x' } } : { me: { id: 'u1' } } });
          })(),
        ),
      ),
    );
  return { exchange, seen };
}

const NOW = Date.parse('2026-03-01T12:00:00Z');
const sessions: Session[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

function setup({ elapsedMin = 0, serverToken = 'at2' } = {}) {
  let now = NOW;
  let n = 1;
  const refresh = vi.fn<RefreshFn>(async () => {
    n += 1;
    await new Promise((r) => setTimeout(r, 2));
    return { accessToken: `at${n}`, accessTokenExpiresAt: new Date(now + 15 * 60_000).toISOString(), refreshToken: `rt${n}` };
  });
  const session = new Session({ refresh, storage: memory({ [SESSION_KEY]: 'marker' }), channel: null, settleMs: 0, autoRefresh: false, now: () => now });
  sessions.push(session);
  session.replaceTokens({ accessToken: 'at1', accessTokenExpiresAt: new Date(NOW + 15 * 60_000).toISOString(), refreshToken: 'rt1' });
  now = NOW + elapsedMin * 60_000;
  const server = fakeServer(() => serverToken);
  const client = new Client({ url: '/graphql', exchanges: [sessionAuthExchange(session), server.exchange] });
  return { session, refresh, server, client };
}

describe('auth exchange', () => {
  it('sends the access token as a bearer token', async () => {
    const { client, server, refresh } = setup({ serverToken: 'at1' });
    const r = await client.query(Me, {}).toPromise();
    expect(r.data?.me.id).toBe('u1');
    expect(server.seen).toEqual(['Bearer at1']);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes once after UNAUTHENTICATED and retries every waiting operation with the new token', async () => {
    const { client, server, refresh } = setup();
    const results = await Promise.all([client.query(Me, {}).toPromise(), client.query(Me, {}, { requestPolicy: 'network-only', _k: 2 } as never).toPromise()]);
    expect(results.every((r) => r.data?.me.id === 'u1')).toBe(true);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server.seen.filter((s) => s === 'Bearer at2').length).toBeGreaterThanOrEqual(1);
  });

  it('refreshes before sending when the token is about to expire', async () => {
    const { client, server, refresh } = setup({ elapsedMin: 14.5 });
    const r = await client.query(Me, {}).toPromise();
    expect(r.data?.me.id).toBe('u1');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server.seen).toEqual(['Bearer at2']);
  });

  it('does not refresh for a failed sign-in (UNAUTHENTICATED there means wrong credentials)', async () => {
    const { client, refresh } = setup({ serverToken: 'nobody' });
    const r = await client.mutation(Login, { input: { email: 'a@b.co', password: 'wrongwrong' } }).toPromise();
    expect(r.error?.graphQLErrors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('retries only once: a second UNAUTHENTICATED is handed to the caller', async () => {
    const { client, refresh } = setup({ serverToken: 'never' });
    const r = await client.query(Me, {}).toPromise();
    expect(r.error?.graphQLErrors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
