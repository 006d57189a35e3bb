import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';

/** Brand and onboarding details (1:1 with User). The timezone is what analytics bucket by. */
@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'user_profiles' } })
@index({ userId: 1 }, { unique: true })
export class UserProfile extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, trim: true, maxlength: 120 })
  brandName?: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, trim: true, maxlength: 2000 })
  brandDescription?: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, trim: true, maxlength: 120 })
  industry?: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, trim: true, maxlength: 500 })
  targetAudience?: string;

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  brandValues: string[];

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  businessGoals: string[];

  /** IANA timezone name, validated on write. */
  @Field(() => String)
  @prop({ type: () => String, required: true, default: 'UTC' })
  timezone: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, maxlength: 2048 })
  avatarUrl?: string;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: false, required: true })
  onboardingCompleted: boolean;
}

export const UserProfileModel = getModelForClass(UserProfile);
