import type { Types } from 'mongoose';
import { postEngagementRate, type PlatformType } from '@soash/shared';
import type { PostCounters, PostRecord } from '../../connectors/types.js';
import { bulkUpsertRaw, type UpsertOp } from '../../lib/bulk-upsert.js';
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

/** Counters with unreported ones as null (never 0) and `total` filled. */
export function toEngagement(counters: EngagementCounters): Engagement {
  const clean: EngagementCounters = {};
  for (const key of ['likes', 'comments', 'shares', 'saves', 'impressions', 'reach', 'views', 'navigation'] as const) {
    const v = counters[key];
    clean[key] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return withTotal(clean);
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
 */
export async function upsertActivities(target: IngestTarget, items: IngestedPost[], fetchedAt: Date): Promise<Map<string, Types.ObjectId>> {
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
    if (counters) {
      const engagement = toEngagement(counters.engagement);
      Object.assign(set, { engagement, engagementRate: engagementRateOf(target.platformType, engagement), metricsUpdatedAt: fetchedAt, sources: sourcesDoc(counters.sources) });
    }
    return {
      filter: { platformId: target.platformId, externalId: post.externalId },
      set,
      setOnInsert: {
        workspaceId: target.workspaceId,
        isScheduled: false,
        categoryIds: [],
        ...(counters ? {} : { engagement: { total: 0 }, sources: [] }),
      },
    };
  });
  const res = await bulkUpsertRaw(ActivityModel, ops);
  const ids = new Map<string, Types.ObjectId>();
  res.inserted.forEach((id, i) => ids.set(unique[i]!.post.externalId, id as Types.ObjectId));
  const existing = unique.map((i) => i.post.externalId).filter((x) => !ids.has(x));
  if (existing.length) {
    const docs = await ActivityModel.collection
      .find({ platformId: target.platformId, externalId: { $in: existing } }, { projection: { _id: 1, externalId: 1 } })
      .toArray();
    for (const d of docs) ids.set(d.externalId as string, d._id as unknown as Types.ObjectId);
  }
  return ids;
}

export interface SnapshotInput {
  activityId: Types.ObjectId;
  /** UTC midnight of the day the snapshot is for. */
  date: Date;
  counters: PostCounters;
}

/** Upserts daily snapshots by (activityId, date), on the driver like the posts. */
export async function upsertSnapshots(target: IngestTarget, snapshots: SnapshotInput[]): Promise<number> {
  if (!snapshots.length) return 0;
  const ops: UpsertOp[] = snapshots.map((s) => {
    const engagement = toEngagement(s.counters.engagement);
    return {
      filter: { activityId: s.activityId, date: s.date },
      set: { engagement, engagementRate: engagementRateOf(target.platformType, engagement), sources: sourcesDoc(s.counters.sources) },
      setOnInsert: { platformId: target.platformId, workspaceId: target.workspaceId },
    };
  });
  await bulkUpsertRaw(ActivityMetricModel, ops);
  return ops.length;
}
