import { defineJob } from '../../jobs/scheduler.js';
import { startupTasks } from '../../startup.js';
import { httpRoutes } from '../../server/routes.js';
import { attemptDelivery } from './webhooks.delivery.js';
import { DELIVER_JOB, type DeliverJobData } from './webhooks.emit.js';
import { useWebhookConfig } from './webhooks.config.js';

/**
 * One attempt of one delivery per job (the next attempt is its own job, queued by the attempt
 * before it: webhooks.delivery.ts). A run never throws for a failing receiver: failures are part of
 * the delivery's record, not job failures.
 */
defineJob<DeliverJobData>({
  name: DELIVER_JOB,
  concurrency: 5,
  lockLifetimeMs: 2 * 60_000,
  run: async (data) => {
    await attemptDelivery(data.deliveryId, data.attempt);
  },
});

startupTasks.push(async ({ config }) => useWebhookConfig(config));
httpRoutes.push((_app, config) => useWebhookConfig(config));
