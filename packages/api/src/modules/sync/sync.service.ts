import { postEngagementRate, WebhookEventType } from '@soash/shared';
import { Types } from 'mongoose';
import { addDays, chunkRange, DAY_MS, eachDay, lastDays, utcDay } from '../../connectors/common.js';
import { connectorConfig } from '../../connectors/config.js';
import { authError, ConnectorError, isBillingError, rateLimitedError } from '../../connectors/errors.js';
import { providerFor } from '../../connectors/registry.js';
import type { AccountAccess, AccountDay, AccountProfile, PostCounters, PostRecord, Provider, RateLimitInfo } from '../../connectors/types.js';
import { JobType, PlatformStatus } from '../../lib/graphql-enums.js';
import { log } from '../../lib/logger.js';
import { toObjectId } from '../../lib/ids.js';
import { ActivityMetricModel } from '../activities/activity-metric.model.js';
import { upsertActivities, upsertSnapshots, type IngestTarget, type SnapshotInput } from '../activities/activity.ingest.js';
import { bulkUpsertRaw, type InsertHint, type UpsertOp } from '../../lib/bulk-upsert.js';
import { ActivityModel } from '../activities/activity.model.js';
import { noticeAdminsOfSetting, noticeNeedsReauth } from '../platforms/platform-notices.js';
import { enqueueInsights } from '../insights/insights.jobs.js';
import { announce } from '../events/announce.js';
import { scheduleTokenJob, type PullJobData } from '../platforms/platform-schedule.js';
import { decryptTokens, loadPlatformWithSecrets, refreshPlatformTokens, tokenStateOf, type PlatformWithSecrets } from '../platforms/platform-tokens.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { postReadsLeft, recordPostReads } from '../platforms/post-read-budget.js';
import { widenFollowerDays } from '../stats/follower-days.js';
import { raiseAfterWrite } from '../stats/stats-revision.js';
import { StatsModel, type Demographics, type GenderSplit, type Stats } from '../stats/stats.model.js';
import { acquireSlot, type SlotLease } from './concurrency.js';
import { runTracked, safeErrorMessage, type JobContext, type RunHandle, type RunOutcome } from './job-run.js';
import { incrementalSince, refreshDuePosts } from './post-refresh.js';

/**
 * The pulls: account metrics (`platform:pull-stats`) and posts with their daily snapshots
 * (`platform:pull-activities`). Both write idempotent bulk upserts on the unique keys —
 * (platformId, date) for stats, (platformId, externalId) for activities, (activityId, date) for
 * snapshots — page by page, so a run that dies half-way is simply run again and ends complete
 * with no duplicates.
 */

/** Days a daily stats pull re-reads (platforms revise the last days; Instagram data lags up to 48 h). */
export const DAILY_STATS_DAYS = 3;
/** Posts younger than this get a daily metrics snapshot. */
export const SNAPSHOT_WINDOW_DAYS = 30;
/** Access tokens closer than this to expiry are refreshed before a pull starts. */
export const EARLY_REFRESH_MS = 10 * 60_000;
const MAX_PAGES = 10_000;

/** The platform was disconnected (or deactivated) while the run was going on. */
class PlatformGone extends Error {}

// ---------------------------------------------------------------------------------------------
// Sessions: provider + valid access for one account

interface Session {
  platform: PlatformWithSecrets;
  provider: Provider;
  budget?: RateLimitInfo;
  /** Billed post reads made and not yet recorded (X). */
  postReads: number;
  call<T>(fn: (access: AccountAccess) => Promise<T>): Promise<T>;
}

