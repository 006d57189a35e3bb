import { createHmac } from 'node:crypto';
import { PLATFORM_TYPES, TIER_LIMITS, type PlatformType } from '@soash/shared';
import { Types } from 'mongoose';
import { createPkcePair, DAY_MS } from '../../connectors/common.js';
import { connectorConfig } from '../../connectors/config.js';
import { ConnectorError } from '../../connectors/errors.js';
import { providerFor } from '../../connectors/registry.js';
import { sandboxAccount, type SandboxOptions } from '../../connectors/sandbox/generator.js';
import type { AccountProfile, Provider, TokenSet } from '../../connectors/types.js';
import { decryptSecret, encryptSecret, hashToken, randomToken, safeEqual } from '../../lib/crypto.js';
import { badInput, conflict, isDuplicateKeyError, limitExceeded, notFound } from '../../lib/errors.js';
import { JobType, PlatformStatus } from '../../lib/graphql-enums.js';
import { log } from '../../lib/logger.js';
import { schedulerRunning } from '../../jobs/scheduler.js';
import type { SystemJob } from '../system-jobs/system-job.model.js';
import { createPendingRun } from '../sync/job-run.js';
import { DAILY_STATS_DAYS, runPullJob } from '../sync/sync.service.js';
import { withPlatformSlots } from '../subscriptions/platform-slots.js';
import { UserModel, type User } from '../users/user.model.js';
import { OAuthStateModel, type OAuthState } from './oauth-state.model.js';
import { clearReauthNotice } from './platform-notices.js';
import { ensureDailyPulls, enqueuePull, JOB, type PullKind } from './platform-schedule.js';
import { planTokenJob } from './platform-token-job.js';
import { tokenUpdate, type PlatformWithSecrets } from './platform-tokens.js';
import { PlatformModel, type Platform } from './platform.model.js';

/**
 * Connecting accounts: the OAuth flow (state, PKCE, code exchange, upsert, first sync) and
 * sandbox accounts. Plan limits are enforced here: TIER_LIMITS[tier].maxPlatforms accounts, and
 * backfills reach back min(BACKFILL_DAYS, historyDays) days.
 */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

// ---------------------------------------------------------------------------------------------
// Plan limits

async function loadUser(userId: Types.ObjectId): Promise<User> {
  const user = await UserModel.findById(userId).lean<User>();
  if (!user) throw notFound('User');
  return user;
}

function limitError(user: User, limit: number) {
  return limitExceeded(
    `Your ${user.subscriptionTier} plan allows ${limit} connected account${limit === 1 ? '' : 's'}; disconnect one or upgrade your plan to connect more`,
    { limit, tier: user.subscriptionTier },
  );
}

async function atPlatformLimit(user: User): Promise<number | null> {
  const limit = TIER_LIMITS[user.subscriptionTier].maxPlatforms;
  if (limit === null) return null;
  const count = await PlatformModel.countDocuments({ userId: user._id });
  return count >= limit ? limit : null;
}

/** Days a first sync reaches back: BACKFILL_DAYS, capped by the plan's history. */
export function backfillDaysFor(user: Pick<User, 'subscriptionTier'>): number {
  const history = TIER_LIMITS[user.subscriptionTier].historyDays;
  return Math.max(1, Math.min(connectorConfig().BACKFILL_DAYS, history ?? Number.MAX_SAFE_INTEGER));
}

// ---------------------------------------------------------------------------------------------
// Scheduling the first sync

export interface ScheduledSync {
  stats: SystemJob;
  activities: SystemJob;
}

/**
 * Queues a stats pull and an activities pull now, each with its SystemJob created up front (so
 * `syncProgress` can follow them at once), and makes sure the daily pulls and the token job exist.
 */
export async function scheduleSync(platform: Pick<Platform, '_id' | 'userId'>, kind: PullKind, days: number): Promise<ScheduledSync> {
  const platformId = platform._id.toHexString();
  const stats = await createPendingRun(JobType.SYNC_METRICS, platform.userId, platform._id);
  const activities = await createPendingRun(JobType.SYNC_ACTIVITIES, platform.userId, platform._id);
  await enqueuePull(JOB.PULL_STATS, { platformId, kind, days, systemJobId: stats._id.toHexString() });
  await enqueuePull(JOB.PULL_ACTIVITIES, { platformId, kind, days, systemJobId: activities._id.toHexString() });
  await ensureSchedules(platform._id);
  return { stats: stats.toObject(), activities: activities.toObject() };
}

