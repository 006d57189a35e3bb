import { randomBytes } from 'node:crypto';
import { signAccessToken } from '../auth/jwt.js';
import { loadConfig, type Config } from '../config.js';
import { useConnectorConfig } from '../connectors/config.js';
import { setEncryptionKeys } from '../lib/crypto.js';
import { configureLogger } from '../lib/logger.js';
import { runtime } from '../lib/runtime.js';
import { createHttpServer, type HttpServer } from '../server/http.js';
import type { User } from '../modules/users/user.model.js';

/** The real HTTP server (express + Apollo, production settings) on a random local port. */
export interface BenchApi {
  config: Config;
  url: string;
  /** A signed access token for `user`, as sign-in issues it (every request is authenticated with it). */
  tokenFor(user: Pick<User, '_id' | 'role'>): string;
  /** POSTs one operation; rejects on an HTTP error or a GraphQL error, so no failed request counts as fast. */
  gql(query: string, variables: Record<string, unknown>, token: string): Promise<unknown>;
  close(): Promise<void>;
}

export async function startBenchApi(): Promise<BenchApi> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    SERVE_WEB: 'false',
    WORKER_MODE: 'off',
    PUBLIC_URL: 'http://127.0.0.1',
    WEB_APP_URL: 'http://127.0.0.1',
    JWT_SECRET: randomBytes(32).toString('hex'),
    TOKEN_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
  });
  configureLogger({ level: 'error' });
  setEncryptionKeys(config.encryptionKeys);
  useConnectorConfig(config);
  runtime.workerRunning = () => true;
  const http: HttpServer = await createHttpServer(config, { port: 0, host: '127.0.0.1' });
  const endpoint = `${http.url}/graphql`;
  return {
    config,
    url: http.url,
    tokenFor: (user) => signAccessToken(config.jwtSecret, { sub: user._id.toHexString(), role: user.role }, 6 * 3600),
    gql: async (query, variables, token) => {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      if (res.status !== 200 || body.errors?.length) {
        throw new Error(`HTTP ${res.status}: ${body.errors?.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ') ?? 'no body'}`);
      }
      return body.data;
    },
    close: () => http.close(),
  };
}
