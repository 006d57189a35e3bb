import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** A delivery whose signature checked out. */
export interface VerifiedEvent {
  /** The `webhook-id` header: the same for every retry of one message (deduplicate on it). */
  id: string;
  type: string;
  timestamp: string;
  data: unknown;
}

export interface ReceiverOptions {
  /**
   * The endpoint's signing secret (`whsec_…`), from createWebhookEndpoint. A function when the
   * secret is only known after the receiver's URL was registered (read on every delivery).
   */
  secret: string | (() => string);
  onEvent: (event: VerifiedEvent) => void | Promise<void>;
  /** Larger bodies are refused with 413 before verification (default 256 KiB). */
  maxBodyBytes?: number;
}

export interface Receiver {
  /** The URL to register, e.g. http://127.0.0.1:34567/webhooks/soash. */
  url: string;
  /** Deliveries refused (bad or missing signature, replayed timestamp, oversized): how many. */
  rejected: () => number;
  close: () => Promise<void>;
}

const PATH = '/webhooks/soash';

function headerRecord(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * Verifies one delivery with the Standard Webhooks reference library: the HMAC-SHA256 signature
 * over `webhook-id.webhook-timestamp.body`, and a timestamp within five minutes (replay guard).
 * Throws WebhookVerificationError when it does not check out.
 */
export function verifyDelivery(secret: string, rawBody: string, headers: Record<string, string>): VerifiedEvent {
  const payload = new Webhook(secret).verify(rawBody, headers) as { type?: unknown; timestamp?: unknown; data?: unknown };
  return {
    id: headers['webhook-id']!,
    type: String(payload.type),
    timestamp: String(payload.timestamp ?? headers['webhook-timestamp']),
    data: payload.data,
  };
}

/**
 * A small HTTP receiver for Soash webhooks on `host` (default 127.0.0.1) and a free port. It
 * verifies every delivery against the raw body before parsing anything, answers 204 quickly,
 * 401 to a bad signature, and hands each message to `onEvent` once (a retried `webhook-id` is
 * acknowledged again but not handed on twice).
 */
export function startReceiver(opts: ReceiverOptions, host = '127.0.0.1', port = 0): Promise<Receiver> {
  const seen = new Set<string>();
  const max = opts.maxBodyBytes ?? 256 * 1024;
  let rejected = 0;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== PATH) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the cap the rest is drained and dropped, never buffered.
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => {
      if (size > max) {
        rejected++;
        res.writeHead(413).end();
        return;
      }
      let event: VerifiedEvent;
      try {
        event = verifyDelivery(typeof opts.secret === 'function' ? opts.secret() : opts.secret, Buffer.concat(chunks).toString('utf8'), headerRecord(req.headers));
      } catch (err) {
        rejected++;
        res.writeHead(err instanceof WebhookVerificationError ? 401 : 400).end();
        return;
      }
      res.writeHead(204).end();
      if (seen.has(event.id)) return;
      seen.add(event.id);
      void Promise.resolve(opts.onEvent(event)).catch((e) => console.error('webhook handler failed', e));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: p } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${p}${PATH}`,
        rejected: () => rejected,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
