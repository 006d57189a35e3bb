import { getModelForClass, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { InsightType, Priority } from '../../lib/graphql-enums.js';

/** A finding about the user's accounts, with the numbers and test behind it. */
@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'ai_insights' }, options: { allowMixed: Severity.ALLOW } })
@index({ workspaceId: 1, createdAt: -1 })
@index({ workspaceId: 1, key: 1 }, { unique: true })
@index({ workspaceId: 1, isDismissed: 1, priority: 1 })
@index({ workspaceId: 1, rankKey: -1, _id: -1 })
export class AiInsight extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => InsightType)
  @prop({ type: () => String, enum: Object.values(InsightType), required: true })
  insightType: InsightType;

  @Field(() => String)
  @prop({ type: () => String, required: true, maxlength: 200 })
  title: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, maxlength: 4000 })
  description?: string;

  @Field(() => Priority)
  @prop({ type: () => String, enum: Object.values(Priority), required: true, default: Priority.LOW })
  priority: Priority;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: false, required: true })
  isRead: boolean;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: false, required: true })
  isDismissed: boolean;

  /** Identifies the finding (e.g. "content_type:reel>image") so a re-run updates instead of duplicating. */
  @prop({ type: () => String, required: true })
  key: string;

  /** The engine's EvidenceData (engine.ts); exposed typed through InsightEvidence by a field resolver. */
  @prop({ type: () => Object })
  evidence?: Record<string, unknown>;

  /**
   * Sort key of the insights list, "priority, then recency": priority rank (high 3 … low 1) × 1e13
   * + the creation time in ms (below 1e13 until the year 2286). Kept in step by the generator.
   */
  @prop({ type: () => Number, required: true, default: 0 })
  rankKey: number;

  @Field(() => Date, { nullable: true, description: 'When the finding was last confirmed by a run.' })
  @prop({ type: () => Date })
  lastConfirmedAt?: Date;
}

export const AiInsightModel = getModelForClass(AiInsight);
