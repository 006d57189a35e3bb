import type { PipelineStage, Types } from 'mongoose';
import { badInput } from '../../lib/errors.js';
import { findOwned } from '../../lib/ownership.js';
import { ContentType } from '../../lib/graphql-enums.js';
import { ActivityMetricModel, type ActivityMetric } from '../activities/activity-metric.model.js';
import { ActivityModel, type Activity } from '../activities/activity.model.js';
import { ActivityRankMetric, DEFAULT_ENGAGEMENT_RATE_FORMULA, FollowerBasis, FollowerNormalization, HeatmapCellSource } from './analytics.enums.js';
import type { BestTimes, ContentTypePerformance, HashtagPerformance, HashtagStat, HeatmapCell, PostDecay, PostDecayPoint, TopActivity } from './analytics.types.js';
import { DEFAULT_BEST_TIMES_MIN_POSTS, MIN_RECOMMENDED_POSTS, type AnalyticsInput, type BestTimesInput, type HashtagPerformanceInput, type TopActivitiesInput } from './dto/analytics.inputs.js';
import { followerHistoryFor, type FollowerHistory } from './followers.js';
import {
  counterRate,
  loadRateModel,
  needsFollowers,
  postRate,
  postRateExpression,
  postRateLabel,
  PostTotals,
  rateFieldsProjection,
  type RateFields,
  type RateModel,
  UTC_PUBLISH_DAY,
} from './post-aggregates.js';
import { historyStartOf, type AnalyticsRequest } from './request.js';
import { wants } from '../../lib/selection.js';
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

/** Posts of a window with their per-post engagement rate (null where the model has no denominator). */
export async function postRates(
  scope: Scope,
  w: Window,
  model: RateModel,
  history: FollowerHistory | undefined,
  extra: Record<string, unknown> = {},
  /** False: the caller does not sum engagements (`t` is then only read for rates by followers). */
  total = true,
): Promise<Array<RateFields & { rate: number | null } & Record<string, unknown>>> {
  const rows = await ActivityModel.aggregate<RateFields & Record<string, unknown> & { rate: number | null }>([
    { $match: activityMatch(scope, w) },
    // The post's id only when the caller asks for it (`extra: { _id: 1 }`).
    { $project: { _id: 0, ...rateFieldsProjection(model, { total }), ...extra } },
  ]);
  // The rows are the aggregation's own plain objects: each gets its rate in place, not a copy.
  for (const r of rows) r.rate = postRate(r, model, history);
  return rows;
}

