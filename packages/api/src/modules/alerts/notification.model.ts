import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ID, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { AlertKind } from './alerts.enums.js';

/** An alert in one member's notification centre (the bell): theirs only, read or unread. One per event and member. */
@ObjectType({ description: "An alert in the signed-in member's notification centre." })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'notifications' } })
@index({ eventId: 1, userId: 1 }, { unique: true })
@index({ userId: 1, workspaceId: 1, createdAt: -1 })
export class Notification extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @Field(() => ID, { description: 'The alert event (see alertEvents).' })
  @prop({ type: () => Types.ObjectId, required: true })
  eventId: Types.ObjectId;

  @Field(() => AlertKind)
  @prop({ type: () => String, enum: Object.values(AlertKind), required: true })
  kind: AlertKind;

  @Field(() => String, { description: "The rule's name." })
  @prop({ type: () => String, required: true })
  title: string;

  @Field(() => String)
  @prop({ type: () => String, required: true })
  message: string;

  @Field(() => String, { nullable: true, description: 'Where to look in the web app (a path).' })
  @prop({ type: () => String })
  link?: string;

  @Field(() => Date, { nullable: true, description: 'When the member marked it read (null: unread).' })
  @prop({ type: () => Date })
  readAt?: Date;
}

export const NotificationModel = getModelForClass(Notification);

/**
 * An alert mail to one member: sent at once, or collected for the daily digest (`dueAt`: the
 * digest hour in the workspace's timezone). Unique per event and member, claimed before sending
 * (`claim`) and marked `sentAt` after, so a retried delivery or two digest runs send it once.
 */
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'alert_mails' } })
@index({ eventId: 1, userId: 1 }, { unique: true })
@index({ sentAt: 1, dueAt: 1 })
@index({ workspaceId: 1 })
export class AlertMail {
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  eventId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @prop({ type: () => Boolean, required: true })
  digest: boolean;

  @prop({ type: () => Date, required: true })
  dueAt: Date;

  /** The run that took it (a random id), so two runs never send the same mail. */
  @prop({ type: () => String })
  claim?: string;

  @prop({ type: () => Date })
  sentAt?: Date;

  /** Not sent: the recipient left the workspace before the digest. */
  @prop({ type: () => Date })
  droppedAt?: Date;

  readonly createdAt: Date;
}

export const AlertMailModel = getModelForClass(AlertMail);
