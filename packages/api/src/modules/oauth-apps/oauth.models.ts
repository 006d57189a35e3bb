import { ApiScope } from '@soash/shared';
import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import '../../lib/graphql-enums.js';

/**
 * A third-party app registered by an instance admin. `clientId` is public; a confidential app
 * also has a secret, of which only the SHA-256 is stored (`secretHash`, never read unless asked
 * for). A public app (a single-page or native app) has no secret. Every app must use PKCE.
 */
@ObjectType('OAuthApp', { description: 'A third-party app that may ask users for access to a workspace (OAuth 2.0, authorization code + PKCE).' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'oauth_apps' } })
@index({ clientId: 1 }, { unique: true })
export class OAuthApp extends Entity {
  @Field(() => String)
  @prop({ type: () => String, required: true, trim: true, maxlength: 100 })
  name: string;

  @Field(() => String, { description: 'The client_id the app sends (public).' })
  @prop({ type: () => String, required: true })
  clientId: string;

  @prop({ type: () => String, select: false })
  secretHash?: string;

  @Field(() => Boolean, { description: 'Whether the app authenticates with a client secret at the token endpoint (false: a public client).' })
  @prop({ type: () => Boolean, required: true })
  confidential: boolean;

  @Field(() => [String], { description: 'The exact redirect URIs the app may use.' })
  @prop({ type: () => [String], required: true })
  redirectUris: string[];

  @Field(() => [ApiScope], { description: 'The most the app may ask for; a user grants these or fewer.' })
  @prop({ type: () => [String], enum: Object.values(ApiScope), required: true })
  scopes: ApiScope[];

  @prop({ type: () => Types.ObjectId, required: true })
  createdBy: Types.ObjectId;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  secretRotatedAt?: Date;
}

/**
 * A user's consent: the app may act as them in one workspace with these scopes. Every token
 * issued under it (the first pair from the code, then each rotated refresh) belongs to this family:
 * revoking the grant, or a reused refresh token, ends them all.
 */
@ObjectType('OAuthGrant', { description: 'An app the signed-in user allowed to act for them in a workspace.' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'oauth_grants' } })
@index({ userId: 1, createdAt: -1 })
@index({ appId: 1 })
export class OAuthGrant extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  appId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => [ApiScope])
  @prop({ type: () => [String], enum: Object.values(ApiScope), required: true })
  scopes: ApiScope[];

  /** The authorization code it was created from (hash), so a replayed code revokes it. */
  @prop({ type: () => String })
  codeHash?: string;

  @Field(() => Date, { nullable: true, description: 'Last accepted use of one of its access tokens (recorded at most once a minute).' })
  @prop({ type: () => Date })
  lastUsedAt?: Date;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  revokedAt?: Date;

  /** Why it ended: the user or an admin, a replayed refresh token or code, the app deleted. */
  @prop({ type: () => String })
  revokedReason?: string;
}

/** A short-lived authorization code (hash), spent once. */
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'oauth_codes' } })
@index({ codeHash: 1 }, { unique: true })
export class OAuthCode {
  readonly _id: Types.ObjectId;

  @prop({ type: () => String, required: true })
  codeHash: string;

  @prop({ type: () => Types.ObjectId, required: true })
  appId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @prop({ type: () => [String], required: true })
  scopes: ApiScope[];

  @prop({ type: () => String, required: true })
  redirectUri: string;

  @prop({ type: () => String, required: true })
  codeChallenge: string;

  @prop({ type: () => String, required: true })
  codeChallengeMethod: string;

  @prop({ type: () => Date, required: true })
  expiresAt: Date;

  @prop({ type: () => Date })
  usedAt?: Date;
}

/**
 * One issuance under a grant: an access token and its refresh token (both stored as SHA-256
 * hashes). A refresh spends the refresh token (`rotatedAt`) and issues the next pair; presenting a
 * spent one again revokes the whole grant.
 */
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'oauth_tokens' } })
@index({ accessTokenHash: 1 }, { unique: true })
@index({ refreshTokenHash: 1 }, { unique: true, sparse: true })
@index({ grantId: 1 })
export class OAuthToken {
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  grantId: Types.ObjectId;

  @prop({ type: () => String, required: true })
  accessTokenHash: string;

  @prop({ type: () => Date, required: true })
  accessTokenExpiresAt: Date;

  @prop({ type: () => String })
  refreshTokenHash?: string;

  @prop({ type: () => Date })
  refreshTokenExpiresAt?: Date;

  /** The scopes of this pair (those of the grant, or fewer when a refresh asked for fewer). */
  @prop({ type: () => [String], required: true })
  scopes: ApiScope[];

  @prop({ type: () => Date })
  rotatedAt?: Date;

  @prop({ type: () => Date })
  revokedAt?: Date;
}

export const OAuthAppModel = getModelForClass(OAuthApp);
export const OAuthGrantModel = getModelForClass(OAuthGrant);
export const OAuthCodeModel = getModelForClass(OAuthCode);
export const OAuthTokenModel = getModelForClass(OAuthToken);
