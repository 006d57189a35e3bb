import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The MongoDB-wire-compatible stand-in used when neither MONGODB_URI nor a real mongod is available:
 * mongo-java-server (Maven Central), chosen over FerretDB v1 by the compatibility probe
 * (docs/database.md). Its jars are fetched from Maven Central on first use, checked against the
 * pinned SHA-256 sums below, and cached with the compiled launcher.
 */
export const STANDIN_NAME = 'mongo-java-server';
export const STANDIN_VERSION = '1.47.0';

interface Artifact {
  group: string;
  artifact: string;
  version: string;
  sha256: string;
}

const NETTY = '4.2.2.Final';
const ARTIFACTS: Artifact[] = [
  { group: 'de.bwaldvogel', artifact: 'mongo-java-server', version: STANDIN_VERSION, sha256: '37fc487ab0ef924dee0acdc62e2de1ef1daffa7eb2fdf9b56e5d2f3bdc2b909b' },
  { group: 'de.bwaldvogel', artifact: 'mongo-java-server-core', version: STANDIN_VERSION, sha256: '9a34c9ad6ac6261906295481838256033ec1efc8c93a3e3828e5d47a006b0bd4' },
  { group: 'de.bwaldvogel', artifact: 'mongo-java-server-memory-backend', version: STANDIN_VERSION, sha256: '82864f8a2ede1514f64c2cd3a70e8022c259eb3d78975cfa208c1668ac1f12bb' },
  { group: 'de.bwaldvogel', artifact: 'mongo-java-server-h2-backend', version: STANDIN_VERSION, sha256: '58ca6760a25f8a05adfe8a0f7a8a042ca22bd472869028755931507cdce20e71' },
  { group: 'com.h2database', artifact: 'h2', version: '2.3.232', sha256: '8dae62d22db8982c3dcb3826edb9c727c5d302063a67eef7d63d82de401f07d3' },
  { group: 'io.netty', artifact: 'netty-buffer', version: NETTY, sha256: '4820eeb2d3db269b20b30711e3d7d21979664249aaf10fc67f90dee935810747' },
  { group: 'io.netty', artifact: 'netty-codec', version: NETTY, sha256: '6a4ea3cedc831a377e20e32da5df4d2a47b954810e941138e3358e313db3a7f9' },
  { group: 'io.netty', artifact: 'netty-codec-base', version: NETTY, sha256: '76987614ccb2fda7d3292b69ba5b61351f30e91bf5c7d8fa4b51bc32c9f67456' },
  { group: 'io.netty', artifact: 'netty-codec-compression', version: NETTY, sha256: '005734e20aceb5e2c030033f7e042c81ee444497efd110cfca8de445642652ac' },
  { group: 'io.netty', artifact: 'netty-codec-marshalling', version: NETTY, sha256: 'ae8bb7a077ca02357c922e3abc1acf1bf191d5e2776721d69cbca50a16281096' },
  { group: 'io.netty', artifact: 'netty-codec-protobuf', version: NETTY, sha256: 'cfe0c7e6e68d83480a639b533eb7edaaf3252cfae8b73d0e362859673a4f9d97' },
  { group: 'io.netty', artifact: 'netty-common', version: NETTY, sha256: '5d022f3acad74cb0f195f60213500a4000d1340e5e941edaf1a0e756686b9bae' },
  { group: 'io.netty', artifact: 'netty-handler', version: NETTY, sha256: 'd4ef582c78125457baa0cfa52992b5fb1bb9172d1a2c03b726e8b26e17d3fe2c' },
  { group: 'io.netty', artifact: 'netty-resolver', version: NETTY, sha256: 'fa7841ffe2e39d52251814fb8560d6936b10ae7c67453ee50426b83fd5170ba0' },
  { group: 'io.netty', artifact: 'netty-transport', version: NETTY, sha256: '116d766a1af4722fe76a4cdaed969644985d44e08ec1337d2dbab697dd109603' },
  { group: 'io.netty', artifact: 'netty-transport-native-unix-common', version: NETTY, sha256: 'aa8821a7ea2ca47f62740bd1f37d67deb97824cc77e76dde6ae2c439a923fc9d' },
  { group: 'org.slf4j', artifact: 'slf4j-api', version: '2.0.17', sha256: '7b751d952061954d5abfed7181c1f645d336091b679891591d63329c622eb832' },
  { group: 'org.slf4j', artifact: 'slf4j-simple', version: '2.0.17', sha256: 'ddfea59ac074c6d3e24ac2c38622d2d963895e17f70b38ed4bdae4d780be6964' },
];

