import mongoose from 'mongoose';
import { defineJob, JOBS_COLLECTION, scheduler } from '../../jobs/scheduler.js';
import type { StartupTask } from '../../startup.js';
import { pruneExpiredData } from './retention.service.js';

export const RETENTION_JOB = 'retention:prune';
export const RETENTION_INTERVAL = '1 day';

/** Set from the configuration when the process starts (scheduleRetention); the same in every process. */
const settings = { metricsRetentionDays: 365 };

defineJob({
  name: RETENTION_JOB,
  concurrency: 1,
  priority: 'low',
  run: async (_data, job) => {
    await pruneExpiredData({ metricsRetentionDays: settings.metricsRetentionDays, agendaJobId: job.attrs._id?.toString() });
  },
});

/**
 * Start-up task: schedules the daily retention run once. Agenda keeps a single job of this name
 * (type "single"); when it exists already it is left alone, so restarts do not reset its state.
 */
export const scheduleRetention: StartupTask = async ({ config }) => {
  settings.metricsRetentionDays = config.METRICS_RETENTION_DAYS;
  const existing = await mongoose.connection.db
    ?.collection(JOBS_COLLECTION)
    .findOne({ name: RETENTION_JOB, type: 'single', repeatInterval: RETENTION_INTERVAL });
  if (existing) return;
  await scheduler().agenda.every(RETENTION_INTERVAL, RETENTION_JOB);
};
