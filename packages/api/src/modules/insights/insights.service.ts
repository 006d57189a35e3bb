import { workspaceIdOf } from '../workspaces/access.js';
import { Types, type mongo } from 'mongoose';
import { PatternType, Priority } from '../../lib/graphql-enums.js';
import { toObjectId } from '../../lib/ids.js';
import { findOwned } from '../../lib/ownership.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import { ActivityModel } from '../activities/activity.model.js';
import { timezoneOfWorkspace, windowOf } from '../analytics/scope.js';
import { DAY_MS, dayToString, isoWeekday, localDayOf, startOfLocalDay, zoneOffsetMs, platformName, postEngagementRate, rateLabelFor, SubscriptionTier, utcDayOf, WebhookEventType, type PlatformType } from '@soash/shared';
import { PlatformModel } from '../platforms/platform.model.js';
import { StatsModel } from '../stats/stats.model.js';
import { historyStart } from '../subscriptions/plan-limits.js';
import { workspaceOwner } from '../workspaces/workspaces.service.js';
import type { Context } from '../../server/context.js';
import { viewerOf } from '../../server/context.js';
import type { InsightFilterInput } from './dto/insights.inputs.js';
import { PRIORITY_RANK, type AccountInfo, type DailyPoint, type EngineInput, type EngineResult, type Finding, type PatternResult, type PostSample } from './engine.js';
import { runAnalysis } from './engine-runner.js';
import { timeSlicer } from '../../lib/time-slice.js';
import { ideaWriter, type IdeaWriter } from './idea-writer.js';
import { AiInsightModel, type AiInsight } from './insight.model.js';
import { PerformancePatternModel, type PerformancePattern } from './performance-pattern.model.js';
import { generateRecommendations } from './recommendations.service.js';
import { retryOnDuplicate } from './retry.js';
import { announce } from '../events/announce.js';

/** Posts of at most the last ANALYSIS_DAYS days feed the patterns and tests; daily numbers of the last DAILY_DAYS the trends. */
export const ANALYSIS_DAYS = 180;
export const DAILY_DAYS = 90;

export interface AnalysedPost {
  id: Types.ObjectId;
  account: number;
  type: string;
  hashtags: string[];
  rate: number;
  /** Local calendar day of publication. */
  day: number;
}

export interface AnalysisData {
  workspaceId: Types.ObjectId;
  tz: string;
  today: number;
  /** The period analysed: the last ANALYSIS_DAYS days, from the plan's history on, from the first post on. */
  window: { fromDay: number; toDay: number };
  accounts: AccountInfo[];
  /** "engagement rate by reach (Instagram) and views (TikTok)" for the accounts with posts. */
  rateLabel: string;
  posts: AnalysedPost[];
  input: EngineInput;
}

interface PostRow {
  _id: Types.ObjectId;
  type: string;
  hashtags?: string[];
  publishedAt: Date;
  platformId: Types.ObjectId;
  engagement?: { total?: number; reach?: number | null; views?: number | null; impressions?: number | null };
}

/**
 * Local calendar day, ISO weekday and hour of instants in a timezone. The zone's offset is looked
 * up once per UTC day when it is the same at both ends of the day, else once per quarter hour of
 * that day (every zone's transitions fall on quarter hours), so a hundred thousand posts cost a
 * few hundred Intl lookups.
 */
export function localClock(tz: string) {
  const QUARTER = 900_000;
  const byDay = new Map<number, number | null>();
  const byQuarter = new Map<number, number>();
  const offsetAt = (ms: number) => {
    const d = Math.floor(ms / DAY_MS);
    let off = byDay.get(d);
    if (off === undefined) {
      const start = zoneOffsetMs(d * DAY_MS, tz);
      off = zoneOffsetMs((d + 1) * DAY_MS - 1000, tz) === start ? start : null;
      byDay.set(d, off);
    }
    if (off !== null) return off;
    const q = Math.floor(ms / QUARTER);
    let qo = byQuarter.get(q);
    if (qo === undefined) byQuarter.set(q, (qo = zoneOffsetMs(q * QUARTER, tz)));
    return qo;
  };
  return (ms: number) => {
    const local = ms + offsetAt(ms);
    const day = Math.floor(local / DAY_MS);
    return { day, dow: isoWeekday(day), hour: Math.floor((local - day * DAY_MS) / 3_600_000) };
  };
}

