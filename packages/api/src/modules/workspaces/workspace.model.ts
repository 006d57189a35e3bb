import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';

/**
 * A workspace is a brand: the unit that owns platforms, posts, stats, categories, insights,
 * recommendations, patterns, jobs and exports. It carries the brand profile (what used to hang off
 * the user as UserProfile). The subscription stays on the owning user (`ownerId`); its limits count
 * across every workspace that user owns. `ownerId` mirrors the one member with the owner role.
 */
@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'workspaces' } })
@index({ ownerId: 1, createdAt: 1 })
export class Workspace extends Entity {
  @Field(() => String)
  @prop({ type: () => String, required: true, trim: true, minlength: 1, maxlength: 120 })
  name: string;

  @prop({ type: () => Types.ObjectId, required: true })
  ownerId: Types.ObjectId;

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

  /** IANA timezone name, validated on write. Analytics bucket days and hours by it. */
  @Field(() => String)
  @prop({ type: () => String, required: true, default: 'UTC' })
  timezone: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, maxlength: 2048 })
  avatarUrl?: string;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: false, required: true })
  onboardingCompleted: boolean;

  /** Set by the one-time migration on the personal workspace it creates for an existing user. */
  @prop({ type: () => Types.ObjectId })
  migratedFromUserId?: Types.ObjectId;
}

export const WorkspaceModel = getModelForClass(Workspace);
