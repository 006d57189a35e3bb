import fc from 'fast-check';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { ActivityMetricModel } from '../../activities/activity-metric.model.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { withTotal } from '../../activities/engagement.model.js';
import { ContentCategoryModel } from '../../categories/category.model.js';
import { PlatformModel, type Platform } from '../../platforms/platform.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { ActivityRankMetric, ComparePeriod, EngagementRateFormula, FollowerNormalization, Granularity, TimeseriesMetric } from '../analytics.enums.js';
import { audienceDemographics } from '../audience.service.js';
import { overview, platformBreakdown, timeseries } from '../dashboard.service.js';
import { bestTimesToPost, contentTypePerformance, hashtagPerformance, postDecay, topActivities } from '../posts.service.js';
import {
  addDays,
  refBestTimes,
  refBreakdown,
  refContentTypes,
  refDecay,
  refDemographics,
  refHashtags,
  refOverview,
  refTimeseries,
  refTop,
  type Formula,
  type Metric,
  type RefData,
} from './reference.js';

/**
 * Every dashboard query against a plain in-memory reference, on random accounts. Each run writes
 * its documents under a fresh user, so runs never see each other's data.
 */
const START = '2026-02-20';
const SPAN_DAYS = 45; // through early April: both the US (8 March) and the EU (29 March) DST changes fall inside
const TZS = ['UTC', 'Etc/GMT-2', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata'];

const nullableCount = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null, freq: 4 });

const demographicsArb = fc.record({
  ageGroups: fc.uniqueArray(fc.record({ range: fc.constantFrom('13-17', '18-24', '25-34', '35-44'), share: fc.double({ min: 0, max: 1, noNaN: true }) }), {
    selector: (a) => a.range,
    maxLength: 3,
  }),
  genderSplit: fc.option(
    fc.record({ female: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), male: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }) }),
    { nil: undefined },
  ),
  locations: fc.uniqueArray(
    fc.record({ country: fc.constantFrom('DE', 'US', 'FR'), city: fc.option(fc.constantFrom('Berlin', 'Paris'), { nil: undefined }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
    { selector: (l) => `${l.country}|${l.city ?? ''}`, maxLength: 3 },
  ),
});

const datasetArb = fc.record({
  tz: fc.constantFrom(...TZS),
  // Mixed-platform accounts: each platform's rate has its own denominator (reach, TikTok views, X impressions).
  platforms: fc.array(
    fc.record({
      type: fc.constantFrom('instagram', 'tiktok', 'twitter', 'linkedin', 'facebook'),
      followerCount: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  posts: fc.array(
    fc.record({
      p: fc.nat(2),
      day: fc.integer({ min: 0, max: SPAN_DAYS - 1 }),
      hourUtc: fc.constantFrom(0, 9, 18, 21, 23),
      minute: fc.integer({ min: 0, max: 59 }),
      type: fc.constantFrom('image', 'reel', 'video'),
      tags: fc.subarray(['a', 'b', 'c', 'd']),
      cats: fc.subarray([0, 1]),
      published: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
      likes: nullableCount(300),
      comments: nullableCount(50),
      shares: nullableCount(20),
      saves: nullableCount(20),
      impressions: nullableCount(5000),
      reach: nullableCount(3000),
      views: nullableCount(8000),
    }),
    { maxLength: 40, size: 'max' },
  ),
  stats: fc.uniqueArray(
    fc.record({
      p: fc.nat(2),
      day: fc.integer({ min: 0, max: SPAN_DAYS - 1 }),
      followers: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null, freq: 5 }),
      profileViews: nullableCount(100),
      engagement: nullableCount(400),
      demographics: fc.option(demographicsArb, { nil: undefined, freq: 3 }),
    }),
    { selector: (s) => `${s.p}|${s.day}`, maxLength: 60, size: 'max' },
  ),
  snapshots: fc.uniqueArray(fc.record({ day: fc.integer({ min: 0, max: 20 }), total: fc.integer({ min: 0, max: 500 }) }), { selector: (s) => s.day, maxLength: 8 }),
  query: fc.record({
    fromOffset: fc.integer({ min: 0, max: SPAN_DAYS - 1 }),
    length: fc.integer({ min: 0, max: 40 }),
    platforms: fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.subarray([0, 1, 2], { minLength: 1 }), weight: 1 }),
    categories: fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.subarray([0, 1], { minLength: 1 }), weight: 1 }),
    formula: fc.oneof(
      { arbitrary: fc.constant<Formula>('PLATFORM_DENOMINATOR'), weight: 3 },
      { arbitrary: fc.constantFrom<Formula>('BY_REACH', 'BY_IMPRESSIONS', 'BY_FOLLOWERS'), weight: 2 },
    ),
    compare: fc.constantFrom(ComparePeriod.PREVIOUS_PERIOD, ComparePeriod.PREVIOUS_YEAR),
    metric: fc.constantFrom(...(Object.values(TimeseriesMetric) as Metric[])),
    granularity: fc.constantFrom(Granularity.DAY, Granularity.WEEK, Granularity.MONTH),
    by: fc.constantFrom(...Object.values(ActivityRankMetric)),
    normalizeBy: fc.constantFrom(...Object.values(FollowerNormalization)),
    limit: fc.integer({ min: 1, max: 8 }),
    minPosts: fc.integer({ min: 1, max: 3 }),
    heatMinPosts: fc.integer({ min: 2, max: 4 }),
  }),
});