/**
 * Reads what the engine needs: the period's posts with weekday, hour and day in the user's
 * timezone and each post's rate under the one metric model
 * (@soash/shared postEngagementRate: reach, TikTok views, X impressions), and each account's daily
 * net follower change. The posts are read in batches through a cursor, and the loop hands the event
 * loop back every few milliseconds (lib/time-slice.ts), so it stays responsive however many there are.
 */
export async function loadAnalysisData(workspaceId: Types.ObjectId, now: Date): Promise<AnalysisData> {
  const [tz, user, platforms] = await Promise.all([
    timezoneOfWorkspace(workspaceId),
    workspaceOwner(workspaceId),
    PlatformModel.find({ workspaceId }, { type: 1, username: 1, displayName: 1 }).sort({ _id: 1 }).lean<Array<{ _id: Types.ObjectId; type: PlatformType; username?: string; displayName?: string }>>(),
  ]);
  const today = localDayOf(now.getTime(), tz);
  const planStart = historyStart(user?.subscriptionTier ?? SubscriptionTier.FREE, now);
  // The first local day that starts within the plan's history.
  let planFromDay = -Infinity;
  if (planStart) {
    planFromDay = localDayOf(planStart.getTime(), tz);
    if (startOfLocalDay(planFromDay, tz) < planStart.getTime()) planFromDay++;
  }
  const fromDay = Math.max(today - ANALYSIS_DAYS + 1, planFromDay);
  const w = windowOf(fromDay, today, tz);
  const accounts: AccountInfo[] = platforms.map((p) => ({ id: p._id.toHexString(), platform: p.type, name: p.username ? `@${p.username.replace(/^@/, '')}` : (p.displayName ?? platformName(p.type)) }));
  const accountIndex = new Map(accounts.map((a, k) => [a.id, k]));

  const posts: AnalysedPost[] = [];
  const samples: PostSample[] = [];
  // A plain find through the driver (no aggregation stage to evaluate per post, no document
  // hydration); the local day, weekday and hour are computed here with a cached zone offset.
  const clock = localClock(tz);
  const cursor = ActivityModel.collection
    .find<PostRow>(
      { workspaceId, publishedAt: { $gte: w.start, $lt: w.end }, isPublished: true },
      { projection: { type: 1, hashtags: 1, publishedAt: 1, platformId: 1, 'engagement.total': 1, 'engagement.reach': 1, 'engagement.views': 1, 'engagement.impressions': 1 } },
    )
    .batchSize(2000);
  let firstDay = Infinity;
  const slice = timeSlicer();
  for await (const r of cursor) {
    // A batch's documents are decoded one by one as the loop takes them, all in one macrotask.
    if (slice.due()) await slice.yield();
    const k = accountIndex.get(r.platformId.toHexString());
    if (k === undefined) continue;
    const e = r.engagement ?? {};
    const total = e.total ?? 0;
    const rate = postEngagementRate(accounts[k]!.platform, { total, reach: e.reach, views: e.views, impressions: e.impressions });
    if (rate === null) continue;
    const { day, dow, hour } = clock(r.publishedAt.getTime());
    if (day < firstDay) firstDay = day;
    const hashtags = r.hashtags ?? [];
    posts.push({ id: r._id, account: k, type: r.type, hashtags, rate, day });
    samples.push({ account: k, type: r.type, hashtags, dow, hour, day, rate, engagements: total });
  }

  // Daily net follower change per account, complete days only: today's numbers are still growing,
  // and a half day would read as a drop to the trend test and the anomaly detector.
  const dailyFrom = today - DAILY_DAYS;
  const stats = await StatsModel.find(
    { workspaceId, date: { $gte: new Date((dailyFrom - 1) * DAY_MS), $lte: new Date(today * DAY_MS) }, followers: { $ne: null } },
    { platformId: 1, date: 1, followers: 1, _id: 0 },
  ).lean<Array<{ platformId: Types.ObjectId; date: Date; followers: number }>>();
  const byAccountDay = new Map<string, number>();
  for (const s of stats) byAccountDay.set(`${s.platformId.toHexString()}|${utcDayOf(s.date)}`, s.followers);
  const daily: DailyPoint[] = [];
  accounts.forEach((a, k) => {
    for (let day = dailyFrom; day < today; day++) {
      const cur = byAccountDay.get(`${a.id}|${day}`);
      const prev = byAccountDay.get(`${a.id}|${day - 1}`);
      daily.push({ account: k, day, followerChange: cur !== undefined && prev !== undefined ? cur - prev : null });
    }
  });

  const window = { fromDay: Number.isFinite(firstDay) ? Math.max(fromDay, firstDay) : fromDay, toDay: today };
  const withPosts = [...new Set(posts.map((p) => p.account))].map((k) => accounts[k]!.platform);
  return {
    workspaceId,
    tz,
    today,
    window,
    accounts,
    rateLabel: rateLabelFor(withPosts),
    posts,
    input: { accounts, posts: samples, daily, today, window },
  };
}