export async function openSession(platform: PlatformWithSecrets): Promise<Session> {
  const session = { platform, postReads: 0 } as Session;
  const provider = providerFor(platform.type, {
    sandbox: platform.sandbox,
    // The volume the sandbox account was connected with (postsPerDay), so every pull generates the same data.
    sandboxOptions: platform.sandbox ? { ...(platform.sandboxOptions ?? {}) } : undefined,
    config: connectorConfig(),
    hooks: { onRateLimit: (info) => (session.budget = info), onPostReads: (n) => (session.postReads += n) },
  });
  session.provider = provider;
  if (platform.sandbox) {
    const access = { platformUserId: platform.platformUserId, accessToken: '' };
    session.call = (fn) => fn(access);
    return session;
  }
  let current = platform;
  const state = tokenStateOf(current);
  if (state.tokenExpiry && state.tokenExpiry.getTime() - Date.now() < EARLY_REFRESH_MS) {
    if (provider.refreshPolicy(state).refreshable) current = await refreshPlatformTokens(current, provider);
    else if (state.tokenExpiry.getTime() <= Date.now()) throw authError(provider.label, 'expired');
  }
  const access: AccountAccess = { platformUserId: platform.platformUserId, accessToken: decryptTokens(current).accessToken ?? '' };
  if (!access.accessToken) throw authError(provider.label, 'invalid');
  let refreshed = false;
  session.call = async (fn) => {
    try {
      return await fn(access);
    } catch (err) {
      // One refresh on an auth failure (an expired token mid-run), then give up.
      if (!(err instanceof ConnectorError) || err.kind !== 'auth' || refreshed) throw err;
      if (!provider.refreshPolicy(tokenStateOf(current)).refreshable) throw err;
      refreshed = true;
      current = await refreshPlatformTokens(current, provider);
      access.accessToken = decryptTokens(current).accessToken ?? '';
      return fn(access);
    }
  };
  return session;
}

// ---------------------------------------------------------------------------------------------
// Platform bookkeeping

async function ensureActive(platformId: Types.ObjectId): Promise<void> {
  const p = await PlatformModel.findOne({ _id: platformId }, { isActive: 1 }).lean();
  if (!p || !p.isActive) throw new PlatformGone();
}

/** How long a run trusts its last look at the account before it looks again. */
export const ACTIVE_CHECK_MS = 2_000;

/**
 * A run's check that its account is still connected, before it writes: at most every
 * ACTIVE_CHECK_MS (a backfill writes a page every few milliseconds when the platform answers
 * fast); the mark that ends the run checks once more (markSynced with `lastCheck`). What a run
 * wrote after a disconnect is removed when a check sees it (runPullJob → deleteOrphans).
 */
function activeCheck(platformId: Types.ObjectId): () => Promise<void> {
  let checkedAt = Date.now();
  return async () => {
    if (Date.now() - checkedAt < ACTIVE_CHECK_MS) return;
    await ensureActive(platformId);
    checkedAt = Date.now();
  };
}

function budgetUpdate(budget: RateLimitInfo | undefined): Record<string, unknown> {
  return budget ? { rateLimit: { ...budget, observedAt: new Date() } } : {};
}

/** Keeps the last rate-limit budget the platform reported, also when the run failed. */
async function saveBudget(platformId: Types.ObjectId, budget: RateLimitInfo | undefined): Promise<void> {
  if (budget) await PlatformModel.updateOne({ _id: platformId }, { $set: budgetUpdate(budget) });
}

/** Records the session's billed post reads in the month's budget. */
async function flushPostReads(session: Session): Promise<void> {
  const n = session.postReads;
  if (!n) return;
  session.postReads = 0;
  await recordPostReads(session.platform._id, session.platform.type, n);
}

/**
 * Marks the run synced; an account that needs re-authorisation or was revoked meanwhile keeps its
 * status (nothing is marked). With `lastCheck`, it is also the run's final check that the account
 * is still connected: only an active account is marked, and when nothing matched one read tells a
 * disconnected account (PlatformGone: what the run wrote is removed) from a status that keeps it
 * unmarked. One command where a check and the mark were two.
 */
async function markSynced(platformId: Types.ObjectId, budget: RateLimitInfo | undefined, lastCheck = false): Promise<void> {
  const res = await PlatformModel.updateOne(
    { _id: platformId, ...(lastCheck ? { isActive: true } : {}), status: { $in: [PlatformStatus.ACTIVE, PlatformStatus.ERROR] } },
    { $set: { lastSyncedAt: new Date(), status: PlatformStatus.ACTIVE, ...budgetUpdate(budget) }, $unset: { lastError: 1, lastErrorAt: 1 } },
  );
  if (lastCheck && res.matchedCount === 0) await ensureActive(platformId);
}

