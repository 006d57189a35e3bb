import type { Types } from 'mongoose';
import { StatsModel } from '../stats/stats.model.js';
import { FollowerBasis } from './analytics.enums.js';
import type { Scope } from './scope.js';
import { DAY_MS, utcDayOf } from '@soash/shared';
import type { AnalyticsRequest } from './request.js';
import { scopePlatforms } from './analytics.loader.js';
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

type StatsPoint = { platformId: Types.ObjectId; date: Date; followers: number };
const POINT = { platformId: 1, date: 1, followers: 1, _id: 0 } as const;

/** Calendar days a caller asks about; `latest` when it reads `latest()` of every account. */
export interface HistoryDays {
  fromDay: number;
  toDay: number;
  latest?: boolean;
}

/** Whether two 12-byte ObjectId buffers are equal. */
function sameId(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 11; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The rows by account. A workspace has a few accounts, so a row finds its account's series by
 * comparing id bytes with the first few accounts seen rather than through a hex-string key per
 * row (a year of three accounts is ~1 100 rows on every follower request); past those, by key.
 */
function bySeries(rows: StatsPoint[]): Map<string, Point[]> {
  const byPlatform = new Map<string, Point[]>();
  const FEW = 8;
  const fewIds: Uint8Array[] = [];
  const fewSeries: Point[][] = [];
  for (const r of rows) {
    const id = r.platformId.id;
    let s: Point[] | undefined;
    for (let i = 0; i < fewIds.length; i++) {
      if (sameId(fewIds[i]!, id)) {
        s = fewSeries[i];
        break;
      }
    }
    if (!s) {
      const key = r.platformId.toHexString();
      s = byPlatform.get(key);
      if (!s) byPlatform.set(key, (s = []));
      if (fewIds.length < FEW) {
        fewIds.push(id);
        fewSeries.push(s);
      }
    }
    s.push({ day: utcDayOf(r.date), followers: r.followers });
  }
  // The rows come in index order ({workspaceId, date}) on MongoDB: each series is ordered by day
  // here only when it is not already.
  for (const s of byPlatform.values()) {
    for (let i = 1; i < s.length; i++) {
      if (s[i - 1]!.day > s[i]!.day) {
        s.sort((a, b) => a.day - b.day);
        break;
      }
    }
  }
  return byPlatform;
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
 */
export async function loadFollowerHistory(scope: Pick<Scope, 'workspaceId' | 'platformIds'>, days?: HistoryDays, req: Pick<AnalyticsRequest, 'reads'> = {}): Promise<FollowerHistory> {
  const platformFilter = scope.platformIds ? { platformId: { $in: scope.platformIds } } : {};
  const lo = days ? days.fromDay - 1 : undefined;
  const hi = days ? days.toDay + 1 : undefined;
  const dateFilter = days ? { date: { $gte: new Date(lo! * DAY_MS), $lte: new Date(hi! * DAY_MS) } } : {};
  const [rows, platforms] = await Promise.all([
    // On the driver: the filter is typed already, and the rows are three plain fields.
    StatsModel.collection
      .find<StatsPoint>({ workspaceId: scope.workspaceId, ...platformFilter, ...dateFilter, followers: { $ne: null } }, { projection: POINT })
      .toArray(),
    scopePlatforms(req, scope),
  ]);
  const byPlatform = bySeries(rows);
  const profileCounts = new Map(platforms.filter((p) => typeof p.followerCount === 'number').map((p) => [p._id.toHexString(), p.followerCount!]));
  if (!days) return new FollowerHistory(byPlatform, profileCounts);

  // An account whose rows do not start on the first day read needs its last count before them;
  // `latest`, or an account with nothing before, needs its newest count. Both come from one
  // aggregation over those accounts' rows outside the days read: per account, the newest row
  // before them and the newest after them (the newest of all is then the one after, else the
  // newest read, else the one before). What the account's follower days (stats/follower-days.ts)
  // say is not there is not looked for: a history that begins inside the days read has nothing
  // before them, and one that ends inside them nothing after.
  const start = new Date(lo! * DAY_MS);
  const end = new Date(hi! * DAY_MS);
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
    ]);
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
  return new FollowerHistory(byPlatform, profileCounts, newest);
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
    p = loadFollowerHistory(scope, days, req);
    req.reads.followerHistory.set(key, p);
    // A failed read is not cached (the next field tries again).
    p.catch(() => req.reads!.followerHistory.delete(key));
  }
  return p;
}
