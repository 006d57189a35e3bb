import { WorkspaceRole } from '@soash/shared';
import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { baseSchemaOptions } from '../../lib/entity.js';

/**
 * An invitation to a workspace, by email. The token is mailed and stored only as its SHA-256 hash;
 * it is single use (acceptedAt), expires (expiresAt, INVITATION_TTL_DAYS) and can be revoked.
 * One open invitation per (workspace, email): a resend rotates the token and the expiry.
 */
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'invitations' } })
@index({ tokenHash: 1 }, { unique: true })
@index({ workspaceId: 1, email: 1, createdAt: -1 })
export class Invitation {
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  /** Normalised the way account emails are (NFKC, lower case). */
  @prop({ type: () => String, required: true, maxlength: 254 })
  email: string;

  @prop({ type: () => String, enum: Object.values(WorkspaceRole), required: true })
  role: WorkspaceRole;

  @prop({ type: () => String, required: true })
  tokenHash: string;

  @prop({ type: () => Date, required: true })
  expiresAt: Date;

  @prop({ type: () => Types.ObjectId, required: true })
  invitedBy: Types.ObjectId;

  @prop({ type: () => Date })
  acceptedAt?: Date;

  @prop({ type: () => Types.ObjectId })
  acceptedBy?: Types.ObjectId;

  @prop({ type: () => Date })
  revokedAt?: Date;

  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const InvitationModel = getModelForClass(Invitation);
