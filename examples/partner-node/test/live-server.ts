import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    soashUrl: string;
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

/**
 * A live Soash for the partner app: the production build of the API (packages/api/dist/main.js,
 * built by `npm test` before this runs) on a free port, with its embedded database and the demo
 * account (demo@soash.app, three sandbox accounts whose history the worker fills in). Set
 * SOASH_URL to run the tests against an instance that is already running instead.
 */
export default async function setup(project: TestProject) {
  if (process.env.SOASH_URL) {
    project.provide('soashUrl', process.env.SOASH_URL);
    return;
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'soash-partner-'));
  let output = '';
  const api: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd: join(root, 'packages', 'api'),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MONGODB_URI: '',
      EMBEDDED_DB_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      WORKER_POLL_MS: '500',
      DEMO_DATA: 'true',
      SYNC_COOLDOWN_SECONDS: '0',
      // Deliveries to the receiver on 127.0.0.1 (webhook targets must otherwise be public).
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      PUBLIC_URL: url,
      WEB_APP_URL: url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout!.on('data', (d) => (output += d));
  api.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (api.exitCode !== null) throw new Error(`the API exited while starting:\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      api.kill('SIGKILL');
      throw new Error(`the API did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('soashUrl', url);
  return async () => {
    if (api.exitCode === null) {
      const exited = new Promise((r) => api.once('exit', r));
      api.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
      clearTimeout(timer);
      if (api.exitCode === null) api.kill('SIGKILL');
    }
    api.stdout?.destroy();
    api.stderr?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