/** Access is gone: the account needs to be connected again. No retries, one notice. */
export async function markNeedsReauth(platformId: Types.ObjectId, err: ConnectorError): Promise<void> {
  const now = new Date();
  const p = await PlatformModel.findOneAndUpdate(
    { _id: platformId },
    { $set: { status: PlatformStatus.NEEDS_REAUTH, lastError: err.message.slice(0, 500), lastErrorAt: now, needsReauthBy: now } },
    { returnDocument: 'after' },
  ).lean();
  if (!p) return;
  const reason = err.authFailure === 'revoked' ? 'access was revoked on the platform' : 'the platform no longer accepts its access token';
  await noticeNeedsReauth(p, reason);
  await announce(p.workspaceId, WebhookEventType.PLATFORM_NEEDS_REAUTH, { platformId: p._id.toHexString(), platform: p.type, username: p.username ?? null, reason });
  await scheduleTokenJob(platformId, null).catch(() => undefined);
  log.warn('platform needs re-authorisation', { platformId: platformId.toHexString(), type: p.type, code: err.code });
}

async function recordFailure(platformId: Types.ObjectId, err: unknown): Promise<void> {
  if (err instanceof ConnectorError && err.kind === 'auth') return markNeedsReauth(platformId, err);
  const message = err instanceof ConnectorError ? err.message : 'Sync failed unexpectedly; it will be retried';
  // Permanent and billing errors (credits used up, usage cap) wait for a person: status `error`.
  const permanent = err instanceof ConnectorError && (err.kind === 'permanent' || isBillingError(err));
  // A setting only an administrator can fix (a sunset API version): they hear of it.
  if (err instanceof ConnectorError && err.setting) await noticeAdminsOfSetting(err.setting, err.platform, err.message).catch(() => undefined);
  await PlatformModel.updateOne(
    { _id: platformId, status: { $in: [PlatformStatus.ACTIVE, PlatformStatus.ERROR] } },
    { $set: { lastError: message.slice(0, 500), lastErrorAt: new Date(), ...(permanent ? { status: PlatformStatus.ERROR } : {}) } },
  );
}

/** Removes what a run wrote after its platform was deleted under it. */
async function deleteOrphans(platformId: Types.ObjectId): Promise<void> {
  if (await PlatformModel.exists({ _id: platformId })) return;
  await ActivityMetricModel.deleteMany({ platformId });
  await ActivityModel.deleteMany({ platformId });
  await StatsModel.deleteMany({ platformId });
}

async function withSlot<T>(session: Session, run: RunHandle, fn: (renew: () => Promise<void>) => Promise<T>): Promise<T> {
  try {
    return await inSlot(session.provider, run, fn);
  } catch (err) {
    await saveBudget(session.platform._id, session.budget).catch(() => undefined);
    await flushPostReads(session).catch(() => undefined);
    throw err;
  }
}

async function inSlot<T>(provider: Provider, run: RunHandle, fn: (renew: () => Promise<void>) => Promise<T>): Promise<T> {
  if (!provider.maxConcurrentPulls) return fn(async () => undefined);
  const lease: SlotLease | null = await acquireSlot(`pull:${provider.type}`, provider.maxConcurrentPulls, {
    onWait: () => run.progress('waiting', 0, null, `Waiting for other ${provider.label} syncs to finish`),
  });
  if (!lease) throw rateLimitedError(provider.label, 60_000, 'concurrency', 0);
  let renewed = Date.now();
  try {
    return await fn(async () => {
      if (Date.now() - renewed < 30_000) return;
      renewed = Date.now();
      await lease.renew();
    });
  } finally {
    await lease.release().catch(() => undefined);
  }
}

type LoadResult = { platform: PlatformWithSecrets } | { skip: string };

async function loadForPull(platformId: Types.ObjectId): Promise<LoadResult> {
  const platform = await loadPlatformWithSecrets(platformId);
  if (!platform) return { skip: 'The account was disconnected; nothing to sync' };
  if (!platform.isActive) return { skip: 'The account is not active; nothing to sync' };
  if (platform.status === PlatformStatus.NEEDS_REAUTH || platform.status === PlatformStatus.REVOKED) {
    return { skip: 'The account must be connected again before it can sync' };
  }
  return { platform };
}

// ---------------------------------------------------------------------------------------------
// Stats

