import type { Types } from 'mongoose';
import { StatsModel } from '../stats/stats.model.js';
import { ComparePeriod, DEFAULT_ENGAGEMENT_RATE_FORMULA, Granularity, TimeseriesMetric } from './analytics.enums.js';
import type { MetricValue, Overview, PlatformBreakdownRow, Timeseries, TimeseriesPoint } from './analytics.types.js';
import type { AnalyticsInput, OverviewInput, TimeseriesInput } from './dto/analytics.inputs.js';
import { scopePlatforms } from './analytics.loader.js';
import { followerHistoryFor, type FollowerHistory, type HistoryDays } from './followers.js';
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
import { wants } from '../../lib/selection.js';

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

/**
 * The post measures the selected fields of an answer need (all of them when the selection is
 * unknown): `fields` maps a field to its measure.
 */
function measuresFor(select: ReadonlySet<string> | undefined, fields: Record<string, PostMeasure>): PostMeasure[] {
  return ALL_MEASURES.filter((m) => Object.entries(fields).some(([f, measure]) => measure === m && wants(select, f)));
}

const OVERVIEW_MEASURES: Record<string, PostMeasure> = { engagements: 'engagements', impressions: 'impressions', reach: 'reach', views: 'views', engagementRate: 'rate' };

/**
 * Headline numbers of a range against the comparison range. `select`: the fields the query asks
 * for (lib/selection.ts); only their accumulators are computed, and the follower history is read
 * only for the follower fields (or rates by followers).
 */
export async function overview(req: AnalyticsRequest, input: OverviewInput, select?: ReadonlySet<string>): Promise<Overview> {
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
  const measures = measuresFor(select, OVERVIEW_MEASURES);
  const followers = wants(select, 'followers', 'followerGrowth', 'followerGrowthPercent') || (measures.includes('rate') && needsFollowers(formula));
  const [curRows, prevRows, history] = await Promise.all([
    postGroups(scope, windowOf(fromDay, toDay, req.tz), {}, measures, model),
    comparable ? postGroups(scope, cmpWindow, {}, measures, model) : Promise.resolve([]),
    followers ? followerHistoryFor(req, scope, { fromDay: Math.min(fromDay, cmp.fromDay), toDay: Math.max(toDay, cmp.toDay) }) : Promise.resolve(undefined),
  ]);
  const cur = fold(curRows, model, history).result();
  const prev: Record<keyof PostTotalsResult, number | null> = comparable
    ? fold(prevRows, model, history).result()
    : { posts: null, engagements: null, impressions: null, reach: null, views: null, engagementRate: null };
  const none = { followers: null, growth: null, base: null };
  const fc = history ? history.period(fromDay, toDay) : none;
  const fp = history && comparable ? history.period(cmp.fromDay, cmp.toDay) : none;
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

/**
 * The days of follower history a timeseries reads, if any: the follower metrics, and a rate over
 * followers. One answer for the resolver and its prefetch (analytics.resolver.ts), so the read
 * started beside the rate-limit charge is the one the resolver then finds. Throws on a bad range.
 */
export function timeseriesFollowerDays(input: Pick<TimeseriesInput, 'metric' | 'range' | 'engagementRateFormula'>): HistoryDays | undefined {
  const days = parseRange(input.range);
  if (POST_METRICS.has(input.metric)) {
    const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
    return needsFollowers(formula) && (METRIC_MEASURES[input.metric] ?? []).includes('rate') ? days : undefined;
  }
  return input.metric in DAILY_ACCOUNT_FIELD ? undefined : days;
}

/** One metric per day, ISO week or month of the range, every bucket present. */
export async function timeseries(req: AnalyticsRequest, input: TimeseriesInput): Promise<Timeseries> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const granularity = input.granularity ?? Granularity.DAY;
  const { fromDay, toDay } = parseRange(input.range);
  const historyDays = timeseriesFollowerDays(input);
  const scope = await buildScope(req.workspaceId, req.tz, input.filter);
  const model = await loadRateModel(req, scope, formula);
  const buckets = enumerateBuckets(fromDay, toDay, granularity);
  const format = BUCKET_FORMAT[granularity];
  let values: Array<number | null>;

  if (POST_METRICS.has(input.metric)) {
    const measures = METRIC_MEASURES[input.metric] ?? [];
    const [rows, history] = await Promise.all([
      postGroups(scope, windowOf(fromDay, toDay, req.tz), { bucketFormat: format }, measures, model),
      historyDays ? followerHistoryFor(req, scope, historyDays) : Promise.resolve(undefined),
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
    const history = await followerHistoryFor(req, scope, historyDays!);
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

const BREAKDOWN_MEASURES: Record<string, PostMeasure> = {
  engagements: 'engagements',
  shareOfEngagements: 'engagements',
  impressions: 'impressions',
  reach: 'reach',
  views: 'views',
  engagementRate: 'rate',
};

/**
 * The range's numbers per connected account (every account of the scope, with or without posts);
 * `select`: the row fields asked for, as for `overview`.
 */
export async function platformBreakdown(req: AnalyticsRequest, input: AnalyticsInput, select?: ReadonlySet<string>): Promise<PlatformBreakdownRow[]> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const { fromDay, toDay } = parseRange(input.range);
  const scope = await buildScope(req.workspaceId, req.tz, input.filter);
  const platforms = await scopePlatforms(req, scope);
  const model = rateModelOf(formula, platforms);
  const measures = measuresFor(select, BREAKDOWN_MEASURES);
  const followers = wants(select, 'followers', 'followerGrowth') || (measures.includes('rate') && needsFollowers(formula));
  const [rows, history] = await Promise.all([
    postGroups(scope, windowOf(fromDay, toDay, req.tz), { platform: true }, measures, model),
    followers ? followerHistoryFor(req, scope, { fromDay, toDay }) : Promise.resolve(undefined),
  ]);
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
    const f = history ? history.period(fromDay, toDay, [id]) : { followers: null, growth: null };
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
