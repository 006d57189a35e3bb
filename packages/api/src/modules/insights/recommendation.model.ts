import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { RecommendationType } from '../../lib/graphql-enums.js';

@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'content_recommendations' } })
@index({ userId: 1, createdAt: -1 })
@index({ userId: 1, key: 1 }, { unique: true })
@index({ userId: 1, score: -1 })
export class ContentRecommendation extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

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

  @Field(() => Int, { nullable: true, description: "The user's rating, 1-5." })
  @prop({ type: () => Number, min: 1, max: 5 })
  feedbackScore?: number;

  /** Ranking score (higher first); feedback adjusts it. */
  @Field(() => Float)
  @prop({ type: () => Number, default: 0, required: true })
  score: number;

  @prop({ type: () => String, required: true })
  key: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @prop({ type: () => Object })
  evidence?: Record<string, unknown>;
}

export const ContentRecommendationModel = getModelForClass(ContentRecommendation);
