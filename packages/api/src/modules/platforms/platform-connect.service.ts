import { createHmac } from 'node:crypto';
import { AuditAction, PLATFORM_TYPES, TIER_LIMITS, type PlatformType } from '@soash/shared';
import { Types } from 'mongoose';
import { createPkcePair, DAY_MS } from '../../connectors/common.js';
import { connectorConfig } from '../../connectors/config.js';
import { ConnectorError } from '../../connectors/errors.js';
import { providerFor } from '../../connectors/registry.js';
import { sandboxAccount, type SandboxOptions } from '../../connectors/sandbox/generator.js';
import { brandedSandboxId } from './sandbox-brand.js';
import type { AccountProfile, ConnectableAccount, Provider, TokenSet } from '../../connectors/types.js';
import { decryptSecret, encryptSecret, hashToken, randomToken, safeEqual } from '../../lib/crypto.js';
import { badInput, conflict, isDuplicateKeyError, limitExceeded, notFound } from '../../lib/errors.js';
import { JobType, PlatformStatus } from '../../lib/graphql-enums.js';
import { log } from '../../lib/logger.js';
import { schedulerRunning } from '../../jobs/scheduler.js';
import type { SystemJob } from '../system-jobs/system-job.model.js';
import { createPendingRun } from '../sync/job-run.js';
import { DAILY_STATS_DAYS, runPullJob } from '../sync/sync.service.js';
import { withPlatformSlots } from '../subscriptions/platform-slots.js';
import type { User } from '../users/user.model.js';
import { recordAudit } from '../workspaces/audit.service.js';
import { ownedWorkspaceIds, workspaceOwner } from '../workspaces/workspaces.service.js';
import { OAuthStateModel, type OAuthState } from './oauth-state.model.js';
import { PendingConnectionModel, type PendingConnection, type PendingConnectionWithSecrets } from './pending-connection.model.js';
import type { PendingConnectionView } from './pending-connection.type.js';
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
/** How long a login that reaches several accounts waits for the user to choose. */
export const PENDING_CONNECTION_TTL_MS = 30 * 60_000;

// ---------------------------------------------------------------------------------------------
// Plan limits

/** The owner of a workspace: their subscription sets the limits, counted across every workspace they own. */
async function loadUser(workspaceId: Types.ObjectId): Promise<User> {
  const user = await workspaceOwner(workspaceId);
  if (!user) throw notFound('Workspace');
  return user;
}

/** Accounts connected in every workspace `owner` owns (the plan's account limit counts them all). */
export async function connectedAcrossOwned(owner: Pick<User, '_id'>): Promise<number> {
  return PlatformModel.countDocuments({ workspaceId: { $in: await ownedWorkspaceIds(owner._id) } });
}

