import type { PipelineStage, Types } from 'mongoose';
import { badInput } from '../../lib/errors.js';
import { findOwned } from '../../lib/ownership.js';
import { ContentType } from '../../lib/graphql-enums.js';
import { ActivityMetricModel, type ActivityMetric } from '../activities/activity-metric.model.js';
import { ActivityModel, type Activity } from '../activities/activity.model.js';
import { ActivityRankMetric, DEFAULT_ENGAGEMENT_RATE_FORMULA, EngagementRateFormula, FollowerBasis, FollowerNormalization, HeatmapCellSource } from './analytics.enums.js';
import type { BestTimes, ContentTypePerformance, HashtagPerformance, HashtagStat, HeatmapCell, PostDecay, PostDecayPoint, TopActivity } from './analytics.types.js';
import type { AnalyticsInput, BestTimesInput, HashtagPerformanceInput, TopActivitiesInput } from './dto/analytics.inputs.js';
import { followerHistoryFor, type FollowerHistory } from './followers.js';
import {
  needsFollowers,
  postGroups,
  postRate,
  postRateExpression,
  PostTotals,
  rateFieldsProjection,
  rowFollowers,
  type RateFields,
  UTC_PUBLISH_DAY,
} from './post-aggregates.js';
import { historyStartOf, type AnalyticsRequest } from './request.js';
import { activityMatch, buildScope, parseRange, type Scope, type Window, windowOf } from './scope.js';
import { meanInterval, median } from './statistics.js';
import { dayToString, parseDay, utcDayOf } from '@soash/shared';

const COUNTER_PATH: Record<Exclude<ActivityRankMetric, ActivityRankMetric.ENGAGEMENT_RATE>, string> = {
  [ActivityRankMetric.ENGAGEMENTS]: '$engagement.total',
  [ActivityRankMetric.IMPRESSIONS]: '$engagement.impressions',
  [ActivityRankMetric.REACH]: '$engagement.reach',
  [ActivityRankMetric.VIEWS]: '$engagement.views',
  [ActivityRankMetric.LIKES]: '$engagement.likes',
  [ActivityRankMetric.COMMENTS]: '$engagement.comments',
  [ActivityRankMetric.SHARES]: '$engagement.shares',
  [ActivityRankMetric.SAVES]: '$engagement.saves',
};

/** Posts of a window with their per-post engagement rate (null where the formula has no denominator). */
export async function postRates(
  scope: Scope,
  w: Window,
  formula: EngagementRateFormula,
  history: FollowerHistory | undefined,
  extra: Record<string, unknown> = {},
): Promise<Array<RateFields & { rate: number | null } & Record<string, unknown>>> {
  const rows = await ActivityModel.aggregate<RateFields & Record<string, unknown>>([
    { $match: activityMatch(scope, w) },
    { $project: { ...rateFieldsProjection(formula), ...extra } },
  ]);
  return rows.map((r) => ({ ...r, rate: postRate(r, formula, history) }));
}

