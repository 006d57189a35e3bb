import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { PlatformType } from '../../lib/graphql-enums.js';

/** One account the login can connect (what the picker shows). */
export class PendingChoice {
  /** The account's id on the platform (Page id, organization id). */
  @prop({ type: () => String, required: true })
  platformUserId: string;

  @prop({ type: () => String, required: true })
  name: string;

  @prop({ type: () => String })
  username?: string;

  @prop({ type: () => String })
  avatarUrl?: string;

  @prop({ type: () => String })
  detail?: string;
}

/**
 * A login that reaches several accounts (Facebook Pages, LinkedIn organizations), waiting for its
 * user to choose which to connect (`pendingConnection` → `completeConnection`). Created by the
 * OAuth callback, used once, and valid for PENDING_CONNECTION_TTL_MS. The tokens are stored
 * encrypted, as one JSON document each (`TokenSet`), never selected by default and never exposed:
 * `loginTokensEnc` serves every choice without its own token (LinkedIn), `choiceTokensEnc` maps a
 * choice to its own token (Facebook Page tokens). A TTL index removes expired documents on real
 * MongoDB; the service checks `expiresAt` itself.
 */
@modelOptions({ schemaOptions: { versionKey: false, timestamps: true, collection: 'pending_connections' } })
@index({ workspaceId: 1, createdAt: -1 })
@index({ expiresAt: 1 }, { expireAfterSeconds: 0 })
export class PendingConnection {
  readonly _id: Types.ObjectId;
  readonly createdAt: Date;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @prop({ type: () => String, enum: Object.values(PlatformType), required: true })
  type: PlatformType;

  @prop({ type: () => [PendingChoice], _id: false, default: [] })
  choices: PendingChoice[];

  @prop({ type: () => String, required: true, select: false })
  loginTokensEnc: string;

  /** Encrypted JSON `{ [platformUserId]: TokenSet }`; absent when no choice has its own token. */
  @prop({ type: () => String, select: false })
  choiceTokensEnc?: string;

  @prop({ type: () => Date, required: true })
  expiresAt: Date;

  /** The user who started the connect (carried over from its OAuth state). */
  @prop({ type: () => Types.ObjectId })
  actorId?: Types.ObjectId;

  /** Set when completeConnection used it; it cannot be used again. */
  @prop({ type: () => Date })
  completedAt?: Date;
}

export type PendingConnectionWithSecrets = PendingConnection & { loginTokensEnc: string; choiceTokensEnc?: string };

export const PendingConnectionModel = getModelForClass(PendingConnection);
