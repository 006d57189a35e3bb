import { Types, type mongo } from 'mongoose';
import { PatternType, Priority } from '../../lib/graphql-enums.js';
import { toObjectId } from '../../lib/ids.js';
import { findOwned } from '../../lib/ownership.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import { ActivityModel } from '../activities/activity.model.js';
import { EngagementRateFormula } from '../analytics/analytics.enums.js';
import { loadFollowerHistory, type FollowerHistory } from '../analytics/followers.js';
import { UTC_PUBLISH_DAY } from '../analytics/post-aggregates.js';
import { timezoneOfUser, windowOf } from '../analytics/scope.js';
import { DAY_MS, localDayOf, parseDay } from '@soash/shared';
import { StatsModel } from '../stats/stats.model.js';
import type { Context } from '../../server/context.js';
import { viewerOf } from '../../server/context.js';
import type { InsightFilterInput } from './dto/insights.inputs.js';
import { analyse, PRIORITY_RANK, type DailyPoint, type EngineResult, type Finding, type PatternResult, type PostSample } from './engine.js';
import { ideaWriter, type IdeaWriter } from './idea-writer.js';
import { AiInsightModel, type AiInsight } from './insight.model.js';
import { PerformancePatternModel, type PerformancePattern } from './performance-pattern.model.js';
import { generateRecommendations } from './recommendations.service.js';
import { retryOnDuplicate } from './retry.js';

/** Posts of the last ANALYSIS_DAYS days feed the patterns and tests; daily numbers of the last DAILY_DAYS the trends. */
export const ANALYSIS_DAYS = 180;
export const DAILY_DAYS = 90;

/** The alternative views insights choose between (the dashboard's default metric model is not one of them yet). */
type InsightFormula = Exclude<EngagementRateFormula, EngagementRateFormula.PLATFORM_DENOMINATOR>;

const RATE_LABEL: Record<InsightFormula, string> = {
  [EngagementRateFormula.BY_REACH]: 'engagement rate by reach',
  [EngagementRateFormula.BY_IMPRESSIONS]: 'engagement rate by impressions',
  [EngagementRateFormula.BY_FOLLOWERS]: 'engagement rate by followers',
};

export interface AnalysedPost extends PostSample {
  id: Types.ObjectId;
  publishedDay: string;
}

export interface AnalysisData {
  userId: Types.ObjectId;
  tz: string;
  today: number;
  window: { fromDay: number; toDay: number };
  formula: EngagementRateFormula;
  rateLabel: string;
  posts: AnalysedPost[];
  daily: DailyPoint[];
  history: FollowerHistory;
}

interface PostRow {
  _id: Types.ObjectId;
  type: string;
  hashtags?: string[];
  dow: string;
  hour: string;
  p: Types.ObjectId;
  d: string;
  t: number;
  reach?: number | null;
  impressions?: number | null;
}

/**
 * Reads what the engine needs: the window's posts with weekday and hour in the user's timezone
 * (computed by MongoDB), follower history and daily engagements. The engagement-rate formula is
 * the one most of the user's posts can be measured by (reach, then impressions, then followers on
 * ties), so an account on a platform without reach is still analysed.
 */