export async function ensureSchedules(platformId: Types.ObjectId): Promise<void> {
  await ensureDailyPulls(platformId);
  await planTokenJob(platformId);
}

// ---------------------------------------------------------------------------------------------
// Sandbox accounts

export interface ConnectSandboxOptions {
  /** Seed of the generated data; default derived from the user and type (one sandbox per type). */
  platformUserId?: string;
  /**
   * 'schedule' queues the backfill as jobs (default when this process has a scheduler); 'inline'
   * runs it before returning (default otherwise, e.g. seeding scripts); 'none' skips it.
   */
  backfill?: 'schedule' | 'inline' | 'none';
  /** Override of the backfill length (still capped by nothing else: for demo data and benchmarks). */
  days?: number;
  sandboxOptions?: SandboxOptions;
}

/**
 * Connects a sandbox account (no credentials) and fills its history. Usable without a request
 * (demo data, benchmarks). Connecting the same sandbox type again returns the existing account.
 */
export async function connectSandboxPlatform(userId: Types.ObjectId | string, type: PlatformType, opts: ConnectSandboxOptions = {}): Promise<Platform> {
  if (!PLATFORM_TYPES.includes(type)) throw badInput(`Unknown platform type "${String(type)}"`, 'type');
  const uid = typeof userId === 'string' ? new Types.ObjectId(userId) : userId;
  const user = await loadUser(uid);
  const platformUserId = opts.platformUserId ?? `sandbox-${type}-${hashToken(`${uid.toHexString()}:${type}`).slice(0, 16)}`;
  let platform = await PlatformModel.findOne({ type, platformUserId }).lean<Platform>();
  let created = false;
  if (platform && !platform.userId.equals(uid)) throw conflict('That sandbox account is connected to another user');
  if (!platform) {
    // Count and create under the user's platform-slot lease, so concurrent connects cannot pass the limit together.
    ({ platform, created } = await withPlatformSlots(uid, async () => {
      const current = await loadUser(uid); // the plan as of now: a plan change takes the same lease
      const limit = await atPlatformLimit(current);
      if (limit !== null) throw limitError(current, limit);
      const acc = sandboxAccount(platformUserId, type, opts.sandboxOptions);
      try {
        const doc = await PlatformModel.create({
          userId: uid,
          type,
          sandbox: true,
          ...(opts.sandboxOptions?.postsPerDay !== undefined ? { sandboxOptions: { postsPerDay: opts.sandboxOptions.postsPerDay } } : {}),
          platformUserId,
          username: acc.username,
          displayName: acc.displayName,
          status: PlatformStatus.ACTIVE,
          isActive: true,
        });
        return { platform: doc.toObject() as Platform, created: true };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const found = await PlatformModel.findOne({ type, platformUserId }).lean<Platform>();
        if (!found || !found.userId.equals(uid)) throw conflict('That sandbox account is connected to another user');
        return { platform: found, created: false };
      }
    }));
  } else if (!platform.isActive || platform.status !== PlatformStatus.ACTIVE) {
    platform = await PlatformModel.findOneAndUpdate(
      { _id: platform._id },
      { $set: { isActive: true, status: PlatformStatus.ACTIVE }, $unset: { lastError: 1, lastErrorAt: 1 } },
      { returnDocument: 'after' },
    ).lean<Platform>();
  }
  const days = opts.days ?? backfillDaysFor(user);
  const mode = opts.backfill ?? (schedulerRunning() ? 'schedule' : 'inline');
  if (created && mode === 'schedule') await scheduleSync(platform!, 'backfill', days);
  if (created && mode === 'inline') {
    const data = { platformId: platform!._id.toHexString(), kind: 'backfill' as const, days };
    await runPullJob('stats', data, {});
    await runPullJob('activities', data, {});
    if (schedulerRunning()) await ensureSchedules(platform!._id);
  }
  return (await PlatformModel.findById(platform!._id).lean<Platform>())!;
}

// ---------------------------------------------------------------------------------------------
// OAuth: start

function stateSignature(nonce: string): string {
  return createHmac('sha256', connectorConfig().jwtSecret).update(`oauth-state:${nonce}`).digest('base64url').slice(0, 32);
}

export function callbackUrl(type: PlatformType): string {
  return `${connectorConfig().publicUrl}/oauth/${type}/callback`;
}