/** Runs `fn` under the platform-slot lease of the workspace's owner (one lease across their workspaces). */
async function withOwnerSlots<T>(workspaceId: Types.ObjectId, fn: () => Promise<T>): Promise<T> {
  const owner = await loadUser(workspaceId);
  return withPlatformSlots(owner._id, fn);
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
  const count = await connectedAcrossOwned(user);
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
export async function scheduleSync(platform: Pick<Platform, '_id' | 'workspaceId'>, kind: PullKind, days: number): Promise<ScheduledSync> {
  const platformId = platform._id.toHexString();
  const stats = await createPendingRun(JobType.SYNC_METRICS, platform.workspaceId, platform._id);
  const activities = await createPendingRun(JobType.SYNC_ACTIVITIES, platform.workspaceId, platform._id);
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
export async function connectSandboxPlatform(workspaceId: Types.ObjectId | string, type: PlatformType, opts: ConnectSandboxOptions = {}): Promise<Platform> {
  if (!PLATFORM_TYPES.includes(type)) throw badInput(`Unknown platform type "${String(type)}"`, 'type');
  const uid = typeof workspaceId === 'string' ? new Types.ObjectId(workspaceId) : workspaceId;
  const user = await loadUser(uid);
  // One sandbox per type and user: an existing one is reused even if the brand changed since.
  const existing = opts.platformUserId ? null : await PlatformModel.findOne({ workspaceId: uid, type, sandbox: true }).lean<Platform>();
  const platformUserId =
    opts.platformUserId ?? existing?.platformUserId ?? (await brandedSandboxId(uid, `sandbox-${type}-${hashToken(`${uid.toHexString()}:${type}`).slice(0, 16)}`));
  let platform = existing ?? (await PlatformModel.findOne({ type, platformUserId }).lean<Platform>());
  let created = false;
  if (platform && !platform.workspaceId.equals(uid)) throw conflict('That sandbox account is connected to another workspace');
  if (!platform) {
    // Count and create under the user's platform-slot lease, so concurrent connects cannot pass the limit together.
    ({ platform, created } = await withOwnerSlots(uid, async () => {
      const current = await loadUser(uid); // the plan as of now: a plan change takes the same lease
      const limit = await atPlatformLimit(current);
      if (limit !== null) throw limitError(current, limit);
      const acc = sandboxAccount(platformUserId, type, opts.sandboxOptions);
      try {
        const doc = await PlatformModel.create({
          workspaceId: uid,
          type,
          sandbox: true,
          ...(opts.sandboxOptions?.postsPerDay !== undefined ? { sandboxOptions: { postsPerDay: opts.sandboxOptions.postsPerDay } } : {}),
          platformUserId,
          username: acc.username,
          displayName: acc.displayName,
          status: PlatformStatus.ACTIVE,
          isActive: true,
          // A new account has no stats rows: its follower days are known (none) from the start.
          followerDaysKnown: true,
        });
        return { platform: doc.toObject() as Platform, created: true };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const found = await PlatformModel.findOne({ type, platformUserId }).lean<Platform>();
        if (!found || !found.workspaceId.equals(uid)) throw conflict('That sandbox account is connected to another workspace');
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

/**
 * Starts an OAuth connect; returns the platform's authorize URL. `actorId`, the user who starts it,
 * is kept with the state so that the callback can record who connected the account.
 */
export async function startOAuthConnect(workspaceId: Types.ObjectId, type: PlatformType, actorId?: Types.ObjectId): Promise<string> {
  const config = connectorConfig();
  const provider = providerFor(type, { sandbox: false, config });
  if (!provider.isConfigured()) throw badInput(notConfiguredMessage(provider), 'type');
  const user = await loadUser(workspaceId);
  const limit = await atPlatformLimit(user);
  // At the limit, only reconnecting an account that lost access makes sense (checked again at the callback).
  if (limit !== null) {
    const reconnectable = await PlatformModel.exists({
      workspaceId,
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
    workspaceId,
    type,
    actorId,
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
  | 'no_accounts'
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
async function upsertConnectedPlatform(workspaceId: Types.ObjectId, provider: Provider, tokens: TokenSet, profile: AccountProfile): Promise<UpsertResult> {
  const type = provider.type;
  const platformUserId = profile.platformUserId;
  const existing = await PlatformModel.findOne({ type, platformUserId }).select('+refreshTokenEnc').lean<PlatformWithSecrets>();
  if (existing && !existing.workspaceId.equals(workspaceId)) return { error: 'already_connected' };
  // A new account is counted and created under the user's platform-slot lease (see withPlatformSlots).
  if (!existing) return withOwnerSlots(workspaceId, () => writeConnectedPlatform(workspaceId, provider, tokens, profile, existing));
  return writeConnectedPlatform(workspaceId, provider, tokens, profile, existing);
}

async function writeConnectedPlatform(
  workspaceId: Types.ObjectId,
  provider: Provider,
  tokens: TokenSet,
  profile: AccountProfile,
  existing: PlatformWithSecrets | null,
): Promise<UpsertResult> {
  const type = provider.type;
  const platformUserId = profile.platformUserId;
  if (!existing) {
    const user = await loadUser(workspaceId);
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
    const platform = await PlatformModel.findOneAndUpdate({ type, platformUserId, workspaceId }, { $set, $unset, $setOnInsert: { followerDaysKnown: true } }, { upsert: true, returnDocument: 'after', setDefaultsOnInsert: true }).lean<Platform>();
    return { platform: platform!, created: !existing };
  } catch (err) {
    if (isDuplicateKeyError(err)) return { error: 'already_connected' };
    throw err;
  }
}

/** A connected account's first sync (new) or catch-up since its last sync (reconnected). */
async function afterConnect(platform: Platform, created: boolean): Promise<void> {
  await clearReauthNotice(platform);
  const user = await loadUser(platform.workspaceId);
  const full = backfillDaysFor(user);
  const days = created || !platform.lastSyncedAt ? full : Math.min(full, Math.max(DAILY_STATS_DAYS, Math.ceil((Date.now() - platform.lastSyncedAt.getTime()) / DAY_MS) + 1));
  await scheduleSync(platform, created ? 'backfill' : 'catchup', days);
  log.info('platform connected', { type: platform.type, platformId: platform._id.toHexString(), created });
}

/** Where the callback request came from (the user's browser): the audit log's address and user agent. */
export interface CallbackRequest {
  ip?: string;
  userAgent?: string;
}

/**
 * Handles `GET /oauth/:type/callback` and answers where to redirect the browser: the web app's
 * Platforms page with `connected=<id>` or `error=<code>`. Never throws for bad input. A connected
 * (or reconnected) account is recorded in the workspace's audit log as `platform.connected`, with
 * the user who started the connect as the actor and the callback request's address and user agent.
 */
export async function completeOAuthConnect(typeParam: string, query: Record<string, unknown>, request: CallbackRequest = {}): Promise<string> {
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
    let tokens = exchange.tokens;
    let platformUserId = exchange.platformUserId ?? '';
    if (provider.listConnectableAccounts) {
      // One login, several accounts (Pages, organizations): the user chooses, unless there is one.
      const accounts = await provider.listConnectableAccounts(exchange);
      if (!accounts.length) return back({ error: 'no_accounts', platform: type });
      if (accounts.length > 1) {
        const pending = await createPendingConnection(st.workspaceId, type, exchange.tokens, accounts, st.actorId);
        log.info('OAuth connect waits for a choice', { type, pendingId: pending._id.toHexString(), choices: accounts.length });
        return `${config.webAppUrl}/platforms/connect/${pending._id.toHexString()}`;
      }
      tokens = accounts[0]!.tokens ?? exchange.tokens;
      platformUserId = accounts[0]!.platformUserId;
    }
    const profile = await provider.fetchProfile({ platformUserId, accessToken: tokens.accessToken });
    if (!profile.platformUserId) profile.platformUserId = platformUserId;
    if (!profile.platformUserId) throw new ConnectorError({ kind: 'permanent', platform: provider.label, message: `${provider.label} did not say which account was connected` });
    const result = await upsertConnectedPlatform(st.workspaceId, provider, tokens, profile);
    if ('error' in result) {
      log.warn('OAuth connect refused', { type, reason: result.error });
      return back({ error: result.error, platform: type });
    }
    const { platform, created } = result;
    await afterConnect(platform, created);
    await recordAudit(
      { workspaceId: st.workspaceId, userId: st.actorId ?? null, ip: request.ip, userAgent: request.userAgent },
      AuditAction.PLATFORM_CONNECTED,
      { type: 'platform', id: platform._id },
      { platformType: platform.type, sandbox: false, reconnected: !created },
    );
    return back({ connected: platform._id.toHexString() });
  } catch (err) {
    log.warn('OAuth connect failed', {
      type,
      error: err instanceof ConnectorError ? { kind: err.kind, code: err.code, message: err.message } : err instanceof Error ? err.message : String(err),
    });
    return back({ error: 'connect_failed', platform: type });
  }
}


// ---------------------------------------------------------------------------------------------
// Choosing among several accounts (pendingConnection → completeConnection)

const TOKEN_DATES = ['issuedAt', 'expiresAt', 'refreshTokenExpiresAt'] as const;

function openTokens(raw: unknown): TokenSet {
  const t = { ...(raw as Record<string, unknown>) };
  for (const k of TOKEN_DATES) if (typeof t[k] === 'string') t[k] = new Date(t[k] as string);
  return t as unknown as TokenSet;
}

async function createPendingConnection(
  workspaceId: Types.ObjectId,
  type: PlatformType,
  login: TokenSet,
  accounts: ConnectableAccount[],
  actorId: Types.ObjectId | undefined,
): Promise<PendingConnection> {
  const own: Record<string, TokenSet> = {};
  for (const a of accounts) if (a.tokens) own[a.platformUserId] = a.tokens;
  const doc = await PendingConnectionModel.create({
    workspaceId,
    type,
    actorId,
    choices: accounts.map((a) => ({ platformUserId: a.platformUserId, name: a.name, username: a.username, avatarUrl: a.avatarUrl, detail: a.detail })),
    loginTokensEnc: encryptSecret(JSON.stringify(login)),
    choiceTokensEnc: Object.keys(own).length ? encryptSecret(JSON.stringify(own)) : undefined,
    expiresAt: new Date(Date.now() + PENDING_CONNECTION_TTL_MS),
  });
  return doc.toObject() as PendingConnection;
}

/**
 * The user's pending connection: another user's, a used one and a missing one are all NOT_FOUND;
 * an expired one is BAD_USER_INPUT (log in again).
 */
async function loadPending(workspaceId: Types.ObjectId, id: Types.ObjectId, secrets: boolean): Promise<PendingConnectionWithSecrets> {
  const q = PendingConnectionModel.findOne({ _id: id, workspaceId, completedAt: { $exists: false } });
  if (secrets) q.select('+loginTokensEnc +choiceTokensEnc');
  const doc = await q.lean<PendingConnectionWithSecrets>();
  if (!doc) throw notFound('Pending connection');
  if (doc.expiresAt.getTime() <= Date.now()) {
    throw badInput('This choice of accounts has expired; connect the account again to choose', 'id', { reason: 'expired' });
  }
  return doc;
}

async function remainingSlots(user: User): Promise<number | null> {
  const limit = TIER_LIMITS[user.subscriptionTier].maxPlatforms;
  if (limit === null) return null;
  return Math.max(0, limit - (await connectedAcrossOwned(user)));
}

/** What the picker shows: the accounts, which are already the user's or another user's, and the room left on the plan. */
export async function getPendingConnection(workspaceId: Types.ObjectId, id: Types.ObjectId): Promise<PendingConnectionView> {
  const pending = await loadPending(workspaceId, id, false);
  const owners = await PlatformModel.find({ type: pending.type, platformUserId: { $in: pending.choices.map((c) => c.platformUserId) } }, { workspaceId: 1, platformUserId: 1 }).lean();
  const ownerOf = new Map(owners.map((p) => [p.platformUserId, p.workspaceId]));
  return {
    id: pending._id.toHexString(),
    type: pending.type,
    expiresAt: pending.expiresAt,
    remainingSlots: await remainingSlots(await loadUser(workspaceId)),
    choices: pending.choices.map((c) => {
      const owner = ownerOf.get(c.platformUserId);
      return {
        id: c.platformUserId,
        name: c.name,
        username: c.username,
        avatarUrl: c.avatarUrl,
        detail: c.detail,
        connected: !!owner?.equals(workspaceId),
        available: !owner || owner.equals(workspaceId),
      };
    }),
  };
}

/**
 * Connects the chosen accounts of a pending connection, all or none: every choice must be one of
 * its accounts and not another user's, and the new ones (reconnecting one of the user's own does
 * not count) must fit the plan. The pending connection is used up only when they do.
 */
export async function completePendingConnection(workspaceId: Types.ObjectId, id: Types.ObjectId, choiceIds: string[]): Promise<Platform[]> {
  const pending = await loadPending(workspaceId, id, true);
  const byId = new Map(pending.choices.map((c) => [c.platformUserId, c]));
  const unknown = choiceIds.filter((c) => !byId.has(c));
  if (unknown.length) throw badInput(`choices names ${unknown.length === 1 ? 'an account' : 'accounts'} this login cannot connect`, 'choices', { unknown });
  const provider = providerFor(pending.type, { sandbox: false, config: connectorConfig() });
  if (!provider.isConfigured()) throw badInput(notConfiguredMessage(provider), 'id');

  const existing = await PlatformModel.find({ type: pending.type, platformUserId: { $in: choiceIds } })
    .select('+refreshTokenEnc')
    .lean<PlatformWithSecrets[]>();
  const taken = existing.filter((p) => !p.workspaceId.equals(workspaceId));
  if (taken.length) {
    throw conflict(`${taken.map((p) => byId.get(p.platformUserId)!.name).join(', ')} ${taken.length === 1 ? 'is' : 'are'} connected to another Soash user`, {
      choices: taken.map((p) => p.platformUserId),
    });
  }
  const mine = new Map(existing.map((p) => [p.platformUserId, p]));
  const login = openTokens(JSON.parse(decryptSecret(pending.loginTokensEnc)));
  const own = pending.choiceTokensEnc ? (JSON.parse(decryptSecret(pending.choiceTokensEnc)) as Record<string, unknown>) : {};

  const written = await withOwnerSlots(workspaceId, async () => {
    const user = await loadUser(workspaceId); // the plan as of now: a plan change takes the same lease
    const limit = TIER_LIMITS[user.subscriptionTier].maxPlatforms;
    const fresh = choiceIds.filter((c) => !mine.has(c)).length;
    if (limit !== null && fresh > 0) {
      const room = Math.max(0, limit - (await connectedAcrossOwned(user)));
      if (fresh > room) {
        throw limitExceeded(
          `Your ${user.subscriptionTier} plan allows ${limit} connected account${limit === 1 ? '' : 's'}; there is room for ${room} more, and ${fresh} new ${fresh === 1 ? 'was' : 'were'} chosen`,
          { limit, tier: user.subscriptionTier, remaining: room },
        );
      }
    }
    const claimed = await PendingConnectionModel.findOneAndUpdate({ _id: pending._id, workspaceId, completedAt: { $exists: false } }, { $set: { completedAt: new Date() } });
    if (!claimed) throw notFound('Pending connection');
    const out: Array<{ platform: Platform; created: boolean }> = [];
    for (const choiceId of choiceIds) {
      const choice = byId.get(choiceId)!;
      const tokens = own[choiceId] ? openTokens(own[choiceId]) : login;
      // The first stats pull reads the full profile (followers, avatar); the picker's names do until then.
      const profile: AccountProfile = { platformUserId: choiceId, username: choice.username, displayName: choice.name, avatarUrl: choice.avatarUrl, sources: [] };
      const result = await writeConnectedPlatform(workspaceId, provider, tokens, profile, mine.get(choiceId) ?? null);
      if ('error' in result) throw conflict(`${choice.name} is connected to another Soash user`, { choices: [choiceId] });
      out.push(result);
    }
    return out;
  });
  for (const { platform, created } of written) await afterConnect(platform, created);
  return Promise.all(written.map(async ({ platform }) => (await PlatformModel.findById(platform._id).lean<Platform>()) ?? platform));
}
