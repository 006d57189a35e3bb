import { loadConfig, type Config } from '../../config.js';
import { defineJob, scheduler, schedulerRunning } from '../../jobs/scheduler.js';
import { startupTasks } from '../../startup.js';
import { ATTEMPT_JOB, attemptReportDelivery, runDueSchedules, SCAN_INTERVAL, SCAN_JOB, type AttemptJobData } from './report-deliveries.js';
import { renderReportPdf } from './report-pdf.js';

/** The configuration the worker started with (mail transport, links); read from the environment when a job runs before it is set. */
let config: Config | undefined;

/** Every minute: start the runs that are due (report-deliveries.ts explains the claim). */
defineJob<Record<string, never>>({
  name: SCAN_JOB,
  concurrency: 1,
  lockLifetimeMs: 5 * 60_000,
  run: async () => {
    await runDueSchedules(new Date());
  },
});

/** One attempt of one delivery: the report rendered once (renderReportPdf), mailed to every recipient not yet sent. */
defineJob<AttemptJobData>({
  name: ATTEMPT_JOB,
  concurrency: 2,
  lockLifetimeMs: 10 * 60_000,
  run: async (data) => {
    await attemptReportDelivery(data.deliveryId, data.attempt, { config: (config ??= loadConfig()), renderPdf: renderReportPdf });
  },
});

startupTasks.push(async ({ config: c }) => {
  config = c;
  // every() upserts one job document by name, so any number of processes can call it.
  if (schedulerRunning()) await scheduler().agenda.every(SCAN_INTERVAL, SCAN_JOB, {}, { skipImmediate: true });
});