export async function loadAnalysisData(userId: Types.ObjectId, now: Date): Promise<AnalysisData> {
  const tz = await timezoneOfUser(userId);
  const today = localDayOf(now.getTime(), tz);
  const window = { fromDay: today - ANALYSIS_DAYS + 1, toDay: today };
  const w = windowOf(window.fromDay, window.toDay, tz);
  const dailyFrom = today - DAILY_DAYS + 1;
  const [rows, history, statDays] = await Promise.all([
    ActivityModel.aggregate<PostRow>([
      { $match: { userId, publishedAt: { $gte: w.start, $lt: w.end }, isPublished: true } },
      {
        $project: {
          type: 1,
          hashtags: 1,
          dow: { $dateToString: { format: '%u', date: '$publishedAt', timezone: tz } },
          hour: { $dateToString: { format: '%H', date: '$publishedAt', timezone: tz } },
          p: '$platformId',
          d: UTC_PUBLISH_DAY,
          t: '$engagement.total',
          reach: '$engagement.reach',
          impressions: '$engagement.impressions',
        },
      },
    ]),
    loadFollowerHistory({ userId }),
    StatsModel.aggregate<{ _id: Date; engagements: number; reported: number }>([
      { $match: { userId, date: { $gte: new Date(dailyFrom * DAY_MS), $lte: new Date(today * DAY_MS) } } },
      {
        $group: {
          _id: '$date',
          engagements: { $sum: '$engagement' },
          reported: { $sum: { $cond: [{ $ne: [{ $ifNull: ['$engagement', null] }, null] }, 1, 0] } },
        },
      },
    ]),
  ]);

  const followersOf = (r: PostRow) => history.atPublish(r.p.toHexString(), parseDay(r.d)!)?.followers ?? null;
  const denominators: Record<InsightFormula, (r: PostRow) => number | null | undefined> = {
    [EngagementRateFormula.BY_REACH]: (r) => r.reach,
    [EngagementRateFormula.BY_IMPRESSIONS]: (r) => r.impressions,
    [EngagementRateFormula.BY_FOLLOWERS]: followersOf,
  };
  let formula: InsightFormula = EngagementRateFormula.BY_REACH;
  let best = -1;
  for (const f of [EngagementRateFormula.BY_REACH, EngagementRateFormula.BY_IMPRESSIONS, EngagementRateFormula.BY_FOLLOWERS] as const) {
    const covered = rows.filter((r) => (denominators[f](r) ?? 0) > 0).length;
    if (covered > best) {
      best = covered;
      formula = f;
    }
  }
  const posts: AnalysedPost[] = [];
  for (const r of rows) {
    const den = denominators[formula](r);
    if (!den || den <= 0) continue;
    posts.push({
      id: r._id,
      type: r.type,
      hashtags: r.hashtags ?? [],
      dow: Number(r.dow),
      hour: Number(r.hour),
      rate: r.t / den,
      engagements: r.t,
      publishedDay: r.d,
    });
  }
  const changes = history.dailyChanges(dailyFrom, today);
  const engagementByDay = new Map(statDays.map((s) => [Math.floor(s._id.getTime() / DAY_MS), s.reported > 0 ? s.engagements : null]));
  const daily: DailyPoint[] = [];
  // Complete days only: today's numbers are still growing, and a half day would read as a drop
  // to the trend test and the anomaly detector.
  for (let day = dailyFrom; day < today; day++) {
    daily.push({ day, followerChange: changes.get(day) ?? null, engagements: engagementByDay.get(day) ?? null });
  }
  return { userId, tz, today, window, formula, rateLabel: RATE_LABEL[formula], posts, daily, history };
}

export interface GenerateResult {
  posts: number;
  formula: EngagementRateFormula;
  patterns: number;
  insights: number;
  insightsRetired: number;
  recommendations: number;
  recommendationsRetired: number;
}

/**
 * The `insights:generate` work for one user: recompute performance patterns, insights and
 * recommendations. Idempotent: every write is an upsert on (userId, key) or
 * (userId, patternType, patternName); what the data no longer supports is removed (dismissed
 * insights and recommendations with feedback are kept, see docs/analytics.md).
 */
export async function generateInsightsForUser(
  userIdIn: Types.ObjectId | string,
  opts: { now?: Date; writer?: IdeaWriter } = {},
): Promise<GenerateResult> {
  const userId = toObjectId(userIdIn, 'userId');
  const now = opts.now ?? new Date();
  const data = await loadAnalysisData(userId, now);
  const result: EngineResult = analyse({
    seedKey: userId.toHexString(),
    rateLabel: data.rateLabel,
    posts: data.posts,
    daily: data.daily,
    today: data.today,
    window: data.window,
  });
  const patterns = await savePatterns(userId, result.patterns);
  const insights = await saveInsights(userId, result.findings, now);
  const recs = await generateRecommendations(data, result, opts.writer ?? ideaWriter(), now);
  return {
    posts: data.posts.length,
    formula: data.formula,
    patterns,
    insights: insights.saved,
    insightsRetired: insights.retired,
    recommendations: recs.saved,
    recommendationsRetired: recs.retired,
  };
}

