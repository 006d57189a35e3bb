import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { VERSION } from '../../version.js';
import { hostOf, parseTargetUrl, resolveTarget, TargetRefused, type Allowlist, type Resolver } from './ssrf.js';

/** Answers are read up to this many bytes, then the connection is closed. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
/** The start of the answer kept in the delivery log. */
export const STORED_RESPONSE_BYTES = 1024;

export interface SignedMessage {
  /** webhook-id */
  id: string;
  /** webhook-timestamp (the attempt's time) */
  timestamp: Date;
  /** The JSON body, exactly as signed. */
  body: string;
}

export interface SendResult {
  ok: boolean;
  status?: number;
  durationMs: number;
  body?: string;
  error?: string;
}

export interface SendOptions {
  allow: Allowlist;
  timeoutMs: number;
  resolve?: Resolver;
}

/** The Standard Webhooks headers of a message, signed with the endpoint's `whsec_…` secret. */
export function signedHeaders(secret: string, msg: SignedMessage): Record<string, string> {
  return {
    'webhook-id': msg.id,
    'webhook-timestamp': String(Math.floor(msg.timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(msg.id, msg.timestamp, msg.body),
  };
}

/**
 * One attempt: resolves and checks the target (SSRF guard), connects to the checked address (the
 * request's lookup answers it, so nothing is resolved again), POSTs the signed body, and reads at
 * most MAX_RESPONSE_BYTES of the answer. Redirects are not followed (a 3xx is a failure); the whole
 * attempt is bounded by `timeoutMs`. Never throws.
 */
export async function sendWebhook(rawUrl: string, secret: string, msg: SignedMessage, opts: SendOptions): Promise<SendResult> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  let url: URL;
  let target: { address: string; family: 4 | 6 };
  try {
    url = parseTargetUrl(rawUrl);
    target = await resolveTarget(url, opts.allow, opts.resolve);
  } catch (err) {
    return { ok: false, durationMs: elapsed(), error: err instanceof TargetRefused ? err.message : 'The target could not be checked' };
  }
  const pinned: LookupFunction = (_host, options, cb) => {
    if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: target.address, family: target.family }]);
    else cb(null, target.address, target.family);
  };
  const headers = {
    'content-type': 'application/json',
    'user-agent': `Soash-Webhooks/${VERSION}`,
    ...signedHeaders(secret, msg),
  };
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const done = (r: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, durationMs: elapsed() });
    };
    const req = lib.request(
      {
        protocol: url.protocol,
        hostname: hostOf(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(msg.body) },
        lookup: pinned,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const status = res.statusCode ?? 0;
          const body = Buffer.concat(chunks).subarray(0, STORED_RESPONSE_BYTES).toString('utf8');
          const ok = status >= 200 && status < 300;
          const error = ok ? undefined : status >= 300 && status < 400 ? `Answered ${status} (redirects are not followed)` : `Answered ${status}`;
          done({ ok, status, body, ...(error ? { error } : {}) });
        };
        res.on('data', (chunk: Buffer) => {
          if (size < STORED_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            // Enough: the status is known, the rest of the answer is not needed.
            finish();
            res.destroy();
          }
        });
        res.on('end', finish);
        res.on('error', finish);
        res.on('close', finish);
      },
    );
    const timer = setTimeout(() => {
      done({ ok: false, error: `No complete answer within ${Math.round(opts.timeoutMs / 1000)} s` });
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => done({ ok: false, error: connectionError(err) }));
    req.end(msg.body);
  });
}

function connectionError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'ECONNRESET':
      return 'Connection reset';
    case 'ETIMEDOUT':
      return 'Connection timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'Host unreachable';
    default:
      return err.code?.startsWith('ERR_TLS') || err.code?.includes('CERT') ? 'TLS error: the certificate was not accepted' : 'The connection failed';
  }
}