const STAT_FIELDS = ['followers', 'following', 'posts', 'engagement', 'impressions', 'reach', 'profileViews'] as const;

/** Today's row gets the profile's follower and following counts when the metrics lack them. */
function withProfile(rows: AccountDay[], profile: AccountProfile, today: Date): AccountDay[] {
  let row = rows.find((r) => r.date.getTime() === today.getTime());
  if (!row) {
    row = { date: today, sources: [] };
    rows = [...rows, row];
  }
  if ((row.followers === undefined || row.followers === null) && profile.followerCount !== undefined) {
    row.followers = profile.followerCount;
    row.sources = [...row.sources.filter((s) => s.field !== 'followers'), ...profile.sources.filter((s) => s.field === 'followers')];
  }
  if ((row.following === undefined || row.following === null) && profile.followingCount !== undefined) {
    row.following = profile.followingCount;
    row.sources = [...row.sources.filter((s) => s.field !== 'following'), ...profile.sources.filter((s) => s.field === 'following')];
  }
  return rows;
}

/** Demographics with exactly the schema's keys and defaults (Stats.demographics), for the driver. */
function demographicsDoc(d: Demographics): Demographics {
  const out: Demographics = {
    ageGroups: (d.ageGroups ?? []).map((a) => ({ range: a.range, share: a.share })),
    locations: (d.locations ?? []).map((l) => ({ country: l.country, ...(l.city !== undefined ? { city: l.city } : {}), share: l.share })),
  };
  if (d.genderSplit) {
    const g: GenderSplit = {};
    for (const k of ['female', 'male', 'other'] as const) if (d.genderSplit[k] !== undefined) g[k] = d.genderSplit[k];
    out.genderSplit = g;
  }
  return out;
}

/** A stored day, as far as a pull's merge and the follower changes need it. */
type StoredDay = Pick<Stats, 'date' | 'engagement' | 'reach' | 'impressions' | 'sources' | 'followers' | 'followersChange'>;
/** Stored days by their time. */
export type StoredDays = Map<number, StoredDay>;

/** The account's stored days matching `date` (a range or a list), one query on the unique key. */
export async function readStoredDays(platformId: Types.ObjectId, date: { $gte: Date; $lte: Date } | { $in: Date[] }): Promise<StoredDays> {
  const docs = await StatsModel.collection
    .find({ platformId, date }, { projection: { date: 1, engagement: 1, reach: 1, impressions: 1, sources: 1, followers: 1, followersChange: 1 } })
    .toArray();
  return new Map(docs.map((d) => [(d.date as Date).getTime(), d as unknown as StoredDay]));
}

/** followersChange = followers - the previous day's followers, where both days are stored and known. */
function followerChange(cur: number | null | undefined, prev: StoredDay | undefined): number | null {
  return typeof cur === 'number' && typeof prev?.followers === 'number' ? cur - prev.followers : null;
}

/**
 * Upserts days by (platformId, date). Fields a pull did not report keep their stored values (and
 * provenance); the day's engagement rate follows the metric model (engagement ÷ the platform's
 * denominator), and its followersChange is taken from the previous day (in the batch or stored).
 * A stored day right after the batch gets its change updated in the same write. `known` holds the
 * stored days around the rows (the pull reads its range once and passes it to every chunk; it is
 * kept current); without it they are read first, one query on the unique key. Before the write,
 * the account's follower days are widened to the rows' (`followerDays`: the bounds as this run
 * last wrote them, kept current; a chunk inside them sends nothing). The write goes to
 * the driver (lib/bulk-upsert.ts).
 */
