import { defineJob, scheduler, schedulerRunning } from '../../jobs/scheduler.js';
import { log } from '../../lib/logger.js';
import { httpRoutes } from '../../server/routes.js';
import { startupTasks } from '../../startup.js';
import { evaluateAllWorkspaces, sendDueDigests, useAlertsConfig } from './alerts.engine.js';

/**
 * `alerts:evaluate` (hourly): metric and re-authorisation rules of every workspace, on top of the
 * evaluation after each statistics update. `alerts:digest` (every 15 minutes): the daily digests
 * whose hour has come in their workspace's timezone.
 */
export const EVALUATE_JOB = 'alerts:evaluate';
export const DIGEST_JOB = 'alerts:digest';
export const EVALUATE_SCHEDULE = '7 * * * *';
export const DIGEST_SCHEDULE = '*/15 * * * *';

defineJob<Record<string, never>>({
  name: EVALUATE_JOB,
  concurrency: 1,
  priority: 'low',
  run: async () => {
    const r = await evaluateAllWorkspaces();
    log.info('alerts:evaluate done', r);
  },
});

defineJob<Record<string, never>>({
  name: DIGEST_JOB,
  concurrency: 1,
  run: async () => {
    const sent = await sendDueDigests();
    if (sent) log.info('alerts:digest sent', { mails: sent });
  },
});

startupTasks.push(async ({ config }) => {
  useAlertsConfig(config);
  // every() upserts one job document by name, so any number of processes can call it.
  if (!schedulerRunning()) return;
  await scheduler().agenda.every(EVALUATE_SCHEDULE, EVALUATE_JOB, {}, { timezone: 'UTC', skipImmediate: true });
  await scheduler().agenda.every(DIGEST_SCHEDULE, DIGEST_JOB, {}, { timezone: 'UTC', skipImmediate: true });
});
httpRoutes.push((_app, config) => useAlertsConfig(config));
