import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
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

/**
 * One POST over a keep-alive connection, the body read whole. node:http rather than fetch: fetch
 * (undici) spends ~0.3–0.5 ms of its own per request on this machine (a 15 kB JSON answer from a
 * bare node server: 0.36–0.64 ms through fetch, 0.11–0.15 ms through node:http), time that is
 * neither Soash's nor its floor's. Every dashboard request (queries, page, load) goes through it.
 */
function post(agent: Agent, url: URL, body: string, token: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
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
  const endpoint = new URL(`${http.url}/graphql`);
  const agent = new Agent({ keepAlive: true });
  return {
    config,
    url: http.url,
    tokenFor: (user) => signAccessToken(config.jwtSecret, { sub: user._id.toHexString(), role: user.role }, 6 * 3600),
    gql: async (query, variables, token) => {
      const { status, text } = await post(agent, endpoint, JSON.stringify({ query, variables }), token);
      const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      if (status !== 200 || body.errors?.length) {
        throw new Error(`HTTP ${status}: ${body.errors?.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ') ?? 'no body'}`);
      }
      return body.data;
    },
    close: async () => {
      agent.destroy();
      await http.close();
    },
  };
}
