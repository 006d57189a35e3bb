import { getModelForClass, index, modelOptions, post, prop } from '@typegoose/typegoose';
import { Types, type Query } from 'mongoose';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { MetricSource } from '../../lib/provenance.js';
import { raiseAfterWrite, revisionTargetOf, revisionTargetOfDocs } from './stats-revision.js';

@ObjectType()
export class AgeGroupShare {
  @Field(() => String, { description: 'e.g. "18-24", "65+"' })
  @prop({ type: () => String, required: true })
  range: string;

  @Field(() => Float, { description: 'Share of the audience, 0-1.' })
  @prop({ type: () => Number, required: true })
  share: number;
}

@ObjectType()
export class GenderSplit {
  @Field(() => Float, { nullable: true })
  @prop({ type: () => Number })
  female?: number | null;

  @Field(() => Float, { nullable: true })
  @prop({ type: () => Number })
  male?: number | null;

  @Field(() => Float, { nullable: true, description: 'Other or undisclosed.' })
  @prop({ type: () => Number })
  other?: number | null;
}

@ObjectType()
export class LocationShare {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code.' })
  @prop({ type: () => String, required: true })
  country: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String })
  city?: string;

  @Field(() => Float, { description: 'Share of the audience, 0-1.' })
  @prop({ type: () => Number, required: true })
  share: number;
}

@ObjectType()
export class Demographics {
  @Field(() => [AgeGroupShare])
  @prop({ type: () => [AgeGroupShare], _id: false, default: [] })
  ageGroups: AgeGroupShare[];

  @Field(() => GenderSplit, { nullable: true })
  @prop({ type: () => GenderSplit, _id: false })
  genderSplit?: GenderSplit;

  @Field(() => [LocationShare])
  @prop({ type: () => [LocationShare], _id: false, default: [] })
  locations: LocationShare[];
}

/** The query writes of the model: each raises the stats revision of the accounts its filter names. */
const QUERY_WRITES = ['updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace'] as const;

/**
 * Daily account metrics, one document per account per UTC day. A metric the platform does not
 * report is null (never 0), so averages and rates stay honest.
 */
@ObjectType({ description: "An account's metrics for one UTC day." })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'stats' } })
// Every write through the model raises the stats revision of the accounts it touched, after it is
// done (stats-revision.ts); the driver's writes raise it where they are sent. (A model bulkWrite
// has no hook here: none is sent, the ingestion writes on the driver; one added must raise it.)
@post<Stats>('save', function () {
  return raiseAfterWrite(revisionTargetOfDocs([this]));
})
@post<typeof StatsModel>('insertMany', function (docs: unknown) {
  return raiseAfterWrite(revisionTargetOfDocs(Array.isArray(docs) ? docs : [docs]));
})
@post<Query<unknown, Stats>>([...QUERY_WRITES], function () {
  return raiseAfterWrite(revisionTargetOf(this.getFilter(), this.getUpdate()));
})
@index({ platformId: 1, date: 1 }, { unique: true })
@index({ workspaceId: 1, date: 1 })
@index({ date: 1 })
export class Stats extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  platformId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => Date, { description: 'The UTC day (midnight).' })
  @prop({ type: () => Date, required: true })
  date: Date;

  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number })
  followers?: number | null;

  @Field(() => Int, { nullable: true, description: 'Net change against the previous day.' })
  @prop({ type: () => Number })
  followersChange?: number | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number })
  following?: number | null;

  @Field(() => Int, { nullable: true, description: 'Posts published that day.' })
  @prop({ type: () => Number })
  posts?: number | null;

  @Field(() => Float, { nullable: true, description: 'Likes + comments + shares + saves that day.' })
  @prop({ type: () => Number })
  engagement?: number | null;

  @Field(() => Float, { nullable: true, description: "The day's engagement rate under the metric model: engagement ÷ the platform's denominator (reach; impressions on X; null on TikTok, whose accounts report no daily views)." })
  @prop({ type: () => Number })
  engagementRate?: number | null;

  @Field(() => Float, { nullable: true })
  @prop({ type: () => Number })
  impressions?: number | null;

  @Field(() => Float, { nullable: true })
  @prop({ type: () => Number })
  reach?: number | null;

  @Field(() => Float, { nullable: true })
  @prop({ type: () => Number })
  profileViews?: number | null;

  @Field(() => Demographics, { nullable: true })
  @prop({ type: () => Demographics, _id: false })
  demographics?: Demographics;

  @Field(() => [MetricSource])
  @prop({ type: () => [MetricSource], _id: false, default: [] })
  sources: MetricSource[];
}

export const StatsModel = getModelForClass(Stats);
