import mongoose, { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { ALREADY_COMPLETED, runTracked } from '../../sync/job-run.js';
import { INTERRUPTED_MESSAGE, LEASE, PROCESS_OWNER_ID, reapInterruptedRuns } from '../run-lease.js';
import { SystemJobModel } from '../system-job.model.js';

const ago = (ms: number) => new Date(Date.now() - ms);
const jobs = () => mongoose.connection.collection(JOBS_COLLECTION);

async function agendaJob(lockedAt: Date | null) {
  const _id = new Types.ObjectId();
  await jobs().insertOne({ _id, name: 'platform:pull-activities', data: {}, lockedAt, nextRunAt: null });
  return _id;
}

describe('run leases: successful cases', () => {
  it('a running run whose heartbeat is older than the lease is marked failed and its Agenda job unlocked', async () => {
    const deadJob = await agendaJob(ago(LEASE.LEASE_MS + 5_000));
    const dead = await SystemJobModel.create({ jobType: 'sync_activities', status: 'running', startedAt: ago(120_000), heartbeatAt: ago(LEASE.LEASE_MS + 5_000), agendaJobId: String(deadJob), ownerId: 'gone' });
    // Alive: a recent heartbeat.
    const liveJob = await agendaJob(ago(2_000));
    const live = await SystemJobModel.create({ jobType: 'sync_activities', status: 'running', startedAt: ago(120_000), heartbeatAt: ago(2_000), agendaJobId: String(liveJob), ownerId: 'alive' });
    // From before leases existed: no heartbeat, started long ago.
    const legacy = await SystemJobModel.create({ jobType: 'sync_metrics', status: 'running', startedAt: ago(10 * 60_000) });
    const done = await SystemJobModel.create({ jobType: 'sync_metrics', status: 'completed', startedAt: ago(10 * 60_000), heartbeatAt: ago(10 * 60_000) });

    const closed = await reapInterruptedRuns();
    expect(closed.map(String).sort()).toEqual([String(dead._id), String(legacy._id)].sort());
    expect(await SystemJobModel.findById(dead._id).lean()).toMatchObject({ status: 'failed', errorMessage: INTERRUPTED_MESSAGE, completedAt: expect.any(Date), progress: { phase: 'failed' } });
    expect(await SystemJobModel.findById(legacy._id).lean()).toMatchObject({ status: 'failed' });
    expect(await SystemJobModel.findById(live._id).lean()).toMatchObject({ status: 'running' });
    expect(await SystemJobModel.findById(done._id).lean()).toMatchObject({ status: 'completed' });
    // The dead run's job is handed out at the next poll (a lock older than any lock lifetime).
    expect((await jobs().findOne({ _id: deadJob }))!.lockedAt).toEqual(new Date(0));
    expect(((await jobs().findOne({ _id: liveJob }))!.lockedAt as Date).getTime()).toBeGreaterThan(Date.now() - 10_000);
    // A second sweep (another worker) finds nothing more.
    expect(await reapInterruptedRuns()).toEqual([]);
  });

  it('runTracked renews the lease while it runs, and owns its run', async () => {
    const touches: number[] = [];
    const original = LEASE.HEARTBEAT_MS;
    LEASE.HEARTBEAT_MS = 50;
    try {
      let id: Types.ObjectId | undefined;
      const beats: Date[] = [];
      await runTracked({ jobType: 'sync_metrics' as never, ctx: { touch: async () => void touches.push(Date.now()) } }, async (run) => {
        id = run.id;
        for (let i = 0; i < 4; i++) {
          await new Promise((r) => setTimeout(r, 80));
          beats.push((await SystemJobModel.findById(run.id).lean())!.heartbeatAt!);
        }
        return { result: {} };
      });
      expect((await SystemJobModel.findById(id).lean())!).toMatchObject({ status: 'completed', ownerId: PROCESS_OWNER_ID });
      expect(new Set(beats.map((b) => b.getTime())).size).toBeGreaterThan(1);
      expect(touches.length).toBeGreaterThan(0);
    } finally {
      LEASE.HEARTBEAT_MS = original;
    }
  });
});

describe('run leases: failing cases', () => {
  it('a run Agenda hands out again after it completed is not run a second time; an interrupted one is, as the next attempt', async () => {
    const agendaJobId = String(new Types.ObjectId());
    const lastFinishedAt = ago(60_000);
    await SystemJobModel.create({ jobType: 'sync_activities', status: 'failed', attempt: 1, startedAt: ago(50_000), agendaJobId, errorMessage: INTERRUPTED_MESSAGE });
    let ran = 0;
    const work = async () => {
      ran += 1;
      return { result: { posts: 1 } };
    };
    // The interrupted run is retried, counted as attempt 2.
    const first = await runTracked({ jobType: 'sync_activities' as never, ctx: { agendaJobId, lastFinishedAt, failCount: 0 }, onceOnly: true }, work);
    expect(first).toEqual({ result: { posts: 1 } });
    expect((await SystemJobModel.find({ agendaJobId }).sort({ startedAt: 1 }).lean()).map((r) => [r.status, r.attempt])).toEqual([
      ['failed', 1],
      ['completed', 2],
    ]);
    // Handed out again before Agenda recorded the finish: nothing runs, nothing is recorded.
    expect(await runTracked({ jobType: 'sync_activities' as never, ctx: { agendaJobId, lastFinishedAt, failCount: 0 }, onceOnly: true }, work)).toEqual(ALREADY_COMPLETED);
    expect(ran).toBe(1);
    expect(await SystemJobModel.countDocuments({ agendaJobId })).toBe(2);
    // Once Agenda recorded the finish, the next (scheduled) run is a new one.
    await runTracked({ jobType: 'sync_activities' as never, ctx: { agendaJobId, lastFinishedAt: new Date(), failCount: 0 }, onceOnly: true }, work);
    expect(ran).toBe(2);
  });
});
