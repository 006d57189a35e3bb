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
@ObjectType({ description: 'A workspace: one brand with its accounts, posts, analytics and members. Choose it per request with the X-Workspace-Id header.' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'workspaces' } })
@index({ ownerId: 1, createdAt: 1 })
export class Workspace extends Entity {
  @Field(() => String, { description: 'The brand or client name shown in the workspace switcher.' })
  @prop({ type: () => String, required: true, trim: true, minlength: 1, maxlength: 120 })
  name: string;

  @prop({ type: () => Types.ObjectId, required: true })
  ownerId: Types.ObjectId;

  @Field(() => String, { nullable: true, description: 'The brand\'s public name (brand profile).' })
  @prop({ type: () => String, trim: true, maxlength: 120 })
  brandName?: string;

  @Field(() => String, { nullable: true, description: 'What the brand does, in a few sentences (brand profile; content ideas use it).' })
  @prop({ type: () => String, trim: true, maxlength: 2000 })
  brandDescription?: string;

  @Field(() => String, { nullable: true, description: 'The brand\'s industry (brand profile; sandbox accounts and content ideas follow it).' })
  @prop({ type: () => String, trim: true, maxlength: 120 })
  industry?: string;

  @Field(() => String, { nullable: true, description: 'Who the brand wants to reach (brand profile).' })
  @prop({ type: () => String, trim: true, maxlength: 500 })
  targetAudience?: string;

  @Field(() => [String], { description: 'What the brand stands for (brand profile).' })
  @prop({ type: () => [String], default: [] })
  brandValues: string[];

  @Field(() => [String], { description: 'What the brand wants to achieve (brand profile).' })
  @prop({ type: () => [String], default: [] })
  businessGoals: string[];

  /** IANA timezone name, validated on write. Analytics bucket days and hours by it. */
  @Field(() => String, { description: 'IANA time zone; analytics bucket days and hours of this workspace in it.' })
  @prop({ type: () => String, required: true, default: 'UTC' })
  timezone: string;

  @Field(() => String, { nullable: true, description: 'An http(s) URL of the brand\'s picture.' })
  @prop({ type: () => String, maxlength: 2048 })
  avatarUrl?: string;

  @Field(() => Boolean, { description: 'Whether onboarding of this workspace is done.' })
  @prop({ type: () => Boolean, default: false, required: true })
  onboardingCompleted: boolean;

  /** Set by the one-time migration on the personal workspace it creates for an existing user. */
  @prop({ type: () => Types.ObjectId })
  migratedFromUserId?: Types.ObjectId;
}

export const WorkspaceModel = getModelForClass(Workspace);
