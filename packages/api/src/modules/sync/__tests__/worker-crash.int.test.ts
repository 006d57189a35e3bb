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
 * this test file's database and is killed with SIGKILL half-way. A second worker notices within a
 * minute that the run's owner is gone (its lease ran out: modules/system-jobs/run-lease.ts), marks
 * it failed and takes the job over at once, without waiting for Agenda's lock to expire: complete
 * data, no duplicates, and the SystemJob records show the interrupted attempt and the recovery.
 * Then a worker dies after completing a run but before Agenda recorded it: the next worker does
 * not run it again.
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
  it('kill -9 mid-pull, restart: complete data, no duplicates, the failure and the recovery on record', { timeout: 360_000 }, async () => {
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
    expect(interrupted).toMatchObject({ status: 'running', attempt: 1, ownerId: expect.any(String), heartbeatAt: expect.any(Date) });
    // Agenda's own lock would keep the job for minutes (LOCK_MS); nothing fast-forwards it here.
    expect((await jobs.findOne({ _id: job._id }))!.lockedAt).toBeInstanceOf(Date);

    fake.delayMs = 0;
    const restartedAt = Date.now();
    const second = startWorker();
    // Within 60 s of the restart, the run whose worker died is marked failed.
    const failed = await waitFor(
      async () => {
        const r = await SystemJobModel.findById(interrupted._id).lean();
        return r?.status === 'failed' ? r : undefined;
      },
      'the interrupted run to be marked failed',
      60_000,
    );
    expect(failed.completedAt!.getTime() - restartedAt).toBeLessThan(60_000);
    expect(failed.errorMessage).toMatch(/Interrupted/);
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

    // A worker dies after completing a run and before Agenda recorded it: the job document is left
    // locked, with no finish after the run started (what kill -9 between the two writes leaves).
    const completedRun = runs[1]!;
    await jobs.updateOne(
      { _id: job._id },
      { $set: { lockedAt: new Date(Date.now() - 10 * 60_000), lastFinishedAt: new Date(completedRun.startedAt!.getTime() - 1000), nextRunAt: null } },
    );
    const requests: string[] = [];
    fake.delayMs = (req) => {
      requests.push(req.path);
      return 0;
    };
    const third = startWorker();
    // Agenda hands the job out again (its lock is old); the worker takes it and finishes it at once.
    await waitFor(
      async () => {
        const j = await jobs.findOne({ _id: job._id });
        return j && !j.lockedAt && (j.lastFinishedAt as Date).getTime() > completedRun.completedAt!.getTime() ? j : undefined;
      },
      'the third worker to take the job and finish it',
      60_000,
    );
    third.kill('SIGTERM');
    await exited(third);
    // Not run a second time: no new run on record, no call to Instagram, the data as it was.
    expect((await SystemJobModel.find({ agendaJobId: String(job._id) }).sort({ createdAt: 1 }).lean()).map((r) => [r.status, r.attempt])).toEqual([
      ['failed', 1],
      ['completed', 2],
    ]);
    expect(requests).toEqual([]);
    expect(await ActivityModel.countDocuments({ platformId })).toBe(120);
    expect(await ActivityMetricModel.countDocuments({ platformId })).toBe(young);

    // The workers' own logs never contain a token either.
    const logs = output.join('');
    expect(logs).toMatch(/worker running/);
    for (const t of fake.issued()) expect(logs).not.toContain(t);
  });
});
