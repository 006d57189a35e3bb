import { WebhookEventType } from '@soash/shared';
import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import '../../lib/graphql-enums.js';

/**
 * A workspace's webhook endpoint: where events are delivered, which ones, and the signing secret.
 * The secret must be usable to sign, so it is kept encrypted at rest (lib/crypto.ts, like platform
 * tokens), has no GraphQL field and is not read unless asked for (`select: false`); it is shown
 * once, when the endpoint is created or its secret rotated.
 *
 * `failingSince`: when the first failed attempt after the last success happened (cleared by a
 * success); a day of that disables the endpoint (`disabledAt`, `disabledReason`).
 */
@ObjectType({ description: 'A webhook endpoint of the active workspace (its secret is shown only once, when created or rotated).' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'webhook_endpoints' } })
@index({ workspaceId: 1, createdAt: -1 })
export class WebhookEndpoint extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => String)
  @prop({ type: () => String, required: true })
  url: string;

  @Field(() => [WebhookEventType], { description: 'The events delivered to this endpoint.' })
  @prop({ type: () => [String], enum: Object.values(WebhookEventType), required: true })
  events: WebhookEventType[];

  @Field(() => String)
  @prop({ type: () => String, default: '', maxlength: 500 })
  description: string;

  @Field(() => Boolean, { description: 'Whether events are delivered; false after disabling (by a member or after a day of failures).' })
  @prop({ type: () => Boolean, required: true, default: true })
  enabled: boolean;

  /** The signing secret (`whsec_…`), encrypted. */
  @prop({ type: () => String, required: true, select: false })
  secretEnc: string;

  @Field(() => Date, { nullable: true, description: 'When the secret was last rotated.' })
  @prop({ type: () => Date })
  secretRotatedAt?: Date;

  @prop({ type: () => Types.ObjectId, required: true })
  createdBy: Types.ObjectId;

  @Field(() => Date, { nullable: true, description: 'Since when every attempt has failed (null: the last attempt succeeded, or none failed).' })
  @prop({ type: () => Date })
  failingSince?: Date;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  lastSuccessAt?: Date;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  lastFailureAt?: Date;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  disabledAt?: Date;

  @Field(() => String, { nullable: true, description: 'Why the endpoint was disabled, in plain words.' })
  @prop({ type: () => String })
  disabledReason?: string;
}

export const WebhookEndpointModel = getModelForClass(WebhookEndpoint);
