import { getModelForClass, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { RecommendationType } from '../../lib/graphql-enums.js';

/** Where the evidence behind a recommendation comes from. */
export enum RecommendationEvidenceSource {
  OWN_POSTS = 'OWN_POSTS',
  INDUSTRY = 'INDUSTRY',
}
registerEnumType(RecommendationEvidenceSource, {
  name: 'RecommendationEvidenceSource',
  valuesConfig: {
    OWN_POSTS: { description: "The user's own posts, tested within each account." },
    INDUSTRY: { description: 'Other brands of the same industry on this server, pooled (never named).' },
  },
});

@ObjectType({ description: "What the user's own posts say about the pattern." })
export class OwnPostsEvidence {
  @Field(() => String, { description: 'e.g. "#launch", "18:00".' })
  @prop({ type: () => String, required: true })
  pattern: string;

  @Field(() => Int, { description: "The user's posts with the pattern." })
  @prop({ type: () => Number, required: true })
  posts: number;

  @Field(() => Float, { description: "Share of those posts that beat their own account's median rate." })
  @prop({ type: () => Number, required: true })
  successRate: number;

  @Field(() => Float, { nullable: true, description: 'Benjamini–Hochberg q of the stratified test; null when too few posts to test.' })
  @prop({ type: () => Number })
  qValue: number | null;

  @Field(() => Float, { nullable: true, description: 'Stratified rank-biserial correlation (> 0: the pattern does better).' })
  @prop({ type: () => Number })
  rankBiserial: number | null;
}

@ObjectType({ description: 'What other brands of the same industry on this server show, pooled over at least 3 of them.' })
export class IndustryEvidence {
  @Field(() => String, { description: "The user's industry, as in the brand profile." })
  @prop({ type: () => String, required: true })
  industry: string;

  @Field(() => Int, { description: 'Other brands of the industry whose posts used the hashtag (at least 3).' })
  @prop({ type: () => Number, required: true })
  brands: number;

  @Field(() => Int, { description: 'Their posts with the hashtag.' })
  @prop({ type: () => Number, required: true })
  posts: number;

  @Field(() => Float, { description: "Share of those posts that beat their own account's median rate." })
  @prop({ type: () => Number, required: true })
  successRate: number;

  @Field(() => Float, { description: 'One-sided sign test of the successes against one half, Bonferroni-adjusted over the hashtags considered.' })
  @prop({ type: () => Number, required: true })
  pValue: number;
}

@ObjectType({ description: 'Why a recommendation is made, as data: where the evidence comes from and its numbers.' })
export class RecommendationBasis {
  @Field(() => [RecommendationEvidenceSource])
  @prop({ type: () => [String], enum: Object.values(RecommendationEvidenceSource), default: [] })
  sources: RecommendationEvidenceSource[];

  @Field(() => String, { description: 'Why, in one sentence.' })
  @prop({ type: () => String, required: true })
  why: string;

  @Field(() => String, { description: 'The rate compared, e.g. "engagement rate by reach".' })
  @prop({ type: () => String, required: true })
  metric: string;

  @Field(() => OwnPostsEvidence, { nullable: true })
  @prop({ type: () => OwnPostsEvidence, _id: false })
  own: OwnPostsEvidence | null;

  @Field(() => IndustryEvidence, { nullable: true })
  @prop({ type: () => IndustryEvidence, _id: false })
  industry: IndustryEvidence | null;
}

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

  /** Typed evidence of hashtag and posting-time recommendations (content ideas carry their brief). */
  @Field(() => RecommendationBasis, { nullable: true, description: 'Why it is recommended, as typed evidence (hashtag and posting-time recommendations).' })
  @prop({ type: () => RecommendationBasis, _id: false })
  basis?: RecommendationBasis | null;
}

export const ContentRecommendationModel = getModelForClass(ContentRecommendation);
