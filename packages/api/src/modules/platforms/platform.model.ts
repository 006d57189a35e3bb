import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Int, ObjectType } from 'type-graphql';
import { AccountPostReads } from './post-read-usage.model.js';
import { RateLimitBudget } from './rate-limit-budget.model.js';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { PlatformStatus, PlatformType } from '../../lib/graphql-enums.js';

/**
 * A connected social account. Its OAuth tokens are stored encrypted (lib/crypto.ts), are never
 * selected by default and have no GraphQL field; only connectors read them, through
 * platforms.tokens.ts.
 */
/**
 * Volume options of a sandbox account's generated data (connectors/sandbox/generator.ts
 * SandboxOptions), stored with the account so that every pull job, which carries only the
 * account's id, generates the same data. Set when the account is connected (demo data, benchmarks).
 */
export class SandboxSettings {
  @prop({ type: () => Number })
  postsPerDay?: number;
}

@ObjectType({ description: 'A connected social media account.' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'platforms' } })
@index({ type: 1, platformUserId: 1 }, { unique: true })
@index({ workspaceId: 1, createdAt: 1 })
@index({ type: 1 })
@index({ isActive: 1, status: 1 })
// The startup pass over accounts whose follower days are not known yet (stats/follower-days.ts):
// `$ne: true` is two index ranges, nearly empty once every account has them.
@index({ followerDaysKnown: 1 })
export class Platform extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => PlatformType)
  @prop({ type: () => String, enum: Object.values(PlatformType), required: true })
  type: PlatformType;

  /** Sandbox accounts are served by the built-in sandbox provider, not the platform's API. */
  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: false, required: true })
  sandbox: boolean;

  /** Only on sandbox accounts; not exposed. */
  @prop({ type: () => SandboxSettings, _id: false })
  sandboxOptions?: SandboxSettings;

  @Field(() => String, { description: "The account's id on the platform." })
  @prop({ type: () => String, required: true })
  platformUserId: string;

  @Field(() => String, { nullable: true, description: 'Handle or profile id on the platform.' })
  @prop({ type: () => String })
  username?: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String })
  displayName?: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String })
  avatarUrl?: string;

  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number })
  followerCount?: number;

  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number })
  followingCount?: number;

  @prop({ type: () => String, select: false })
  accessTokenEnc?: string;

  @prop({ type: () => String, select: false })
  refreshTokenEnc?: string;

  /** Whether a refresh token is stored (the token itself is never selected by default). */
  @prop({ type: () => Boolean })
  hasRefreshToken?: boolean;

  @Field(() => Date, { nullable: true, description: 'When the access token expires.' })
  @prop({ type: () => Date })
  tokenExpiry?: Date;

  @Field(() => Date, { nullable: true, description: 'When the refresh token expires (then the user must reconnect).' })
  @prop({ type: () => Date })
  refreshTokenExpiry?: Date;

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  scopes: string[];

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: true, required: true })
  isActive: boolean;

  @Field(() => PlatformStatus)
  @prop({ type: () => String, enum: Object.values(PlatformStatus), default: PlatformStatus.ACTIVE, required: true })
  status: PlatformStatus;

  @Field(() => Date, { nullable: true, description: 'Last successful sync.' })
  @prop({ type: () => Date })
  lastSyncedAt?: Date;

  /**
   * The first and last day (stats `date`) that may hold a follower count: every daily stats row
   * of the account with `followers` lies within them. Widened by a stats pull before it writes
   * (so they hold while it runs; a failed write leaves them wider, never narrower); never narrowed
   * (a deletion leaves them wider). Trusted only with followerDaysKnown: an account connected
   * before they were kept has them computed from its rows once (startup), see follower-days.ts.
   */
  @prop({ type: () => Date })
  followersFrom?: Date;

  @prop({ type: () => Date })
  followersTo?: Date;

  /** Whether followersFrom/followersTo cover every stored row (absent: unknown; read the rows). */
  @prop({ type: () => Boolean })
  followerDaysKnown?: boolean;

  /**
   * Raised after every write to the account's daily stats rows (absent: 0): what was computed from
   * them is trusted while it is unchanged (stats/stats-revision.ts).
   */
  @prop({ type: () => Number })
  statsRevision?: number;

  /** When the first statistics pull (the backfill) finished; alerts watch an account's metrics only after both first pulls. */
  @prop({ type: () => Date })
  firstStatsPullAt?: Date;

  /** When the first posts pull (the backfill) finished. */
  @prop({ type: () => Date })
  firstActivitiesPullAt?: Date;

  @Field(() => String, { nullable: true, description: 'Last sync or refresh error, in words fit for the user.' })
  @prop({ type: () => String, maxlength: 500 })
  lastError?: string;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  lastErrorAt?: Date;

  /** When the current access token was issued (Instagram refuses refreshes of tokens < 24 h old). */
  @prop({ type: () => Date })
  tokenIssuedAt?: Date;

  /** When the user must connect again unless access is renewed (shown in connector health). */
  @prop({ type: () => Date })
  needsReauthBy?: Date;

  /** What the platform last said about the API budget left (rate-limit headers). */
  @prop({ type: () => RateLimitBudget, _id: false })
  rateLimit?: RateLimitBudget;

  /** Billed post reads of this account in the current UTC month (X pay-per-use). */
  @prop({ type: () => AccountPostReads, _id: false })
  postReads?: AccountPostReads;

  /** Last manual "sync now" (SYNC_COOLDOWN_SECONDS apart per account). */
  @prop({ type: () => Date })
  lastManualSyncAt?: Date;

  /** Lease held while one process refreshes the tokens, so rotating refresh tokens are used once. */
  @prop({ type: () => Date })
  tokenRefreshLockUntil?: Date;
}

export const PlatformModel = getModelForClass(Platform);
