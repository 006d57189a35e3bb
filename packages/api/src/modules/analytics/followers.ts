import type { Types } from 'mongoose';
import { StatsModel } from '../stats/stats.model.js';
import { FollowerBasis } from './analytics.enums.js';
import type { Scope } from './scope.js';
import { DAY_MS, utcDayOf } from '@soash/shared';
import type { AnalyticsRequest } from './request.js';
import { scopePlatforms, type ScopePlatform } from './analytics.loader.js';
import { knownNoneAfter, knownNoneBefore } from '../stats/follower-days.js';

interface Point {
  day: number;
  followers: number;
}

/**
 * Follower counts of a user's accounts by calendar day (from the daily Stats), with the lookups
 * the dashboard needs. The rows are one number per account per day (bounded by metrics retention),
 * read once per request.
 */
export class FollowerHistory {
  constructor(
    private readonly byPlatform: Map<string, Point[]>,
    /** Platform.followerCount, the fallback "latest" for accounts without daily stats. */
    private readonly profileCounts: Map<string, number>,
    /** Each account's newest daily count, when the series is a window that may end before it. */
    private readonly newest?: Map<string, number | null>,
  ) {}

  platforms(): string[] {
    return [...this.byPlatform.keys()];
  }

  private series(platformId: string): Point[] {
    return this.byPlatform.get(platformId) ?? [];
  }

  /** The last point with day ≤ `day`. */
  private lastIndexAtOrBefore(platformId: string, day: number): number {
    const s = this.series(platformId);
    let lo = 0;
    let hi = s.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]!.day <= day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  atOrBefore(platformId: string, day: number): number | null {
    const i = this.lastIndexAtOrBefore(platformId, day);
    return i >= 0 ? this.series(platformId)[i]!.followers : null;
  }

  /** Latest known count: the newest daily stats, else the account profile's count. */
  latest(platformId: string): number | null {
    const known = this.newest?.get(platformId);
    if (known !== undefined && known !== null) return known;
    const s = this.series(platformId);
    if (known === undefined && s.length) return s[s.length - 1]!.followers;
    return this.profileCounts.get(platformId) ?? null;
  }

  /** Followers on the day a post was published (UTC day), else the latest count. */
  atPublish(platformId: string, utcDay: number): { followers: number; basis: FollowerBasis } | null {
    const at = this.atOrBefore(platformId, utcDay);
    if (at !== null) return { followers: at, basis: FollowerBasis.AT_PUBLISH };
    const latest = this.latest(platformId);
    return latest !== null ? { followers: latest, basis: FollowerBasis.LATEST } : null;
  }

  /** The last count within [fromDay, toDay]; null when the account has no data there. */
  lastIn(platformId: string, fromDay: number, toDay: number): number | null {
    const i = this.lastIndexAtOrBefore(platformId, toDay);
    const p = i >= 0 ? this.series(platformId)[i]! : undefined;
    return p && p.day >= fromDay ? p.followers : null;
  }

  /** The count a period's growth is measured from: the last before `fromDay`, else the first in the period. */
  baseline(platformId: string, fromDay: number, toDay: number): number | null {
    const before = this.atOrBefore(platformId, fromDay - 1);
    if (before !== null) return before;
    const s = this.series(platformId);
    const i = this.lastIndexAtOrBefore(platformId, fromDay - 1) + 1;
    const p = s[i];
    return p && p.day <= toDay ? p.followers : null;
  }

  /**
   * Net follower change per calendar day over [fromDay, toDay], summed over the accounts that have
   * a count on both that day and the day before; days without any such account are absent.
   */
  dailyChanges(fromDay: number, toDay: number): Map<number, number> {
    const out = new Map<number, number>();
    for (const s of this.byPlatform.values()) {
      for (let i = 1; i < s.length; i++) {
        const cur = s[i]!;
        const prev = s[i - 1]!;
        if (cur.day < fromDay || cur.day > toDay || prev.day !== cur.day - 1) continue;
        out.set(cur.day, (out.get(cur.day) ?? 0) + cur.followers - prev.followers);
      }
    }
    return out;
  }

