import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { AlertChannel, AlertDirection, AlertKind, AlertMetric, AlertRecipients } from './alerts.enums.js';

/**
 * A workspace's alert rule: what to watch (kind, and for metric kinds the metric, direction,
 * threshold and period), which accounts (none: all of them), where a firing goes (channels and
 * recipients), how long the same rule stays quiet about the same subject after firing, and whether
 * email waits for a daily digest.
 */
@ObjectType({ description: 'An alert rule of the active workspace.' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'alert_rules' } })
@index({ workspaceId: 1, createdAt: -1 })
@index({ kind: 1, enabled: 1, workspaceId: 1 })
export class AlertRule extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => String)
  @prop({ type: () => String, required: true, trim: true, maxlength: 100 })
  name: string;

  @Field(() => AlertKind)
  @prop({ type: () => String, enum: Object.values(AlertKind), required: true })
  kind: AlertKind;

  @Field(() => AlertMetric, { nullable: true, description: 'Metric kinds only.' })
  @prop({ type: () => String, enum: Object.values(AlertMetric) })
  metric?: AlertMetric;

  @Field(() => AlertDirection, { nullable: true, description: 'Metric kinds only: ABOVE/BELOW (threshold) or UP/DOWN/EITHER (change).' })
  @prop({ type: () => String, enum: Object.values(AlertDirection) })
  direction?: AlertDirection;

  @Field(() => Float, { nullable: true, description: 'METRIC_THRESHOLD: the value (a percentage for rates, 2.5 = 2.5 %). METRIC_CHANGE: the change in percent (20 = 20 %).' })
  @prop({ type: () => Number })
  threshold?: number;

  @Field(() => Int, { nullable: true, description: 'Metric kinds only: the days the metric covers (the last N days; METRIC_CHANGE compares them with the N days before).' })
  @prop({ type: () => Number })
  periodDays?: number;

  @Field(() => Int, { nullable: true, description: 'REAUTH_NEEDED only: fire this many days before an account’s access ends (and when it has ended).' })
  @prop({ type: () => Number })
  daysBefore?: number;

  @Field(() => [ID], { description: 'The accounts watched; empty: every account of the workspace.' })
  @prop({ type: () => [Types.ObjectId], default: [] })
  platformIds: Types.ObjectId[];

  @Field(() => [AlertChannel])
  @prop({ type: () => [String], enum: Object.values(AlertChannel), default: [] })
  channels: AlertChannel[];

  @Field(() => AlertRecipients, { description: 'Who gets email and in-app notifications.' })
  @prop({ type: () => String, enum: Object.values(AlertRecipients), required: true, default: AlertRecipients.EDITORS })
  recipients: AlertRecipients;

  @Field(() => [ID], { description: 'CHOSEN recipients: user ids of members.' })
  @prop({ type: () => [Types.ObjectId], default: [] })
  recipientIds: Types.ObjectId[];

  @Field(() => Int, { description: 'After firing, the same rule stays quiet about the same subject (account, insight) for this many hours.' })
  @prop({ type: () => Number, required: true })
  quietHours: number;

  @Field(() => Boolean, { description: 'EMAIL: collect firings into one daily digest instead of a mail each.' })
  @prop({ type: () => Boolean, default: false })
  emailDigest: boolean;

  @Field(() => Int, { description: "The digest's hour (0-23) in the workspace's timezone." })
  @prop({ type: () => Number, required: true })
  digestHour: number;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: true })
  enabled: boolean;

  @Field(() => Date, { nullable: true, description: 'When the rule last fired.' })
  @prop({ type: () => Date })
  lastFiredAt?: Date;

  @prop({ type: () => Types.ObjectId, required: true })
  createdBy: Types.ObjectId;
}

export const AlertRuleModel = getModelForClass(AlertRule);
