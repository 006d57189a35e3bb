import type { Types } from 'mongoose';
import { PlatformModel } from '../platforms/platform.model.js';
import { StatsModel } from '../stats/stats.model.js';
import { FollowerBasis } from './analytics.enums.js';
import type { Scope } from './scope.js';
import { utcDayOf } from '@soash/shared';

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
    const s = this.series(platformId);
    if (s.length) return s[s.length - 1]!.followers;
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

/** Loads the follower history of the scope's accounts (category filters do not apply). */
export async function loadFollowerHistory(scope: Pick<Scope, 'userId' | 'platformIds'>): Promise<FollowerHistory> {
  const platformFilter = scope.platformIds ? { platformId: { $in: scope.platformIds } } : {};
  const [rows, platforms] = await Promise.all([
    StatsModel.find({ userId: scope.userId, ...platformFilter, followers: { $ne: null } }, { platformId: 1, date: 1, followers: 1, _id: 0 })
      .sort({ platformId: 1, date: 1 })
      .lean<Array<{ platformId: Types.ObjectId; date: Date; followers: number }>>(),
    PlatformModel.find(
      { userId: scope.userId, ...(scope.platformIds ? { _id: { $in: scope.platformIds } } : {}), followerCount: { $ne: null } },
      { followerCount: 1 },
    ).lean<Array<{ _id: Types.ObjectId; followerCount: number }>>(),
  ]);
  const byPlatform = new Map<string, Point[]>();
  for (const r of rows) {
    const key = r.platformId.toHexString();
    let s = byPlatform.get(key);
    if (!s) byPlatform.set(key, (s = []));
    s.push({ day: utcDayOf(r.date), followers: r.followers });
  }
  // The sort above is by ObjectId then date; make each series strictly by day regardless.
  for (const s of byPlatform.values()) s.sort((a, b) => a.day - b.day);
  return new FollowerHistory(byPlatform, new Map(platforms.map((p) => [p._id.toHexString(), p.followerCount])));
}
