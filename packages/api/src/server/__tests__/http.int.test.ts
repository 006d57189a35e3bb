import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('HTTP endpoints', () => {
  it('GET /healthz answers while the process is up', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('GET /readyz reports the database and the scheduler', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: true, worker: true });
  });

  it('the GraphQL health query answers without sign-in', async () => {
    const { status, body } = await server.gql('{ health { status database worker version uptimeSeconds } }');
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ health: { status: 'ok', database: true, worker: true } });
  });

  it('browsers get GraphiQL at /graphql, with every asset served locally', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset.startsWith('/'), `${asset} must be local`).toBe(true);
      const res = await fetch(`${server.url}${asset}`);
      expect(res.status, asset).toBe(200);
    }
  });

  it('malformed queries get BAD_USER_INPUT, never a stack trace', async () => {
    const { body } = await server.gql('{ health { nope } }');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    const parse = await server.gql('{ health ');
    expect(parse.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(parse.body)).not.toMatch(/stacktrace|at .*\.ts:/);
  });

  it('unknown routes get a typed 404', async () => {
    const res = await fetch(`${server.url}/no/such/thing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found' } });
  });
});