export function notConfiguredMessage(provider: Provider): string {
  return (
    `${provider.label} is not configured on this server (set ${provider.configVariables.join(' and ')}). ` +
    `You can connect a sandbox ${provider.label} account instead (sandbox: true).`
  );
}

/** Starts an OAuth connect; returns the platform's authorize URL. */
export async function startOAuthConnect(userId: Types.ObjectId, type: PlatformType): Promise<string> {
  const config = connectorConfig();
  const provider = providerFor(type, { sandbox: false, config });
  if (!provider.isConfigured()) throw badInput(notConfiguredMessage(provider), 'type');
  const user = await loadUser(userId);
  const limit = await atPlatformLimit(user);
  // At the limit, only reconnecting an account that lost access makes sense (checked again at the callback).
  if (limit !== null) {
    const reconnectable = await PlatformModel.exists({
      userId,
      type,
      sandbox: false,
      status: { $in: [PlatformStatus.NEEDS_REAUTH, PlatformStatus.REVOKED, PlatformStatus.ERROR] },
    });
    if (!reconnectable) throw limitError(user, limit);
  }
  const nonce = randomToken(32);
  const state = `${nonce}.${stateSignature(nonce)}`;
  const pkce = provider.pkce ? createPkcePair() : undefined;
  const redirectUri = callbackUrl(type);
  await OAuthStateModel.create({
    stateHash: hashToken(state),
    userId,
    type,
    codeVerifierEnc: pkce ? encryptSecret(pkce.verifier) : undefined,
    redirectUri,
    expiresAt: new Date(Date.now() + OAUTH_STATE_TTL_MS),
  });
  return provider.buildAuthorizeUrl({ state, redirectUri, codeChallenge: pkce?.challenge });
}

// ---------------------------------------------------------------------------------------------
// OAuth: callback

export type ConnectErrorCode =
  | 'unknown_platform'
  | 'invalid_state'
  | 'expired_state'
  | 'used_state'
  | 'access_denied'
  | 'missing_code'
  | 'already_connected'
  | 'limit_exceeded'
  | 'not_configured'
  | 'connect_failed';

type StateCheck = { state: OAuthState } | { error: ConnectErrorCode };

/** Verifies and consumes a state value: signed, known, unused, unexpired, for this platform. */
async function consumeState(raw: unknown, type: PlatformType): Promise<StateCheck> {
  if (typeof raw !== 'string' || raw.length > 200) return { error: 'invalid_state' };
  const [nonce, sig, extra] = raw.split('.');
  if (!nonce || !sig || extra !== undefined || !safeEqual(sig, stateSignature(nonce))) return { error: 'invalid_state' };
  const stateHash = hashToken(raw);
  const now = new Date();
  const doc = await OAuthStateModel.findOneAndUpdate({ stateHash, usedAt: { $exists: false } }, { $set: { usedAt: now } }, { returnDocument: 'after' }).lean<OAuthState>();
  if (!doc) return { error: (await OAuthStateModel.exists({ stateHash })) ? 'used_state' : 'invalid_state' };
  if (doc.type !== type) return { error: 'invalid_state' };
  if (doc.expiresAt.getTime() <= now.getTime()) return { error: 'expired_state' };
  return { state: doc };
}

type UpsertResult = { platform: Platform; created: boolean } | { error: ConnectErrorCode };

/**
 * Creates or updates the account from a successful exchange. The account may belong to no one
 * (created), to this user (reconnect: tokens replaced, a stored refresh token kept when the
 * platform sent none) or to another user (refused: no takeover).
 */
async function upsertConnectedPlatform(userId: Types.ObjectId, provider: Provider, tokens: TokenSet, profile: AccountProfile): Promise<UpsertResult> {
  const type = provider.type;
  const platformUserId = profile.platformUserId;
  const existing = await PlatformModel.findOne({ type, platformUserId }).select('+refreshTokenEnc').lean<PlatformWithSecrets>();
  if (existing && !existing.userId.equals(userId)) return { error: 'already_connected' };
  // A new account is counted and created under the user's platform-slot lease (see withPlatformSlots).
  if (!existing) return withPlatformSlots(userId, () => writeConnectedPlatform(userId, provider, tokens, profile, existing));
  return writeConnectedPlatform(userId, provider, tokens, profile, existing);
}

