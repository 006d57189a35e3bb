import { getModelForClass, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { RecommendationType } from '../../lib/graphql-enums.js';

@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'content_recommendations' }, options: { allowMixed: Severity.ALLOW } })
@index({ workspaceId: 1, createdAt: -1 })
@index({ workspaceId: 1, key: 1 }, { unique: true })
@index({ workspaceId: 1, score: -1 })
@index({ workspaceId: 1, score: -1, _id: -1 })
@index({ workspaceId: 1, patternKey: 1 })
export class ContentRecommendation extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => RecommendationType)
  @prop({ type: () => String, enum: Object.values(RecommendationType), required: true })
  recommendationType: RecommendationType;

  @Field(() => String)
  @prop({ type: () => String, required: true, maxlength: 200 })
  title: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, maxlength: 4000 })
  description?: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, maxlength: 10_000 })
  contentBrief?: string;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: false, required: true })
  isUsed: boolean;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  usedAt?: Date;

  @Field(() => Int, { nullable: true, description: "The user's rating, 1-5." })
  @prop({ type: () => Number, min: 1, max: 5 })
  feedbackScore?: number;

  /** Ranking score (higher first): baseScore adjusted by the user's feedback (docs/analytics.md). */
  @Field(() => Float)
  @prop({ type: () => Number, default: 0, required: true })
  score: number;

  /** Score from the evidence alone, before feedback (0-1). */
  @prop({ type: () => Number, default: 0, required: true })
  baseScore: number;

  /** What the recommendation acts on, e.g. "posting_time:hour-18", "hashtag:#launch", "content_type:reel". Feedback is pooled by it. */
  @Field(() => String, { nullable: true, description: 'The pattern it acts on, e.g. "posting_time:hour-18", "hashtag:#launch".' })
  @prop({ type: () => String })
  patternKey?: string;

  /** Set when a later run no longer supports it (kept because it carries feedback). Hidden by default. */
  @Field(() => Date, { nullable: true, description: 'When the data stopped supporting it (hidden from lists unless asked for).' })
  @prop({ type: () => Date })
  retiredAt?: Date;

  @prop({ type: () => String, required: true })
  key: string;

  /** The insight (finding) this recommendation acts on: one finding, one card, and this links to it. */
  @Field(() => ID, { nullable: true, description: 'The insight this recommendation acts on, when it acts on a tested finding.' })
  @prop({ type: () => Types.ObjectId })
  insightId?: Types.ObjectId;

  @Field(() => GraphQLJSON, { nullable: true })
  @prop({ type: () => Object })
  evidence?: Record<string, unknown>;
}

export const ContentRecommendationModel = getModelForClass(ContentRecommendation);
