import { ReportDeliveryStatus, ReportScheduleFrequency } from '@soash/shared';
import { ReportPaper } from './report.enums.js';

export { ReportDeliveryStatus, ReportPaper, ReportScheduleFrequency };
import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';

registerEnumType(ReportScheduleFrequency, { name: 'ReportScheduleFrequency', description: 'WEEKLY: on a weekday. MONTHLY: on a day of the month (1–28).' });
registerEnumType(ReportDeliveryStatus, {
  name: 'ReportDeliveryStatus',
  description: 'PENDING: being sent or waiting for a retry. SENT: every recipient got it. PARTIAL: some did, after every attempt. FAILED: nobody did.',
});

/**
 * An address outside the workspace a schedule mails to. Its unsubscribe token is random (256
 * bits), stored as a SHA-256 hash to find it and encrypted (lib/crypto.ts) to put it into each
 * mail; neither is ever in the schema. Removing the address removes the token with it.
 */
export class OutsideRecipient {
  @prop({ type: () => String, required: true })
  email: string;

  @prop({ type: () => String, required: true })
  unsubscribeTokenHash: string;

  @prop({ type: () => String, required: true })
  unsubscribeTokenEnc: string;
}

/**
 * A saved report mailed on a schedule, as a PDF with a short summary: weekly on an ISO weekday or
 * monthly on a day 1–28, at a whole hour in the workspace's timezone. `nextRunAt` is that
 * instant (computed with packages/shared nextReportScheduleRun), null while paused; `timezone`
 * is the zone it was computed in (recomputed when the workspace's changes).
 */
@ObjectType({ description: 'A saved report mailed on a schedule (PDF attached).' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'report_schedules' } })
@index({ workspaceId: 1, reportId: 1, createdAt: 1 })
@index({ enabled: 1, nextRunAt: 1 })
@index({ 'outsideRecipients.unsubscribeTokenHash': 1 })
export class ReportSchedule extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => ID)
  @prop({ type: () => Types.ObjectId, required: true })
  reportId: Types.ObjectId;

  @Field(() => ReportScheduleFrequency)
  @prop({ type: () => String, enum: Object.values(ReportScheduleFrequency), required: true })
  frequency: ReportScheduleFrequency;

  @Field(() => Int, { nullable: true, description: 'WEEKLY: 1 (Monday) … 7 (Sunday).' })
  @prop({ type: () => Number })
  weekday?: number | null;

  @Field(() => Int, { nullable: true, description: 'MONTHLY: the day of the month, 1 … 28 (every month has it).' })
  @prop({ type: () => Number })
  dayOfMonth?: number | null;

  @Field(() => Int, { description: "The hour, 0 … 23, in the workspace's timezone." })
  @prop({ type: () => Number, required: true })
  hour: number;

  @Field(() => ReportPaper)
  @prop({ type: () => String, enum: Object.values(ReportPaper), required: true })
  paper: ReportPaper;

  @Field(() => [ID], { description: 'Members who get it (user ids). A member who left the workspace is skipped, and the skip is recorded in the delivery.' })
  @prop({ type: () => [Types.ObjectId], default: [] })
  memberIds: Types.ObjectId[];

  /** Outside addresses with their unsubscribe tokens (the `emails` field lists the addresses only). */
  @prop({ type: () => [OutsideRecipient], _id: false, default: [] })
  outsideRecipients: OutsideRecipient[];

  @Field(() => Boolean, { description: 'false: paused (nothing is sent; nextRunAt is null).' })
  @prop({ type: () => Boolean, required: true, default: true })
  enabled: boolean;

  @Field(() => Date, { nullable: true, description: 'When it runs next (null while paused).' })
  @prop({ type: () => Date })
  nextRunAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it last ran.' })
  @prop({ type: () => Date })
  lastRunAt?: Date | null;

  @Field(() => String, { description: 'The timezone nextRunAt was computed in (the workspace’s).' })
  @prop({ type: () => String, required: true })
  timezone: string;

  @prop({ type: () => Types.ObjectId, required: true })
  createdBy: Types.ObjectId;
}