export async function upsertStats(target: IngestTarget, rows: AccountDay[], known?: StoredDays, followerDays?: { from?: Date; to?: Date }): Promise<number> {
  if (!rows.length) return 0;
  const days =
    known ??
    (await readStoredDays(target.platformId, { $in: rows.flatMap((r) => [addDays(r.date, -1), r.date, addDays(r.date, 1)]) }));
  // The rows as they will be stored, merged over the stored days, by time.
  const merged: StoredDays = new Map();
  const sets = rows.map((row) => {
    const prev = days.get(row.date.getTime());
    const set: Record<string, unknown> = {};
    for (const f of STAT_FIELDS) if (row[f] !== undefined) set[f] = row[f];
    if (row.demographics) set.demographics = demographicsDoc(row.demographics);
    const engagement = (set.engagement ?? prev?.engagement) as number | null | undefined;
    const reach = (set.reach ?? prev?.reach) as number | null | undefined;
    const impressions = (set.impressions ?? prev?.impressions) as number | null | undefined;
    // The metric model's denominator of the account's platform (accounts report no daily views: TikTok days have no rate).
    set.engagementRate = typeof engagement === 'number' ? postEngagementRate(target.platformType, { total: engagement, reach, impressions, views: null }) : null;
    const newFields = new Set(row.sources.map((s) => s.field));
    set.sources = [...(prev?.sources ?? []).filter((s) => !newFields.has(s.field)), ...row.sources].map((s) => ({
      field: s.field,
      metric: s.metric,
      apiVersion: s.apiVersion,
      fetchedAt: s.fetchedAt,
    }));
    const followers = (row.followers !== undefined ? row.followers : prev?.followers) as number | null | undefined;
    merged.set(row.date.getTime(), { date: row.date, engagement, reach, impressions, followers, followersChange: prev?.followersChange, sources: set.sources as Stats['sources'] });
    return { row, set };
  });
  const dayOf = (t: number) => merged.get(t) ?? days.get(t);
  // Written where it changes (a day that never had one gets none while it stays unknown).
  const changed = (day: StoredDay, change: number | null) => (day.followersChange ?? null) !== change;
  const ops: UpsertOp[] = sets.map(({ row, set }) => {
    const day = merged.get(row.date.getTime())!;
    const change = followerChange(day.followers, dayOf(row.date.getTime() - DAY_MS));
    if (changed(day, change)) set.followersChange = day.followersChange = change;
    return { filter: { platformId: target.platformId, date: row.date }, set, setOnInsert: { workspaceId: target.workspaceId } };
  });
  for (const [t, day] of merged) {
    const next = days.get(t + DAY_MS);
    if (!next || merged.has(t + DAY_MS)) continue;
    const change = followerChange(next.followers, day);
    if (changed(next, change)) {
      next.followersChange = change;
      ops.push({ filter: { platformId: target.platformId, date: next.date }, set: { followersChange: change }, upsert: false });
    }
  }
  // The account's follower days enclose what is written, before it is (follower-days.ts).
  await widenFollowerDays(
    target.platformId,
    [...merged.values()].filter((d) => typeof d.followers === 'number').map((d) => d.date),
    followerDays,
  );
  try {
    await bulkUpsertRaw(StatsModel, ops);
  } finally {
    // After the rows, never before: a reader that read the old revision then sees these rows or
    // learns it is behind (stats-revision.ts). Also after a failed write, which may have written
    // some of them (a failed raise is logged: the write's own outcome is what the pull reports).
    await raiseAfterWrite({ platformIds: [target.platformId] });
  }
  for (const [t, day] of merged) days.set(t, day);
  return rows.length;
}

