import { defineJob } from '../../jobs/scheduler.js';
import { JOB, type PullJobData } from '../platforms/platform-schedule.js';
import { connectorBackoff, jobContextOf } from './job-run.js';
import { runPullJob } from './sync.service.js';

/** Pulls of account metrics and posts; retried with backoff that honours the platforms' delays. */
const LOCK_MS = 5 * 60_000;

const PULLS = [
  { name: JOB.PULL_STATS, kind: 'stats', concurrency: 3 },
  { name: JOB.PULL_ACTIVITIES, kind: 'activities', concurrency: 3 },
  { name: JOB.PULL_STORIES, kind: 'stories', concurrency: 2 },
] as const;

for (const { name, kind, concurrency } of PULLS) {
  defineJob<PullJobData>({
    name,
    concurrency,
    lockLifetimeMs: LOCK_MS,
    backoff: connectorBackoff,
    run: async (data, job) => {
      await runPullJob(kind, data, jobContextOf(job));
    },
  });
}