/** A post document's rate under the model (followers: on its UTC publish day). */
function documentRate(a: Pick<Activity, 'platformId' | 'publishedAt' | 'engagement'>, model: RateModel, history: FollowerHistory | undefined): number | null {
  const id = a.platformId.toHexString();
  if (!needsFollowers(model.formula)) return counterRate(model, id, a.engagement);
  const fol = a.publishedAt ? history?.atPublish(id, utcDayOf(a.publishedAt))?.followers : undefined;
  return fol && fol > 0 ? a.engagement.total / fol : null;
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
  const scope = await buildScope(req.workspaceId, req.tz, input.filter);
  const model = await loadRateModel(req, scope, formula);
  const w = windowOf(fromDay, toDay, req.tz);
  const valueExpr = by === ActivityRankMetric.ENGAGEMENT_RATE ? postRateExpression(model) : { $ifNull: [COUNTER_PATH[by], null] };
  const follow = needsFollowers(formula);

  if (normalizeBy === FollowerNormalization.NONE && !(by === ActivityRankMetric.ENGAGEMENT_RATE && follow)) {
    // Ranking entirely in MongoDB: compute, sort, limit.
    const [docs, history] = await Promise.all([
      ActivityModel.aggregate<Activity & { rankValue: number }>([
        { $match: activityMatch(scope, w) },
        { $addFields: { rankValue: valueExpr } },
        { $match: { rankValue: { $ne: null } } },
        { $sort: { rankValue: -1, _id: -1 } },
        { $limit: limit },
      ] as PipelineStage[]),
      follow ? followerHistoryFor(req, scope, { fromDay, toDay }) : Promise.resolve(undefined),
    ]);
    return docs.map(({ rankValue, ...activity }, i) => ({
      rank: i + 1,
      activity: activity as Activity,
      metric: by,
      value: rankValue,
      normalizeBy,
      followers: null,
      followersBasis: null,
      normalizedValue: null,
      engagementRate: documentRate(activity as Activity, model, history),
      rateLabel: postRateLabel(model, activity.platformId.toHexString()),
    }));
  }

  // Per-follower values need each post's follower count: rank projected rows, then load the winners.
  const history = await followerHistoryFor(req, scope, { fromDay, toDay, latest: normalizeBy === FollowerNormalization.FOLLOWERS_LATEST });
  const rows = await postRates(scope, w, model, history, { _id: 1, v: valueExpr, p: '$platformId', d: UTC_PUBLISH_DAY });
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
      return { id: r._id as Types.ObjectId, platformId, value, key, followers, normalizedValue, rate: r.rate };
    })
    .filter((r): r is NonNullable<typeof r> => r !== null)
    .sort((a, b) => b.key - a.key || (b.id.toHexString() < a.id.toHexString() ? -1 : 1))
    .slice(0, limit);
  const docs = await ActivityModel.find({ _id: { $in: ranked.map((r) => r.id) }, workspaceId: req.workspaceId }).lean<Activity[]>();
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
    engagementRate: r.rate,
    rateLabel: postRateLabel(model, r.platformId),
  }));
}

/**
 * Each post's rate against its own account's median rate over the same posts (1 = the account's
 * typical post), so a group is compared within each account and never with another platform's
 * level: a TikTok account's videos do not make videos look good next to Instagram images. Null
 * for a post without a rate or whose account's median is 0.
 */
function withinAccountIndex(rows: ReadonlyArray<{ rate: number | null } & Record<string, unknown>>): (row: { rate: number | null } & Record<string, unknown>) => number | null {
  const byAccount = new Map<string, number[]>();
  for (const r of rows) {
    if (r.rate === null || !r.acc) continue;
    const id = String(r.acc);
    const list = byAccount.get(id) ?? [];
    list.push(r.rate);
    byAccount.set(id, list);
  }
  const medians = new Map([...byAccount].map(([id, list]) => [id, median(list)]));
  return (r) => {
    if (r.rate === null || !r.acc) return null;
    const m = medians.get(String(r.acc));
    return m !== null && m !== undefined && m > 0 ? r.rate / m : null;
  };
}

/**
 * How each content type performs in the range: its lift is measured within each account
 * (withinAccountIndex). `select`: the fields asked for (lib/selection.ts); counters nobody asked
 * for are not read.
 */
