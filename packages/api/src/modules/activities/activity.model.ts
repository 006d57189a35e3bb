import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { ContentType } from '../../lib/graphql-enums.js';
import { MetricSource } from '../../lib/provenance.js';
import { Engagement } from './engagement.model.js';

/** A post (or other activity) on a connected account, with its latest engagement. */
@ObjectType({ description: 'A post on a connected account.' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'activities' } })
@index({ platformId: 1, externalId: 1 }, { unique: true })
@index({ platformId: 1, publishedAt: -1 })
@index({ workspaceId: 1, publishedAt: -1, _id: -1 })
@index({ workspaceId: 1, 'engagement.total': -1, _id: -1 })
@index({ workspaceId: 1, engagementRate: -1, _id: -1 })
@index({ workspaceId: 1, hashtags: 1 })
@index({ workspaceId: 1, categoryIds: 1 })
@index({ type: 1 })
export class Activity extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  platformId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => String, { description: "The post's id on the platform." })
  @prop({ type: () => String, required: true })
  externalId: string;

  @Field(() => ContentType)
  @prop({ type: () => String, enum: Object.values(ContentType), required: true })
  type: ContentType;

  @Field(() => String, { nullable: true, description: 'Caption or text.' })
  @prop({ type: () => String, maxlength: 10_000 })
  content?: string;

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  mediaUrls: string[];

  @Field(() => String, { nullable: true })
  @prop({ type: () => String })
  permalink?: string;

  /** Lower-case, without '#', de-duplicated; from the platform and parsed from the caption. */
  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  hashtags: string[];

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  publishedAt?: Date;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: true, required: true })
  isPublished: boolean;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: false, required: true })
  isScheduled: boolean;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  scheduledFor?: Date;

  @Field(() => Engagement, { description: 'Latest counters.' })
  @prop({ type: () => Engagement, _id: false, required: true, default: () => ({ total: 0 }) })
  engagement: Engagement;

  /** The metric model's rate, stored for sorting (ingest and the start-up backfill); the GraphQL field is computed from the counters. */
  @prop({ type: () => Number })
  engagementRate?: number | null;

  @prop({ type: () => [Types.ObjectId], default: [] })
  categoryIds: Types.ObjectId[];

  @Field(() => Date, { nullable: true, description: 'When the counters were last fetched.' })
  @prop({ type: () => Date })
  metricsUpdatedAt?: Date;

  @Field(() => [MetricSource])
  @prop({ type: () => [MetricSource], _id: false, default: [] })
  sources: MetricSource[];
}

export const ActivityModel = getModelForClass(Activity);
