import { InsightType, Priority, WEBHOOK_DISABLE_AFTER_MS, WEBHOOK_RETRY_SCHEDULE_MS, WEBHOOK_TEST_EVENT, WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { decryptSecret } from '../../lib/crypto.js';
import { log } from '../../lib/logger.js';
import { AiInsightModel } from '../insights/insight.model.js';
import { sendWebhookDisabledEmail } from '../mail/mail.service.js';
import { UserModel } from '../users/user.model.js';
import { TeamMemberModel } from '../workspaces/team-member.model.js';
import { WorkspaceModel } from '../workspaces/workspace.model.js';
import { WebhookDeliveryModel, WebhookDeliveryStatus, type WebhookDelivery } from './webhook-delivery.model.js';
import { WebhookEndpointModel, type WebhookEndpoint } from './webhook-endpoint.model.js';
import { scheduleAttempt } from './webhooks.emit.js';
import { sendWebhook, type SendResult } from './webhooks.sender.js';
import { webhookSettings, type WebhookSettings } from './webhooks.config.js';

/**
 * One attempt of a delivery, run by the `webhook:deliver` job. At least once: a failed attempt
 * queues the next one after WEBHOOK_RETRY_SCHEDULE_MS (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h:
 * 8 attempts over about 27 hours), every one with the same `webhook-id`. An endpoint whose
 * attempts have all failed for WEBHOOK_DISABLE_AFTER_MS (a day) is disabled and its owners and
 * admins told (mail and an in-app notice). `now` is the job's clock: it decides the schedule and
 * the disabling; the signature's `webhook-timestamp` is the moment the request is sent.
 */
export interface AttemptOutcome {
  status: WebhookDeliveryStatus | 'skipped';
  nextAttemptAt?: Date;
  endpointDisabled?: boolean;
}

/** Attempts kept in a delivery's log. */
const ATTEMPTS_KEPT = 20;
/** An attempt claimed by a worker that died is taken over after this long. */
const CLAIM_MS = 2 * 60_000;

export const disabledNoticeKey = (endpointId: Types.ObjectId) => `webhook:${endpointId.toHexString()}`;

export async function attemptDelivery(deliveryId: string, attempt: number, now = new Date(), settings: WebhookSettings = webhookSettings()): Promise<AttemptOutcome> {
  if (!Types.ObjectId.isValid(deliveryId)) return { status: 'skipped' };
  const _id = new Types.ObjectId(deliveryId);
  // Claim this attempt: a second run of the same job (or an old one) finds nothing to do.
  const delivery = await WebhookDeliveryModel.findOneAndUpdate(
    { _id, status: WebhookDeliveryStatus.PENDING, attemptCount: attempt - 1, $or: [{ claimedUntil: { $exists: false } }, { claimedUntil: null }, { claimedUntil: { $lt: now } }] },
    { $set: { claimedUntil: new Date(now.getTime() + settings.timeoutMs + CLAIM_MS) } },
    { returnDocument: 'after' },
  ).lean<WebhookDelivery>();
  if (!delivery) return { status: 'skipped' };
  const isTest = delivery.eventType === WEBHOOK_TEST_EVENT;
  const endpoint = await WebhookEndpointModel.findOne({ _id: delivery.endpointId, workspaceId: delivery.workspaceId }).select('+secretEnc').lean<WebhookEndpoint>();
  if (!endpoint || (!endpoint.enabled && !isTest)) {
    await finish(_id, WebhookDeliveryStatus.FAILED, { error: endpoint ? 'The endpoint is disabled' : 'The endpoint was deleted' });
    return { status: WebhookDeliveryStatus.FAILED };
  }

  const result = await sendWebhook(endpoint.url, decryptSecret(endpoint.secretEnc), { id: delivery.messageId, timestamp: new Date(), body: delivery.payload }, settings);
  const record = attemptRecord(now, result);

  if (result.ok) {
    await recordAttempt(_id, attempt, record, result, { status: WebhookDeliveryStatus.SUCCEEDED });
    if (!isTest) await WebhookEndpointModel.updateOne({ _id: endpoint._id }, { $set: { lastSuccessAt: now }, $unset: { failingSince: 1 } });
    return { status: WebhookDeliveryStatus.SUCCEEDED };
  }

  // A test delivery is tried once and says nothing about the endpoint's health.
  if (isTest) {
    await recordAttempt(_id, attempt, record, result, { status: WebhookDeliveryStatus.FAILED });
    return { status: WebhookDeliveryStatus.FAILED };
  }

  await WebhookEndpointModel.updateOne({ _id: endpoint._id }, { $set: { lastFailureAt: now } });
  await WebhookEndpointModel.updateOne({ _id: endpoint._id, $or: [{ failingSince: { $exists: false } }, { failingSince: null }] }, { $set: { failingSince: now } });
  const failingSince = endpoint.failingSince ?? now;
  if (now.getTime() - failingSince.getTime() >= WEBHOOK_DISABLE_AFTER_MS) {
    await recordAttempt(_id, attempt, record, result, { status: WebhookDeliveryStatus.FAILED });
    const disabled = await disableEndpoint(endpoint, now);
    return { status: WebhookDeliveryStatus.FAILED, endpointDisabled: disabled };
  }
  const delay = WEBHOOK_RETRY_SCHEDULE_MS[attempt - 1];
  if (delay === undefined) {
    await recordAttempt(_id, attempt, record, result, { status: WebhookDeliveryStatus.FAILED });
    return { status: WebhookDeliveryStatus.FAILED };
  }
  const nextAttemptAt = new Date(now.getTime() + delay);
  await recordAttempt(_id, attempt, record, result, { status: WebhookDeliveryStatus.PENDING, nextAttemptAt });
  await scheduleAttempt(_id, attempt + 1, nextAttemptAt);
  return { status: WebhookDeliveryStatus.PENDING, nextAttemptAt };
}

function attemptRecord(at: Date, r: SendResult) {
  return { at, durationMs: r.durationMs, ...(r.status !== undefined ? { responseStatus: r.status } : {}), ...(r.error ? { error: r.error } : {}) };
}

async function recordAttempt(
  _id: Types.ObjectId,
  attempt: number,
  record: ReturnType<typeof attemptRecord>,
  r: SendResult,
  next: { status: WebhookDeliveryStatus; nextAttemptAt?: Date },
): Promise<void> {
  const $set: Record<string, unknown> = {
    status: next.status,
    attemptCount: attempt,
    lastAttemptAt: record.at,
    durationMs: r.durationMs,
  };
  const $unset: Record<string, 1> = { claimedUntil: 1 };
  for (const [k, v] of [['responseStatus', r.status], ['responseBody', r.body], ['error', r.error], ['nextAttemptAt', next.nextAttemptAt]] as const) {
    if (v === undefined) $unset[k] = 1;
    else $set[k] = v;
  }
  await WebhookDeliveryModel.updateOne({ _id }, { $set, $unset, $push: { attempts: { $each: [record], $slice: -ATTEMPTS_KEPT } } });
}

async function finish(_id: Types.ObjectId, status: WebhookDeliveryStatus, fields: { error: string }): Promise<void> {
  await WebhookDeliveryModel.updateOne({ _id }, { $set: { status, ...fields }, $unset: { nextAttemptAt: 1, claimedUntil: 1 } });
}

export const DISABLED_REASON = 'Every delivery attempt failed for a day';

/** Disables a failing endpoint once (answers whether this call did it), fails its pending deliveries and tells the owners and admins. */
async function disableEndpoint(endpoint: WebhookEndpoint, now: Date): Promise<boolean> {
  const res = await WebhookEndpointModel.updateOne({ _id: endpoint._id, enabled: true }, { $set: { enabled: false, disabledAt: now, disabledReason: DISABLED_REASON } });
  if (!res.modifiedCount) return false;
  await WebhookDeliveryModel.updateMany(
    { endpointId: endpoint._id, status: WebhookDeliveryStatus.PENDING },
    { $set: { status: WebhookDeliveryStatus.FAILED, error: 'The endpoint was disabled after a day of failures' }, $unset: { nextAttemptAt: 1 } },
  );
  await noticeEndpointDisabled(endpoint, now).catch((err) => log.warn('webhook disabled notice failed', { error: err instanceof Error ? err.message : String(err) }));
  log.warn('webhook endpoint disabled after a day of failures', { endpointId: endpoint._id.toHexString(), workspaceId: endpoint.workspaceId.toHexString() });
  return true;
}

/** An in-app notice in the workspace (keyed per endpoint) and a mail to each active owner and admin. */
async function noticeEndpointDisabled(endpoint: WebhookEndpoint, now: Date): Promise<void> {
  const settings = webhookSettings();
  const link = `${settings.webAppUrl}/settings`;
  const title = `Webhook endpoint disabled: ${endpoint.url}`.slice(0, 200);
  const description = `Every delivery to ${endpoint.url} has failed since ${endpoint.failingSince?.toISOString() ?? now.toISOString()}, so Soash stopped sending to it. Fix the receiver, then enable the endpoint again in Settings → Webhooks; failed deliveries can be replayed there.`;
  await AiInsightModel.updateOne(
    { workspaceId: endpoint.workspaceId, key: disabledNoticeKey(endpoint._id) },
    {
      $set: { insightType: InsightType.RECOMMENDATION, priority: Priority.HIGH, title, description, evidence: { endpointId: endpoint._id.toHexString(), url: endpoint.url }, isDismissed: false, lastConfirmedAt: now },
      $setOnInsert: { isRead: false },
    },
    { upsert: true },
  );
  const managers = await TeamMemberModel.find({ workspaceId: endpoint.workspaceId, isActive: true, role: { $in: [WorkspaceRole.OWNER, WorkspaceRole.ADMIN] } }, { userId: 1 }).lean();
  if (!managers.length) return;
  const [users, workspace] = await Promise.all([
    UserModel.find({ _id: { $in: managers.map((m) => m.userId) } }, { email: 1, name: 1 }).lean(),
    WorkspaceModel.findById(endpoint.workspaceId, { name: 1 }).lean(),
  ]);
  for (const u of users) {
    await sendWebhookDisabledEmail(settings.config, { email: u.email, name: u.name }, { url: endpoint.url, workspaceName: workspace?.name ?? 'your workspace', link });
  }
}

/** Clears the disabled notice (when the endpoint is enabled again or deleted). */
export async function clearDisabledNotice(endpoint: { _id: Types.ObjectId; workspaceId: Types.ObjectId }): Promise<void> {
  await AiInsightModel.deleteOne({ workspaceId: endpoint.workspaceId, key: disabledNoticeKey(endpoint._id) });
}
