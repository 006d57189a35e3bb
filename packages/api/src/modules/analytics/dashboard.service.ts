import type { Types } from 'mongoose';
import { PlatformModel, type Platform } from '../platforms/platform.model.js';
import { StatsModel } from '../stats/stats.model.js';
import { ComparePeriod, DEFAULT_ENGAGEMENT_RATE_FORMULA, Granularity, TimeseriesMetric } from './analytics.enums.js';
import type { MetricValue, Overview, PlatformBreakdownRow, Timeseries, TimeseriesPoint } from './analytics.types.js';
import type { AnalyticsInput, OverviewInput, TimeseriesInput } from './dto/analytics.inputs.js';
import { followerHistoryFor, type FollowerHistory } from './followers.js';
import {
  ALL_MEASURES,
  BUCKET_FORMAT,
  loadRateModel,
  needsFollowers,
  postGroups,
  PostTotals,
  rateLabelOf,
  rateModelOf,
  rowFollowers,
  type PostGroupRow,
  type PostMeasure,
  type PostTotalsResult,
  type RateModel,
} from './post-aggregates.js';
import { withinHistory, type AnalyticsRequest } from './request.js';
import { buildScope, comparisonDays, parseRange, rangeOut, statsMatch, windowOf } from './scope.js';
import { dayToString, isoWeekKey, monthKey } from '@soash/shared';

export function metricValue(value: number | null, previous: number | null): MetricValue {
  const delta = value !== null && previous !== null ? value - previous : null;
  const deltaPercent = delta !== null && previous !== null && previous !== 0 ? (delta / Math.abs(previous)) * 100 : null;
  return { value, previous, delta, deltaPercent };
}

function fold(rows: PostGroupRow[], model: RateModel, history: FollowerHistory | undefined): PostTotals {
  const totals = new PostTotals();
  for (const row of rows) totals.add(row, rowFollowers(row, model, history));
  return totals;
}

const growthPercent = (growth: number | null, base: number | null) => (growth !== null && base !== null && base > 0 ? (growth / base) * 100 : null);

/** Headline numbers of a range against the comparison range. */
export async function overview(req: AnalyticsRequest, input: OverviewInput): Promise<Overview> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const compare = input.compare ?? ComparePeriod.PREVIOUS_PERIOD;
  const { fromDay, toDay } = parseRange(input.range);
  const cmp = comparisonDays(fromDay, toDay, compare);
  const cmpWindow = windowOf(cmp.fromDay, cmp.toDay, req.tz);
  // The comparison period is not part of the requested range (which alone is checked against the
  // plan's history), but it must not show older data either: when it starts before the plan's
  // history, every `previous` is null rather than computed from data the plan does not include.
  const comparable = withinHistory(req, cmpWindow.start);
  const scope = await buildScope(req.workspaceId, req.tz, input.filter);
  const model = await loadRateModel(req, scope, formula);
  const [curRows, prevRows, history] = await Promise.all([
    postGroups(scope, windowOf(fromDay, toDay, req.tz), {}, ALL_MEASURES, model),
    comparable ? postGroups(scope, cmpWindow, {}, ALL_MEASURES, model) : Promise.resolve([]),
    followerHistoryFor(req, scope, { fromDay: Math.min(fromDay, cmp.fromDay), toDay: Math.max(toDay, cmp.toDay) }),
  ]);
  const cur = fold(curRows, model, history).result();
  const prev: Record<keyof PostTotalsResult, number | null> = comparable
    ? fold(prevRows, model, history).result()
    : { posts: null, engagements: null, impressions: null, reach: null, views: null, engagementRate: null };
  const fc = history.period(fromDay, toDay);
  const fp = comparable ? history.period(cmp.fromDay, cmp.toDay) : { followers: null, growth: null, base: null };
  return {
    range: rangeOut(fromDay, toDay),
    comparisonRange: rangeOut(cmp.fromDay, cmp.toDay),
    compare,
    timezone: req.tz,
    engagementRateFormula: formula,
    rateLabel: model.label,
    ratePlatforms: model.platforms,
    followers: metricValue(fc.followers, fp.followers),
    followerGrowth: metricValue(fc.growth, fp.growth),
    followerGrowthPercent: metricValue(growthPercent(fc.growth, fc.base), growthPercent(fp.growth, fp.base)),
    posts: metricValue(cur.posts, prev.posts),
    impressions: metricValue(cur.impressions, prev.impressions),
    views: metricValue(cur.views, prev.views),
    reach: metricValue(cur.reach, prev.reach),
    engagements: metricValue(cur.engagements, prev.engagements),
    engagementRate: metricValue(cur.engagementRate, prev.engagementRate),
  };
}

