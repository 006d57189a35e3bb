import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { TEST_JWT_SECRET, TEST_KEY_1 } from '../../../../test/helpers/server.js';
import { testDbName } from '../../../../test/setup-file.js';
import { DAY_MS } from '../../../connectors/common.js';
import { FakeInstagram } from '../../../connectors/instagram/fake-instagram.server.js';
import { startHarness, walkOAuth, waitFor, type Harness } from '../../../connectors/testing/harness.js';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { ActivityMetricModel } from '../../activities/activity-metric.model.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { SystemJobModel } from '../../system-jobs/system-job.model.js';

/**
 * A real worker process (src/worker.ts, compiled on the fly) pulls from the fake Instagram into
 * this test file's database and is killed with SIGKILL half-way. A second worker takes the job
 * over once Agenda's lock has expired and finishes it: complete data, no duplicates, and the
 * SystemJob records show the interrupted attempt and the recovery.
 */
const API_DIR = join(__dirname, '..', '..', '..', '..');

let fake: FakeInstagram;
let h: Harness;
const output: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  fake = await new FakeInstagram().start();
  // This process only enqueues; the child workers run the jobs.
  h = await startHarness(fake.env(), { processJobs: false });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await h?.close();
  await fake?.close();
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', './test/swc-register.mjs', 'src/worker.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      ...fake.env(),
      NODE_ENV: 'test',
      MONGODB_URI: inject('mongoUri'),
      MONGODB_DB: testDbName,
      JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEYS: TEST_KEY_1,
      WORKER_MODE: 'inline',
      WORKER_POLL_MS: '100',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'text',
      PUBLIC_URL: 'http://api.test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  children.push(child);
  return child;
}

const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

describe('worker crash: successful cases', () => {
  it('kill -9 mid-pull, restart: complete data, no duplicates, the failure and the recovery on record', { timeout: 180_000 }, async () => {
    const { token } = await createUser();
    const igId = '17841499990001';
    fake.addAccount(igId, 120);
    fake.consentAs = igId;
    const walk = await walkOAuth(h, token, 'INSTAGRAM');
    const platformId = new Types.ObjectId(walk.connectedId);
    const jobs = mongoose.connection.collection(JOBS_COLLECTION);
    // Keep only the activities backfill the connect queued.
    await jobs.deleteMany({ 'data.platformId': platformId.toHexString(), $nor: [{ name: 'platform:pull-activities', 'data.kind': 'backfill' }] });
    const job = (await jobs.findOne({ name: 'platform:pull-activities', 'data.platformId': platformId.toHexString() }))!;

    // Slow Instagram down so the pull is caught half-way.
    fake.delayMs = (req) => (req.path.includes('/insights') || req.path.endsWith('/media') ? 25 : 0);
    const first = startWorker();
    await waitFor(async () => (await ActivityModel.countDocuments({ platformId })) >= 50 && (await ActivityModel.countDocuments({ platformId })) < 120, 'the pull to be half-way', 120_000);
    first.kill('SIGKILL');
    await exited(first);
    expect(first.signalCode).toBe('SIGKILL');
    const partial = await ActivityModel.countDocuments({ platformId });
    expect(partial).toBeLessThan(120);
    const interrupted = (await SystemJobModel.findOne({ agendaJobId: String(job._id) }).lean())!;
    expect(interrupted).toMatchObject({ status: 'running', attempt: 1 });

    // Agenda hands a job to another worker once its lock has expired (5 minutes): fast-forward that.
    await jobs.updateOne({ _id: job._id }, { $set: { lockedAt: new Date(Date.now() - 10 * 60_000) } });
    fake.delayMs = 0;
    const second = startWorker();
    const runs = await waitFor(
      async () => {
        const r = await SystemJobModel.find({ agendaJobId: String(job._id) }).sort({ createdAt: 1 }).lean();
        return r.some((x) => x.status === 'completed') ? r : undefined;
      },
      'the second worker to finish the job',
      120_000,
    );
    second.kill('SIGTERM');
    await exited(second);

    expect(runs.map((r) => [r.status, r.attempt])).toEqual([
      ['failed', 1],
      ['completed', 2],
    ]);
    expect(runs[0]!.errorMessage).toMatch(/Interrupted/);
    expect(runs[0]!.completedAt).toBeInstanceOf(Date);
    expect(runs[1]!.result).toMatchObject({ posts: 120 });

    const posts = await ActivityModel.find({ platformId }, { externalId: 1 }).lean();
    expect(posts).toHaveLength(120);
    expect(new Set(posts.map((p) => p.externalId)).size).toBe(120);
    expect(new Set(posts.map((p) => p.externalId))).toEqual(new Set(fake.accounts.get(igId)!.media.map((m) => m.id)));
    const young = fake.accounts.get(igId)!.media.filter((m) => m.timestamp.getTime() >= Date.now() - 30 * DAY_MS).length;
    const snaps = await ActivityMetricModel.find({ platformId }, { activityId: 1, date: 1 }).lean();
    expect(snaps).toHaveLength(young);
    expect(new Set(snaps.map((s) => `${s.activityId.toHexString()}:${s.date.getTime()}`)).size).toBe(young);

    // The workers' own logs never contain a token either.
    const logs = output.join('');
    expect(logs).toMatch(/worker running/);
    for (const t of fake.issued()) expect(logs).not.toContain(t);
  });
});
