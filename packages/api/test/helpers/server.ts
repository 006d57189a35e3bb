import type { Config } from '../../src/config.js';
import { loadConfig } from '../../src/config.js';
import { runtime } from '../../src/lib/runtime.js';
import { createHttpServer, type HttpServer } from '../../src/server/http.js';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SERVE_WEB: 'false', ...overrides });
}

export interface TestServer {
  config: Config;
  http: HttpServer;
  url: string;
  /** POST a GraphQL operation; returns the parsed body and status. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ status: number; body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }>;
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
    gql: async (query, variables, token) => {
      const res = await fetch(`${http.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    close: () => http.close(),
  };
}
