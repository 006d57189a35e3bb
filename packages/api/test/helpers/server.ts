import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../src/config.js';
import { startScheduler, type Scheduler } from '../../src/jobs/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { setEncryptionKeys } from '../../src/lib/crypto.js';
import { runtime } from '../../src/lib/runtime.js';
import { createHttpServer, type HttpServer } from '../../src/server/http.js';

/** Fixed test secrets, so tokens signed by helpers verify against any test server. */
export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
export const TEST_KEY_1 = `test1:${Buffer.alloc(32, 1).toString('base64')}`;

export function testConfig(overrides: Record<string, string> = {}): Config {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
    JWT_SECRET: TEST_JWT_SECRET,
    TOKEN_ENCRYPTION_KEYS: TEST_KEY_1,
    // Tests pose as many clients through X-Forwarded-For from 127.0.0.1 (the default trusts no proxy).
    TRUST_PROXY: 'loopback',
    // Rate-limit buckets 1000 times the plans' sizes, so suites never run out of points; the
    // rate-limit suite sets its own scale.
    API_POINTS_SCALE: '1000',
    ...overrides,
  });
  setEncryptionKeys(config.encryptionKeys);
  return config;
}

export type GqlResponse<T> = {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> };
};

export interface TestServer {
  config: Config;
  http: HttpServer;
  url: string;
  /** POST a GraphQL operation, optionally with a bearer token and extra headers (e.g. x-forwarded-for). */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

/** The real HTTP server on a random port, against this test file's database. */
export async function startTestServer(overrides: Record<string, string> = {}): Promise<TestServer> {
  const config = testConfig(overrides);
  runtime.workerRunning = () => true;
  const http = await createHttpServer(config, { port: 0, host: '127.0.0.1' });
  return {
    config,
    http,
    url: http.url,
    gql: async (query, variables, token, headers) => {
      const res = await fetch(`${http.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    close: () => http.close(),
  };
}

/** The first GraphQL error of a response body. */
export const errorOf = (body: GqlResponse<unknown>['body']) => body.errors?.[0];

/**
 * The test server of a test file, with an Agenda scheduler that queues jobs but never runs them
 * (connecting an account, syncing and the like queue work): started before the file's tests and
 * stopped after them. Returns the server; its members are usable once the tests run.
 */
export function useTestServer(overrides: Record<string, string> = {}): TestServer {
  let server: TestServer | undefined;
  let scheduler: Scheduler | undefined;
  beforeAll(async () => {
    server = await startTestServer(overrides);
    scheduler = await startScheduler({ processJobs: false, pollMs: 60_000 });
  });
  afterAll(async () => {
    await scheduler?.stop();
    await server?.close();
  });
  const started = () => {
    if (!server) throw new Error('useTestServer: the server starts in beforeAll');
    return server;
  };
  return {
    get config() {
      return started().config;
    },
    get http() {
      return started().http;
    },
    get url() {
      return started().url;
    },
    gql: (query, variables, token, headers) => started().gql(query, variables, token, headers),
    close: () => started().close(),
  };
}