export interface Bucket {
  key: string;
  startDay: number;
  endDay: number;
}

/** Every bucket of a range, in order; the first and last are cut to the range. */
export function enumerateBuckets(fromDay: number, toDay: number, granularity: Granularity): Bucket[] {
  const keyOf = granularity === Granularity.DAY ? dayToString : granularity === Granularity.WEEK ? isoWeekKey : monthKey;
  const out: Bucket[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    const key = keyOf(d);
    const last = out[out.length - 1];
    if (last && last.key === key) last.endDay = d;
    else out.push({ key, startDay: d, endDay: d });
  }
  return out;
}

/** The accumulators each post metric needs (the $group computes nothing else). */
const METRIC_MEASURES: Partial<Record<TimeseriesMetric, PostMeasure[]>> = {
  [TimeseriesMetric.POSTS]: [],
  [TimeseriesMetric.ENGAGEMENTS]: ['engagements'],
  [TimeseriesMetric.IMPRESSIONS]: ['impressions'],
  [TimeseriesMetric.REACH]: ['reach'],
  [TimeseriesMetric.VIEWS]: ['views'],
  [TimeseriesMetric.ENGAGEMENT_RATE]: ['rate'],
};

const POST_METRICS = new Set([
  TimeseriesMetric.POSTS,
  TimeseriesMetric.ENGAGEMENTS,
  TimeseriesMetric.IMPRESSIONS,
  TimeseriesMetric.REACH,
  TimeseriesMetric.VIEWS,
  TimeseriesMetric.ENGAGEMENT_RATE,
]);

/** Metrics read from the daily account metrics (stats), by the field they sum. */
const DAILY_ACCOUNT_FIELD: Partial<Record<TimeseriesMetric, 'profileViews' | 'engagement'>> = {
  [TimeseriesMetric.PROFILE_VIEWS]: 'profileViews',
  [TimeseriesMetric.ENGAGEMENTS_RECEIVED]: 'engagement',
};

