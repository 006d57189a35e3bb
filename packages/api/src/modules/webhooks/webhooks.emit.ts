import { randomBytes } from 'node:crypto';
import type { WebhookEventType } from '@soash/shared';
import { Types } from 'mongoose';
import { queueJobOnce } from '../../jobs/scheduler.js';
import { log } from '../../lib/logger.js';
import { WebhookDeliveryModel, WebhookDeliveryStatus, type WebhookDelivery } from './webhook-delivery.model.js';
import { WebhookEndpointModel } from './webhook-endpoint.model.js';

/** The Agenda job of one attempt of one delivery (payload: ids and the attempt number only). */
export const DELIVER_JOB = 'webhook:deliver';
export interface DeliverJobData {
  deliveryId: string;
  attempt: number;
}

/** A new `webhook-id`: `msg_` and 128 random bits. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

/** The body of every delivery: `{ type, timestamp, data }` (Standard Webhooks' recommended shape). */
export function eventBody(type: string, data: Record<string, unknown>, at: Date): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data });
}

/** Queues attempt number `attempt` of a delivery at `at` (one Agenda job per attempt, saved once however often asked). */
export async function scheduleAttempt(deliveryId: Types.ObjectId, attempt: number, at: Date): Promise<void> {
  const id = deliveryId.toHexString();
  const queued = await queueJobOnce<DeliverJobData>(DELIVER_JOB, { deliveryId: id, attempt }, at, { 'data.deliveryId': id, 'data.attempt': attempt });
  if (!queued) log.warn('webhook attempt not queued: no scheduler in this process', { deliveryId: id, attempt });
}

/** Records a delivery of one message to one endpoint and queues its first attempt now. */
export async function queueDelivery(
  endpoint: { _id: Types.ObjectId; workspaceId: Types.ObjectId },
  message: { eventType: string; messageId: string; payload: string },
  opts: { now?: Date; replayOf?: Types.ObjectId } = {},
): Promise<WebhookDelivery> {
  const now = opts.now ?? new Date();
  const doc = await WebhookDeliveryModel.create({
    workspaceId: endpoint.workspaceId,
    endpointId: endpoint._id,
    ...message,
    status: WebhookDeliveryStatus.PENDING,
    attemptCount: 0,
    nextAttemptAt: now,
    attempts: [],
    ...(opts.replayOf ? { replayOf: opts.replayOf } : {}),
  });
  await scheduleAttempt(doc._id, 1, now);
  return doc.toObject() as WebhookDelivery;
}

/**
 * The one way other modules announce an event: records a delivery for every enabled endpoint of
 * the workspace subscribed to `type` and queues it (Agenda), all with the same `webhook-id`.
 * Never throws: a problem here must not fail the work that caused the event. Answers the number
 * of deliveries queued.
 */
export async function emitWebhookEvent(
  workspaceId: Types.ObjectId | string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  opts: { now?: Date } = {},
): Promise<number> {
  try {
    const wsId = typeof workspaceId === 'string' ? new Types.ObjectId(workspaceId) : workspaceId;
    const endpoints = await WebhookEndpointModel.find({ workspaceId: wsId, enabled: true, events: type }, { _id: 1, workspaceId: 1 }).lean();
    if (!endpoints.length) return 0;
    const now = opts.now ?? new Date();
    const message = { eventType: type, messageId: newMessageId(), payload: eventBody(type, data, now) };
    for (const endpoint of endpoints) await queueDelivery(endpoint, message, { now });
    return endpoints.length;
  } catch (err) {
    log.error('webhook event not recorded', { type, workspaceId: String(workspaceId), error: err instanceof Error ? err.message : String(err) });
    return 0;
  }
}
