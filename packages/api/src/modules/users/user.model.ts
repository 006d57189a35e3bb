import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { Role, SubscriptionStatus, SubscriptionTier } from '../../lib/graphql-enums.js';

/** An account. Secrets (password hash, email-link token hashes) are stored but have no GraphQL field. */
@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'users' } })
@index({ email: 1 }, { unique: true })
@index({ subscriptionTier: 1 })
@index({ verificationTokenHash: 1 }, { sparse: true })
@index({ passwordResetTokenHash: 1 }, { sparse: true })
export class User extends Entity {
  @Field(() => String)
  @prop({ type: () => String, required: true, trim: true, maxlength: 120 })
  name: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, trim: true, maxlength: 60 })
  firstName?: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, trim: true, maxlength: 60 })
  lastName?: string;

  /** Lower-cased and trimmed before it is stored (see normalizeEmail). */
  @Field(() => String)
  @prop({ type: () => String, required: true, lowercase: true, trim: true, maxlength: 254 })
  email: string;

  @prop({ type: () => String, required: true, select: false })
  passwordHash: string;

  @Field(() => Role)
  @prop({ type: () => String, enum: Object.values(Role), default: Role.USER, required: true })
  role: Role;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String, trim: true, maxlength: 120 })
  company?: string;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: false, required: true })
  isVerified: boolean;

  @prop({ type: () => String, select: false })
  verificationTokenHash?: string;

  @prop({ type: () => Date, select: false })
  verificationTokenExpiresAt?: Date;

  @prop({ type: () => String, select: false })
  passwordResetTokenHash?: string;

  @prop({ type: () => Date, select: false })
  passwordResetExpiresAt?: Date;

  @Field(() => SubscriptionTier)
  @prop({ type: () => String, enum: Object.values(SubscriptionTier), default: SubscriptionTier.FREE, required: true })
  subscriptionTier: SubscriptionTier;

  @Field(() => SubscriptionStatus)
  @prop({ type: () => String, enum: Object.values(SubscriptionStatus), default: SubscriptionStatus.ACTIVE, required: true })
  subscriptionStatus: SubscriptionStatus;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  lastLoginAt?: Date;

  /** The workspace the user last chose (X-Workspace-Id); the active one of requests that name none. */
  @prop({ type: () => Types.ObjectId })
  lastWorkspaceId?: Types.ObjectId;
}

export const UserModel = getModelForClass(User);

/**
 * The stored form of an address: Unicode NFKC (so a full-width "ａ" and "a" are one address),
 * trimmed and lower-cased. Sign-up, sign-in and reset requests all go through it.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** Invisible characters: controls, format characters (zero-width space and joiners, bidi marks), separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\p{Co}\p{Cn}]/u;
/** After NFKC, an address is printable ASCII: anything else can pass for another address (Cyrillic "а" for "a"). */
const NON_ASCII = /[^\x21-\x7e]/;

/**
 * Why an address (already normalised) is refused, or null. Invisible and non-ASCII characters are
 * refused outright rather than judged one by one: each is a way to register an address that looks
 * like someone else's. International domains are accepted in their ASCII (xn--) form.
 */
export function emailProblem(normalized: string): string | null {
  if (INVISIBLE.test(normalized)) return 'email must not contain invisible characters';
  if (NON_ASCII.test(normalized)) return 'email must use plain ASCII characters (write an international domain in its xn-- form)';
  return null;
}
