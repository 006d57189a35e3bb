import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STANDIN_NAME, STANDIN_VERSION, startStandIn } from './standin/standin.js';

/**
 * Where Soash's MongoDB comes from. Used by `npm start`, `npm run dev`, the tests and the benchmarks:
 *   1. MONGODB_URI, when set (production, docker-compose, Atlas).
 *   2. A real mongod through mongodb-memory-server, as a one-node replica set
 *      (persistent under DATA_DIR for the app, throwaway for tests).
 *   3. When no mongod can be obtained (no network to download it): the mongo-java-server stand-in,
 *      announced by exactly one warning line.
 */
export type DatabaseSource = 'uri' | 'mongod' | 'standin';

export interface DatabaseServer {
  uri: string;
  source: DatabaseSource;
  /** One line saying what runs, for logs and /readyz. */
  description: string;
  /** Multi-document transactions available (replica set). */
  transactions: boolean;
  stop(): Promise<void>;
}

export interface DatabaseAttempt {
  step: DatabaseSource;
  error: string;
}

export class DatabaseUnavailableError extends Error {
  constructor(readonly attempts: DatabaseAttempt[]) {
    super(
      `No MongoDB could be started. Tried:\n${attempts.map((a, i) => `  ${i + 1}. ${a.step}: ${a.error}`).join('\n')}\n` +
        'Set MONGODB_URI to a running MongoDB, or make a mongod available (internet access or MONGOMS_SYSTEM_BINARY), ' +
        'or install a JDK 17+ for the stand-in. See docs/database.md.',
    );
    this.name = 'DatabaseUnavailableError';
  }
}

export interface AcquireOptions {
  env?: NodeJS.ProcessEnv;
  /** Keep data between runs in this folder (app); omit for a throwaway server (tests, benchmarks). */
  persistDir?: string;
  /** Fixed port for the persistent mongod (its replica-set config remembers host:port). */
  persistentPort?: number;
  /** Receives the single fallback warning and progress lines. */
  warn?: (line: string) => void;
  info?: (line: string) => void;
  /** Injection points for tests of the selection order. */
  startMongod?: (opts: { persistDir?: string; port?: number }) => Promise<Omit<DatabaseServer, 'source'>>;
  startStandIn?: (opts: { persistDir?: string }) => Promise<Omit<DatabaseServer, 'source'>>;
}

function errorText(err: unknown): string {
  const e = err as { message?: string; code?: string };
  const msg = (e?.message ?? String(err)).split('\n').map((s) => s.trim()).filter(Boolean).join(' ');
  return msg.length > 300 ? `${msg.slice(0, 300)}…` : msg;
}

async function startMongodDefault(opts: { persistDir?: string; port?: number }): Promise<Omit<DatabaseServer, 'source'>> {
  // Loaded lazily: only machines without MONGODB_URI need it.
  const { MongoBinary, MongoMemoryReplSet } = await import('mongodb-memory-server-core');
  // Obtain the binary first (honours MONGOMS_SYSTEM_BINARY and MONGOMS_DOWNLOAD_DIR): when it cannot be
  // had, this throws quietly and the harness falls back; a server that then fails to start is a real error.
  const binaryPath = await MongoBinary.getPath();
  let dbPath: string | undefined;
  let port: number | undefined;
  if (opts.persistDir) {
    dbPath = join(opts.persistDir, 'mongod');
    mkdirSync(dbPath, { recursive: true });
    // The replica-set config stored in dbPath names host:port, so the port must stay the same.
    const portFile = join(opts.persistDir, 'mongod.port');
    port = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : opts.port;
    if (port) writeFileSync(portFile, String(port));
  }
  const replSet = await MongoMemoryReplSet.create({
    replSet: { count: 1, name: 'soash', storageEngine: 'wiredTiger' },
    instanceOpts: [{ dbPath, port, storageEngine: 'wiredTiger' }],
    binary: { systemBinary: binaryPath },
  });
  const uri = replSet.getUri();
  const version = (replSet.servers[0]?.opts.binary?.version as string | undefined) ?? 'default version';
  return {
    uri,
    description: `mongod ${version} (mongodb-memory-server, replica set${dbPath ? `, data in ${dbPath}` : ', throwaway'})`,
    transactions: true,
    stop: async () => {
      // Persistent data stays on disk; throwaway data goes with the server.
      await replSet.stop({ doCleanup: !dbPath, force: false });
    },
  };
}

async function startStandInDefault(opts: { persistDir?: string }, info?: (line: string) => void): Promise<Omit<DatabaseServer, 'source'>> {
  const file = opts.persistDir ? join(opts.persistDir, 'standin', 'soash.mv') : undefined;
  const s = await startStandIn({ file, onStep: info });
  return {
    uri: s.uri,
    description: `${STANDIN_NAME} ${STANDIN_VERSION} (${file ? `data in ${file}` : 'in memory'})`,
    transactions: false,
    stop: s.stop,
  };
}

export async function acquireDatabaseServer(opts: AcquireOptions = {}): Promise<DatabaseServer> {
  const env = opts.env ?? process.env;
  const uri = env.MONGODB_URI?.trim();
  if (uri) {
    return {
      uri,
      source: 'uri',
      description: `MONGODB_URI (${redactUri(uri)})`,
      // Unknown until connected; the connection reports the topology. Assume a replica set, as documented.
      transactions: true,
      stop: async () => {},
    };
  }

  const attempts: DatabaseAttempt[] = [];
  try {
    const m = await (opts.startMongod ?? startMongodDefault)({ persistDir: opts.persistDir, port: opts.persistentPort });
    return { ...m, source: 'mongod' };
  } catch (err) {
    attempts.push({ step: 'mongod', error: errorText(err) });
  }

  try {
    const s = await (opts.startStandIn ?? ((o) => startStandInDefault(o, opts.info)))({ persistDir: opts.persistDir });
    (opts.warn ?? ((l) => process.stderr.write(`${l}\n`)))(
      `database: no mongod available (${attempts[0]!.error}); using the stand-in ${s.description} at ${s.uri}` +
        ' (no transactions, partial aggregation support; see docs/database.md)',
    );
    return { ...s, source: 'standin' };
  } catch (err) {
    attempts.push({ step: 'standin', error: errorText(err) });
  }
  throw new DatabaseUnavailableError([{ step: 'uri', error: 'MONGODB_URI is not set' }, ...attempts]);
}

/** Hides credentials in a connection string. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//***@');
}
