import type { Types } from 'mongoose';
import { utcDay } from '../../connectors/common.js';
import type { AccountAccess, PostCounters, PostRecord, Provider } from '../../connectors/types.js';
import { upsertActivities, upsertSnapshots, type IngestTarget, type SnapshotInput } from '../activities/activity.ingest.js';
import { ActivityModel, type Activity } from '../activities/activity.model.js';
import { oldestRefreshable, postRefreshDue } from '../platforms/platform-schedule.js';

/**
 * Which posts a pull reads, for platforms that bill every post read (X): the listing asks only for
 * posts newer than the newest one stored, and older posts get their counters read again on the
 * decay schedule of platform-schedule.ts (days 1, 2, 3, 7, 14 and 30 after publishing), youngest
 * first, as far as the month's post-read budget allows. The writes are the sync's usual upserts.
 */

/** Lookups take at most this many posts per request (GET /2/tweets?ids=). */
const LOOKUP_BATCH = 100;

/** Where an incremental listing starts: just after the newest stored post, or the window start. */
export async function incrementalSince(platformId: Types.ObjectId, windowStart: Date): Promise<Date> {
  const newest = await ActivityModel.findOne({ platformId, publishedAt: { $gte: windowStart } }, { publishedAt: 1 }).sort({ publishedAt: -1 }).lean();
  // Platforms give publishing times to the second: the next second holds no stored post.
  return newest?.publishedAt ? new Date(Math.floor(newest.publishedAt.getTime() / 1000) * 1000 + 1000) : windowStart;
}

export interface RefreshInput {
  platformId: Types.ObjectId;
  target: IngestTarget;
  provider: Provider;
  call<T>(fn: (access: AccountAccess) => Promise<T>): Promise<T>;
  /** Reads the month's budget still allows. */
  readsLeft(): Promise<number>;
  /** Records the reads made so far (called after every request). */
  flushReads(): Promise<void>;
  now?: Date;
}

export interface RefreshResult {
  due: number;
  refreshed: number;
  /** Due posts left for a later day because the budget ran out. */
  deferred: number;
  snapshots: number;
}

type StoredPost = Pick<Activity, '_id' | 'externalId' | 'type' | 'content' | 'mediaUrls' | 'permalink' | 'hashtags' | 'publishedAt' | 'metricsUpdatedAt'>;

function recordOf(a: StoredPost): PostRecord {
  return { externalId: a.externalId, type: a.type, content: a.content, mediaUrls: a.mediaUrls ?? [], permalink: a.permalink, publishedAt: a.publishedAt!, hashtags: a.hashtags };
}

/** Posts of the account whose counters are due today, youngest first. */
export async function duePosts(platformId: Types.ObjectId, now = new Date()): Promise<StoredPost[]> {
  const today = utcDay(now);
  const docs = await ActivityModel.find(
    {
      platformId,
      publishedAt: { $gte: oldestRefreshable(now), $lt: today },
      $or: [{ metricsUpdatedAt: { $exists: false } }, { metricsUpdatedAt: null }, { metricsUpdatedAt: { $lt: today } }],
    },
    { externalId: 1, type: 1, content: 1, mediaUrls: 1, permalink: 1, hashtags: 1, publishedAt: 1, metricsUpdatedAt: 1 },
  )
    .sort({ publishedAt: -1 })
    .lean<StoredPost[]>();
  return docs.filter((d) => d.publishedAt && postRefreshDue(d.publishedAt, d.metricsUpdatedAt, now));
}

export async function refreshDuePosts(input: RefreshInput): Promise<RefreshResult> {
  const now = input.now ?? new Date();
  const today = utcDay(now);
  const due = await duePosts(input.platformId, now);
  let refreshed = 0;
  let snapshots = 0;
  let i = 0;
  while (i < due.length) {
    const left = await input.readsLeft();
    if (left <= 0) break;
    const batch = due.slice(i, i + Math.min(LOOKUP_BATCH, left));
    i += batch.length;
    const records = batch.map(recordOf);
    const counters: Map<string, PostCounters> = await input.call((a) => input.provider.fetchPostMetrics(a, records));
    await input.flushReads();
    const items = records.filter((r) => counters.has(r.externalId)).map((post) => ({ post, counters: counters.get(post.externalId) }));
    const stored = new Map<string, PostCounters>();
    const ids = await upsertActivities(input.target, items, new Date(), stored);
    const snaps: SnapshotInput[] = [];
    for (const { post, counters: c } of items) {
      const activityId = ids.get(post.externalId);
      if (activityId && c) snaps.push({ activityId, date: today, counters: stored.get(post.externalId) ?? c });
    }
    snapshots += await upsertSnapshots(input.target, snaps);
    refreshed += items.length;
  }
  return { due: due.length, refreshed, deferred: due.length - i, snapshots };
}
