import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { JobStatus, JobType } from '../../lib/graphql-enums.js';

@ObjectType({ description: 'Progress of a running job (e.g. a sync), for live displays.' })
export class JobProgress {
  @Field(() => String, { description: 'e.g. "profile", "stats", "posts", "metrics", "done"' })
  @prop({ type: () => String, required: true })
  phase: string;

  @Field(() => Int)
  @prop({ type: () => Number, default: 0 })
  done: number;

  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number })
  total?: number | null;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String })
  message?: string;
}

/** One run of a background job. Kept 30 days (TTL, plus the retention job); survives account deletion. */
@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'system_jobs' } })
@index({ workspaceId: 1, createdAt: -1 })
@index({ platformId: 1, createdAt: -1 })
@index({ status: 1, jobType: 1 })
@index({ status: 1, heartbeatAt: 1 })
@index({ agendaJobId: 1, startedAt: -1 })
@index({ createdAt: 1 }, { expireAfterSeconds: 30 * 24 * 3600 })
export class SystemJob extends Entity {
  @Field(() => JobType)
  @prop({ type: () => String, enum: Object.values(JobType), required: true })
  jobType: JobType;

  @prop({ type: () => Types.ObjectId })
  workspaceId?: Types.ObjectId;

  @prop({ type: () => Types.ObjectId })
  platformId?: Types.ObjectId;

  @Field(() => JobStatus)
  @prop({ type: () => String, enum: Object.values(JobStatus), default: JobStatus.PENDING, required: true })
  status: JobStatus;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, maxlength: 2000 })
  errorMessage?: string;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  startedAt?: Date;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  completedAt?: Date;

  @Field(() => Int, { description: '1 for the first attempt; retries count up.' })
  @prop({ type: () => Number, default: 1 })
  attempt: number;

  @Field(() => JobProgress, { nullable: true })
  @prop({ type: () => JobProgress, _id: false })
  progress?: JobProgress;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Counts and other facts about the run.' })
  @prop({ type: () => Object })
  result?: Record<string, unknown>;

  /** The Agenda job this run belongs to. */
  @prop({ type: () => String })
  agendaJobId?: string;

  /** The process running it (random per process; see modules/system-jobs/run-lease.ts). */
  @prop({ type: () => String })
  ownerId?: string;

  /** The owner's last sign of life while the run is running: its lease. */
  @prop({ type: () => Date })
  heartbeatAt?: Date;
}

export const SystemJobModel = getModelForClass(SystemJob);
