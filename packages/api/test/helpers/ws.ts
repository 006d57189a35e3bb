import { WebSocket } from 'ws';
import type { TestServer } from './server.js';

export type WsAnswer = { type: string; payload: any };

/** The first answer (`next` or `error`) to one operation over graphql-ws, with `token` in the connection params. */
export async function wsFirst(server: TestServer, token: string, query: string, variables?: Record<string, unknown>): Promise<WsAnswer> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const messages: Array<{ type: string; id?: string; payload?: any }> = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  const until = async (ok: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(messages)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  await until(() => messages.some((m) => m.type === 'connection_ack'));
  ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, ...(variables ? { variables } : {}) } }));
  await until(() => messages.some((m) => m.id === '1' && (m.type === 'next' || m.type === 'error')));
  ws.close();
  return messages.find((m) => m.id === '1' && (m.type === 'next' || m.type === 'error')) as WsAnswer;
}
