import { ApiScope } from '@soash/shared';
import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import '../../lib/graphql-enums.js';

export const ApiKeyStatus = { ACTIVE: 'active', EXPIRED: 'expired', REVOKED: 'revoked' } as const;
export type ApiKeyStatus = (typeof ApiKeyStatus)[keyof typeof ApiKeyStatus];
registerEnumType(ApiKeyStatus, { name: 'ApiKeyStatus', description: 'ACTIVE: accepted. EXPIRED: past its expiry. REVOKED: withdrawn by an admin.' });

/**
 * A workspace's API key. The secret is never stored: only the SHA-256 of its random part
 * (`secretHash`, 190 bits of entropy, so a fast hash is enough), found by `publicId` without
 * scanning. A rotation moves the old hash to `previousSecretHash`, accepted until
 * `previousSecretExpiresAt`. Neither hash has a GraphQL field, and neither is read unless asked for
 * (`select: false`).
 */
@ObjectType({ description: 'An API key of the active workspace (its secret is shown only once, when created or rotated).' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'api_keys' } })
@index({ publicId: 1 }, { unique: true })
@index({ workspaceId: 1, createdAt: -1 })
export class ApiKey extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => String)
  @prop({ type: () => String, required: true, trim: true, maxlength: 100 })
  name: string;

  /** The public part of the key (`soash_<publicId>_…`), unique: how a presented key is found. */
  @prop({ type: () => String, required: true })
  publicId: string;

  @prop({ type: () => String, required: true, select: false })
  secretHash: string;

  @prop({ type: () => String, select: false })
  previousSecretHash?: string;

  @Field(() => Date, { nullable: true, description: 'Until when the secret replaced by the last rotation is still accepted.' })
  @prop({ type: () => Date })
  previousSecretExpiresAt?: Date;

  @Field(() => [ApiScope])
  @prop({ type: () => [String], enum: Object.values(ApiScope), required: true })
  scopes: ApiScope[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null: never.' })
  @prop({ type: () => Date })
  expiresAt?: Date;

  /** The member who created it: the key acts as them, capped by their current role. */
  @prop({ type: () => Types.ObjectId, required: true })
  createdBy: Types.ObjectId;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  revokedAt?: Date;

  @prop({ type: () => Types.ObjectId })
  revokedBy?: Types.ObjectId;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  rotatedAt?: Date;

  @Field(() => Date, { nullable: true, description: 'Last accepted use (recorded at most once a minute).' })
  @prop({ type: () => Date })
  lastUsedAt?: Date;

  @Field(() => String, { nullable: true, description: 'Address of the last accepted use.' })
  @prop({ type: () => String })
  lastUsedIp?: string;

  @Field(() => String, { nullable: true, description: 'User agent of the last accepted use.' })
  @prop({ type: () => String })
  lastUsedUserAgent?: string;
}

export const ApiKeyModel = getModelForClass(ApiKey);
