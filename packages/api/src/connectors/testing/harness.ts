import '../../modules/index.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import mongoose from 'mongoose';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { startScheduler, type Scheduler } from '../../jobs/scheduler.js';
import { JobStatus, JobType } from '../../lib/graphql-enums.js';
import { configureLogger } from '../../lib/logger.js';
import { SystemJobModel, type SystemJob } from '../../modules/system-jobs/system-job.model.js';
import { retrySettings } from '../../modules/sync/job-run.js';
import { httpDefaults } from '../http.js';
import { useConnectorConfig } from '../config.js';

/**
 * What the connector integration tests share: the real HTTP server, an in-process Agenda worker
 * polling every 100 ms, captured log output, and helpers to walk the OAuth flow the way a browser
 * does and to wait for job runs.
 */
export interface Harness {
  server: TestServer;
  scheduler: Scheduler;
  /** Every log line written while the harness runs (debug level). */
  logs: string[];
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}, opts: { processJobs?: boolean } = {}): Promise<Harness> {
  const logs: string[] = [];
  configureLogger({ level: 'debug', write: (line) => logs.push(line) });
  httpDefaults.retryBaseMs = 5;
  retrySettings.baseMs = 200;
  const server = await startTestServer({ WEB_APP_URL: 'http://web.test', PUBLIC_URL: 'http://api.test', ...env });
  useConnectorConfig(server.config);
  const scheduler = await startScheduler({ processJobs: opts.processJobs ?? true, pollMs: 100 });
  return {
    server,
    scheduler,
    logs,
    close: async () => {
      await scheduler.stop();
      await server.close();
    },
  };
}

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, what = 'condition', timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const SYNC_TYPES = [JobType.SYNC_METRICS, JobType.SYNC_ACTIVITIES];

/** Waits until the account has sync runs and none is pending or running; returns them, oldest first. */
export async function waitForSync(platformId: string | mongoose.Types.ObjectId, minRuns = 2): Promise<SystemJob[]> {
  const id = new mongoose.Types.ObjectId(String(platformId));
  return waitFor(async () => {
    const jobs = await SystemJobModel.find({ platformId: id, jobType: { $in: SYNC_TYPES } }).sort({ createdAt: 1, _id: 1 }).lean<SystemJob[]>();
    const busy = jobs.some((j) => j.status === JobStatus.PENDING || j.status === JobStatus.RUNNING);
    return jobs.length >= minRuns && !busy ? jobs : undefined;
  }, `sync runs of ${id.toHexString()}`);
}

export interface OAuthWalk {
  authorizeUrl: URL;
  /** Where the API's callback redirected the browser. */
  landing: URL;
  connectedId?: string;
  error?: string;
}

/**
 * connectPlatform → the platform's authorize page (the fake consents at once and redirects) → the
 * API's callback → the web app. `tamper` may rewrite the callback URL (bad states, replays).
 */
export async function walkOAuth(h: Harness, userToken: string, type: string, tamper?: (callback: URL) => URL): Promise<OAuthWalk> {
  const { body } = await h.server.gql<{ connectPlatform: { authorizeUrl: string } }>(
    `mutation($input: ConnectPlatformInput!) { connectPlatform(input: $input) { authorizeUrl platform { id } } }`,
    { input: { type } },
    userToken,
  );
  if (body.errors?.length) throw new Error(`connectPlatform failed: ${JSON.stringify(body.errors)}`);
  const authorizeUrl = new URL(body.data!.connectPlatform.authorizeUrl);
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  if (consent.status !== 302) throw new Error(`fake authorize answered ${consent.status}`);
  // The platform redirects to PUBLIC_URL (http://api.test); send that request to the test server.
  let callback = new URL(consent.headers.get('location')!);
  callback = new URL(`${h.server.url}${callback.pathname}${callback.search}`);
  if (tamper) callback = tamper(callback);
  return finishCallback(h, authorizeUrl, callback);
}

export async function finishCallback(h: Harness, authorizeUrl: URL, callback: URL): Promise<OAuthWalk> {
  const res = await fetch(callback, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`callback answered ${res.status}: ${await res.text()}`);
  const landing = new URL(res.headers.get('location')!);
  return {
    authorizeUrl,
    landing,
    connectedId: landing.searchParams.get('connected') ?? undefined,
    error: landing.searchParams.get('error') ?? undefined,
  };
}

/**
 * Subscribes over graphql-ws and collects every event until the stream completes. `params` are
 * further connection parameters (e.g. `{ workspaceId }`, the socket's X-Workspace-Id).
 */
export async function collectSubscription<T>(
  h: { server: Pick<TestServer, 'url'> },
  token: string | undefined,
  query: string,
  variables: Record<string, unknown>,
  params: Record<string, string> = {},
): Promise<{ events: T[]; errors: unknown[] }> {
  const client = createClient({
    url: `${h.server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...params },
    lazy: true,
    retryAttempts: 0,
  });
  const events: T[] = [];
  const errors: unknown[] = [];
  try {
    await new Promise<void>((resolve) => {
      client.subscribe<T>(
        { query, variables },
        {
          next: (v) => {
            if (v.errors?.length) errors.push(...v.errors);
            if (v.data) events.push(v.data);
          },
          error: (e) => {
            errors.push(e);
            resolve();
          },
          complete: () => resolve(),
        },
      );
    });
  } finally {
    await client.dispose();
  }
  return { events, errors };
}
