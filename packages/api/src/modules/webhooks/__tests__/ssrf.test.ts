import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress, EMPTY_ALLOWLIST, invalidAllowlistEntries, parseAllowlist, parseTargetUrl, resolveTarget, TargetRefused } from '../ssrf.js';
import { MAX_RESPONSE_BYTES, sendWebhook, STORED_RESPONSE_BYTES } from '../webhooks.sender.js';
import { startReceiver, type Receiver } from './receiver.js';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const LOCAL = parseAllowlist('127.0.0.1');

describe('SSRF guard: refused addresses', () => {
  const refused: Array<[string, RegExp]> = [
    ['10.1.2.3', /private network/],
    ['172.16.0.1', /private network/],
    ['192.168.1.10', /private network/],
    ['127.0.0.1', /loopback/],
    ['127.8.9.1', /loopback/],
    ['169.254.169.254', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['224.0.0.251', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['0.0.0.0', /unspecified/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fc00::1', /unique-local/],
    ['fd12:3456::1', /unique-local/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /IPv4-mapped/],
    ['::ffff:8.8.8.8', /IPv4-mapped/],
    ['64:ff9b::7f00:1', /translation/],
  ];
  for (const [address, words] of refused) {
    it(`refuses ${address}`, () => {
      expect(() => checkAddress(address, address, EMPTY_ALLOWLIST)).toThrow(words);
    });
  }

  it('accepts public unicast addresses', () => {
    for (const a of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111']) expect(() => checkAddress(a, a, EMPTY_ALLOWLIST)).not.toThrow();
  });

  it('a host name that resolves to 127.0.0.1 is refused without the allowlist (and when any of its addresses is private)', async () => {
    await expect(resolveTarget(new URL('http://localhost:9/x'), EMPTY_ALLOWLIST)).rejects.toThrow(/loopback/);
    const fake = async () => [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }];
    await expect(resolveTarget(new URL('https://hooks.example.com/x'), EMPTY_ALLOWLIST, fake)).rejects.toThrow(/resolves to 127\.0\.0\.1, a loopback/);
    await expect(resolveTarget(new URL('https://nowhere.invalid/x'), EMPTY_ALLOWLIST, async () => Promise.reject(new Error('ENOTFOUND')))).rejects.toThrow(/could not be resolved/);
  });

  it('the allowlist admits addresses, ranges and host names, nothing more', async () => {
    const allow = parseAllowlist('127.0.0.1, 10.0.0.0/8, hooks.internal');
    expect(() => checkAddress('127.0.0.1', '127.0.0.1', allow)).not.toThrow();
    expect(() => checkAddress('10.200.1.1', '10.200.1.1', allow)).not.toThrow();
    expect(() => checkAddress('192.168.0.1', 'hooks.internal', allow)).not.toThrow();
    expect(() => checkAddress('127.0.0.2', '127.0.0.2', allow)).toThrow(TargetRefused);
    expect(() => checkAddress('::ffff:127.0.0.1', '::ffff:127.0.0.1', allow)).toThrow(/IPv4-mapped/);
    expect(() => checkAddress('192.168.0.1', 'other.internal', allow)).toThrow(/private/);
    await expect(resolveTarget(new URL('http://hooks.internal/'), allow, async () => [{ address: '192.168.0.9', family: 4 }])).resolves.toEqual({ address: '192.168.0.9', family: 4 });
    expect(invalidAllowlistEntries('127.0.0.1,10.0.0.0/8,hooks.internal')).toEqual([]);
    expect(invalidAllowlistEntries('10.0.0.0/99, http://x, a b')).toEqual(['10.0.0.0/99', 'http://x', 'a b']);
  });

  it('URLs: http(s) only, no credentials', () => {
    expect(() => parseTargetUrl('ftp://example.com/')).toThrow(/https/);
    expect(() => parseTargetUrl('not a url')).toThrow(/Not a URL/);
    expect(() => parseTargetUrl('https://user:pw@example.com/')).toThrow(/user name or password/);
    expect(parseTargetUrl('https://example.com/hook?x=1').toString()).toBe('https://example.com/hook?x=1');
  });
});

describe('webhook sender', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  const msg = (body = '{"type":"webhook.test","timestamp":"2026-01-01T00:00:00.000Z","data":{}}') => ({ id: 'msg_test1', timestamp: new Date(), body });

  it('signs per Standard Webhooks: the standardwebhooks library verifies the request', async () => {
    receiver.script = [204];
    const before = receiver.received.length;
    const r = await sendWebhook(receiver.url, SECRET, msg(), { allow: LOCAL, timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: true, status: 204 });
    const got = receiver.received[before]!;
    expect(got.headers['webhook-id']).toBe('msg_test1');
    expect(got.headers['content-type']).toBe('application/json');
    expect(new Webhook(SECRET).verify(got.body, got.headers as Record<string, string>)).toEqual(JSON.parse(msg().body));
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 8).toString('base64')}`).verify(got.body, got.headers as Record<string, string>)).toThrow();
  });

  it('refuses at send time what the allowlist does not admit, without connecting', async () => {
    const before = receiver.received.length;
    const r = await sendWebhook(receiver.url, SECRET, msg(), { allow: EMPTY_ALLOWLIST, timeoutMs: 5000 });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/loopback/);
    expect(receiver.received.length).toBe(before);
  });

  it('connects to the checked address: a host name is not resolved a second time', async () => {
    receiver.script = [200];
    let calls = 0;
    const resolve = async () => {
      calls++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const url = receiver.url.replace('127.0.0.1', 'hooks.internal');
    const r = await sendWebhook(url, SECRET, msg(), { allow: parseAllowlist('hooks.internal'), timeoutMs: 5000, resolve });
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(calls).toBe(1);
    expect(receiver.received.at(-1)!.headers.host).toBe(new URL(url).host);
  });

  it('does not follow redirects', async () => {
    receiver.script = [(res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end()];
    const before = receiver.received.length;
    const r = await sendWebhook(receiver.url, SECRET, msg(), { allow: LOCAL, timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: false, status: 302, error: 'Answered 302 (redirects are not followed)' });
    expect(receiver.received.length).toBe(before + 1);
  });

  it('gives up after the timeout', async () => {
    receiver.script = [() => undefined];
    const r = await sendWebhook(receiver.url, SECRET, msg(), { allow: LOCAL, timeoutMs: 300 });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/No complete answer within/);
    expect(r.durationMs).toBeLessThan(5000);
  });

  it('reads at most the size cap of an answer and keeps 1 KiB of it', async () => {
    receiver.script = [
      (res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'x'.repeat(16 * 1024);
        for (let i = 0; i < 64; i++) res.write(chunk);
        res.end();
      },
    ];
    const r = await sendWebhook(receiver.url, SECRET, msg(), { allow: LOCAL, timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(r.body!.length).toBe(STORED_RESPONSE_BYTES);
    expect(MAX_RESPONSE_BYTES).toBeLessThan(64 * 16 * 1024);
  });

  it('a closed port is a failed attempt, not an exception', async () => {
    const r = await sendWebhook('http://127.0.0.1:9/x', SECRET, msg(), { allow: LOCAL, timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, error: 'Connection refused' });
  });
});