  /**
   * Followers at the end of a period and the net change over it, summed over the accounts with
   * data in the period (growth and its base only over accounts that have both).
   */
  period(fromDay: number, toDay: number, platformIds = this.platforms()): { followers: number | null; growth: number | null; base: number | null } {
    let followers: number | null = null;
    let growth: number | null = null;
    let base: number | null = null;
    for (const p of platformIds) {
      const end = this.lastIn(p, fromDay, toDay);
      if (end === null) continue;
      followers = (followers ?? 0) + end;
      const b = this.baseline(p, fromDay, toDay);
      if (b === null) continue;
      growth = (growth ?? 0) + (end - b);
      base = (base ?? 0) + b;
    }
    return { followers, growth, base };
  }
}

/** Calendar days a caller asks about; `latest` when it reads `latest()` of every account. */
export interface HistoryDays {
  fromDay: number;
  toDay: number;
  latest?: boolean;
}

/**
 * The `comment` of the two follower reads: it names them in command monitoring, the profiler,
 * `currentOp` and the slow-query log, where both would otherwise be an anonymous `aggregate stats`.
 */
export const FOLLOWER_HISTORY_READ = 'followerHistory';
export const FOLLOWER_LOOK_BACK = 'followerLookBack';

/** One account's follower rows as the history read ships them: the i-th date and the i-th count are one row. */
type SeriesRow = { _id: Types.ObjectId; d: Date[]; f: number[] };

/**
 * The rows grouped by account on the database: one document per account, its dates and counts in
 * two arrays, rather than one document per account and day. A year of three accounts is ~1 100 rows
 * on every follower request; decoding three documents of arrays costs a fraction of decoding 1 100
 * documents of three fields each (an ObjectId per row among them), and the rows need no grouping
 * here. The arrays keep the order the rows entered the group in (index order, {workspaceId, date},
 * on MongoDB), so a series is sorted by day here only when it is not already.
 */
function bySeries(rows: SeriesRow[]): Map<string, Point[]> {
  const out = new Map<string, Point[]>();
  for (const r of rows) {
    const s: Point[] = new Array(r.d.length);
    let sorted = true;
    for (let i = 0; i < r.d.length; i++) {
      s[i] = { day: utcDayOf(r.d[i]!), followers: r.f[i]! };
      if (i && s[i - 1]!.day > s[i]!.day) sorted = false;
    }
    if (!sorted) s.sort((a, b) => a.day - b.day);
    out.set(r._id.toHexString(), s);
  }
  return out;
}

/**
 * Loads the follower history of the scope's accounts (category filters do not apply).
 *
 * With `days`, only what answers questions about those days is read: the rows of the days
 * themselves (plus one day either side: a post's UTC day can fall just outside the local range,
 * and a period's growth starts from the day before), served by {workspaceId, date}; and only for an
 * account whose rows do not start on the first of those days, its last count before them (one
 * indexed lookup on {platformId, date}, newest first). `latest()` reads each account's newest count
 * the same way, when asked for or when an account has nothing earlier to fall back on. Every
 * answer equals the one from the whole history. Without `days` the whole history is read.
 *
 * A history of `days` is kept across requests while its accounts' stats are unchanged (`kept`).
 */
