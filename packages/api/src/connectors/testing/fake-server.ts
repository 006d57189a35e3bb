import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Base of the fake platform servers the connector tests run against (127.0.0.1, random port).
 * Each platform's fake declares routes that serve the documented payloads; tests can make the
 * next matching requests fail (`inject`: 429 with retry headers, 5xx, …) and slow every response
 * down (`delayMs`) to catch a worker mid-pull.
 */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The raw query string (Rest.li 2.0 parameters are read from it verbatim). */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: string;
  form: URLSearchParams;
  json: unknown;
  bearer?: string;
}

export interface FakeResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** 302 to this URL. */
  redirect?: string;
}

type Handler = (req: FakeRequest, params: Record<string, string>) => FakeResponse | Promise<FakeResponse>;
type Matcher = string | RegExp | ((req: FakeRequest) => boolean);

interface Route {
  method: string;
  re: RegExp;
  keys: string[];
  handler: Handler;
}

function matches(m: Matcher, req: FakeRequest): boolean {
  if (typeof m === 'function') return m(req);
  if (typeof m === 'string') return req.path.includes(m);
  return m.test(req.path);
}

export class FakeServer {
  url = '';
  readonly requests: FakeRequest[] = [];
  /** Added to every response (ms), or per request. */
  delayMs: number | ((req: FakeRequest) => number) = 0;
  private server?: Server;
  private readonly routes: Route[] = [];
  private faults: Array<{ match: Matcher; remaining: number; response: FakeResponse }> = [];

  protected route(method: string, pattern: string, handler: Handler): void {
    const keys: string[] = [];
    const re = new RegExp(
      `^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z_]+)/g, (_m, k: string) => {
        keys.push(k);
        return '([^/]+)';
      })}/?$`,
    );
    this.routes.push({ method, re, keys, handler });
  }

  /** The next `times` requests matching `match` get `response` instead of the normal answer. */
  inject(match: Matcher, response: FakeResponse, times = 1): void {
    this.faults.push({ match, remaining: times, response });
  }

  clearFaults(): void {
    this.faults = [];
  }

  count(match: Matcher): number {
    return this.requests.filter((r) => matches(match, r)).length;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const url = new URL(req.url ?? '/', 'http://fake');
          const body = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = body && String(req.headers['content-type']).includes('json') ? JSON.parse(body) : undefined;
          } catch {
            json = undefined;
          }
          const auth = req.headers.authorization;
          const fr: FakeRequest = {
            method: req.method ?? 'GET',
            path: decodeURIComponent(url.pathname),
            query: url.searchParams,
            rawQuery: (req.url ?? '').split('?')[1] ?? '',
            headers: req.headers,
            body,
            form: new URLSearchParams(String(req.headers['content-type']).includes('x-www-form-urlencoded') ? body : ''),
            json,
            bearer: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
          };
          this.requests.push(fr);
          let out: FakeResponse;
          try {
            out = await this.answer(fr);
          } catch (err) {
            out = { status: 500, body: { error: { message: err instanceof Error ? err.message : String(err) } } };
          }
          const delay = typeof this.delayMs === 'function' ? this.delayMs(fr) : this.delayMs;
          if (delay) await sleep(delay);
          if (out.redirect) {
            res.writeHead(302, { location: out.redirect, ...out.headers });
            res.end();
            return;
          }
          res.writeHead(out.status ?? 200, { 'content-type': 'application/json', ...out.headers });
          res.end(out.body === undefined ? '' : JSON.stringify(out.body));
        })();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private async answer(req: FakeRequest): Promise<FakeResponse> {
    const fault = this.faults.find((f) => f.remaining > 0 && matches(f.match, req));
    if (fault) {
      fault.remaining--;
      return fault.response;
    }
    for (const r of this.routes) {
      if (r.method !== req.method) continue;
      const m = r.re.exec(req.path);
      if (!m) continue;
      const params = Object.fromEntries(r.keys.map((k, i) => [k, m[i + 1]!]));
      return r.handler(req, params);
    }
    return { status: 404, body: { error: { message: `fake has no route for ${req.method} ${req.path}` } } };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections?.();
      this.server.close(() => resolve());
    });
  }
}

/** A deterministic pseudo-random number in [0, 1) from integers (fake datasets). */
export function fakeRandom(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const k of keys) {
    h ^= k + 0x7f4a7c15 + (h << 6) + (h >>> 2);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return (h >>> 0) / 4_294_967_296;
}