export async function pullStats(platformId: Types.ObjectId, data: PullJobData, run: RunHandle): Promise<RunOutcome> {
  const loaded = await loadForPull(platformId);
  if ('skip' in loaded) return { note: loaded.skip, result: { skipped: true } };
  const checkActive = activeCheck(platformId);
  const session = await openSession(loaded.platform);
  const { platform, provider } = session;
  const target = { platformId: platform._id, workspaceId: platform.workspaceId, platformType: platform.type };
  return withSlot(session, run, async (renew) => {
    await run.progress('profile');
    const profile = await session.call((a) => provider.fetchProfile(a));
    await checkActive();
    await PlatformModel.updateOne(
      { _id: platformId },
      {
        $set: {
          ...(profile.username ? { username: profile.username } : {}),
          ...(profile.displayName ? { displayName: profile.displayName } : {}),
          ...(profile.avatarUrl ? { avatarUrl: profile.avatarUrl } : {}),
          ...(profile.followerCount !== undefined ? { followerCount: profile.followerCount } : {}),
          ...(profile.followingCount !== undefined ? { followingCount: profile.followingCount } : {}),
        },
      },
    );

    const days = data.kind === 'daily' ? DAILY_STATS_DAYS : Math.max(DAILY_STATS_DAYS, data.days ?? DAILY_STATS_DAYS);
    const range = lastDays(days);
    const today = range.to;
    const total = eachDay(range).length;
    let done = 0;
    let written = 0;
    // The range's stored days and the one before it, read once for every chunk's merge and follower changes.
    const known = await readStoredDays(platformId, { $gte: addDays(range.from, -1), $lte: range.to });
    // The follower days as stored when the run started; widened once per chunk that extends them.
    const followerDays = { from: platform.followersFrom, to: platform.followersTo };
    await run.progress('stats', 0, total);
    // Newest chunk first, so today's numbers land even if a long backfill is interrupted.
    for (const chunk of chunkRange(range, provider.accountMetricsChunkDays).reverse()) {
      let rows = await session.call((a) => provider.fetchAccountMetrics(a, chunk));
      if (chunk.to.getTime() === today.getTime()) rows = withProfile(rows, profile, today);
      await checkActive();
      written += await upsertStats(target, rows, known, followerDays);
      done += eachDay(chunk).length;
      await run.progress('stats', done, total);
      await renew();
    }
    await markSynced(platformId, session.budget, true);
    await enqueueInsights(platform.workspaceId);
    await announce(platform.workspaceId, WebhookEventType.STATS_UPDATED, {
      platformId: platformId.toHexString(),
      platform: platform.type,
      from: range.from.toISOString().slice(0, 10),
      to: range.to.toISOString().slice(0, 10),
      days: total,
    });
    return { result: { days: total, statsUpserted: written } };
  });
}

// ---------------------------------------------------------------------------------------------
// Activities

export async function pullActivities(platformId: Types.ObjectId, data: PullJobData, run: RunHandle): Promise<RunOutcome> {
  const loaded = await loadForPull(platformId);
  if ('skip' in loaded) return { note: loaded.skip, result: { skipped: true } };
  const checkActive = activeCheck(platformId);
  const session = await openSession(loaded.platform);
  const { platform, provider } = session;
  const target = { platformId: platform._id, workspaceId: platform.workspaceId, platformType: platform.type };
  const now = new Date();
  const today = utcDay(now);
  const days = data.kind === 'daily' ? SNAPSHOT_WINDOW_DAYS : Math.max(SNAPSHOT_WINDOW_DAYS, data.days ?? 0);
  // Billed reads (X): after the backfill, list only posts newer than the newest stored one; older
  // posts are refreshed on the decay schedule below, within the month's post-read budget.
  const billed = !!provider.billedPostReads && !platform.sandbox;
  const windowStart = addDays(today, -(days - 1));
  const since = billed && data.kind !== 'backfill' ? await incrementalSince(platformId, windowStart) : windowStart;
  const readsLeft = () => postReadsLeft(platform.type, session.postReads);
  let budgetStopped = false;
  // Days the sandbox can fill with past snapshots (it knows each post's history).
  const historyFrom = data.kind === 'daily' ? today : addDays(today, -((data.days ?? 1) - 1));
  const snapshotCutoff = now.getTime() - SNAPSHOT_WINDOW_DAYS * DAY_MS;

  // An account's first pull finds nothing stored: its posts and snapshots are inserted whole (an
  // already stored key falls back to the upsert, and the rest of the run upserts).
  const hint: InsertHint = { newKeys: !platform.firstActivitiesPullAt };

  return withSlot(session, run, async (renew) => {
    let cursor: string | undefined;
    let posts = 0;
    let snapshots = 0;
    await run.progress('posts', 0);
    for (let page = 0; page < MAX_PAGES; page++) {
      if (billed && (await readsLeft()) <= 0) {
        budgetStopped = true;
        break;
      }
      const res = await session.call((a) => provider.listPosts(a, { since, cursor }));
      if (billed) await flushPostReads(session);
      const fresh = res.posts.filter((p) => p.publishedAt.getTime() >= since.getTime());
      if (fresh.length) {
        let counters = new Map<string, PostCounters>();
        if (!provider.countersInListing) {
          // Once, before the first page's metrics: alternating phases every page would defeat the
          // progress throttle (job-run.ts) and cost two writes per page.
          if (page === 0) await run.progress('metrics', posts, null);
          counters = await session.call((a) => provider.fetchPostMetrics(a, fresh));
        }
        const items = fresh.map((post) => ({ post, counters: counters.get(post.externalId) ?? post.counters }));
        await checkActive();
        // Today's snapshot is the post as stored: a counter this pull lacked keeps its value there too.
        const stored = new Map<string, PostCounters>();
        const ids = await upsertActivities(target, items, new Date(), stored, hint);
        const snaps: SnapshotInput[] = [];
        for (const { post, counters: c } of items) {
          const activityId = ids.get(post.externalId);
          if (!activityId || post.publishedAt.getTime() < snapshotCutoff) continue;
          if (provider.historicalPostMetrics && provider.postMetricsOnDays) {
            snaps.push(...historySnapshots(provider, session, post, activityId, historyFrom, today));
          } else if (c) {
            snaps.push({ activityId, date: today, counters: stored.get(post.externalId) ?? c });
          }
        }
        snapshots += await upsertSnapshots(target, snaps, hint);
        posts += fresh.length;
      }
      await run.progress('posts', posts, null, `${posts} posts, ${snapshots} snapshots`);
      await renew();
      const reachedOlder = fresh.length < res.posts.length;
      if (!res.nextCursor || reachedOlder) break;
      cursor = res.nextCursor;
    }
    let refresh: Awaited<ReturnType<typeof refreshDuePosts>> | undefined;
    if (billed && !budgetStopped) {
      await run.progress('metrics', 0, null);
      await checkActive();
      refresh = await refreshDuePosts({
        platformId,
        target,
        provider,
        call: (fn) => session.call(fn),
        readsLeft,
        flushReads: () => flushPostReads(session),
        now,
      });
      snapshots += refresh.snapshots;
      budgetStopped = refresh.deferred > 0;
    }
    await markSynced(platformId, session.budget, true);
    await enqueueInsights(platform.workspaceId);
    const budgetNote = budgetStopped ? `The monthly ${provider.label} post-read budget (TWITTER_MONTHLY_POST_READS) is used up; the rest waits for next month` : undefined;
    return {
      result: { posts, snapshots, ...(refresh ? { refreshDue: refresh.due, refreshed: refresh.refreshed, refreshDeferred: refresh.deferred } : {}) },
      ...(budgetNote ? { note: budgetNote } : {}),
    };
  });
}