/** The best posts of a range by a metric, optionally per follower. */
export async function topActivities(req: AnalyticsRequest, input: TopActivitiesInput): Promise<TopActivity[]> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const by = input.by ?? ActivityRankMetric.ENGAGEMENTS;
  const normalizeBy = input.normalizeBy ?? FollowerNormalization.NONE;
  const limit = input.limit ?? 10;
  if (by === ActivityRankMetric.ENGAGEMENT_RATE && normalizeBy !== FollowerNormalization.NONE) {
    throw badInput('normalizeBy: engagement rate is already a ratio; use NONE', 'normalizeBy');
  }
  const { fromDay, toDay } = parseRange(input.range);
  const scope = await buildScope(req.userId, req.tz, input.filter);
  const w = windowOf(fromDay, toDay, req.tz);
  const valueExpr = by === ActivityRankMetric.ENGAGEMENT_RATE ? postRateExpression(formula) : { $ifNull: [COUNTER_PATH[by], null] };

  if (normalizeBy === FollowerNormalization.NONE && !(by === ActivityRankMetric.ENGAGEMENT_RATE && needsFollowers(formula))) {
    // Ranking entirely in MongoDB: compute, sort, limit.
    const docs = await ActivityModel.aggregate<Activity & { rankValue: number }>([
      { $match: activityMatch(scope, w) },
      { $addFields: { rankValue: valueExpr } },
      { $match: { rankValue: { $ne: null } } },
      { $sort: { rankValue: -1, _id: -1 } },
      { $limit: limit },
    ] as PipelineStage[]);
    return docs.map(({ rankValue, ...activity }, i) => ({
      rank: i + 1,
      activity: activity as Activity,
      metric: by,
      value: rankValue,
      normalizeBy,
      followers: null,
      followersBasis: null,
      normalizedValue: null,
    }));
  }

  // Per-follower values need each post's follower count: rank projected rows, then load the winners.
  const history = await followerHistoryFor(req, scope, { fromDay, toDay, latest: normalizeBy === FollowerNormalization.FOLLOWERS_LATEST });
  const rows = await postRates(scope, w, formula, history, { v: valueExpr, p: '$platformId', d: UTC_PUBLISH_DAY });
  const ranked = rows
    .map((r) => {
      const value = by === ActivityRankMetric.ENGAGEMENT_RATE ? r.rate : (r.v as number | null);
      if (value === null || value === undefined) return null;
      let followers: { followers: number; basis: FollowerBasis } | null = null;
      const platformId = (r.p as Types.ObjectId).toHexString();
      if (normalizeBy === FollowerNormalization.FOLLOWERS_AT_PUBLISH) followers = history.atPublish(platformId, parseDay(r.d as string)!);
      else if (normalizeBy === FollowerNormalization.FOLLOWERS_LATEST) {
        const latest = history.latest(platformId);
        followers = latest !== null ? { followers: latest, basis: FollowerBasis.LATEST } : null;
      }
      const normalizedValue = followers && followers.followers > 0 ? value / followers.followers : null;
      const key = normalizeBy === FollowerNormalization.NONE ? value : normalizedValue;
      if (key === null) return null;
      return { id: r._id as Types.ObjectId, value, key, followers, normalizedValue };
    })
    .filter((r): r is NonNullable<typeof r> => r !== null)
    .sort((a, b) => b.key - a.key || (b.id.toHexString() < a.id.toHexString() ? -1 : 1))
    .slice(0, limit);
  const docs = await ActivityModel.find({ _id: { $in: ranked.map((r) => r.id) }, userId: req.userId }).lean<Activity[]>();
  const byId = new Map(docs.map((d) => [d._id.toHexString(), d]));
  return ranked.map((r, i) => ({
    rank: i + 1,
    activity: byId.get(r.id.toHexString())!,
    metric: by,
    value: r.value,
    normalizeBy,
    followers: r.followers?.followers ?? null,
    followersBasis: r.followers?.basis ?? null,
    normalizedValue: r.normalizedValue,
  }));
}

/** How each content type performs in the range, against the user's median post. */
export async function contentTypePerformance(req: AnalyticsRequest, input: AnalyticsInput): Promise<ContentTypePerformance[]> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const { fromDay, toDay } = parseRange(input.range);
  const scope = await buildScope(req.userId, req.tz, input.filter);
  const w = windowOf(fromDay, toDay, req.tz);
  const f = needsFollowers(formula);
  const history = f ? await followerHistoryFor(req, scope, { fromDay, toDay }) : undefined;
  const [groups, rates] = await Promise.all([
    postGroups(scope, w, { type: true, platform: f, utcDay: f }),
    postRates(scope, w, formula, history, { type: '$type' }),
  ]);
  const totals = new Map<string, PostTotals>();
  for (const row of groups) {
    const key = row._id.type!;
    let t = totals.get(key);
    if (!t) totals.set(key, (t = new PostTotals()));
    t.add(row, rowFollowers(row, formula, history));
  }
  const ratesByType = new Map<string, number[]>();
  const all: number[] = [];
  for (const r of rates) {
    if (r.rate === null) continue;
    all.push(r.rate);
    const list = ratesByType.get(r.type as string) ?? [];
    list.push(r.rate);
    ratesByType.set(r.type as string, list);
  }
  const baseline = median(all);
  const totalPosts = [...totals.values()].reduce((s, t) => s + t.posts, 0);
  return [...totals.entries()]
    .map(([type, t]) => {
      const r = t.result(formula);
      const typeRates = ratesByType.get(type) ?? [];
      const med = median(typeRates);
      return {
        contentType: type as ContentType,
        posts: r.posts,
        shareOfPosts: totalPosts > 0 ? r.posts / totalPosts : 0,
        engagements: r.engagements,
        averageEngagements: r.posts > 0 ? r.engagements / r.posts : 0,
        impressions: r.impressions,
        reach: r.reach,
        engagementRate: r.engagementRate,
        medianEngagementRate: med,
        lift: med !== null && baseline !== null && baseline > 0 ? med / baseline : null,
        postsWithRate: typeRates.length,
      };
    })
    .sort((a, b) => b.posts - a.posts || a.contentType.localeCompare(b.contentType));
}