export interface GenerateResult {
  posts: number;
  accounts: number;
  period: { from: string; to: string };
  patterns: number;
  insights: number;
  insightsRetired: number;
  recommendations: number;
  recommendationsRetired: number;
  /** Set when the analysis hit its time budget: only the first `testedGroups` groups were tested. */
  partial: { testedGroups: number; totalGroups: number } | null;
}

/**
 * The `insights:generate` work for one user: recompute performance patterns, insights and
 * recommendations. Idempotent: every write is an upsert on (workspaceId, key) or
 * (workspaceId, patternType, patternName); what the data no longer supports is removed (dismissed
 * insights and recommendations with feedback are kept, see docs/analytics.md). The statistics run
 * in a worker thread (engine-runner.ts); a partial run (time budget) retires nothing.
 */
export async function generateInsightsForUser(
  workspaceIdIn: Types.ObjectId | string,
  opts: { now?: Date; writer?: IdeaWriter; budgetMs?: number } = {},
): Promise<GenerateResult> {
  const workspaceId = toObjectId(workspaceIdIn, 'workspaceId');
  const now = opts.now ?? new Date();
  const data = await loadAnalysisData(workspaceId, now);
  const result: EngineResult = await runAnalysis(data.input, { budgetMs: opts.budgetMs });
  const complete = result.partial === null;
  const patterns = await savePatterns(workspaceId, result.patterns, complete);
  const insights = await saveInsights(workspaceId, result.findings, now, complete);
  const recs = await generateRecommendations(data, result, insights.ids, opts.writer ?? ideaWriter(), now, complete);
  return {
    posts: data.posts.length,
    accounts: new Set(data.posts.map((p) => p.account)).size,
    period: { from: dayToString(data.window.fromDay), to: dayToString(data.window.toDay) },
    patterns,
    insights: insights.saved,
    insightsRetired: insights.retired,
    recommendations: recs.saved,
    recommendationsRetired: recs.retired,
    partial: result.partial,
  };
}

/** Upserts the groups with enough samples and removes every other pattern of the user. */
async function savePatterns(workspaceId: Types.ObjectId, patterns: PatternResult[], retire: boolean): Promise<number> {
  const now = new Date();
  if (patterns.length) {
    await retryOnDuplicate(() =>
      PerformancePatternModel.collection.bulkWrite(
        patterns.map((p) => ({
          updateOne: {
            filter: { workspaceId, patternType: p.patternType, patternName: p.patternName },
            update: { $set: { successRate: p.successRate, sampleSize: p.sampleSize, updatedAt: now }, $setOnInsert: { createdAt: now } },
            upsert: true,
          },
        })),
        { ordered: false },
      ),
    );
  }
  if (!retire) return patterns.length;
  for (const type of Object.values(PatternType)) {
    const names = patterns.filter((p) => p.patternType === type).map((p) => p.patternName);
    await PerformancePatternModel.deleteMany({ workspaceId, patternType: type, patternName: { $nin: names } });
  }
  return patterns.length;
}

export const rankKeyOf = (priority: Priority, createdAt: Date) => PRIORITY_RANK[priority] * 1e13 + createdAt.getTime();

/**
 * Upserts each finding by its stable key (a finding that still holds is updated, never duplicated;
 * read and dismissed flags survive) and deletes the user's other insights unless dismissed (so a
 * dismissed finding that comes back stays dismissed).
 */