type Dataset = typeof datasetArb extends fc.Arbitrary<infer T> ? T : never;

/** Deep equality with a relative tolerance for numbers (sums may be added in another order). */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, path).toBeNull();
    return;
  }
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const a = actual as number;
    expect(Math.abs(a - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${path}: ${a} vs ${expected}`).toBe(true);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected instanceof Types.ObjectId) {
    expect(String(actual), path).toBe(expected.toHexString());
    return;
  }
  if (typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) expectClose((actual as Record<string, unknown>)?.[k], v, `${path}.${k}`);
    return;
  }
  expect(actual instanceof Types.ObjectId ? actual.toHexString() : actual, path).toEqual(expected);
}

async function insert(ds: Dataset) {
  const { user } = await createUser();
  const workspaceId = user._id;
  await WorkspaceModel.updateOne({ _id: workspaceId }, { $set: { timezone: ds.tz } });
  const platforms: Platform[] = [];
  for (const p of ds.platforms) {
    platforms.push(
      (
        await PlatformModel.create({
          workspaceId,
          type: p.type,
          sandbox: true,
          platformUserId: `prop-${new Types.ObjectId().toHexString()}`,
          ...(p.followerCount !== null ? { followerCount: p.followerCount } : {}),
        })
      ).toObject() as Platform,
    );
  }
  const categories = await ContentCategoryModel.create([
    { workspaceId, name: 'A', nameKey: 'a', colorCode: '#000000' },
    { workspaceId, name: 'B', nameKey: 'b', colorCode: '#ffffff' },
  ]);
  const day0 = Date.parse(`${START}T00:00:00Z`);
  const platformOf = (i: number) => platforms[i % platforms.length]!;
  const posts = ds.posts.map((p, i) => {
    const counters = { likes: p.likes, comments: p.comments, shares: p.shares, saves: p.saves, impressions: p.impressions, reach: p.reach, views: p.views };
    return {
      _id: new Types.ObjectId(),
      workspaceId,
      platformId: platformOf(p.p)._id,
      externalId: `post-${i}`,
      type: p.type,
      hashtags: p.tags,
      categoryIds: p.cats.map((c) => categories[c]!._id),
      publishedAt: new Date(day0 + p.day * 86_400_000 + p.hourUtc * 3_600_000 + p.minute * 60_000),
      isPublished: p.published,
      engagement: withTotal(counters),
    };
  });
  if (posts.length) await ActivityModel.insertMany(posts);
  // One stats document per account and day (the unique index); generated keys are unique by (p, day) already,
  // but p wraps around the number of accounts.
  const seen = new Set<string>();
  const stats = ds.stats
    .map((s) => ({
      workspaceId,
      platformId: platformOf(s.p)._id,
      date: new Date(day0 + s.day * 86_400_000),
      ...(s.followers !== null ? { followers: s.followers } : {}),
      ...(s.profileViews !== null ? { profileViews: s.profileViews } : {}),
      ...(s.engagement !== null ? { engagement: s.engagement } : {}),
      ...(s.demographics ? { demographics: s.demographics } : {}),
    }))
    .filter((s) => {
      const k = `${s.platformId.toHexString()}|${s.date.getTime()}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  if (stats.length) await StatsModel.insertMany(stats);
  const snapshots = posts[0]
    ? ds.snapshots.map((s) => ({
        activityId: posts[0]!._id,
        platformId: posts[0]!.platformId,
        workspaceId,
        date: new Date(Math.floor(posts[0]!.publishedAt.getTime() / 86_400_000) * 86_400_000 + s.day * 86_400_000),
        engagement: { total: s.total },
      }))
    : [];
  if (snapshots.length) await ActivityMetricModel.insertMany(snapshots);

  const ref: RefData = {
    tz: ds.tz,
    platforms: platforms.map((p) => ({ id: p._id.toHexString(), type: p.type, followerCount: p.followerCount ?? null, createdAt: p.createdAt })),
    posts: posts.map((p) => ({
      id: p._id.toHexString(),
      platformId: p.platformId.toHexString(),
      type: p.type,
      hashtags: p.hashtags,
      categoryIds: p.categoryIds.map((c) => c.toHexString()),
      publishedAt: p.publishedAt,
      isPublished: p.isPublished,
      engagement: p.engagement,
    })),
    stats: stats.map((s) => ({ ...s, platformId: s.platformId.toHexString() })),
  };
  return { workspaceId, platforms, categories, posts, snapshots, ref };
}

describe('dashboard queries match a reference computation (property-based)', () => {
  it('overview, timeseries, breakdown, top posts, content types, hashtags, heatmap, demographics and decay', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, async (ds) => {
        const { workspaceId, platforms, categories, posts, snapshots, ref } = await insert(ds);
        const q = ds.query;
        const from = addDays(START, q.fromOffset);
        const to = addDays(from, q.length);
        const platformIds = q.platforms ? [...new Set(q.platforms.map((i) => platforms[i % platforms.length]!._id.toHexString()))] : undefined;
        const categoryIds = q.categories?.map((i) => categories[i]!._id.toHexString());
        const filter = { platformIds, categoryIds };
        const refQ = { from, to, platformIds, categoryIds, formula: q.formula };
        const formula = q.formula as EngagementRateFormula;
        const base = { range: { from, to }, filter, engagementRateFormula: formula };
        // An unlimited plan: these properties are about the numbers, the plan limits have their own suite.
        const req = { workspaceId, tz: ds.tz, tier: 'enterprise' as const };

        const o = await overview(req, { ...base, compare: q.compare });
        const ro = refOverview(ref, refQ, q.compare);
        const { comparisonRange, ...roNumbers } = ro;
        expect(o.comparisonRange).toEqual(comparisonRange);
        expectClose(o, roNumbers, 'overview');

        const ts = await timeseries(req, { ...base, metric: q.metric as TimeseriesMetric, granularity: q.granularity });
        expectClose(ts.points, refTimeseries(ref, refQ, q.metric, q.granularity), `timeseries(${q.metric}, ${q.granularity})`);

        const bd = await platformBreakdown(req, base);
        expectClose(bd, refBreakdown(ref, refQ), 'platformBreakdown');

        const normalizeBy = q.by === ActivityRankMetric.ENGAGEMENT_RATE ? FollowerNormalization.NONE : q.normalizeBy;
        const top = await topActivities(req, { ...base, by: q.by, normalizeBy, limit: q.limit });
        expectClose(
          top.map((t) => ({
            rank: t.rank,
            id: t.activity._id,
            value: t.value,
            followers: t.followers,
            followersBasis: t.followersBasis,
            normalizedValue: t.normalizedValue,
            engagementRate: t.engagementRate,
          })),
          refTop(ref, refQ, q.by, normalizeBy, q.limit),
          `topActivities(${q.by}, ${normalizeBy})`,
        );

        expectClose(await contentTypePerformance(req, base), refContentTypes(ref, refQ), 'contentTypePerformance');
        expectClose(await hashtagPerformance(req, { ...base, minPosts: q.minPosts, limit: 20 }), refHashtags(ref, refQ, q.minPosts, 20), 'hashtagPerformance');

        const heat = await bestTimesToPost(req, { ...base, minPosts: q.heatMinPosts });
        const rh = refBestTimes(ref, refQ, q.heatMinPosts);
        expectClose({ totalPosts: heat.totalPosts, accounts: heat.accounts, accountAverage: heat.accountAverage, cells: heat.cells }, rh, 'bestTimesToPost');
        // Recommended: own data, enough of it, a lower bound above the average; by that bound.
        const expectedBest = rh.cells
          .filter((c) => c.source === 'CELL' && c.posts >= 3 && c.low !== null && rh.accountAverage !== null && c.low > rh.accountAverage)
          .sort((a, b) => b.low! - a.low! || b.value! - a.value! || a.dayOfWeek - b.dayOfWeek || a.hour - b.hour)
          .slice(0, 3)
          .map((c) => ({ dayOfWeek: c.dayOfWeek, hour: c.hour }));
        expect(heat.best.map((c) => ({ dayOfWeek: c.dayOfWeek, hour: c.hour }))).toEqual(expectedBest);
        for (const c of heat.cells) {
          if (c.low !== null) expect(c.low).toBeGreaterThanOrEqual(0);
        }

        const demo = await audienceDemographics(req, { platformIds });
        const rd = refDemographics(ref, platformIds);
        expectClose(
          {
            platforms: demo.platforms.map((p) => ({ platformId: p.platformId, date: p.date, followers: p.followers, demographics: p.demographics })),
            merged: demo.merged && { ...demo.merged, genderSplit: demo.merged.genderSplit ?? null, locations: demo.merged.locations.map((l) => ({ ...l, city: l.city ?? null })) },
          },
          rd,
          'audienceDemographics',
        );

        if (posts[0]) {
          const decay = await postDecay(req, posts[0]._id.toHexString());
          expectClose(
            { ...decay, points: decay.points.map(({ impressions: _i, reach: _r, views: _v, ...p }) => p) },
            refDecay(posts[0].publishedAt, snapshots.map((s) => ({ date: s.date, total: s.engagement.total }))),
            'postDecay',
          );
        }
      }),
      // PROP_RUNS raises the count for a deeper local check.
      { numRuns: Number(process.env.PROP_RUNS ?? 25) },
    );
  }, 300_000);
});
