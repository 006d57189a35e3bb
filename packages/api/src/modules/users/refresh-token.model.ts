import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * A refresh token, stored only as its SHA-256 hash. Each login starts a family; each refresh marks
 * the presented token used and issues the next one in the family. Presenting a used or revoked
 * token again revokes the whole family (theft detection). Not exposed through GraphQL.
 */
@modelOptions({ schemaOptions: { timestamps: true, versionKey: false, collection: 'refresh_tokens' } })
@index({ tokenHash: 1 }, { unique: true })
@index({ userId: 1, familyId: 1 })
@index({ expiresAt: 1 }, { expireAfterSeconds: 0 })
export class RefreshToken {
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @prop({ type: () => String, required: true })
  familyId: string;

  @prop({ type: () => String, required: true })
  tokenHash: string;

  @prop({ type: () => Date, required: true })
  expiresAt: Date;

  @prop({ type: () => Date })
  usedAt?: Date;

  @prop({ type: () => Date })
  revokedAt?: Date;

  @prop({ type: () => String, maxlength: 256 })
  userAgent?: string;

  @prop({ type: () => String, maxlength: 64 })
  ip?: string;

  readonly createdAt: Date;
}

export const RefreshTokenModel = getModelForClass(RefreshToken);
