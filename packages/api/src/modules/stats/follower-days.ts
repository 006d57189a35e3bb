import type { Types } from 'mongoose';
import { log } from '../../lib/logger.js';
import type { StartupTask } from '../../startup.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { StatsModel } from './stats.model.js';

/**
 * Which days of an account may hold a follower count (Platform.followersFrom … followersTo), so
 * that the follower history of a date range (analytics/followers.ts) knows without a query that
 * an account has no count before or after the range.
 *
 * The invariant: with followerDaysKnown, every stats row of the account with a follower count has
 * followersFrom ≤ date ≤ followersTo. A stats pull widens the bounds before it writes
 * (widenFollowerDays), so they hold while it runs; nothing narrows them (retention and
 * disconnects only delete rows, which keeps them true). A new account starts with them known
 * (no rows yet); one connected before they were kept gets them from its rows at startup
 * (completeFollowerDays).
 */
export interface FollowerDays {
  followersFrom?: Date;
  followersTo?: Date;
  followerDaysKnown?: boolean;
}

/** The account has no follower count before `start` (known from its bounds, not guessed). */
export function knownNoneBefore(p: FollowerDays, start: Date): boolean {
  return p.followerDaysKnown === true && (!p.followersFrom || p.followersFrom.getTime() >= start.getTime());
}

/** The account has no follower count after `end`. */
export function knownNoneAfter(p: FollowerDays, end: Date): boolean {
  return p.followerDaysKnown === true && (!p.followersTo || p.followersTo.getTime() <= end.getTime());
}

/**
 * Widens the account's bounds to the days about to be written with a follower count, before the
 * write. `seen` (kept current) holds the bounds as last written by this run: a write that stays
 * inside them sends nothing.
 */
export async function widenFollowerDays(platformId: Types.ObjectId, dates: Date[], seen?: { from?: Date; to?: Date }): Promise<void> {
  if (!dates.length) return;
  let min = dates[0]!;
  let max = dates[0]!;
  for (const d of dates) {
    if (d < min) min = d;
    if (d > max) max = d;
  }
  if (seen?.from && seen.to && seen.from <= min && seen.to >= max) return;
  await PlatformModel.updateOne({ _id: platformId }, { $min: { followersFrom: min }, $max: { followersTo: max } });
  if (seen) {
    if (!seen.from || min < seen.from) seen.from = min;
    if (!seen.to || max > seen.to) seen.to = max;
  }
}

/** Accounts per batch of the startup pass. */
const BATCH = 500;

/**
 * Startup task: the accounts whose bounds are not known yet get them from their stored rows (one
 * aggregation per batch on {platformId, date}), merged with whatever a pull running meanwhile
 * widened them to. Afterwards only new accounts appear, and they start known.
 */
export async function completeFollowerDays(): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await PlatformModel.find({ followerDaysKnown: { $ne: true } }, { _id: 1 }).limit(BATCH).lean<Array<{ _id: Types.ObjectId }>>();
    if (!batch.length) return done;
    const ids = batch.map((p) => p._id);
    const rows = await StatsModel.aggregate<{ _id: Types.ObjectId; from: Date; to: Date }>([
      { $match: { platformId: { $in: ids }, followers: { $ne: null } } },
      { $group: { _id: '$platformId', from: { $min: '$date' }, to: { $max: '$date' } } },
    ]);
    const byId = new Map(rows.map((r) => [r._id.toHexString(), r]));
    await PlatformModel.bulkWrite(
      ids.map((_id) => {
        const r = byId.get(_id.toHexString());
        return {
          updateOne: {
            filter: { _id },
            update: { ...(r ? { $min: { followersFrom: r.from }, $max: { followersTo: r.to } } : {}), $set: { followerDaysKnown: true } },
          },
        };
      }),
    );
    done += ids.length;
    if (batch.length < BATCH) return done;
  }
}

export const completeFollowerDaysAtStartup: StartupTask = async () => {
  const n = await completeFollowerDays();
  if (n) log.info(`follower days: computed for ${n} account(s) from their stored stats`);
};
