import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectorError, permanentError, rateLimitedError, retryAfterMs, transientError } from './errors.js';
import type { RateLimitInfo } from './types.js';

/**
 * The HTTP layer every adapter uses (Node's fetch). It turns transport failures and status codes
 * into ConnectorErrors, lets the adapter classify the platform's own error bodies first, reports
 * rate-limit headers, and retries transient failures a couple of times in-process with
 * exponential backoff and jitter. Rate limits are never waited out here: they surface to the job,
 * which reschedules itself after the delay the platform asked for.
 *
 * URLs and bodies are never put into error messages (Meta APIs take the token as a query
 * parameter).
 */
export interface HttpRequest {
  method?: 'GET' | 'POST';
  url: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** application/x-www-form-urlencoded body. */
  form?: Record<string, string | undefined>;
  json?: unknown;
  bearer?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface HttpClientOptions {
  /** Platform name for messages. */
  platform: string;
  /**
   * The platform's own error format, checked before the generic status handling. Return a
   * ConnectorError to fail the request; undefined to fall through.
   */
  classify?(res: HttpResponse): ConnectorError | undefined;
  rateLimit?(headers: Headers): RateLimitInfo | undefined;
  onRateLimit?(info: RateLimitInfo): void;
  /** In-process retries of transient failures (default 2). */
  retries?: number;
  retryBaseMs?: number;
  timeoutMs?: number;
}

export interface HttpClient {
  request<T = unknown>(req: HttpRequest): Promise<T>;
  /** The raw response, after error handling. */
  send(req: HttpRequest): Promise<HttpResponse>;
}

/** Overridable for tests that want no waiting between in-process retries. */
export const httpDefaults = { retries: 2, retryBaseMs: 200, timeoutMs: 30_000 };

function buildUrl(req: HttpRequest): string {
  if (!req.query) return req.url;
  const url = new URL(req.url);
  for (const [k, v] of Object.entries(req.query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const platform = opts.platform;

  const once = async (req: HttpRequest): Promise<HttpResponse> => {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.bearer) headers.authorization = `Bearer ${req.bearer}`;
    let body: string | undefined;
    if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(req.form)) if (v !== undefined) form.set(k, v);
      body = form.toString();
    } else if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    }
    let res: Response;
    try {
      res = await fetch(buildUrl(req), {
        method: req.method ?? (body !== undefined ? 'POST' : 'GET'),
        headers,
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? httpDefaults.timeoutMs),
      });
    } catch (err) {
      const name = (err as Error)?.name;
      throw transientError(platform, name === 'TimeoutError' ? 'request timed out' : 'network error');
    }
    let parsed: unknown;
    try {
      parsed = await readBody(res);
    } catch {
      throw transientError(platform, 'response was cut off', res.status);
    }
    const out: HttpResponse = { status: res.status, headers: res.headers, body: parsed };
    const info = opts.rateLimit?.(res.headers);
    if (info) opts.onRateLimit?.(info);

    const classified = opts.classify?.(out);
    if (classified) throw classified;
    if (res.status === 429) throw rateLimitedError(platform, retryAfterMs(res.headers));
    if (res.status >= 500) throw transientError(platform, `HTTP ${res.status}`, res.status);
    if (res.status >= 400) throw permanentError(platform, `HTTP ${res.status}`, res.status);
    return out;
  };

  const send = async (req: HttpRequest): Promise<HttpResponse> => {
    const retries = opts.retries ?? httpDefaults.retries;
    const base = opts.retryBaseMs ?? httpDefaults.retryBaseMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(req);
      } catch (err) {
        if (!(err instanceof ConnectorError) || err.kind !== 'transient' || attempt >= retries) throw err;
        // Exponential backoff with full jitter.
        await sleep(Math.round(base * 2 ** attempt * (0.5 + Math.random() * 0.5)));
      }
    }
  };

  return {
    send,
    request: async <T>(req: HttpRequest) => (await send(req)).body as T,
  };
}
