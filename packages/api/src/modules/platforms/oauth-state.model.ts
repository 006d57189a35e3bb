import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { PlatformType } from '../../lib/graphql-enums.js';

/**
 * One pending OAuth connect: created by connectPlatform, consumed once by the callback. The state
 * value itself is never stored (only its SHA-256); the PKCE verifier is stored encrypted. Expired
 * documents are removed by the TTL index, and the callback checks `expiresAt` itself because a TTL
 * monitor runs only once a minute (and not at all on the stand-in database).
 */
@modelOptions({ schemaOptions: { versionKey: false, timestamps: true, collection: 'oauth_states' } })
@index({ stateHash: 1 }, { unique: true })
@index({ expiresAt: 1 }, { expireAfterSeconds: 0 })
export class OAuthState {
  readonly _id: Types.ObjectId;

  @prop({ type: () => String, required: true })
  stateHash: string;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @prop({ type: () => String, enum: Object.values(PlatformType), required: true })
  type: PlatformType;

  @prop({ type: () => String })
  codeVerifierEnc?: string;

  @prop({ type: () => String, required: true })
  redirectUri: string;

  @prop({ type: () => Date, required: true })
  expiresAt: Date;

  /** The user who started the connect: the actor of its `platform.connected` audit event. */
  @prop({ type: () => Types.ObjectId })
  actorId?: Types.ObjectId;

  /** Set when the callback consumed it; a second use is refused. */
  @prop({ type: () => Date })
  usedAt?: Date;
}

export const OAuthStateModel = getModelForClass(OAuthState);
