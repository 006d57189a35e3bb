import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import type { Types } from 'mongoose';
import { Field, Int, ObjectType } from 'type-graphql';
import { PlatformType } from '../../lib/graphql-enums.js';

/**
 * Post reads spent per platform and UTC month, across every account of this installation: X bills
 * each post a response returns to the one developer app Soash runs with, so the budget
 * (TWITTER_MONTHLY_POST_READS) is the app's, not an account's. One document per (type, month).
 */
@modelOptions({ schemaOptions: { versionKey: false, timestamps: true, collection: 'post_read_usage' } })
@index({ type: 1, month: 1 }, { unique: true })
export class PostReadUsageRecord {
  readonly _id: Types.ObjectId;

  @prop({ type: () => String, enum: Object.values(PlatformType), required: true })
  type: PlatformType;

  /** YYYY-MM (UTC). */
  @prop({ type: () => String, required: true })
  month: string;

  @prop({ type: () => Number, required: true, default: 0 })
  reads: number;
}

export const PostReadUsageModel = getModelForClass(PostReadUsageRecord);

/** An account's own post reads in one UTC month (stored on the platform document). */
export class AccountPostReads {
  @prop({ type: () => String, required: true })
  month: string;

  @prop({ type: () => Number, required: true, default: 0 })
  reads: number;
}

@ObjectType({ description: 'Billed post reads this UTC month (X pay-per-use), against the monthly budget.' })
export class PostReadBudget {
  @Field(() => String, { description: 'The UTC month, YYYY-MM.' })
  month: string;

  @Field(() => Int, { description: 'Post reads of this account this month.' })
  account: number;

  @Field(() => Int, { description: 'Post reads of all accounts of this platform this month (the budget is shared).' })
  used: number;

  @Field(() => Int, { nullable: true, description: 'TWITTER_MONTHLY_POST_READS; null when no limit is set.' })
  budget?: number | null;

  @Field(() => Int, { nullable: true, description: 'Reads left this month; null when no limit is set.' })
  remaining?: number | null;
}
