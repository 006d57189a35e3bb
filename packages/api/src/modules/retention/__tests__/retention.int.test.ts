import mongoose, { Types } from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { testConfig } from '../../../../test/helpers/server.js';
import type { DatabaseServer } from '../../../db/harness.js';
import { JOBS_COLLECTION, startScheduler, type Scheduler } from '../../../jobs/scheduler.js';
import { RateLimitModel } from '../../../lib/rate-limit.js';
import { startupTasks } from '../../../startup.js';
import { ActivityMetricModel } from '../../activities/activity-metric.model.js';
import { MailMessageModel } from '../../mail/mail-message.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { SystemJobModel } from '../../system-jobs/system-job.model.js';
import { RefreshTokenModel } from '../../users/refresh-token.model.js';
import { AuditEventModel } from '../../workspaces/audit-event.model.js';
import { RETENTION_JOB, scheduleRetention } from '../retention.jobs.js';
import { pruneExpiredData } from '../retention.service.js';

const DAY = 24 * 3600 * 1000;
const NOW = new Date(Date.UTC(2026, 5, 15, 3, 0));
const daysAgo = (n: number, from = NOW) => new Date(from.getTime() - n * DAY);

let running: Scheduler | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await running?.stop();
  running = undefined;
  await mongoose.connection.db!.collection(JOBS_COLLECTION).deleteMany({});
});

/** Inserts raw documents (so createdAt can lie in the past). */
async function insertRaw(model: mongoose.Model<any>, docs: Record<string, unknown>[]) {
  await model.collection.insertMany(docs);
}

async function seed(now: Date) {
  const { user } = await createUser();
  const platformId = new Types.ObjectId();
  const activityId = new Types.ObjectId();
  const base = { workspaceId: user._id, platformId };
  await insertRaw(StatsModel, [400, 366, 365, 10].map((d) => ({ ...base, date: daysAgo(d, now), followers: d })));
  await insertRaw(ActivityMetricModel, [500, 365, 1].map((d) => ({ ...base, activityId, date: daysAgo(d, now), engagement: { total: d } })));
  await insertRaw(SystemJobModel, [45, 31, 29].map((d) => ({ jobType: 'sync_metrics', status: 'completed', workspaceId: user._id, createdAt: daysAgo(d, now), updatedAt: daysAgo(d, now), attempt: 1 })));
  await insertRaw(RefreshTokenModel, [
    { userId: user._id, familyId: 'f1', tokenHash: `h-${activityId}-1`, expiresAt: daysAgo(1, now) },
    { userId: user._id, familyId: 'f1', tokenHash: `h-${activityId}-2`, expiresAt: daysAgo(-5, now) },
  ]);
  await insertRaw(RateLimitModel, [
    { key: `k-${activityId}`, windowStart: daysAgo(2, now), count: 3, expiresAt: daysAgo(1, now) },
    { key: `k-${activityId}`, windowStart: now, count: 3, expiresAt: daysAgo(-1, now) },
  ]);
  await insertRaw(MailMessageModel, [20, 1].map((d) => ({ to: 'x@example.test', subject: 's', text: 't', kind: 'notice', createdAt: daysAgo(d, now), updatedAt: daysAgo(d, now) })));
  // Audit events are kept 365 days: the one 366 days old goes, the one exactly 365 days old stays.
  const auditWorkspaceId = new Types.ObjectId();
  await insertRaw(AuditEventModel, [366, 365, 2].map((d) => ({ workspaceId: auditWorkspaceId, action: 'member.joined', at: daysAgo(d, now) })));
  return { userId: user._id, workspaceId: user._id, auditWorkspaceId };
}

describe('retention: successful cases', () => {
  it('deletes what is past its retention, keeps the rest, and logs the run as a SystemJob', async () => {
    const { userId, workspaceId, auditWorkspaceId } = await seed(NOW);
    const result = await pruneExpiredData({ metricsRetentionDays: 365, now: NOW });
    expect(result).toEqual({ stats: 2, activityMetrics: 1, systemJobs: 2, expiredSessions: 1, rateLimits: 1, mailOutbox: 1, auditEvents: 1 });
    expect((await AuditEventModel.find({ workspaceId: auditWorkspaceId }).sort({ at: 1 }).lean()).map((e) => e.at)).toEqual([daysAgo(365), daysAgo(2)]);

    // The cut-off day itself is kept (strictly older goes).
    expect((await StatsModel.find({ workspaceId }).sort({ date: 1 }).lean()).map((s) => s.followers)).toEqual([365, 10]);
    expect(await ActivityMetricModel.countDocuments({ workspaceId })).toBe(2);
    expect(await SystemJobModel.countDocuments({ workspaceId })).toBe(1);
    expect(await RefreshTokenModel.countDocuments({ userId })).toBe(1);

    const runs = await SystemJobModel.find({ jobType: 'retention' }).lean();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', result: expect.objectContaining({ stats: 2, systemJobs: 2 }) });
    expect(runs[0]!.completedAt).toBeInstanceOf(Date);

    // A re-run (e.g. after a crash) finds nothing more to do.
    const again = await pruneExpiredData({ metricsRetentionDays: 365, now: NOW });
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });

  it('is scheduled once, daily, however often processes start', async () => {
    running = await startScheduler({ processJobs: false, pollMs: 60_000 });
    expect(startupTasks).toContain(scheduleRetention);
    const ctx = { config: testConfig(), database: {} as DatabaseServer, role: 'api' as const };
    await scheduleRetention(ctx);
    await scheduleRetention(ctx);
    const jobs = await mongoose.connection.db!.collection(JOBS_COLLECTION).find({ name: RETENTION_JOB }).toArray();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ type: 'single', repeatInterval: '1 day' });
  });

  it('runs through Agenda with METRICS_RETENTION_DAYS from the configuration', async () => {
    await SystemJobModel.deleteMany({ jobType: 'retention' });
    const { user } = await createUser();
    const now = new Date();
    await insertRaw(StatsModel, [100, 80].map((d) => ({ workspaceId: user._id, platformId: new Types.ObjectId(), date: daysAgo(d, now), followers: d })));

    running = await startScheduler({ processJobs: true, pollMs: 200 });
    await scheduleRetention({ config: testConfig({ METRICS_RETENTION_DAYS: '90' }), database: {} as DatabaseServer, role: 'worker' });
    // The first run is due at once; wait for its log entry.
    let run;
    for (let i = 0; i < 150 && !run; i++) {
      run = await SystemJobModel.findOne({ jobType: 'retention', status: { $in: ['completed', 'failed'] } }).lean();
      if (!run) await new Promise((r) => setTimeout(r, 200));
    }
    expect(run).toMatchObject({ status: 'completed', agendaJobId: expect.any(String) });
    expect((await StatsModel.find({ workspaceId: user._id }).lean()).map((s) => s.followers)).toEqual([80]);
  });
});

describe('retention: failing cases', () => {
  it('a failing run is logged as FAILED with the reason and rethrown', async () => {
    vi.spyOn(StatsModel, 'deleteMany').mockImplementationOnce(() => {
      throw new Error('disk on fire');
    });
    await expect(pruneExpiredData({ metricsRetentionDays: 365, now: NOW })).rejects.toThrow('disk on fire');
    const failed = await SystemJobModel.findOne({ jobType: 'retention', status: 'failed' }).lean();
    expect(failed).toMatchObject({ errorMessage: 'disk on fire' });
  });
});
