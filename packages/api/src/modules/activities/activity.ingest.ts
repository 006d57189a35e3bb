import type { Types } from 'mongoose';
import { postEngagementRate, type PlatformType } from '@soash/shared';
import type { PostCounters, PostRecord } from '../../connectors/types.js';
import { bulkUpsertRaw, type InsertHint, type UpsertOp } from '../../lib/bulk-upsert.js';
import type { MetricSource } from '../../lib/provenance.js';
import { ActivityMetricModel } from './activity-metric.model.js';
import { ActivityModel } from './activity.model.js';
import { withTotal, type Engagement, type EngagementCounters } from './engagement.model.js';

/**
 * How pulled posts become Activities and daily ActivityMetric snapshots: hashtags parsed and
 * normalised, engagement totals filled, the engagement rate computed with the documented default
 * formula, and every write an idempotent upsert on the collection's unique key, so a run that
 * crashed half-way can simply run again.
 */

const MAX_TAG_LENGTH = 100;
/** A hashtag: '#' (or the full-width '＃') not preceded by a word character, then letters, marks, digits, '_'. */
const HASHTAG = /(^|[^\p{L}\p{M}\p{N}_&#＃/])[#＃]([\p{L}\p{M}\p{N}_]+)/gu;

/** Lower-case, NFC, without '#'; null for something that is not a usable hashtag (e.g. "#2024"). */
export function normalizeHashtag(raw: string): string | null {
  const tag = raw.normalize('NFC').trim().replace(/^[#＃]+/, '').toLowerCase();
  if (!tag || tag.length > MAX_TAG_LENGTH) return null;
  if (!/^[\p{L}\p{M}\p{N}_]+$/u.test(tag)) return null;
  if (/^[\p{N}_]+$/u.test(tag)) return null;
  return tag;
}

/** Hashtags in a caption, normalised and de-duplicated, in order of first appearance. */
export function parseHashtags(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const m of text.normalize('NFC').matchAll(HASHTAG)) {
    const tag = normalizeHashtag(m[2]!);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Platform-listed tags plus the ones in the caption, normalised and de-duplicated. */
export function mergeHashtags(listed: readonly string[] | undefined, caption: string | null | undefined): string[] {
  const out: string[] = [];
  for (const raw of [...(listed ?? []), ...parseHashtags(caption)]) {
    const tag = normalizeHashtag(raw);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

const COUNTERS = ['likes', 'comments', 'shares', 'saves', 'impressions', 'reach', 'views', 'navigation'] as const;

const reported = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Counters with unreported ones as null (never 0) and `total` filled. */
export function toEngagement(counters: EngagementCounters): Engagement {
  const clean: EngagementCounters = {};
  for (const key of COUNTERS) {
    const v = counters[key];
    clean[key] = reported(v) ? v : null;
  }
  return withTotal(clean);
}

/**
 * A pull's counters over what is stored: a counter the pull reports replaces the stored one, a
 * counter it does not report (an empty insight set, a metric withdrawn for a while) keeps the
 * stored value instead of erasing it. Provenance follows the values: the stored entries of the
 * fields kept, the pull's for the fields it reported.
 */
export function mergeCounters(stored: { engagement?: Partial<Engagement> | null; sources?: readonly MetricSource[] | null } | null | undefined, pulled: PostCounters): { engagement: Engagement; sources: MetricSource[] } {
  const merged: EngagementCounters = {};
  for (const key of COUNTERS) {
    const v = pulled.engagement[key];
    merged[key] = reported(v) ? v : reported(stored?.engagement?.[key]) ? stored!.engagement![key] : null;
  }
  const fresh = new Set((pulled.sources ?? []).map((s) => s.field));
  const kept = (stored?.sources ?? []).filter((s) => !fresh.has(s.field) && s.field.startsWith('engagement.') && reported(merged[s.field.slice('engagement.'.length) as keyof EngagementCounters]));
  return { engagement: withTotal(merged), sources: sourcesDoc([...kept, ...(pulled.sources ?? [])]) };
}

/**
 * The stored engagement rate: the one metric model's (engagement.total ÷ the platform's
 * denominator: reach, views on TikTok, impressions on X), or null when the post does not report
 * it. It is what the dashboard and insights compute for the same post (docs/analytics.md).
 */
export function engagementRateOf(platform: PlatformType, e: Engagement): number | null {
  return postEngagementRate(platform, e);
}

export interface IngestTarget {
  platformId: Types.ObjectId;
  workspaceId: Types.ObjectId;
  /** The account's platform: it decides the rate's denominator. */
  platformType: PlatformType;
}

export interface IngestedPost {
  post: PostRecord;
  counters?: PostCounters;
}

/** Provenance entries with exactly the schema's keys (MetricSource), as the driver stores them. */
function sourcesDoc(sources: readonly MetricSource[] | undefined): MetricSource[] {
  return (sources ?? []).map((s) => ({ field: s.field, metric: s.metric, apiVersion: s.apiVersion, fetchedAt: s.fetchedAt }));
}

/**
 * Upserts posts by (platformId, externalId); returns externalId → activity _id.
 *
 * The documents are built already typed and go to the driver (lib/bulk-upsert.ts). Ids of posts
 * the batch inserted come from the upsert result; only posts that already existed are looked up,
 * by the unique key, so a backfill of new posts reads nothing back.
 *
 * Counters follow mergeCounters: the write sets only the counters the pull reported (the others
 * start as null on a new post), so a stored value the pull lacks survives. A new post gets its
 * total, rate and provenance with the same write; a post that existed gets them from its merged
 * counters, read back with its id, in one more bulk write. `merged`, when given, receives each
 * post's counters as stored (for the day's snapshot). With `hint.newKeys` (an account's first
 * backfill) the posts are inserted whole, and only those already stored take the upsert path.
 */
export async function upsertActivities(
  target: IngestTarget,
  items: IngestedPost[],
  fetchedAt: Date,
  merged?: Map<string, PostCounters>,
  hint?: InsertHint,
): Promise<Map<string, Types.ObjectId>> {
  if (!items.length) return new Map();
  // One op per externalId (a page listing a post twice would otherwise upsert it twice).
  const unique = [...new Map(items.map((i) => [i.post.externalId, i])).values()];
  const ops: UpsertOp[] = unique.map(({ post, counters }) => {
    const set: Record<string, unknown> = {
      type: post.type,
      content: post.content?.slice(0, 10_000),
      mediaUrls: post.mediaUrls ?? [],
      permalink: post.permalink,
      hashtags: mergeHashtags(post.hashtags, post.content),
      publishedAt: post.publishedAt,
      isPublished: true,
    };
    const setOnInsert: Record<string, unknown> = { workspaceId: target.workspaceId, isScheduled: false, categoryIds: [] };
    if (counters) {
      const engagement = toEngagement(counters.engagement);
      for (const key of COUNTERS) {
        if (reported(counters.engagement[key])) set[`engagement.${key}`] = engagement[key];
        else setOnInsert[`engagement.${key}`] = null;
      }
      set.metricsUpdatedAt = fetchedAt;
      Object.assign(setOnInsert, { 'engagement.total': engagement.total, engagementRate: engagementRateOf(target.platformType, engagement), sources: sourcesDoc(counters.sources) });
    } else {
      Object.assign(setOnInsert, { engagement: { total: 0 }, sources: [] });
    }
    return { filter: { platformId: target.platformId, externalId: post.externalId }, set, setOnInsert };
  });
  const res = await bulkUpsertRaw(ActivityModel, ops, hint);
  const ids = new Map<string, Types.ObjectId>();
  res.inserted.forEach((id, i) => {
    const item = unique[i]!;
    ids.set(item.post.externalId, id as Types.ObjectId);
    if (item.counters) merged?.set(item.post.externalId, { engagement: toEngagement(item.counters.engagement), sources: sourcesDoc(item.counters.sources) });
  });
  const existing = unique.filter((i) => !ids.has(i.post.externalId));
  if (existing.length) {
    const withCounters = existing.some((i) => i.counters);
    const docs = await ActivityModel.collection
      .find(
        { platformId: target.platformId, externalId: { $in: existing.map((i) => i.post.externalId) } },
        { projection: { _id: 1, externalId: 1, ...(withCounters ? { engagement: 1, sources: 1 } : {}) } },
      )
      .toArray();
    const byExternalId = new Map(existing.map((i) => [i.post.externalId, i]));
    const fixes: UpsertOp[] = [];
    for (const d of docs) {
      const externalId = d.externalId as string;
      ids.set(externalId, d._id as unknown as Types.ObjectId);
      const counters = byExternalId.get(externalId)?.counters;
      if (!counters) continue;
      // The stored counters already carry this pull's values (set above) and the kept ones.
      const m = mergeCounters(d as { engagement?: Partial<Engagement>; sources?: MetricSource[] }, counters);
      merged?.set(externalId, m);
      fixes.push({
        filter: { _id: d._id },
        set: { 'engagement.total': m.engagement.total, engagementRate: engagementRateOf(target.platformType, m.engagement), sources: m.sources },
      });
    }
    if (fixes.length) await bulkUpsertRaw(ActivityModel, fixes);
  }
  return ids;
}

export interface SnapshotInput {
  activityId: Types.ObjectId;
  /** UTC midnight of the day the snapshot is for. */
  date: Date;
  counters: PostCounters;
}

/**
 * Upserts daily snapshots by (activityId, date), on the driver like the posts. Give them the
 * post's counters as stored (upsertActivities' `merged`), so a counter the pull lacked keeps its
 * value in the day's snapshot too. `hint` as for upsertActivities.
 */
export async function upsertSnapshots(target: IngestTarget, snapshots: SnapshotInput[], hint?: InsertHint): Promise<number> {
  if (!snapshots.length) return 0;
  const ops: UpsertOp[] = snapshots.map((s) => {
    const engagement = toEngagement(s.counters.engagement);
    return {
      filter: { activityId: s.activityId, date: s.date },
      set: { engagement, engagementRate: engagementRateOf(target.platformType, engagement), sources: sourcesDoc(s.counters.sources) },
      setOnInsert: { platformId: target.platformId, workspaceId: target.workspaceId },
    };
  });
  await bulkUpsertRaw(ActivityMetricModel, ops, hint);
  return ops.length;
}
