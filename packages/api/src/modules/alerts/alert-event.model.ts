import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { AlertKind, AlertMetric } from './alerts.enums.js';

/**
 * One firing of a rule. `dedupeKey` names the occurrence (a sync run, an insight, an account's
 * deadline, an account's numbers of a day); the unique index on {ruleId, dedupeKey} makes
 * concurrent evaluations of the same occurrence fire once. Each channel marks here when it has
 * delivered (`deliveredAt.*`), so a retry delivers nothing twice.
 */
@ObjectType({ description: 'An alert that fired: which rule, about what, the numbers and a sentence.' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'alert_events' } })
@index({ ruleId: 1, dedupeKey: 1 }, { unique: true })
@index({ workspaceId: 1, firedAt: -1 })
export class AlertEvent extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => ID)
  @prop({ type: () => Types.ObjectId, required: true })
  ruleId: Types.ObjectId;

  @Field(() => String, { description: "The rule's name when it fired." })
  @prop({ type: () => String, required: true })
  ruleName: string;

  @Field(() => AlertKind)
  @prop({ type: () => String, enum: Object.values(AlertKind), required: true })
  kind: AlertKind;

  @prop({ type: () => String, required: true })
  dedupeKey: string;

  /** What the quiet period is counted per: `platform:<id>`, `insight:<id>`, `workspace`. */
  @prop({ type: () => String, required: true })
  subjectKey: string;

  @Field(() => ID, { nullable: true, description: 'The account it is about.' })
  @prop({ type: () => Types.ObjectId })
  platformId?: Types.ObjectId;

  @Field(() => ID, { nullable: true, description: 'HIGH_INSIGHT: the insight.' })
  @prop({ type: () => Types.ObjectId })
  insightId?: Types.ObjectId;

  @Field(() => ID, { nullable: true, description: 'SYNC_FAILED: the sync run (see syncRuns).' })
  @prop({ type: () => Types.ObjectId })
  syncRunId?: Types.ObjectId;

  @Field(() => AlertMetric, { nullable: true })
  @prop({ type: () => String, enum: Object.values(AlertMetric) })
  metric?: AlertMetric;

  @Field(() => Float, { nullable: true, description: 'Metric kinds: the value (rates as percentages); METRIC_CHANGE: the change in percent.' })
  @prop({ type: () => Number })
  value?: number;

  @Field(() => Float, { nullable: true, description: "The rule's threshold when it fired." })
  @prop({ type: () => Number })
  threshold?: number;

  @Field(() => Float, { nullable: true, description: 'Metric kinds: the value over the previous period (rates as percentages).' })
  @prop({ type: () => Number })
  previousValue?: number;

  @Field(() => String, { description: 'What happened, in plain words.' })
  @prop({ type: () => String, required: true, maxlength: 1000 })
  message: string;

  @Field(() => String, { nullable: true, description: 'Where to look in the web app (a path such as /platforms or /insights).' })
  @prop({ type: () => String })
  link?: string;

  @Field(() => Date)
  @prop({ type: () => Date, required: true })
  firedAt: Date;

  /** When each channel was handed the event (in-app notifications written, mails queued, webhook emitted). */
  @prop({ type: () => Date })
  inAppAt?: Date;

  @prop({ type: () => Date })
  emailAt?: Date;

  @prop({ type: () => Date })
  webhookAt?: Date;
}

export const AlertEventModel = getModelForClass(AlertEvent);

/**
 * The quiet period of a rule about one subject: `lastFiredAt` is moved forward with one atomic
 * update only when the period has passed; a second claim inside it hits the unique key and is
 * suppressed, however many evaluations run at once. For metric rules it also keeps which side of
 * the condition the subject was on at the last evaluation (`conditionMet`), so a rule fires when
 * the condition starts to hold (a crossing), not again while it keeps holding.
 */
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'alert_quiet' } })
@index({ ruleId: 1, subjectKey: 1 }, { unique: true })
@index({ workspaceId: 1 })
export class AlertQuiet {
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  ruleId: Types.ObjectId;

  @prop({ type: () => String, required: true })
  subjectKey: string;

  @prop({ type: () => Date, required: true })
  lastFiredAt: Date;

  /** Metric rules: the condition held at the last evaluation of this subject. */
  @prop({ type: () => Boolean })
  conditionMet?: boolean;
}

export const AlertQuietModel = getModelForClass(AlertQuiet);
