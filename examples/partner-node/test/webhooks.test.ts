import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver, type VerifiedEvent } from '../src/webhooks.js';

/** The receiver against deliveries signed with the Standard Webhooks library (as Soash signs them). */
const secret = `whsec_${randomBytes(32).toString('base64')}`;
let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function deliver(url: string, opts: { id?: string; body?: string; sign?: string; at?: Date } = {}) {
  const id = opts.id ?? `msg_${randomBytes(8).toString('hex')}`;
  const at = opts.at ?? new Date();
  const body = opts.body ?? JSON.stringify({ type: 'sync.completed', timestamp: at.toISOString(), data: { platformId: 'p1' } });
  const signature = new Webhook(opts.sign ?? secret).sign(id, at, body);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature },
    body,
  });
  return res.status;
}

describe('webhook receiver: successful cases', () => {
  it('accepts a correctly signed delivery and hands its event on', async () => {
    const events: VerifiedEvent[] = [];
    receiver = await startReceiver({ secret, onEvent: (e) => void events.push(e) });
    expect(await deliver(receiver.url, { id: 'msg_1' })).toBe(204);
    await expect.poll(() => events.length).toBe(1);
    expect(events[0]).toMatchObject({ id: 'msg_1', type: 'sync.completed', data: { platformId: 'p1' } });
  });

  it('acknowledges a retried webhook-id again but hands it on once', async () => {
    const events: VerifiedEvent[] = [];
    receiver = await startReceiver({ secret, onEvent: (e) => void events.push(e) });
    expect(await deliver(receiver.url, { id: 'msg_same' })).toBe(204);
    expect(await deliver(receiver.url, { id: 'msg_same' })).toBe(204);
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toHaveLength(1);
  });
});

describe('webhook receiver: failing cases', () => {
  it('refuses a delivery signed with another secret, a changed body and a stale timestamp', async () => {
    const events: VerifiedEvent[] = [];
    receiver = await startReceiver({ secret, onEvent: (e) => void events.push(e) });
    expect(await deliver(receiver.url, { sign: `whsec_${randomBytes(32).toString('base64')}` })).toBe(401);
    expect(await deliver(receiver.url, { at: new Date(Date.now() - 3_600_000) })).toBe(401);
    const id = 'msg_tampered';
    const at = new Date();
    const signed = JSON.stringify({ type: 'sync.completed', data: { platformId: 'p1' } });
    const res = await fetch(receiver.url, {
      method: 'POST',
      headers: { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, signed) },
      body: signed.replace('p1', 'p2'),
    });
    expect(res.status).toBe(401);
    expect(receiver.rejected()).toBe(3);
    expect(events).toHaveLength(0);
  });

  it('refuses an unsigned delivery and an oversized body', async () => {
    receiver = await startReceiver({ secret, onEvent: () => undefined, maxBodyBytes: 1024 });
    expect((await fetch(receiver.url, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(await deliver(receiver.url, { body: JSON.stringify({ type: 'x', data: 'y'.repeat(4096) }) })).toBe(413);
  });
});