function historySnapshots(provider: Provider, session: Session, post: PostRecord, activityId: Types.ObjectId, from: Date, today: Date): SnapshotInput[] {
  const first = utcDay(post.publishedAt);
  const start = first.getTime() > from.getTime() ? first : from;
  const last = addDays(first, SNAPSHOT_WINDOW_DAYS - 1);
  const end = last.getTime() < today.getTime() ? last : today;
  if (start.getTime() > end.getTime()) return [];
  const access = { platformUserId: session.platform.platformUserId, accessToken: '' };
  const byDay = provider.postMetricsOnDays!(access, post, eachDay({ from: start, to: end }));
  return [...byDay].map(([t, counters]) => ({ activityId, date: new Date(t), counters }));
}

// ---------------------------------------------------------------------------------------------
// Stories (Instagram): insights vanish 24 hours after posting, so live stories are polled

/** A story poll is skipped while the platform's last usage header left less than this (percent). */
export const STORY_POLL_MIN_BUDGET_PERCENT = 25;
/** Usage headers older than this say nothing about the budget now. */
const BUDGET_FRESH_MS = 3_600_000;

export async function pullStories(platformId: Types.ObjectId, run: RunHandle): Promise<RunOutcome> {
  const loaded = await loadForPull(platformId);
  if ('skip' in loaded) return { note: loaded.skip, result: { skipped: true } };
  // The poll is the least urgent call: it gives way while the API budget is nearly spent (the
  // daily pulls need it), and the next poll tries again.
  const rl = loaded.platform.rateLimit;
  if (
    rl?.unit === 'percent' &&
    typeof rl.remaining === 'number' &&
    rl.remaining < STORY_POLL_MIN_BUDGET_PERCENT &&
    Date.now() - new Date(rl.observedAt).getTime() < BUDGET_FRESH_MS &&
    (!rl.resetAt || new Date(rl.resetAt).getTime() > Date.now())
  ) {
    return { note: `Skipped: less than ${STORY_POLL_MIN_BUDGET_PERCENT} % of the API budget is left; the next poll tries again`, result: { skipped: true, budgetLeft: rl.remaining } };
  }
  const session = await openSession(loaded.platform);
  const { platform, provider } = session;
  if (!provider.listLiveStories) return { note: 'This platform has no stories to poll', result: { skipped: true } };
  const target = { platformId: platform._id, workspaceId: platform.workspaceId, platformType: platform.type };
  return withSlot(session, run, async () => {
    await run.progress('posts', 0);
    const stories = await session.call((a) => provider.listLiveStories!(a));
    const counters = stories.length ? await session.call((a) => provider.fetchPostMetrics(a, stories)) : new Map<string, PostCounters>();
    await ensureActive(platformId);
    // Counters only where Instagram reported some: an empty answer never wipes earlier numbers.
    const items = stories.map((post) => {
      const c = counters.get(post.externalId);
      return { post, counters: c && c.sources.length ? c : undefined };
    });
    const stored = new Map<string, PostCounters>();
    const ids = await upsertActivities(target, items, new Date(), stored);
    const today = utcDay(new Date());
    const snaps: SnapshotInput[] = [];
    for (const { post, counters: c } of items) {
      const activityId = ids.get(post.externalId);
      if (activityId && c) snaps.push({ activityId, date: today, counters: stored.get(post.externalId) ?? c });
    }
    const snapshots = await upsertSnapshots(target, snaps);
    await markSynced(platformId, session.budget);
    return { result: { stories: stories.length, withInsights: snaps.length, snapshots } };
  });
}