async function saveInsights(workspaceId: Types.ObjectId, findings: Finding[], now: Date, retire: boolean): Promise<{ saved: number; retired: number; ids: Map<string, Types.ObjectId> }> {
  const existing = await AiInsightModel.find({ workspaceId }, { key: 1, createdAt: 1 }).lean<Array<{ key: string; createdAt: Date }>>();
  const createdByKey = new Map(existing.map((e) => [e.key, e.createdAt]));
  const ops: mongo.AnyBulkWriteOperation[] = findings.map((f) => ({
    updateOne: {
      filter: { workspaceId, key: f.key },
      update: {
        $set: {
          insightType: f.insightType,
          title: f.title.slice(0, 200),
          description: f.description.slice(0, 4000),
          priority: f.priority,
          rankKey: rankKeyOf(f.priority, createdByKey.get(f.key) ?? now),
          evidence: f.evidence,
          lastConfirmedAt: now,
          updatedAt: now,
        },
        $setOnInsert: { isRead: false, isDismissed: false, createdAt: now },
      },
      upsert: true,
    },
  }));
  if (ops.length) await retryOnDuplicate(() => AiInsightModel.collection.bulkWrite(ops, { ordered: false }));
  // Retire only the engine's own findings that no longer hold: other modules keep notices in the
  // same collection (e.g. the connectors' `reauth:<platformId>`), which a run must not touch.
  // The prefix test runs here rather than as a $regex next to the workspaceId equality, which the
  // stand-in database cannot plan on the {workspaceId, key} unique index (docs/database.md).
  const current = new Set(findings.map((f) => f.key));
  const all = await AiInsightModel.find({ workspaceId }, { key: 1, isDismissed: 1 }).lean<Array<{ _id: Types.ObjectId; key: string; isDismissed?: boolean }>>();
  const ids = new Map(all.filter((d) => current.has(d.key)).map((d) => [d.key, d._id]));
  // Findings not stored before this run are new insights: partners hear of them (webhooks).
  for (const f of findings) {
    const id = ids.get(f.key);
    if (createdByKey.has(f.key) || !id) continue;
    await announce(workspaceId, WebhookEventType.INSIGHT_CREATED, { insightId: id.toHexString(), insightType: f.insightType, priority: f.priority, title: f.title.slice(0, 200) });
  }
  const stale = retire ? all.filter((d) => !d.isDismissed && isEngineKey(d.key) && !current.has(d.key)).map((d) => d._id) : [];
  const retired = stale.length ? await AiInsightModel.deleteMany({ _id: { $in: stale } }) : { deletedCount: 0 };
  return { saved: findings.length, retired: retired.deletedCount ?? 0, ids };
}

/** Keys of findings `insights:generate` produces (see engine.ts). */
const ENGINE_KEY = /^(performance|trend|recommendation):/;
export function isEngineKey(key: string): boolean {
  return ENGINE_KEY.test(key);
}

// ---------------------------------------------------------------------------------------------
// Queries and mutations

export function listInsights(ctx: Context, filter: InsightFilterInput | undefined, first?: number, after?: string): Promise<Connection<AiInsight>> {
  return listWorkspaceInsights(workspaceIdOf(viewerOf(ctx)), filter, first, after);
}

/** A workspace's insights, highest priority first (the active workspace's through listInsights; a shared report's own). */
export function listWorkspaceInsights(workspaceId: Types.ObjectId, filter: InsightFilterInput | undefined, first?: number, after?: string): Promise<Connection<AiInsight>> {
  const q: Record<string, unknown> = { workspaceId };
  if (filter?.types?.length) q.insightType = { $in: filter.types };
  if (filter?.priorities?.length) q.priority = { $in: filter.priorities };
  if (filter?.isRead !== undefined && filter.isRead !== null) q.isRead = filter.isRead;
  const dismissed = filter?.isDismissed === undefined ? false : filter.isDismissed;
  if (dismissed !== null) q.isDismissed = dismissed;
  return paginate({ model: AiInsightModel, filter: q, sortField: 'rankKey', direction: 'desc', first, after });
}

async function updateInsight(ctx: Context, id: string, set: Partial<AiInsight>): Promise<AiInsight> {
  const viewer = viewerOf(ctx);
  const doc = await findOwned(AiInsightModel, id, workspaceIdOf(viewer), 'Insight');
  const updated = await AiInsightModel.findOneAndUpdate({ _id: doc._id, workspaceId: doc.workspaceId }, { $set: set }, { returnDocument: 'after' }).lean<AiInsight>();
  if (!updated) return findOwned(AiInsightModel, id, workspaceIdOf(viewer), 'Insight');
  return updated;
}

export function markInsightRead(ctx: Context, id: string): Promise<AiInsight> {
  return updateInsight(ctx, id, { isRead: true });
}

/** Dismissed insights are hidden by default and stay dismissed when a later run confirms them. */
export function dismissInsight(ctx: Context, id: string): Promise<AiInsight> {
  return updateInsight(ctx, id, { isDismissed: true });
}

export function listPerformancePatterns(ctx: Context, type: PatternType | undefined | null): Promise<PerformancePattern[]> {
  const viewer = viewerOf(ctx);
  return PerformancePatternModel.find({ workspaceId: workspaceIdOf(viewer), ...(type ? { patternType: type } : {}) })
    .sort({ successRate: -1, sampleSize: -1, patternName: 1 })
    .lean<PerformancePattern[]>();
}