/** The launcher's source sits next to this file in the repo and is copied beside dist/ by the build. */
function launcherSource(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'SoashStandIn.java'), join(here, 'standin', 'SoashStandIn.java'), join(here, '..', 'src', 'db', 'standin', 'SoashStandIn.java')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`SoashStandIn.java not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function standinCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.SOASH_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'soash');
  return join(base, `standin-${STANDIN_VERSION}`);
}

function which(cmd: string, env: NodeJS.ProcessEnv): string | undefined {
  const javaHome = env.JAVA_HOME;
  if (javaHome && existsSync(join(javaHome, 'bin', cmd))) return join(javaHome, 'bin', cmd);
  const r = spawnSync(cmd, ['-version'], { stdio: 'ignore' });
  return r.error ? undefined : cmd;
}

function javaMajor(java: string): number | undefined {
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m) return undefined;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major;
}

async function downloadOnce(url: string, sha256: string, dest: string): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const got = createHash('sha256').update(body).digest('hex');
  if (got !== sha256) throw new Error(`checksum mismatch for ${url}: expected ${sha256}, got ${got}`);
  const tmp = `${dest}.${process.pid}.tmp`;
  writeFileSync(tmp, body);
  renameSync(tmp, dest);
}

/** Downloads with retries (network hiccups happen); a checksum mismatch is not retried. */
async function download(url: string, sha256: string, dest: string, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadOnce(url, sha256, dest);
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const reason = e.cause ? `${e.message} (${e.cause.code ?? e.cause.message})` : e.message;
      if (attempt >= attempts || reason.includes('checksum mismatch')) throw new Error(`downloading ${url}: ${reason}`, { cause: err });
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
    }),
  );
}

/** A directory lock: mkdir is atomic. Stale locks (older than 10 minutes) are broken. */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, '.lock');
  mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* lock vanished meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface PreparedStandIn {
  java: string;
  classpath: string;
}

/**
 * Fetches the jars and compiles the launcher once; later calls only check the cache.
 * Needs a JDK 17+ (java and javac) and access to Maven Central (or MAVEN_REPOSITORY_URL).
 */
export async function prepareStandIn(env: NodeJS.ProcessEnv = process.env, onStep?: (msg: string) => void): Promise<PreparedStandIn> {
  const java = which('java', env);
  if (!java) throw new Error('java not found (install a JDK 17 or newer, or set JAVA_HOME)');
  const major = javaMajor(java);
  if (!major || major < 17) throw new Error(`java ${major ?? '?'} found; the stand-in needs Java 17 or newer`);
  const dir = standinCacheDir(env);
  const libDir = join(dir, 'lib');
  const classesDir = join(dir, 'classes');
  const source = launcherSource();
  const sourceHash = createHash('sha256').update(readFileSync(source)).digest('hex');
  const marker = join(dir, 'ready.json');
  const classpath = [classesDir, join(libDir, '*')].join(process.platform === 'win32' ? ';' : ':');
  const isReady = () => {
    try {
      return (JSON.parse(readFileSync(marker, 'utf8')) as { sourceHash?: string }).sourceHash === sourceHash;
    } catch {
      return false;
    }
  };
  if (isReady()) return { java, classpath };

  await withLock(dir, async () => {
    if (isReady()) return;
    const javac = which('javac', env);
    if (!javac) throw new Error('javac not found (the stand-in launcher is compiled once; install a full JDK 17+)');
    mkdirSync(libDir, { recursive: true });
    const repo = (env.MAVEN_REPOSITORY_URL || 'https://repo.maven.apache.org/maven2').replace(/\/$/, '');
    const missing = ARTIFACTS.filter((a) => !existsSync(join(libDir, `${a.artifact}-${a.version}.jar`)));
    if (missing.length) onStep?.(`fetching ${missing.length} stand-in jars from ${repo} (first use only)`);
    await eachLimited(missing, 4, (a) =>
      download(
        `${repo}/${a.group.replace(/\./g, '/')}/${a.artifact}/${a.version}/${a.artifact}-${a.version}.jar`,
        a.sha256,
        join(libDir, `${a.artifact}-${a.version}.jar`),
      ),
    );
    rmSync(classesDir, { recursive: true, force: true });
    mkdirSync(classesDir, { recursive: true });
    const r = spawnSync(javac, ['-nowarn', '-cp', join(libDir, '*'), '-d', classesDir, source], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`javac failed: ${(r.stderr || r.error?.message || '').trim().slice(0, 500)}`);
    writeFileSync(marker, JSON.stringify({ sourceHash, preparedAt: new Date().toISOString() }));
  });
  return { java, classpath };
}

export interface RunningStandIn {
  port: number;
  uri: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the stand-in; with `file` the data persists in an H2 store, otherwise in memory. */
export async function startStandIn(
  opts: { file?: string; port?: number; env?: NodeJS.ProcessEnv; onStep?: (msg: string) => void } = {},
): Promise<RunningStandIn> {
  const env = opts.env ?? process.env;
  const { java, classpath } = await prepareStandIn(env, opts.onStep);
  if (opts.file) mkdirSync(dirname(opts.file), { recursive: true });
  const args = [
    '-Xss4m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
    '-cp',
    classpath,
    'SoashStandIn',
    '--port',
    String(opts.port ?? 0),
    ...(opts.file ? ['--file', opts.file] : []),
  ];
  const child = spawn(java, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`stand-in did not start within 60 s: ${stderr.trim()}`)), 60_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stand-in exited with code ${code}: ${stderr.trim().slice(-500)}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  child.stdout!.resume();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      child.stdin!.end();
    }));
  return { port, uri: `mongodb://127.0.0.1:${port}/`, process: child, stop };
}