export async function contentTypePerformance(req: AnalyticsRequest, input: AnalyticsInput, select?: ReadonlySet<string>): Promise<ContentTypePerformance[]> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const { fromDay, toDay } = parseRange(input.range);
  const scope = await buildScope(req.workspaceId, req.tz, input.filter);
  const model = await loadRateModel(req, scope, formula);
  const w = windowOf(fromDay, toDay, req.tz);
  const follow = needsFollowers(formula);
  const history = follow ? await followerHistoryFor(req, scope, { fromDay, toDay }) : undefined;
  // One read of the window: each post's type, counters and rate; the totals and the medians are
  // both folded from it (the posts of the range, never per-type copies).
  const rates = await postRates(scope, w, model, history, {
    type: '$type',
    ...(wants(select, 'impressions') ? { imp: '$engagement.impressions' } : {}),
    ...(wants(select, 'reach') ? { rch: '$engagement.reach' } : {}),
    acc: '$platformId',
    ...(follow || !wants(select, 'engagementRate') ? {} : { den: model.denominator }),
  }, wants(select, 'engagements', 'averageEngagements', 'engagementRate'));
  const totals = new Map<string, PostTotals>();
  for (const r of rates) {
    const key = r.type as string;
    let t = totals.get(key);
    if (!t) totals.set(key, (t = new PostTotals()));
    const den = follow ? (r.p && r.d ? (history?.atPublish(r.p.toHexString(), parseDay(r.d)!)?.followers ?? null) : null) : (r.den as number | null | undefined);
    t.addPost({ total: r.t ?? 0, impressions: r.imp as number | null | undefined, reach: r.rch as number | null | undefined, denominator: typeof den === 'number' ? den : null });
  }
  const ratesByType = new Map<string, number[]>();
  const indexesByType = new Map<string, number[]>();
  const index = withinAccountIndex(rates);
  for (const r of rates) {
    if (r.rate === null) continue;
    const list = ratesByType.get(r.type as string) ?? [];
    list.push(r.rate);
    ratesByType.set(r.type as string, list);
    const i = index(r);
    if (i === null) continue;
    const indexes = indexesByType.get(r.type as string);
    if (indexes) indexes.push(i);
    else indexesByType.set(r.type as string, [i]);
  }
  const totalPosts = [...totals.values()].reduce((s, t) => s + t.posts, 0);
  return [...totals.entries()]
    .map(([type, t]) => {
      const r = t.result();
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
        lift: median(indexesByType.get(type) ?? []),
        postsWithRate: typeRates.length,
        rateLabel: model.label,
      };
    })
    .sort((a, b) => b.posts - a.posts || a.contentType.localeCompare(b.contentType));
}

/**
 * Hashtags used on enough posts, ranked by lift: the median of their posts' rates against each
 * post's own account's median (withinAccountIndex), never pooled across accounts.
 * MongoDB ships one rate (and engagement count) per post with its hashtags; the groups are formed
 * here, so memory is bounded by the range's posts and no post is copied per hashtag.
 */
export async function hashtagPerformance(
  req: AnalyticsRequest,
  input: HashtagPerformanceInput,
  /** The fields selected on each hashtag: `averageEngagements` alone needs the posts' engagements. */
  hashtagFields?: ReadonlySet<string>,
): Promise<HashtagPerformance> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const minPosts = input.minPosts ?? 3;
  const limit = input.limit ?? 20;
  const { fromDay, toDay } = parseRange(input.range);
  const scope = await buildScope(req.workspaceId, req.tz, input.filter);
  const model = await loadRateModel(req, scope, formula);
  const w = windowOf(fromDay, toDay, req.tz);
  const history = needsFollowers(formula) ? await followerHistoryFor(req, scope, { fromDay, toDay }) : undefined;
  const total = wants(hashtagFields, 'averageEngagements');
  const posts = await postRates(scope, w, model, history, { h: '$hashtags', acc: '$platformId' }, total);
  const allRates: number[] = [];
  const index = withinAccountIndex(posts);
  const byTag = new Map<string, { rates: number[]; indexes: number[]; above: number; engagements: number }>();
  for (const p of posts) {
    if (p.rate === null) continue;
    allRates.push(p.rate);
    const i = index(p);
    for (const tag of new Set((p.h as string[] | undefined) ?? [])) {
      let g = byTag.get(tag);
      if (!g) byTag.set(tag, (g = { rates: [], indexes: [], above: 0, engagements: 0 }));
      g.rates.push(p.rate);
      if (i !== null) g.indexes.push(i);
      if (i !== null && i > 1) g.above++;
      g.engagements += p.t ?? 0;
    }
  }
  const baseline = median(allRates);
  const stats: HashtagStat[] = [];
  for (const [tag, g] of byTag) {
    if (g.rates.length < minPosts) continue;
    const med = median(g.rates)!;
    stats.push({
      hashtag: tag,
      posts: g.rates.length,
      medianEngagementRate: med,
      lift: median(g.indexes),
      successRate: g.above / g.rates.length,
      averageEngagements: g.engagements / g.rates.length,
    });
  }
  stats.sort((a, b) => (b.lift ?? -Infinity) - (a.lift ?? -Infinity) || b.posts - a.posts || (a.hashtag < b.hashtag ? -1 : 1));
  return { baselineMedianEngagementRate: baseline, postsWithRate: allRates.length, minPosts, rateLabel: model.label, hashtags: stats.slice(0, limit) };
}