export async function loadFollowerHistory(
  scope: Pick<Scope, 'workspaceId' | 'platformIds'>,
  days?: HistoryDays,
  req: Pick<AnalyticsRequest, 'reads'> = {},
  /** historyKey(scope, days), when the caller has it already. */
  keptKey = days ? historyKey(scope, days) : '',
): Promise<FollowerHistory> {
  if (!days) {
    const [byPlatform, platforms] = await Promise.all([readSeries(scope), scopePlatforms(req, scope)]);
    return new FollowerHistory(byPlatform, profileCountsOf(platforms));
  }
  // The accounts first, with their stats revisions, and only then the rows (see `kept`).
  const platforms = await scopePlatforms(req, scope);
  const signature = signatureOf(platforms);
  const hit = keptHistory(keptKey, signature);
  if (hit) return new FollowerHistory(hit.byPlatform, profileCountsOf(platforms), hit.newest);

  const lo = days.fromDay - 1;
  const hi = days.toDay + 1;
  const byPlatform = await readSeries(scope, lo, hi);

  // An account whose rows do not start on the first day read needs its last count before them;
  // `latest`, or an account with nothing before, needs its newest count. Both come from one
  // aggregation over those accounts' rows outside the days read: per account, the newest row
  // before them and the newest after them (the newest of all is then the one after, else the
  // newest read, else the one before). What the account's follower days (stats/follower-days.ts)
  // say is not there is not looked for: a history that begins inside the days read has nothing
  // before them, and one that ends inside them nothing after.
  const start = new Date(lo * DAY_MS);
  const end = new Date(hi * DAY_MS);
  const startsAtLo = (key: string) => byPlatform.get(key)?.[0]?.day === lo;
  const lookBefore: Types.ObjectId[] = [];
  const lookAfter: Types.ObjectId[] = [];
  for (const p of platforms) {
    const starts = startsAtLo(p._id.toHexString());
    // An account whose rows start on the first day read needs nothing outside them, unless its newest count is asked for.
    if (starts && !days.latest) continue;
    if (!starts && !knownNoneBefore(p, start)) lookBefore.push(p._id);
    // The newest count: asked for, or the fallback of an account with (maybe) nothing before.
    if (!knownNoneAfter(p, end)) lookAfter.push(p._id);
  }
  const outside = new Map<string, { before?: Point; after?: Point }>();
  if (lookBefore.length || lookAfter.length) {
    const sides = [
      ...(lookBefore.length ? [{ platformId: { $in: lookBefore }, date: { $lt: start } }] : []),
      ...(lookAfter.length ? [{ platformId: { $in: lookAfter }, date: { $gt: end } }] : []),
    ];
    const rows = await StatsModel.aggregate<{ _id: { platformId: Types.ObjectId; after: boolean }; date: Date; followers: number }>([
      { $match: { workspaceId: scope.workspaceId, followers: { $ne: null }, ...(sides.length === 1 ? sides[0] : { $or: sides }) } },
      { $sort: { date: -1 } },
      { $group: { _id: { platformId: '$platformId', after: { $gt: ['$date', end] } }, date: { $first: '$date' }, followers: { $first: '$followers' } } },
    ], { comment: FOLLOWER_LOOK_BACK });
    for (const r of rows) {
      const key = r._id.platformId.toHexString();
      const o = outside.get(key) ?? {};
      o[r._id.after ? 'after' : 'before'] = { day: utcDayOf(r.date), followers: r.followers };
      outside.set(key, o);
    }
  }
  const newest = new Map<string, number | null>();
  for (const { _id } of platforms) {
    const key = _id.toHexString();
    const series = byPlatform.get(key) ?? [];
    const { before, after } = outside.get(key) ?? {};
    const anchored = !startsAtLo(key) && before !== undefined;
    const newestOfAll = (after ?? series.at(-1) ?? before)?.followers ?? null;
    if (anchored) {
      series.unshift(before);
      byPlatform.set(key, series);
    }
    if (days.latest) newest.set(key, newestOfAll);
    // Nothing before the window: a lookup before the account's first count falls back on the newest.
    else if (!startsAtLo(key) && !anchored) newest.set(key, newestOfAll);
  }
  keep(keptKey, signature, byPlatform, newest);
  return new FollowerHistory(byPlatform, profileCountsOf(platforms), newest);
}

/** The scope's follower rows by account, of the days lo…hi when given (else the whole history). */
async function readSeries(scope: Pick<Scope, 'workspaceId' | 'platformIds'>, lo?: number, hi?: number): Promise<Map<string, Point[]>> {
  const platformFilter = scope.platformIds ? { platformId: { $in: scope.platformIds } } : {};
  const dateFilter = lo !== undefined && hi !== undefined ? { date: { $gte: new Date(lo * DAY_MS), $lte: new Date(hi * DAY_MS) } } : {};
  // On the driver: the filter is typed already; the rows come grouped by account (bySeries).
  const rows = await StatsModel.collection
    .aggregate<SeriesRow>(
      [
        { $match: { workspaceId: scope.workspaceId, ...platformFilter, ...dateFilter, followers: { $ne: null } } },
        { $group: { _id: '$platformId', d: { $push: '$date' }, f: { $push: '$followers' } } },
      ],
      { comment: FOLLOWER_HISTORY_READ },
    )
    .toArray();
  return bySeries(rows);
}

/** Platform.followerCount, the fallback "latest" of accounts without daily stats (read fresh every time). */
function profileCountsOf(platforms: ScopePlatform[]): Map<string, number> {
  return new Map(platforms.filter((p) => typeof p.followerCount === 'number').map((p) => [p._id.toHexString(), p.followerCount!]));
}

