import { defineJob } from '../../jobs/scheduler.js';
import { JOB, type PullJobData } from '../platforms/platform-schedule.js';
import { connectorBackoff, jobContextOf } from './job-run.js';
import { runPullJob } from './sync.service.js';

/** Pulls of account metrics and posts; retried with backoff that honours the platforms' delays. */
const LOCK_MS = 5 * 60_000;

defineJob<PullJobData>({
  name: JOB.PULL_STATS,
  concurrency: 3,
  lockLifetimeMs: LOCK_MS,
  backoff: connectorBackoff,
  run: async (data, job) => {
    await runPullJob('stats', data, jobContextOf(job));
  },
});

defineJob<PullJobData>({
  name: JOB.PULL_ACTIVITIES,
  concurrency: 3,
  lockLifetimeMs: LOCK_MS,
  backoff: connectorBackoff,
  run: async (data, job) => {
    await runPullJob('activities', data, jobContextOf(job));
  },
});

defineJob<PullJobData>({
  name: JOB.PULL_STORIES,
  concurrency: 2,
  lockLifetimeMs: LOCK_MS,
  backoff: connectorBackoff,
  run: async (data, job) => {
    await runPullJob('stories', data, jobContextOf(job));
  },
});