/** Upserts the groups with enough samples and removes every other pattern of the user. */
async function savePatterns(userId: Types.ObjectId, patterns: PatternResult[]): Promise<number> {
  const now = new Date();
  if (patterns.length) {
    await retryOnDuplicate(() =>
      PerformancePatternModel.collection.bulkWrite(
        patterns.map((p) => ({
          updateOne: {
            filter: { userId, patternType: p.patternType, patternName: p.patternName },
            update: { $set: { successRate: p.successRate, sampleSize: p.sampleSize, updatedAt: now }, $setOnInsert: { createdAt: now } },
            upsert: true,
          },
        })),
        { ordered: false },
      ),
    );
  }
  for (const type of Object.values(PatternType)) {
    const names = patterns.filter((p) => p.patternType === type).map((p) => p.patternName);
    await PerformancePatternModel.deleteMany({ userId, patternType: type, patternName: { $nin: names } });
  }
  return patterns.length;
}

export const rankKeyOf = (priority: Priority, createdAt: Date) => PRIORITY_RANK[priority] * 1e13 + createdAt.getTime();

/**
 * Upserts each finding by its stable key (a finding that still holds is updated, never duplicated;
 * read and dismissed flags survive) and deletes the user's other insights unless dismissed (so a
 * dismissed finding that comes back stays dismissed).
 */
async function saveInsights(userId: Types.ObjectId, findings: Finding[], now: Date): Promise<{ saved: number; retired: number }> {
  const existing = await AiInsightModel.find({ userId }, { key: 1, createdAt: 1 }).lean<Array<{ key: string; createdAt: Date }>>();
  const createdByKey = new Map(existing.map((e) => [e.key, e.createdAt]));
  const ops: mongo.AnyBulkWriteOperation[] = findings.map((f) => ({
    updateOne: {
      filter: { userId, key: f.key },
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
  // The prefix test runs here rather than as a $regex next to the userId equality, which the
  // stand-in database cannot plan on the {userId, key} unique index (docs/database.md).
  const current = new Set(findings.map((f) => f.key));
  const stale = (await AiInsightModel.find({ userId, isDismissed: { $ne: true } }, { key: 1 }).lean())
    .filter((d) => isEngineKey(d.key) && !current.has(d.key))
    .map((d) => d._id);
  const retired = stale.length ? await AiInsightModel.deleteMany({ _id: { $in: stale } }) : { deletedCount: 0 };
  return { saved: findings.length, retired: retired.deletedCount ?? 0 };
}

/** Keys of findings `insights:generate` produces (see engine.ts). */
const ENGINE_KEY = /^(performance|trend|recommendation):/;
export function isEngineKey(key: string): boolean {
  return ENGINE_KEY.test(key);
}

// ---------------------------------------------------------------------------------------------
// Queries and mutations

export function listInsights(ctx: Context, filter: InsightFilterInput | undefined, first?: number, after?: string): Promise<Connection<AiInsight>> {
  const viewer = viewerOf(ctx);
  const q: Record<string, unknown> = { userId: new Types.ObjectId(viewer.id) };
  if (filter?.types?.length) q.insightType = { $in: filter.types };
  if (filter?.priorities?.length) q.priority = { $in: filter.priorities };
  if (filter?.isRead !== undefined && filter.isRead !== null) q.isRead = filter.isRead;
  const dismissed = filter?.isDismissed === undefined ? false : filter.isDismissed;
  if (dismissed !== null) q.isDismissed = dismissed;
  return paginate({ model: AiInsightModel, filter: q, sortField: 'rankKey', direction: 'desc', first, after });
}

async function updateInsight(ctx: Context, id: string, set: Partial<AiInsight>): Promise<AiInsight> {
  const viewer = viewerOf(ctx);
  const doc = await findOwned(AiInsightModel, id, viewer.id, 'Insight');
  const updated = await AiInsightModel.findOneAndUpdate({ _id: doc._id, userId: doc.userId }, { $set: set }, { returnDocument: 'after' }).lean<AiInsight>();
  if (!updated) return findOwned(AiInsightModel, id, viewer.id, 'Insight');
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
  return PerformancePatternModel.find({ userId: new Types.ObjectId(viewer.id), ...(type ? { patternType: type } : {}) })
    .sort({ successRate: -1, sampleSize: -1, patternName: 1 })
    .lean<PerformancePattern[]>();
}
