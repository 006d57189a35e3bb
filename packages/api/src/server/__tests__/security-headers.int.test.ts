import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProjectRoot } from '../../config.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { contentSecurityPolicy } from '../security-headers.js';

/** A policy as directive → sources, so spacing does not matter. */
const parseCsp = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const requests: Array<[string, RequestInit & { path: string }]> = [
  ['GraphiQL', { path: '/graphql', headers: { accept: 'text/html' } }],
  ['a GraphQL request', { path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ health { status } }"}' }],
  ['a refused GraphQL request', { path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ nope }"}' }],
  ['a health check', { path: '/healthz' }],
  ['a GraphiQL asset', { path: '/_graphiql/init.js' }],
  ['an unknown path', { path: '/no/such/thing' }],
];

describe('security headers: successful cases', () => {
  for (const [what, { path, ...init }] of requests) {
    it(`${what} carries the CSP, nosniff, Referrer-Policy and no framing`, async () => {
      const res = await fetch(`${server.url}${path}`, init);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(parseCsp(csp)).toEqual(parseCsp(contentSecurityPolicy()));
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-powered-by')).toBeNull();
      // Plain HTTP: no HSTS.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });
  }

  it('GraphQL answers are never cached: no-store on a result, a refused query and a GET', async () => {
    const answers = [
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ health { status } }"}' }),
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ nope }"}' }),
      await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ health { status } }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 400, 200]);
    for (const res of answers) expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('HSTS is sent behind HTTPS (a trusted proxy saying X-Forwarded-Proto: https)', async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
  });

  it('GraphiQL has no inline script or style: everything it runs is a served file', async () => {
    const html = await (await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/_graphiql\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const init = await (await fetch(`${server.url}/_graphiql/init.js`)).text();
    expect(init).toContain('GraphiQL.createFetcher');
  });
});

describe('security headers: failing cases', () => {
  it('HSTS is not sent when an untrusted peer claims HTTPS', async () => {
    const strict = await startTestServer({ TRUST_PROXY: '' });
    try {
      const res = await fetch(`${strict.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await strict.close();
    }
  });

  it("nginx sends the API's policy for the web app it serves (deploy/security-headers.conf)", () => {
    const conf = readFileSync(join(findProjectRoot(), 'deploy', 'security-headers.conf'), 'utf8');
    expect(parseCsp(/add_header Content-Security-Policy "([^"]+)" always;/.exec(conf)?.[1] ?? '')).toEqual(parseCsp(contentSecurityPolicy()));
    for (const h of ['X-Content-Type-Options "nosniff"', 'X-Frame-Options "DENY"', 'Referrer-Policy "no-referrer"']) expect(conf).toContain(h);
    const nginx = readFileSync(join(findProjectRoot(), 'deploy', 'nginx.conf'), 'utf8');
    expect(nginx.match(/include \/etc\/nginx\/snippets\/security-headers\.conf;/g)).toHaveLength(2);
  });
});