interface Sums {
  n: number;
  sum: number;
  sumSq: number;
}
const emptySums = (): Sums => ({ n: 0, sum: 0, sumSq: 0 });
const addSums = (to: Sums, n: number, sum: number, sumSq: number) => {
  to.n += n;
  to.sum += sum;
  to.sumSq += sumSq;
};
const CONFIDENCE = 0.95;

/**
 * Weekday × hour heatmap of engagement rate in the viewer's timezone, stratified by account.
 *
 * MongoDB returns n, Σrate and Σrate² per account and slot. Each post is then measured against
 * its own account's average (its rate ÷ the account's mean rate, an index where 1 = the account's
 * typical post), so a slot is never good because a bigger or higher-rate account posted there.
 * A slot's value is the mean index of its posts times the overall average (for one account: the
 * plain mean rate of the slot), with a Student-t interval cut at 0. Cells with fewer than
 * minPosts posts take the mean of their hour over all weekdays, or else the overall average.
 * Recommended slots (`best`) have minPosts posts of their own (never fewer than
 * MIN_RECOMMENDED_POSTS) and a lower bound above the average, ranked by that lower bound.
 */
export async function bestTimesToPost(req: AnalyticsRequest, input: BestTimesInput): Promise<BestTimes> {
  const formula = input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA;
  const minPosts = input.minPosts ?? DEFAULT_BEST_TIMES_MIN_POSTS;
  const { fromDay, toDay } = parseRange(input.range);
  const scope = await buildScope(req.workspaceId, req.tz, input.filter);
  const model = await loadRateModel(req, scope, formula);
  const w = windowOf(fromDay, toDay, req.tz);
  // The weekday and hour in one expression ("7 23"): one date conversion per post, not two.
  const slot = { s: { $dateToString: { format: '%u %H', date: '$publishedAt', timezone: req.tz } } };
  const slotKey = (s: string) => `${Number(s.slice(0, 1))}:${Number(s.slice(2))}`;
  /** account → slot ("dow:hour") → sums of the account's per-post rates. */
  const accounts = new Map<string, Map<string, Sums>>();
  const addTo = (account: string, key: string, n: number, sum: number, sumSq: number) => {
    let slots = accounts.get(account);
    if (!slots) accounts.set(account, (slots = new Map()));
    let c = slots.get(key);
    if (!c) slots.set(key, (c = emptySums()));
    addSums(c, n, sum, sumSq);
  };
  if (!needsFollowers(formula)) {
    const rows = await ActivityModel.aggregate<{ _id: { p: Types.ObjectId; s: string }; n: number; sum: number; sumSq: number }>([
      { $match: activityMatch(scope, w) },
      { $project: { ...slot, p: '$platformId', r: postRateExpression(model) } },
      { $match: { r: { $ne: null } } },
      { $group: { _id: { p: '$p', s: '$s' }, n: { $sum: 1 }, sum: { $sum: '$r' }, sumSq: { $sum: { $multiply: ['$r', '$r'] } } } },
    ]);
    for (const r of rows) addTo(r._id.p.toHexString(), slotKey(r._id.s), r.n, r.sum, r.sumSq);
  } else {
    // Posts of one account on one UTC day share a follower count F: Σrate = Σt / F, Σrate² = Σt² / F².
    const history = await followerHistoryFor(req, scope, { fromDay, toDay });
    const rows = await ActivityModel.aggregate<{ _id: { s: string; p: Types.ObjectId; d: string }; n: number; sum: number; sumSq: number }>([
      { $match: activityMatch(scope, w) },
      { $project: { ...slot, p: '$platformId', d: UTC_PUBLISH_DAY, t: '$engagement.total' } },
      { $group: { _id: { s: '$s', p: '$p', d: '$d' }, n: { $sum: 1 }, sum: { $sum: '$t' }, sumSq: { $sum: { $multiply: ['$t', '$t'] } } } },
    ]);
    for (const r of rows) {
      const fol = history.atPublish(r._id.p.toHexString(), parseDay(r._id.d)!)?.followers;
      if (!fol || fol <= 0) continue;
      addTo(r._id.p.toHexString(), slotKey(r._id.s), r.n, r.sum / fol, r.sumSq / (fol * fol));
    }
  }

  // Index sums per slot (rate ÷ the account's mean): Σ(r/m) = Σr/m, Σ(r/m)² = Σr²/m². Accounts
  // whose average is 0 have nothing to compare against and are left out.
  const cells = new Map<string, Sums>();
  const hours = Array.from({ length: 24 }, emptySums);
  const all = emptySums();
  let rawSum = 0;
  let counted = 0;
  for (const slots of accounts.values()) {
    let n = 0;
    let sum = 0;
    for (const c of slots.values()) {
      n += c.n;
      sum += c.sum;
    }
    const m = n > 0 ? sum / n : 0;
    if (!(m > 0)) continue;
    counted++;
    rawSum += sum;
    for (const [key, c] of slots) {
      const idx = [c.n, c.sum / m, c.sumSq / (m * m)] as const;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = emptySums()));
      addSums(cell, ...idx);
      addSums(hours[Number(key.split(':')[1])]!, ...idx);
      addSums(all, ...idx);
    }
  }
  const average = all.n > 0 ? rawSum / all.n : null;
  const scaled = (s: Sums) => {
    const iv = meanInterval(s.n, s.sum, s.sumSq, CONFIDENCE);
    const k = average ?? 0;
    return {
      mean: iv.mean === null ? null : iv.mean * k,
      low: iv.low === null ? null : Math.max(0, iv.low * k),
      high: iv.high === null ? null : Math.max(0, iv.high * k),
    };
  };
  const overall = scaled(all);
  const out: HeatmapCell[] = [];
  for (let dow = 1; dow <= 7; dow++) {
    for (let hour = 0; hour < 24; hour++) {
      const c = cells.get(`${dow}:${hour}`) ?? emptySums();
      const h = hours[hour]!;
      const [source, s] =
        c.n >= minPosts ? ([HeatmapCellSource.CELL, c] as const) : h.n >= minPosts ? ([HeatmapCellSource.HOUR, h] as const) : ([HeatmapCellSource.ACCOUNT, all] as const);
      const iv = source === HeatmapCellSource.ACCOUNT ? overall : scaled(s);
      out.push({
        dayOfWeek: dow,
        hour,
        posts: c.n,
        cellAverage: c.n > 0 && average !== null ? (c.sum / c.n) * average : null,
        source,
        sourcePosts: s.n,
        value: iv.mean,
        low: iv.low,
        high: iv.high,
      });
    }
  }
  const best =
    average === null
      ? []
      : out
          .filter((c) => c.source === HeatmapCellSource.CELL && c.posts >= MIN_RECOMMENDED_POSTS && c.low !== null && c.low > average)
          .sort((a, b) => b.low! - a.low! || (b.value ?? 0) - (a.value ?? 0) || a.dayOfWeek - b.dayOfWeek || a.hour - b.hour)
          .slice(0, 3);
  return {
    timezone: req.tz,
    engagementRateFormula: formula,
    rateLabel: model.label,
    minPosts,
    confidenceLevel: CONFIDENCE,
    totalPosts: all.n,
    accounts: counted,
    accountAverage: average,
    cells: out,
    best,
  };
}

/** How a post's engagement accumulated, from its daily snapshots. */
export async function postDecay(req: AnalyticsRequest, activityId: string): Promise<PostDecay> {
  const activity = await findOwned(ActivityModel, activityId, req.workspaceId, 'Activity', 'activityId');
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
