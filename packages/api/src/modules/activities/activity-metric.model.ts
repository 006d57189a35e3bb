import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { MetricSource } from '../../lib/provenance.js';
import { Engagement } from './engagement.model.js';

/** One snapshot per post per UTC day: the post's metric history (post decay comes from these). */
@ObjectType({ description: "A daily snapshot of a post's counters." })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'activity_metrics' } })
@index({ activityId: 1, date: 1 }, { unique: true })
@index({ workspaceId: 1, date: 1 })
@index({ date: 1 })
export class ActivityMetric extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  activityId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  platformId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => Date, { description: 'UTC day (midnight) the snapshot is for.' })
  @prop({ type: () => Date, required: true })
  date: Date;

  @Field(() => Engagement)
  @prop({ type: () => Engagement, _id: false, required: true })
  engagement: Engagement;

  /** The metric model's rate, stored for sorting (ingest and the start-up backfill); the GraphQL field is computed from the counters. */
  @prop({ type: () => Number })
  engagementRate?: number | null;

  @Field(() => [MetricSource])
  @prop({ type: () => [MetricSource], _id: false, default: [] })
  sources: MetricSource[];
}

export const ActivityMetricModel = getModelForClass(ActivityMetric);
