import mongoose, { Types } from 'mongoose';
import { DAY_MS, utcDay } from '../../connectors/common.js';
import { PlatformType } from '@soash/shared';
import { connectorConfig } from '../../connectors/config.js';
import { JOBS_COLLECTION, scheduler } from '../../jobs/scheduler.js';
import { PlatformModel } from './platform.model.js';

/**
 * Agenda jobs of connected accounts. Payloads carry ids only (and what kind of pull it is).
 *
 * - `platform:pull-stats` / `platform:pull-activities`: one recurring daily job each per account
 *   (`kind: 'daily'`), plus one-off runs for the backfill on connect, a catch-up after reconnecting
 *   and manual "sync now".
 * - `platform:pull-stories`: Instagram accounts, every INSTAGRAM_STORY_POLL_MINUTES (`kind: 'poll'`):
 *   the stories live now, whose insights vanish 24 hours after posting.
 * - `platform:refresh-token`: one per account, rescheduled after every run.
 * - `insights:generate` (defined by the insights module, insights.jobs.ts) is enqueued after pulls.
 */
export const JOB = {
  REFRESH_TOKEN: 'platform:refresh-token',
  PULL_STATS: 'platform:pull-stats',
  PULL_ACTIVITIES: 'platform:pull-activities',
  PULL_STORIES: 'platform:pull-stories',
} as const;

export type PullKind = 'daily' | 'backfill' | 'catchup' | 'manual' | 'poll';

export interface PullJobData {
  platformId: string;
  kind: PullKind;
  /** How many days back to pull (backfill, catch-up, manual). */
  days?: number;
  /** The SystemJob created up front (manual sync, backfill) so clients can follow it at once. */
  systemJobId?: string;
}

export interface RefreshJobData {
  platformId: string;
}

function hex(id: Types.ObjectId | string): string {
  return typeof id === 'string' ? id : id.toHexString();
}

/** A one-off pull, now. */
export async function enqueuePull(name: typeof JOB.PULL_STATS | typeof JOB.PULL_ACTIVITIES, data: PullJobData): Promise<void> {
  await scheduler().agenda.now(name, data);
}

/** The daily pulls of an account (created once; existing schedules are left alone). */
export async function ensureDailyPulls(platformId: Types.ObjectId | string, firstRunAt = new Date(Date.now() + DAY_MS)): Promise<void> {
  const id = hex(platformId);
  for (const name of [JOB.PULL_STATS, JOB.PULL_ACTIVITIES]) {
    const job = scheduler().agenda.create<PullJobData>(name, { platformId: id, kind: 'daily' });
    job.repeatEvery(DAY_MS, { skipImmediate: true });
    job.schedule(firstRunAt);
    job.unique({ 'data.platformId': id, 'data.kind': 'daily' }, { insertOnly: true });
    await job.save();
  }
  const p = await PlatformModel.findById(id, { type: 1, sandbox: 1 }).lean();
  if (p && hasStories(p)) await ensureStoryPolls(id);
}

/** Accounts whose live stories are polled: Instagram accounts served by the real API. */
function hasStories(p: { type: PlatformType; sandbox: boolean }): boolean {
  return p.type === PlatformType.INSTAGRAM && !p.sandbox;
}

/** The recurring story poll of an Instagram account (created once; the first poll one interval from now). */
export async function ensureStoryPolls(platformId: Types.ObjectId | string): Promise<void> {
  const id = hex(platformId);
  const everyMs = connectorConfig().INSTAGRAM_STORY_POLL_MINUTES * 60_000;
  const job = scheduler().agenda.create<PullJobData>(JOB.PULL_STORIES, { platformId: id, kind: 'poll' });
  job.repeatEvery(everyMs, { skipImmediate: true });
  job.schedule(new Date(Date.now() + everyMs));
  job.unique({ 'data.platformId': id, 'data.kind': 'poll' }, { insertOnly: true });
  await job.save();
}

/** Story polls for active Instagram accounts that have none yet (accounts connected before polls existed). */
export async function ensureAllStoryPolls(): Promise<number> {
  const polled = new Set((await mongoose.connection.collection(JOBS_COLLECTION).distinct('data.platformId', { name: JOB.PULL_STORIES })).map(String));
  const accounts = await PlatformModel.find({ isActive: true, type: PlatformType.INSTAGRAM, sandbox: false }, { _id: 1 }).lean();
  let added = 0;
  for (const a of accounts) {
    if (polled.has(a._id.toHexString())) continue;
    await ensureStoryPolls(a._id);
    added++;
  }
  return added;
}

/** (Re)schedules the account's token job; null removes it. */
export async function scheduleTokenJob(platformId: Types.ObjectId | string, at: Date | null): Promise<void> {
  const id = hex(platformId);
  if (!at) {
    await mongoose.connection.collection(JOBS_COLLECTION).deleteMany({ name: JOB.REFRESH_TOKEN, 'data.platformId': id, lockedAt: null });
    return;
  }
  const job = scheduler().agenda.create<RefreshJobData>(JOB.REFRESH_TOKEN, { platformId: id });
  job.schedule(at);
  job.unique({ 'data.platformId': id });
  await job.save();
}

/** Removes every scheduled job of an account (disconnect). */
export async function removePlatformJobs(platformId: Types.ObjectId | string): Promise<number> {
  const res = await mongoose.connection.collection(JOBS_COLLECTION).deleteMany({ 'data.platformId': hex(platformId) });
  return res.deletedCount;
}

/** Ids of accounts that already have a daily stats pull scheduled. */
export async function platformsWithDailyPulls(): Promise<Set<string>> {
  const ids = await mongoose.connection.collection(JOBS_COLLECTION).distinct('data.platformId', { name: JOB.PULL_STATS, 'data.kind': 'daily' });
  return new Set(ids.map(String));
}

// ---------------------------------------------------------------------------------------------
// Post metrics refresh for platforms that bill every post read (X)

/**
 * Days after publishing on which a post's counters are read again, where every read is billed:
 * counters move most in the first days, so reading every post every day for 30 days (30 reads a
 * post) buys little over these 6 reads.
 */
export const POST_REFRESH_DAYS = [1, 2, 3, 7, 14, 30] as const;
/** A refresh point missed (no pull that day) is still made up this many days later. */
const REFRESH_GRACE_DAYS = 2;

/**
 * Whether a post's counters are due for a refresh today: the latest refresh day that has been
 * reached (whole UTC days since the publishing day) is not yet covered by the last counters read.
 * The publishing day itself is covered by the listing that found the post.
 */
export function postRefreshDue(publishedAt: Date, metricsUpdatedAt: Date | undefined | null, now = new Date()): boolean {
  const published = utcDay(publishedAt).getTime();
  const age = Math.round((utcDay(now).getTime() - published) / DAY_MS);
  const reached = POST_REFRESH_DAYS.filter((d) => d <= age);
  if (!reached.length) return false;
  const point = reached[reached.length - 1]!;
  if (age - point > REFRESH_GRACE_DAYS) return false;
  return !metricsUpdatedAt || metricsUpdatedAt.getTime() < published + point * DAY_MS;
}

/** Oldest publishing time a post can have and still be due (the last point plus its grace). */
export function oldestRefreshable(now = new Date()): Date {
  return new Date(utcDay(now).getTime() - (POST_REFRESH_DAYS[POST_REFRESH_DAYS.length - 1]! + REFRESH_GRACE_DAYS) * DAY_MS);
}
