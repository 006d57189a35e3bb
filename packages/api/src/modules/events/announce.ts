import type { WebhookEventType } from '@soash/shared';
import type { Types } from 'mongoose';
import { alertsOnEvent } from '../alerts/alerts.engine.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';

/**
 * The one way a module announces something that happened (a sync finished or failed, an account
 * needs connecting again, a new insight, fresh statistics): the workspace's webhook endpoints get
 * it (emitWebhookEvent) and its alert rules see it (alertsOnEvent). Never throws. Answers the
 * number of webhook deliveries queued.
 */
export async function announce(workspaceId: Types.ObjectId | string, type: WebhookEventType, data: Record<string, unknown>, opts: { now?: Date } = {}): Promise<number> {
  const queued = await emitWebhookEvent(workspaceId, type, data, opts);
  await alertsOnEvent(workspaceId, type, data, opts.now);
  return queued;
}