/** Hashtags used on enough posts, ranked by lift of their median rate over the user's median. */
export async function hashtagPerformance(req: AnalyticsRequest, input: HashtagPerformanceInput): Promise<HashtagPerformance> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const minPosts = input.minPosts ?? 3;
  const limit = input.limit ?? 20;
  const { fromDay, toDay } = parseRange(input.range);
  const scope = await buildScope(req.userId, req.tz, input.filter);
  const w = windowOf(fromDay, toDay, req.tz);
  const f = needsFollowers(formula);
  const history = f ? await followerHistoryFor(req, scope, { fromDay, toDay }) : undefined;
  const projection = rateFieldsProjection(formula);
  const [all, tags] = await Promise.all([
    postRates(scope, w, formula, history),
    // Group by hashtag in MongoDB and keep only groups that can reach minPosts. With rates by
    // followers the rate is only known here afterwards, so the count is an upper bound and the
    // exact filter runs again below.
    ActivityModel.aggregate<{ _id: string; n: number; items: RateFields[] }>([
      { $match: { ...activityMatch(scope, w), hashtags: { $exists: true, $ne: [] } } },
      { $project: { hashtags: 1, ...projection } },
      ...(f ? [] : [{ $match: { r: { $ne: null } } }]),
      { $unwind: '$hashtags' },
      { $group: { _id: '$hashtags', n: { $sum: 1 }, items: { $push: f ? { p: '$p', d: '$d', t: '$t' } : { t: '$t', r: '$r' } } } },
      { $match: { n: { $gte: minPosts } } },
    ] as PipelineStage[]),
  ]);
  const allRates = all.map((r) => r.rate).filter((r): r is number => r !== null);
  const baseline = median(allRates);
  const stats: HashtagStat[] = [];
  for (const g of tags) {
    const withRate = g.items.map((it) => ({ t: it.t, rate: postRate(it, formula, history) })).filter((x): x is { t: number; rate: number } => x.rate !== null);
    if (withRate.length < minPosts) continue;
    const med = median(withRate.map((x) => x.rate))!;
    stats.push({
      hashtag: g._id,
      posts: withRate.length,
      medianEngagementRate: med,
      lift: baseline !== null && baseline > 0 ? med / baseline : null,
      successRate: baseline === null ? 0 : withRate.filter((x) => x.rate > baseline).length / withRate.length,
      averageEngagements: withRate.reduce((s, x) => s + x.t, 0) / withRate.length,
    });
  }
  stats.sort((a, b) => (b.lift ?? -Infinity) - (a.lift ?? -Infinity) || b.posts - a.posts || (a.hashtag < b.hashtag ? -1 : 1));
  return { baselineMedianEngagementRate: baseline, postsWithRate: allRates.length, minPosts, hashtags: stats.slice(0, limit) };
}

interface Sums {
  n: number;
  sum: number;
  sumSq: number;
}
const CONFIDENCE = 0.95;

/**
 * Weekday × hour heatmap of the mean per-post engagement rate, in the viewer's timezone, with a
 * Student-t interval per cell. MongoDB returns n, Σrate and Σrate² per cell; cells with fewer than
 * minPosts posts take the mean of their hour over all weekdays, or else the account's.
 */
