import { prop } from '@typegoose/typegoose';
import { Field, Float, Int, ObjectType } from 'type-graphql';

/**
 * Engagement counters of a post. A counter the platform does not report is null, never 0.
 * impressions/reach/views are Float because they can pass 2^31 on large accounts.
 */
@ObjectType()
export class Engagement {
  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number })
  likes?: number | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number })
  comments?: number | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number })
  shares?: number | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number })
  saves?: number | null;

  @Field(() => Float, { nullable: true, description: 'Times shown (Instagram reports this as "views" since April 2025).' })
  @prop({ type: () => Number })
  impressions?: number | null;

  @Field(() => Float, { nullable: true, description: 'Unique accounts reached.' })
  @prop({ type: () => Number })
  reach?: number | null;

  @Field(() => Float, { nullable: true, description: 'Video plays / views where the platform reports them.' })
  @prop({ type: () => Number })
  views?: number | null;

  @Field(() => Int, { nullable: true, description: 'Story navigation: taps forward and back, exits and swipes away (Instagram stories only).' })
  @prop({ type: () => Number })
  navigation?: number | null;

  @Field(() => Int, { description: 'likes + comments + shares + saves (the counters that are reported).' })
  @prop({ type: () => Number, default: 0, required: true })
  total: number;
}

export type EngagementCounters = Omit<Engagement, 'total'>;

/** Fills `total` from the counters. */
export function withTotal(e: EngagementCounters): Engagement {
  return { ...e, total: (e.likes ?? 0) + (e.comments ?? 0) + (e.shares ?? 0) + (e.saves ?? 0) };
}