// ---------------------------------------------------------------------------------------------
// Job entry points

export async function runPullJob(kind: 'stats' | 'activities' | 'stories', data: PullJobData, ctx: JobContext): Promise<RunOutcome> {
  const platformId = toObjectId(data.platformId, 'platformId');
  const owner = await PlatformModel.findOne({ _id: platformId }, { workspaceId: 1, type: 1, firstStatsPullAt: 1, firstActivitiesPullAt: 1 }).lean();
  return runTracked(
    {
      jobType: kind === 'stats' ? JobType.SYNC_METRICS : JobType.SYNC_ACTIVITIES,
      platformId,
      workspaceId: owner?.workspaceId,
      systemJobId: data.systemJobId,
      ctx,
      // A pull that completed is not pulled again when its worker died before Agenda recorded it.
      onceOnly: true,
    },
    async (run) => {
      const event = { platformId: platformId.toHexString(), platform: owner?.type ?? null, kind, systemJobId: run.id.toHexString(), attempt: run.attempt };
      try {
        const outcome = kind === 'stories' ? await pullStories(platformId, run) : kind === 'stats' ? await pullStats(platformId, data, run) : await pullActivities(platformId, data, run);
        if (owner && !outcome.result?.skipped) {
          // Marks the account's first complete pull of each kind (before the event, so the alerts it
          // triggers see it): metric alerts wait for both, never judging a half-filled history.
          // Nothing removes the mark, so an account that had it when the run began still has it:
          // only an account's first pulls send the update (a daily pull sends nothing here).
          if (kind !== 'stories') {
            const first = kind === 'stats' ? 'firstStatsPullAt' : 'firstActivitiesPullAt';
            if (!owner[first]) await PlatformModel.updateOne({ _id: platformId, [first]: { $exists: false } }, { $set: { [first]: new Date() } });
          }
          await announce(owner.workspaceId, WebhookEventType.SYNC_COMPLETED, { ...event, result: outcome.result ?? {}, ...(outcome.note ? { note: outcome.note } : {}) });
        }
        return outcome;
      } catch (err) {
        if (err instanceof PlatformGone) {
          await deleteOrphans(platformId);
          return { note: 'The account was disconnected during the run; nothing more was stored', result: { skipped: true } };
        }
        // A run that failed after its account was disconnected leaves nothing behind either.
        await deleteOrphans(platformId);
        await recordFailure(platformId, err);
        if (owner) await announce(owner.workspaceId, WebhookEventType.SYNC_FAILED, { ...event, error: safeErrorMessage(err) });
        throw err;
      }
    },
  );
}

