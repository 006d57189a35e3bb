import { JobStatus, JobType } from '@soash/shared';
import type { Job } from 'agenda';
import { Types } from 'mongoose';
import { defineJob, scheduler, schedulerRunning } from '../../jobs/scheduler.js';
import { log } from '../../lib/logger.js';
import { startupTasks } from '../../startup.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { SystemJobModel } from '../system-jobs/system-job.model.js';
import { configureIdeaWriter } from './idea-writer.js';
import { generateInsightsForUser } from './insights.service.js';

/** Recomputes one user's patterns, insights and recommendations. Enqueued after every pull, and nightly. */
export const GENERATE_INSIGHTS_JOB = 'insights:generate';
/** Nightly fan-out: one insights:generate per user with an active account. */
export const NIGHTLY_INSIGHTS_JOB = 'insights:nightly';
/** 03:00 UTC every day. */
export const NIGHTLY_SCHEDULE = '0 3 * * *';

export interface GenerateInsightsData {
  workspaceId: string;
  /** Jobs queued before workspaces carried the user's id; the user's personal workspace has that id. */
  userId?: string;
}

/** Runs insights:generate for a user, recording the run as a SystemJob. */
export async function runGenerateInsights(data: GenerateInsightsData, job?: Pick<Job<GenerateInsightsData>, 'attrs'>): Promise<void> {
  const raw = data?.workspaceId ?? data?.userId;
  if (typeof raw !== 'string' || !Types.ObjectId.isValid(raw)) {
    log.warn('insights:generate without a valid workspaceId; skipped');
    return;
  }
  const workspaceId = new Types.ObjectId(raw);
  const run = await SystemJobModel.create({
    jobType: JobType.GENERATE_INSIGHTS,
    workspaceId,
    status: JobStatus.RUNNING,
    startedAt: new Date(),
    ...(job?.attrs._id ? { agendaJobId: String(job.attrs._id) } : {}),
  });
  try {
    const result = await generateInsightsForUser(workspaceId);
    if (result.partial) {
      log.warn('insights:generate hit its time budget; the result is partial and nothing was retired', { workspaceId: raw, ...result.partial });
    }
    await SystemJobModel.updateOne({ _id: run._id }, { $set: { status: JobStatus.COMPLETED, completedAt: new Date(), result } });
  } catch (err) {
    await SystemJobModel.updateOne(
      { _id: run._id },
      { $set: { status: JobStatus.FAILED, completedAt: new Date(), errorMessage: 'Generating insights failed' } },
    );
    log.error('insights:generate failed', { workspaceId: raw, error: err instanceof Error ? { name: err.name, message: err.message } : String(err) });
    throw err;
  }
}

defineJob<GenerateInsightsData>({
  name: GENERATE_INSIGHTS_JOB,
  concurrency: 2,
  lockLifetimeMs: 10 * 60_000,
  priority: 'low',
  run: (data, job) => runGenerateInsights(data, job),
});

/**
 * Asks for a user's insights to be regenerated. Requests for a user whose run is still waiting are
 * merged (one queued run per user), so a sync of several accounts does not queue one each.
 */
export async function enqueueInsights(workspaceId: Types.ObjectId | string): Promise<void> {
  const id = String(workspaceId);
  if (!schedulerRunning()) {
    log.debug('insights not enqueued: no scheduler in this process', { workspaceId: id });
    return;
  }
  const job = scheduler().agenda.create(GENERATE_INSIGHTS_JOB, { workspaceId: id });
  job.schedule(new Date());
  job.unique({ 'data.workspaceId': id, lastRunAt: null });
  await job.save();
}

/** Enqueues insights:generate for every user with an active account. */
export async function enqueueNightlyInsights(): Promise<number> {
  const workspaceIds = (await PlatformModel.distinct('workspaceId', { isActive: true })) as Types.ObjectId[];
  for (const id of workspaceIds) await enqueueInsights(id);
  return workspaceIds.length;
}

defineJob<Record<string, never>>({
  name: NIGHTLY_INSIGHTS_JOB,
  concurrency: 1,
  run: async () => {
    const n = await enqueueNightlyInsights();
    log.info('insights:nightly enqueued insights:generate', { users: n });
  },
});

/** At start-up: choose the idea writer (LLM or template) and make sure the nightly run is scheduled. */
startupTasks.push(async ({ config }) => {
  configureIdeaWriter(config);
  // every() upserts one job document by name, so any number of processes can call it.
  if (schedulerRunning()) await scheduler().agenda.every(NIGHTLY_SCHEDULE, NIGHTLY_INSIGHTS_JOB, {}, { timezone: 'UTC', skipImmediate: true });
});
