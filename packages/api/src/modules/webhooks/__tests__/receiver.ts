import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  path: string;
}

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request and answers from `script`
 * (one entry per request since the script was set, the last one repeated): a status, or a function writing the answer.
 */
export interface Receiver {
  url: string;
  received: Received[];
  script: Array<number | ((res: http.ServerResponse) => void)>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const r = { received } as unknown as Receiver;
  // Assigning a script starts it from its first entry.
  let script: Receiver['script'] = [200];
  let served = 0;
  Object.defineProperty(r, 'script', {
    get: () => script,
    set: (s: Receiver['script']) => {
      script = s;
      served = 0;
    },
  });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), path: req.url ?? '' });
      const step = script[Math.min(served++, script.length - 1)] ?? 200;
      if (typeof step === 'function') return step(res);
      res.writeHead(step, { 'content-type': 'text/plain' });
      res.end(step >= 200 && step < 300 ? 'ok' : `failure ${step}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  r.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}