/**
 * Follower histories kept across requests, in this process. The rows of a range change only when
 * the account's stats are written, and every such write raises the account's stats revision after
 * it (stats/stats-revision.ts). A history is kept with the revisions of its accounts as read
 * *before* its rows (with their follower days, which decide what was looked for outside the
 * range), and it answers again only a read of the same scope and days whose accounts read the
 * same: the same accounts, revisions and days. The accounts are read on every request anyway
 * (the metric model, the rows' names), so a kept history costs no command at all, and a write
 * anywhere in the workspace's accounts is seen by the next request, in every process.
 *
 * What the rule cannot see: a writer that died between its write and its raise, and a write made
 * outside Soash. So nothing is kept longer than HISTORY_KEPT_MS, and at most KEPT_POINTS points in
 * all (about 40 bytes each), the least recently used going first. Profile follower counts (the
 * fallback of accounts without daily stats) are never kept: they come from the accounts' read.
 * Nothing here crosses workspaces: the key names the workspace, and only a confirmed viewer's
 * workspace is ever read (analytics/request.ts).
 */
export const HISTORY_KEPT_MS = 60_000;
const KEPT_POINTS = 400_000;

interface Kept {
  signature: string;
  byPlatform: Map<string, Point[]>;
  newest: Map<string, number | null>;
  points: number;
  until: number;
}

const kept = new Map<string, Kept>();
let keptPoints = 0;

/** The accounts of a read as a kept history is checked against: ids, stats revisions, follower days. */
function signatureOf(platforms: ScopePlatform[]): string {
  return platforms
    .map((p) => `${p._id.toHexString()}:${p.statsRevision ?? 0}:${p.followerDaysKnown ? 1 : 0}:${p.followersFrom?.getTime() ?? ''}:${p.followersTo?.getTime() ?? ''}`)
    .join(',');
}

function drop(key: string): void {
  const k = kept.get(key);
  if (!k) return;
  kept.delete(key);
  keptPoints -= k.points;
}

function keptHistory(key: string, signature: string): Kept | undefined {
  const k = kept.get(key);
  if (!k) return undefined;
  if (k.signature !== signature || Date.now() >= k.until) {
    drop(key);
    return undefined;
  }
  // Most recently used last.
  kept.delete(key);
  kept.set(key, k);
  return k;
}

function keep(key: string, signature: string, byPlatform: Map<string, Point[]>, newest: Map<string, number | null>): void {
  let points = 0;
  for (const s of byPlatform.values()) points += s.length;
  if (points > KEPT_POINTS) return;
  drop(key);
  kept.set(key, { signature, byPlatform, newest, points, until: Date.now() + HISTORY_KEPT_MS });
  keptPoints += points;
  for (const oldest of kept.keys()) {
    if (keptPoints <= KEPT_POINTS) break;
    drop(oldest);
  }
}

/** Forgets every kept history (tests and benchmarks that measure the read itself). */
export function forgetKeptFollowerHistories(): void {
  kept.clear();
  keptPoints = 0;
}

/** Key of a request's follower-history read: the scope's accounts and the days asked about. */
function historyKey(scope: Pick<Scope, 'workspaceId' | 'platformIds'>, days: HistoryDays): string {
  const ids = scope.platformIds ? scope.platformIds.map((id) => id.toHexString()).sort().join(',') : '*';
  return `${scope.workspaceId.toHexString()}|${ids}|${days.fromDay}|${days.toDay}|${days.latest ? 1 : 0}`;
}

/**
 * The follower history for a request: read once per request for the same accounts and days (the
 * fields of one GraphQL request share it through `req.reads`), bounded by the days asked about.
 */
export function followerHistoryFor(req: Pick<AnalyticsRequest, 'reads'>, scope: Pick<Scope, 'workspaceId' | 'platformIds'>, days: HistoryDays): Promise<FollowerHistory> {
  if (!req.reads) return loadFollowerHistory(scope, days, req);
  const key = historyKey(scope, days);
  let p = req.reads.followerHistory.get(key);
  if (!p) {
    p = loadFollowerHistory(scope, days, req, key);
    req.reads.followerHistory.set(key, p);
    // A failed read is not cached (the next field tries again).
    p.catch(() => req.reads!.followerHistory.delete(key));
  }
  return p;
}
