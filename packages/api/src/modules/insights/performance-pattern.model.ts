import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { PatternType } from '../../lib/graphql-enums.js';

/** How a group of posts (a content type, a posting slot, a hashtag) performs against the user's median. */
@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'performance_patterns' } })
@index({ workspaceId: 1, patternType: 1, patternName: 1 }, { unique: true })
export class PerformancePattern extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => PatternType)
  @prop({ type: () => String, enum: Object.values(PatternType), required: true })
  patternType: PatternType;

  @Field(() => String, { description: 'e.g. "reel", "18:00" (18:00-19:00 local time), "Tuesday", "#launch"' })
  @prop({ type: () => String, required: true })
  patternName: string;

  @Field(() => Float, { description: "Share of the group's posts whose engagement rate beats the user's median (0-1)." })
  @prop({ type: () => Number, required: true, min: 0, max: 1 })
  successRate: number;

  @Field(() => Int)
  @prop({ type: () => Number, required: true, min: 0 })
  sampleSize: number;
}

export const PerformancePatternModel = getModelForClass(PerformancePattern);
