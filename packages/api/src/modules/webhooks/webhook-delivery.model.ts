import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';

export const WebhookDeliveryStatus = { PENDING: 'pending', SUCCEEDED: 'succeeded', FAILED: 'failed' } as const;
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatus)[keyof typeof WebhookDeliveryStatus];
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: queued or waiting for a retry. SUCCEEDED: the endpoint answered 2xx. FAILED: every attempt failed (or the endpoint was disabled or deleted).',
});

@ObjectType({ description: 'One attempt of a delivery.' })
export class WebhookAttempt {
  @Field(() => Date)
  @prop({ type: () => Date, required: true })
  at: Date;

  @Field(() => Int, { nullable: true, description: "The endpoint's HTTP status (null: no answer)." })
  @prop({ type: () => Number })
  responseStatus?: number;

  @Field(() => Int)
  @prop({ type: () => Number, required: true })
  durationMs: number;

  @Field(() => String, { nullable: true, description: 'Why the attempt failed, when it did.' })
  @prop({ type: () => String })
  error?: string;
}

/**
 * One event sent to one endpoint, retried until it succeeds or the schedule ends. `messageId` is
 * the `webhook-id` header: the same on every attempt and replay (receivers deduplicate on it).
 * `payload` is the exact JSON body that is signed and sent.
 */
@ObjectType({ description: 'A webhook delivery: one event sent to one endpoint, with its attempts.' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'webhook_deliveries' } })
@index({ endpointId: 1, createdAt: -1, _id: -1 })
@index({ workspaceId: 1, createdAt: -1 })
export class WebhookDelivery extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  endpointId: Types.ObjectId;

  @Field(() => String, { description: 'The event type, e.g. sync.completed (webhook.test for a test delivery).' })
  @prop({ type: () => String, required: true })
  eventType: string;

  @Field(() => String, { description: 'The webhook-id header: the same on every retry and replay of this event.' })
  @prop({ type: () => String, required: true })
  messageId: string;

  @Field(() => String, { description: 'The JSON body sent.' })
  @prop({ type: () => String, required: true })
  payload: string;

  @Field(() => WebhookDeliveryStatus)
  @prop({ type: () => String, enum: Object.values(WebhookDeliveryStatus), required: true, default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @prop({ type: () => Number, required: true, default: 0 })
  attemptCount: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (null: none).' })
  @prop({ type: () => Date })
  nextAttemptAt?: Date;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  lastAttemptAt?: Date;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt (null: no answer).' })
  @prop({ type: () => Number })
  responseStatus?: number;

  @Field(() => Int, { nullable: true, description: 'Duration of the last attempt in milliseconds.' })
  @prop({ type: () => Number })
  durationMs?: number;

  @Field(() => String, { nullable: true, description: 'The start of the last answer body (at most 1 KiB).' })
  @prop({ type: () => String })
  responseBody?: string;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  @prop({ type: () => String })
  error?: string;

  @Field(() => [WebhookAttempt])
  @prop({ type: () => [WebhookAttempt], _id: false, default: [] })
  attempts: WebhookAttempt[];

  /** Until when a worker holds the current attempt (a crashed worker's attempt is taken over after it). */
  @prop({ type: () => Date })
  claimedUntil?: Date;

  /** The delivery this one replays. */
  @prop({ type: () => Types.ObjectId })
  replayOf?: Types.ObjectId;
}

export const WebhookDeliveryModel = getModelForClass(WebhookDelivery);
