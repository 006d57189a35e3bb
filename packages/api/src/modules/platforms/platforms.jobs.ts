import { defineJob } from '../../jobs/scheduler.js';
import { connectorBackoff, jobContextOf } from '../sync/job-run.js';
import { JOB, type RefreshJobData } from './platform-schedule.js';
import { runTokenJob } from './platform-token-job.js';

defineJob<RefreshJobData>({
  name: JOB.REFRESH_TOKEN,
  concurrency: 5,
  lockLifetimeMs: 2 * 60_000,
  backoff: connectorBackoff,
  run: async (data, job) => {
    await runTokenJob(data, jobContextOf(job));
  },
});