async function writeConnectedPlatform(
  userId: Types.ObjectId,
  provider: Provider,
  tokens: TokenSet,
  profile: AccountProfile,
  existing: PlatformWithSecrets | null,
): Promise<UpsertResult> {
  const type = provider.type;
  const platformUserId = profile.platformUserId;
  if (!existing) {
    const user = await loadUser(userId);
    if ((await atPlatformLimit(user)) !== null) return { error: 'limit_exceeded' };
  }
  const update = tokenUpdate(tokens, provider, { hasRefreshToken: !!existing?.refreshTokenEnc, refreshTokenExpiry: existing?.refreshTokenExpiry });
  const $set: Record<string, unknown> = {
    ...update.$set,
    sandbox: false,
    status: PlatformStatus.ACTIVE,
    isActive: true,
    ...(profile.username ? { username: profile.username } : {}),
    ...(profile.displayName ? { displayName: profile.displayName } : {}),
    ...(profile.avatarUrl ? { avatarUrl: profile.avatarUrl } : {}),
    ...(profile.followerCount !== undefined ? { followerCount: profile.followerCount } : {}),
    ...(profile.followingCount !== undefined ? { followingCount: profile.followingCount } : {}),
  };
  const $unset = { ...update.$unset, lastError: 1, lastErrorAt: 1 } as Record<string, 1>;
  try {
    const platform = await PlatformModel.findOneAndUpdate({ type, platformUserId, userId }, { $set, $unset }, { upsert: true, returnDocument: 'after', setDefaultsOnInsert: true }).lean<Platform>();
    return { platform: platform!, created: !existing };
  } catch (err) {
    if (isDuplicateKeyError(err)) return { error: 'already_connected' };
    throw err;
  }
}

/**
 * Handles `GET /oauth/:type/callback` and answers where to redirect the browser: the web app's
 * Platforms page with `connected=<id>` or `error=<code>`. Never throws for bad input.
 */
export async function completeOAuthConnect(typeParam: string, query: Record<string, unknown>): Promise<string> {
  const config = connectorConfig();
  const back = (params: Record<string, string>) => `${config.webAppUrl}/platforms?${new URLSearchParams(params).toString()}`;
  if (!(PLATFORM_TYPES as readonly string[]).includes(typeParam)) return back({ error: 'unknown_platform' });
  const type = typeParam as PlatformType;
  const checked = await consumeState(query.state, type);
  if ('error' in checked) return back({ error: checked.error, platform: type });
  const st = checked.state;
  if (typeof query.error === 'string' && query.error) return back({ error: 'access_denied', platform: type });
  if (typeof query.code !== 'string' || !query.code) return back({ error: 'missing_code', platform: type });

  const provider = providerFor(type, { sandbox: false, config });
  if (!provider.isConfigured()) return back({ error: 'not_configured', platform: type });
  try {
    const exchange = await provider.exchangeCode({
      code: query.code,
      redirectUri: st.redirectUri,
      codeVerifier: st.codeVerifierEnc ? decryptSecret(st.codeVerifierEnc) : undefined,
    });
    const profile = await provider.fetchProfile({ platformUserId: exchange.platformUserId ?? '', accessToken: exchange.tokens.accessToken });
    if (!profile.platformUserId) profile.platformUserId = exchange.platformUserId ?? '';
    if (!profile.platformUserId) throw new ConnectorError({ kind: 'permanent', platform: provider.label, message: `${provider.label} did not say which account was connected` });
    const result = await upsertConnectedPlatform(st.userId, provider, exchange.tokens, profile);
    if ('error' in result) {
      log.warn('OAuth connect refused', { type, reason: result.error });
      return back({ error: result.error, platform: type });
    }
    const { platform, created } = result;
    await clearReauthNotice(platform);
    const user = await loadUser(st.userId);
    const full = backfillDaysFor(user);
    const days = created || !platform.lastSyncedAt ? full : Math.min(full, Math.max(DAILY_STATS_DAYS, Math.ceil((Date.now() - platform.lastSyncedAt.getTime()) / DAY_MS) + 1));
    await scheduleSync(platform, created ? 'backfill' : 'catchup', days);
    log.info('platform connected', { type, platformId: platform._id.toHexString(), created });
    return back({ connected: platform._id.toHexString() });
  } catch (err) {
    log.warn('OAuth connect failed', {
      type,
      error: err instanceof ConnectorError ? { kind: err.kind, code: err.code, message: err.message } : err instanceof Error ? err.message : String(err),
    });
    return back({ error: 'connect_failed', platform: type });
  }
}

