import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ID, ObjectType } from 'type-graphql';
import { baseSchemaOptions } from '../../lib/entity.js';
import { WorkspaceRole } from '../../lib/graphql-enums.js';

/**
 * An invitation to a workspace, by email. The token is mailed and stored only as its SHA-256 hash;
 * it is single use (acceptedAt), expires (expiresAt, INVITATION_TTL_DAYS) and can be revoked.
 * One open invitation per (workspace, email): a resend rotates the token and the expiry. While it
 * is open (neither accepted nor revoked) it carries `openKey` = "<workspaceId>:<email>", unique, so
 * two concurrent invitations of one address upsert one document.
 * Exposed as the GraphQL `Invitation` type, never with its token.
 */
@ObjectType({ description: 'An invitation to the active workspace, by email. The token is only ever in the mailed link.' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'invitations' } })
@index({ tokenHash: 1 }, { unique: true })
@index({ workspaceId: 1, email: 1, createdAt: -1 })
@index({ openKey: 1 }, { unique: true, sparse: true })
export class Invitation {
  @Field(() => ID, { name: 'id' })
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  /** Normalised the way account emails are (NFKC, lower case). */
  @Field(() => String, { description: 'The invited address (NFKC-normalised, lower case).' })
  @prop({ type: () => String, required: true, maxlength: 254 })
  email: string;

  @Field(() => WorkspaceRole, { description: 'The role the invitee gets on accepting (admin, editor or viewer).' })
  @prop({ type: () => String, enum: Object.values(WorkspaceRole), required: true })
  role: WorkspaceRole;

  @prop({ type: () => String, required: true, select: false })
  tokenHash: string;

  /** "<workspaceId>:<email>" while the invitation is open; unset once accepted or revoked. */
  @prop({ type: () => String })
  openKey?: string;

  @Field(() => Date, { description: 'When the link stops working (7 days after it was sent or last resent).' })
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

  @Field(() => Date, { description: 'When the invitation was first sent.' })
  readonly createdAt: Date;

  @Field(() => Date, { description: 'When it last changed (a resend rotates the link and the expiry).' })
  readonly updatedAt: Date;
}

export const InvitationModel = getModelForClass(Invitation);
