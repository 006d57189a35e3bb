import { JobStatus, JobType } from '../../lib/graphql-enums.js';
import { log } from '../../lib/logger.js';
import { RateLimitModel } from '../../lib/rate-limit.js';
import { ActivityMetricModel } from '../activities/activity-metric.model.js';
import { MailMessageModel } from '../mail/mail-message.model.js';
import { StatsModel } from '../stats/stats.model.js';
import { SystemJobModel } from '../system-jobs/system-job.model.js';
import { RefreshTokenModel } from '../users/refresh-token.model.js';
import { pruneAuditEvents } from '../workspaces/audit.service.js';

const DAY_MS = 24 * 3600 * 1000;

/** How long the other collections with an expiry keep documents (their TTL indexes say the same). */
export const SYSTEM_JOB_RETENTION_DAYS = 30;
export const MAIL_OUTBOX_RETENTION_DAYS = 14;

export interface RetentionOptions {
  /** METRICS_RETENTION_DAYS: daily account stats and post snapshots older than this go. */
  metricsRetentionDays: number;
  now?: Date;
  agendaJobId?: string;
}

export type RetentionResult = Record<'stats' | 'activityMetrics' | 'systemJobs' | 'expiredSessions' | 'rateLimits' | 'mailOutbox' | 'auditEvents', number>;

/**
 * Deletes what has outlived its retention. The TTL indexes say the same, but not every server
 * expires documents (the stand-in never does, see docs/database.md), so this job enforces it.
 * Every run is logged as a SystemJob of type RETENTION. Deleting by date is idempotent: a re-run
 * after a crash deletes whatever is left.
 */
export async function pruneExpiredData(opts: RetentionOptions): Promise<RetentionResult> {
  const now = opts.now ?? new Date();
  const run = await SystemJobModel.create({
    jobType: JobType.RETENTION,
    status: JobStatus.RUNNING,
    startedAt: now,
    agendaJobId: opts.agendaJobId,
  });
  try {
    const metricsCutoff = new Date(now.getTime() - opts.metricsRetentionDays * DAY_MS);
    const jobsCutoff = new Date(now.getTime() - SYSTEM_JOB_RETENTION_DAYS * DAY_MS);
    const mailCutoff = new Date(now.getTime() - MAIL_OUTBOX_RETENTION_DAYS * DAY_MS);
    const result: RetentionResult = {
      stats: (await StatsModel.deleteMany({ date: { $lt: metricsCutoff } })).deletedCount,
      activityMetrics: (await ActivityMetricModel.deleteMany({ date: { $lt: metricsCutoff } })).deletedCount,
      systemJobs: (await SystemJobModel.deleteMany({ createdAt: { $lt: jobsCutoff }, _id: { $ne: run._id } })).deletedCount,
      expiredSessions: (await RefreshTokenModel.deleteMany({ expiresAt: { $lt: now } })).deletedCount,
      rateLimits: (await RateLimitModel.deleteMany({ expiresAt: { $lt: now } })).deletedCount,
      mailOutbox: (await MailMessageModel.deleteMany({ createdAt: { $lt: mailCutoff } })).deletedCount,
      // Audit events are kept AUDIT_RETENTION_DAYS (1 year).
      auditEvents: await pruneAuditEvents(now),
    };
    await SystemJobModel.updateOne(
      { _id: run._id },
      { $set: { status: JobStatus.COMPLETED, completedAt: new Date(), result: { ...result, metricsCutoff, jobsCutoff } } },
    );
    log.info('retention: expired data deleted', result);
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await SystemJobModel.updateOne(
      { _id: run._id },
      { $set: { status: JobStatus.FAILED, completedAt: new Date(), errorMessage: message.slice(0, 2000) } },
    ).catch(() => undefined);
    throw err;
  }
}