export const ReportScheduleModel = getModelForClass(ReportSchedule);

export const ReportRecipientStatus = { PENDING: 'pending', SENT: 'sent', FAILED: 'failed', SKIPPED: 'skipped' } as const;
export type ReportRecipientStatus = (typeof ReportRecipientStatus)[keyof typeof ReportRecipientStatus];
registerEnumType(ReportRecipientStatus, {
  name: 'ReportRecipientStatus',
  description: 'PENDING: not sent yet. SENT: the mail server accepted it. FAILED: it did not. SKIPPED: not sent on purpose (see reason).',
});

@ObjectType({ description: 'One recipient of a delivery.' })
export class ReportDeliveryRecipient {
  @Field(() => String)
  @prop({ type: () => String, required: true })
  email: string;

  @Field(() => ID, { nullable: true, description: 'The member, for a member of the workspace (null: an outside address).' })
  @prop({ type: () => Types.ObjectId })
  userId?: Types.ObjectId | null;

  @Field(() => ReportRecipientStatus)
  @prop({ type: () => String, enum: Object.values(ReportRecipientStatus), required: true })
  status: ReportRecipientStatus;

  @Field(() => String, { nullable: true, description: 'Why it was not sent (plain words).' })
  @prop({ type: () => String })
  reason?: string | null;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  sentAt?: Date | null;
}

/**
 * One run of a schedule: the report rendered once, mailed to every recipient. Attempts are Agenda
 * jobs (report-deliveries.ts); a recipient already sent is never sent again by a later attempt.
 */
@ObjectType({ description: 'One run of a report schedule: who got the report, and how it went.' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'report_deliveries' } })
@index({ workspaceId: 1, scheduleId: 1, createdAt: -1, _id: -1 })
@index({ workspaceId: 1, reportId: 1, createdAt: -1, _id: -1 })
export class ReportDelivery extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => ID)
  @prop({ type: () => Types.ObjectId, required: true })
  scheduleId: Types.ObjectId;

  @Field(() => ID)
  @prop({ type: () => Types.ObjectId, required: true })
  reportId: Types.ObjectId;

  @Field(() => Date, { description: 'The scheduled time of the run (or when a retry was asked for).' })
  @prop({ type: () => Date, required: true })
  scheduledFor: Date;

  @Field(() => ReportDeliveryStatus)
  @prop({ type: () => String, enum: Object.values(ReportDeliveryStatus), required: true })
  status: ReportDeliveryStatus;

  @Field(() => ReportPaper)
  @prop({ type: () => String, enum: Object.values(ReportPaper), required: true })
  paper: ReportPaper;

  @Field(() => String, { nullable: true, description: 'First day of the range the report covered (YYYY-MM-DD), once rendered.' })
  @prop({ type: () => String })
  rangeFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of that range (inclusive).' })
  @prop({ type: () => String })
  rangeTo?: string | null;

  @Field(() => String, { description: 'The timezone of the range (the workspace’s).' })
  @prop({ type: () => String, required: true })
  timezone: string;

  @Field(() => [ReportDeliveryRecipient])
  @prop({ type: () => [ReportDeliveryRecipient], _id: false, default: [] })
  recipients: ReportDeliveryRecipient[];

  @Field(() => Int, { description: 'Attempts made so far.' })
  @prop({ type: () => Number, required: true, default: 0 })
  attemptCount: number;

  @Field(() => Date, { nullable: true, description: 'When the next automatic attempt is due (null: none).' })
  @prop({ type: () => Date })
  nextAttemptAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  lastAttemptAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed, in plain words.' })
  @prop({ type: () => String })
  error?: string | null;

  @Field(() => ID, { nullable: true, description: 'The delivery this one retries (retryReportDelivery).' })
  @prop({ type: () => Types.ObjectId })
  retryOf?: Types.ObjectId | null;

  /** Until when a worker holds the current attempt (a crashed worker's attempt is taken over after it). */
  @prop({ type: () => Date })
  claimedUntil?: Date | null;
}

export const ReportDeliveryModel = getModelForClass(ReportDelivery);