export async function bestTimesToPost(req: AnalyticsRequest, input: BestTimesInput): Promise<BestTimes> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const minPosts = input.minPosts ?? 3;
  const { fromDay, toDay } = parseRange(input.range);
  const scope = await buildScope(req.userId, req.tz, input.filter);
  const w = windowOf(fromDay, toDay, req.tz);
  const slot = {
    dow: { $dateToString: { format: '%u', date: '$publishedAt', timezone: req.tz } },
    hour: { $dateToString: { format: '%H', date: '$publishedAt', timezone: req.tz } },
  };
  const cells = new Map<string, Sums>();
  const addTo = (key: string, n: number, sum: number, sumSq: number) => {
    const c = cells.get(key) ?? { n: 0, sum: 0, sumSq: 0 };
    c.n += n;
    c.sum += sum;
    c.sumSq += sumSq;
    cells.set(key, c);
  };
  if (!needsFollowers(formula)) {
    const rows = await ActivityModel.aggregate<{ _id: { dow: string; hour: string }; n: number; sum: number; sumSq: number }>([
      { $match: activityMatch(scope, w) },
      { $project: { ...slot, r: postRateExpression(formula) } },
      { $match: { r: { $ne: null } } },
      { $group: { _id: { dow: '$dow', hour: '$hour' }, n: { $sum: 1 }, sum: { $sum: '$r' }, sumSq: { $sum: { $multiply: ['$r', '$r'] } } } },
    ]);
    for (const r of rows) addTo(`${Number(r._id.dow)}:${Number(r._id.hour)}`, r.n, r.sum, r.sumSq);
  } else {
    // Posts of one account on one UTC day share a follower count F: Σrate = Σt / F, Σrate² = Σt² / F².
    const history = await followerHistoryFor(req, scope, { fromDay, toDay });
    const rows = await ActivityModel.aggregate<{ _id: { dow: string; hour: string; p: Types.ObjectId; d: string }; n: number; sum: number; sumSq: number }>([
      { $match: activityMatch(scope, w) },
      { $project: { ...slot, p: '$platformId', d: UTC_PUBLISH_DAY, t: '$engagement.total' } },
      { $group: { _id: { dow: '$dow', hour: '$hour', p: '$p', d: '$d' }, n: { $sum: 1 }, sum: { $sum: '$t' }, sumSq: { $sum: { $multiply: ['$t', '$t'] } } } },
    ]);
    for (const r of rows) {
      const fol = history.atPublish(r._id.p.toHexString(), parseDay(r._id.d)!)?.followers;
      if (!fol || fol <= 0) continue;
      addTo(`${Number(r._id.dow)}:${Number(r._id.hour)}`, r.n, r.sum / fol, r.sumSq / (fol * fol));
    }
  }
  const hours = Array.from({ length: 24 }, () => ({ n: 0, sum: 0, sumSq: 0 }));
  const account = { n: 0, sum: 0, sumSq: 0 };
  for (const [key, c] of cells) {
    const h = hours[Number(key.split(':')[1])]!;
    h.n += c.n;
    h.sum += c.sum;
    h.sumSq += c.sumSq;
    account.n += c.n;
    account.sum += c.sum;
    account.sumSq += c.sumSq;
  }
  const accountInterval = meanInterval(account.n, account.sum, account.sumSq, CONFIDENCE);
  const out: HeatmapCell[] = [];
  for (let dow = 1; dow <= 7; dow++) {
    for (let hour = 0; hour < 24; hour++) {
      const c = cells.get(`${dow}:${hour}`) ?? { n: 0, sum: 0, sumSq: 0 };
      const h = hours[hour]!;
      const [source, s] =
        c.n >= minPosts ? ([HeatmapCellSource.CELL, c] as const) : h.n >= minPosts ? ([HeatmapCellSource.HOUR, h] as const) : ([HeatmapCellSource.ACCOUNT, account] as const);
      const iv = source === HeatmapCellSource.ACCOUNT ? accountInterval : meanInterval(s.n, s.sum, s.sumSq, CONFIDENCE);
      out.push({
        dayOfWeek: dow,
        hour,
        posts: c.n,
        cellAverage: c.n > 0 ? c.sum / c.n : null,
        source,
        sourcePosts: s.n,
        value: iv.mean,
        low: iv.low,
        high: iv.high,
      });
    }
  }
  const best = out
    .filter((c) => c.source === HeatmapCellSource.CELL)
    .sort((a, b) => (b.low ?? -Infinity) - (a.low ?? -Infinity) || (b.value ?? 0) - (a.value ?? 0) || a.dayOfWeek - b.dayOfWeek || a.hour - b.hour)
    .slice(0, 3);
  return {
    timezone: req.tz,
    engagementRateFormula: formula,
    minPosts,
    confidenceLevel: CONFIDENCE,
    totalPosts: account.n,
    accountAverage: accountInterval.mean,
    cells: out,
    best,
  };
}

/** How a post's engagement accumulated, from its daily snapshots. */
export async function postDecay(req: AnalyticsRequest, activityId: string): Promise<PostDecay> {
  const activity = await findOwned(ActivityModel, activityId, req.userId, 'Activity', 'activityId');
  // Like Activity.metrics without a from: snapshots start where the plan's history starts.
  const earliest = historyStartOf(req);
  const snapshots = await ActivityMetricModel.find({ activityId: activity._id, ...(earliest ? { date: { $gte: earliest } } : {}) })
    .sort({ date: 1 })
    .lean<ActivityMetric[]>();
  const publishDay = activity.publishedAt ? utcDayOf(activity.publishedAt) : snapshots[0] ? utcDayOf(snapshots[0].date) : 0;
  const latest = snapshots.length ? snapshots[snapshots.length - 1]!.engagement.total : null;
  let previous = 0;
  const points: PostDecayPoint[] = snapshots.map((s) => {
    const e = s.engagement.total;
    const p = {
      date: dayToString(utcDayOf(s.date)),
      day: utcDayOf(s.date) - publishDay,
      engagements: e,
      engagementsGained: e - previous,
      shareOfLatest: latest !== null && latest > 0 ? e / latest : null,
      impressions: s.engagement.impressions ?? null,
      reach: s.engagement.reach ?? null,
      views: s.engagement.views ?? null,
    };
    previous = e;
    return p;
  });
  const firstReaching = (share: number) => (latest !== null && latest > 0 ? (points.find((p) => p.engagements >= share * latest)?.day ?? null) : null);
  return { activity, points, latestEngagements: latest, halfLifeDays: firstReaching(0.5), daysTo90Percent: firstReaching(0.9) };
}
