import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const artifactsDir = join(root, 'artifacts');

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

let api: ChildProcess | undefined;
let fakes: ChildProcess | undefined;
let dataDir: string | undefined;

/**
 * The fake Facebook and LinkedIn servers (packages/api/src/connectors/testing/browser-fakes.ts)
 * in a process of their own; resolves with the environment that points the API at them.
 */
function startPlatformFakes(): Promise<Record<string, string>> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--import', './test/swc-register.mjs', 'src/connectors/testing/browser-fakes.ts'], {
      cwd: join(root, 'packages', 'api'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    fakes = child;
    let out = '';
    let err = '';
    const timer = setTimeout(() => rej(new Error(`the platform fakes did not start:\n${err}`)), 60_000);
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        res(JSON.parse(line) as Record<string, string>);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`the platform fakes exited (${code}):\n${err}`));
    });
  });
}

/** Starts the production build of the API (which serves the built web app) on a free port. */
export default async function setup(project: TestProject) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Facebook and LinkedIn "real" connects go to fakes whose logins reach several accounts (the picker).
  const platformFakes = await startPlatformFakes();
  dataDir = mkdtempSync(join(tmpdir(), 'soash-e2e-'));
  let output = '';
  api = spawn(process.execPath, ['dist/main.js'], {
    cwd: join(root, 'packages', 'api'),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EMBEDDED_DB_PORT: String(await freePort()),
      WEB_DIST_DIR: join(root, 'packages', 'web', 'dist'),
      LOG_LEVEL: 'info',
      WORKER_POLL_MS: '500',
      // Short-lived access tokens, so the browser tests go through silent refreshes (in several tabs).
      ACCESS_TOKEN_TTL_SECONDS: '60',
      // The journey makes its own user; no demo account competing for the CPU.
      DEMO_DATA: 'false',
      // The journey opens dashboards far faster than a person: rate-limit buckets 20 times the plans'.
      API_POINTS_SCALE: '20',
      // Half a year of sandbox history gives the insight tests enough posts.
      BACKFILL_DAYS: '180',
      // The journey presses "Sync now" once per account and checks the countdown to the next one.
      SYNC_COOLDOWN_SECONDS: '600',
      // The webhooks test's receiver listens on 127.0.0.1, which deliveries refuse unless allowed.
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      // OAuth callbacks come back to the address the browser uses.
      PUBLIC_URL: baseUrl,
      WEB_APP_URL: baseUrl,
      ...platformFakes,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout!.on('data', (d) => (output += d));
  api.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (api.exitCode !== null) {
      fakes?.kill('SIGTERM');
      throw new Error(`the API exited while starting:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      fakes?.kill('SIGTERM');
      throw new Error(`the API did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api!.once('exit', r));
      api.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
      clearTimeout(timer);
      if (api.exitCode === null) api.kill('SIGKILL');
    }
    api?.stdout?.destroy();
    api?.stderr?.destroy();
    if (fakes && fakes.exitCode === null) fakes.kill('SIGTERM');
    fakes?.stdout?.destroy();
    fakes?.stderr?.destroy();
    // The API's log of the run, for diagnosing a failed browser test.
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'e2e-api.log'), output);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