/** One metric per day, ISO week or month of the range, every bucket present. */
export async function timeseries(req: AnalyticsRequest, input: TimeseriesInput): Promise<Timeseries> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const granularity = input.granularity ?? Granularity.DAY;
  const { fromDay, toDay } = parseRange(input.range);
  const scope = await buildScope(req.workspaceId, req.tz, input.filter);
  const model = await loadRateModel(req, scope, formula);
  const buckets = enumerateBuckets(fromDay, toDay, granularity);
  const format = BUCKET_FORMAT[granularity];
  let values: Array<number | null>;

  if (POST_METRICS.has(input.metric)) {
    const measures = METRIC_MEASURES[input.metric] ?? [];
    const f = needsFollowers(formula) && measures.includes('rate');
    const [rows, history] = await Promise.all([
      postGroups(scope, windowOf(fromDay, toDay, req.tz), { bucketFormat: format }, measures, model),
      f ? followerHistoryFor(req, scope, { fromDay, toDay }) : Promise.resolve(undefined),
    ]);
    const byBucket = new Map<string, PostTotals>();
    for (const row of rows) {
      const key = row._id.bucket!;
      let t = byBucket.get(key);
      if (!t) byBucket.set(key, (t = new PostTotals()));
      t.add(row, rowFollowers(row, model, history));
    }
    values = buckets.map((b) => {
      const r = (byBucket.get(b.key) ?? new PostTotals()).result();
      switch (input.metric) {
        case TimeseriesMetric.POSTS:
          return r.posts;
        case TimeseriesMetric.ENGAGEMENTS:
          return r.engagements;
        case TimeseriesMetric.IMPRESSIONS:
          return r.impressions;
        case TimeseriesMetric.REACH:
          return r.reach;
        case TimeseriesMetric.VIEWS:
          return r.views;
        default:
          return r.engagementRate;
      }
    });
  } else if (input.metric in DAILY_ACCOUNT_FIELD) {
    const field = `$${DAILY_ACCOUNT_FIELD[input.metric]!}`;
    // Stats dates are calendar-day labels (UTC midnight), so they are bucketed in UTC.
    const rows = await StatsModel.aggregate<{ _id: string; sum: number; reported: number }>([
      { $match: statsMatch(scope, fromDay, toDay) },
      {
        $group: {
          _id: { $dateToString: { format, date: '$date', timezone: 'UTC' } },
          sum: { $sum: field },
          reported: { $sum: { $cond: [{ $ne: [{ $ifNull: [field, null] }, null] }, 1, 0] } },
        },
      },
    ]);
    const byBucket = new Map(rows.map((r) => [r._id, r]));
    values = buckets.map((b) => {
      const r = byBucket.get(b.key);
      return r && r.reported > 0 ? r.sum : null;
    });
  } else {
    const history = await followerHistoryFor(req, scope, { fromDay, toDay });
    values = buckets.map((b) => {
      const p = history.period(b.startDay, b.endDay);
      return input.metric === TimeseriesMetric.FOLLOWERS ? p.followers : p.growth;
    });
  }

  const points: TimeseriesPoint[] = buckets.map((b, i) => ({
    bucket: b.key,
    startDate: dayToString(b.startDay),
    endDate: dayToString(b.endDay),
    value: values[i] ?? null,
  }));
  return { metric: input.metric, granularity, timezone: req.tz, engagementRateFormula: formula, rateLabel: model.label, points };
}

/** The range's numbers per connected account (every account of the scope, with or without posts). */
export async function platformBreakdown(req: AnalyticsRequest, input: AnalyticsInput): Promise<PlatformBreakdownRow[]> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const { fromDay, toDay } = parseRange(input.range);
  const scope = await buildScope(req.workspaceId, req.tz, input.filter);
  const platforms = await PlatformModel.find({ workspaceId: req.workspaceId, ...(scope.platformIds ? { _id: { $in: scope.platformIds } } : {}) })
    .sort({ createdAt: 1, _id: 1 })
    .lean<Platform[]>();
  const model = rateModelOf(formula, platforms);
  const [rows, history] = await Promise.all([postGroups(scope, windowOf(fromDay, toDay, req.tz), { platform: true }, ALL_MEASURES, model), followerHistoryFor(req, scope, { fromDay, toDay })]);
  const byPlatform = new Map<string, PostTotals>();
  for (const row of rows) {
    const key = (row._id.platformId as Types.ObjectId).toHexString();
    let t = byPlatform.get(key);
    if (!t) byPlatform.set(key, (t = new PostTotals()));
    t.add(row, rowFollowers(row, model, history));
  }
  const allEngagements = [...byPlatform.values()].reduce((s, t) => s + t.engagements, 0);
  return platforms.map((p) => {
    const id = p._id.toHexString();
    const r = (byPlatform.get(id) ?? new PostTotals()).result();
    const f = history.period(fromDay, toDay, [id]);
    return {
      platformId: p._id,
      platformType: p.type,
      displayName: p.displayName ?? p.username ?? null,
      followers: f.followers,
      followerGrowth: f.growth,
      posts: r.posts,
      engagements: r.engagements,
      impressions: r.impressions,
      reach: r.reach,
      views: r.views,
      engagementRate: r.engagementRate,
      rateLabel: rateLabelOf(formula, [p.type]),
      shareOfEngagements: allEngagements > 0 ? r.engagements / allEngagements : null,
    };
  });
}
