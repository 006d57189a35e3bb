import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, createUser as createFixtureUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { ActivityMetricModel } from '../../activities/activity-metric.model.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { withTotal, type EngagementCounters } from '../../activities/engagement.model.js';
import { ContentCategoryModel } from '../../categories/category.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { CsvExportTicketModel } from '../csv-export.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

// Fixed dates in 2026: the users are on an unlimited plan, so the plan's history limit (tested in
// the subscriptions suite) stays out of the way.
const createUser = (overrides: Parameters<typeof createFixtureUser>[0] = {}) => createFixtureUser({ subscriptionTier: 'enterprise', ...overrides });

let seq = 0;
async function post(workspaceId: Types.ObjectId, platformId: Types.ObjectId, publishedAt: string, counters: EngagementCounters, extra: Record<string, unknown> = {}) {
  const doc = await ActivityModel.create({
    workspaceId,
    platformId,
    externalId: `p${++seq}`,
    type: 'image',
    publishedAt: new Date(publishedAt),
    engagement: withTotal(counters),
    ...extra,
  });
  return doc.toObject();
}

async function userIn(timezone: string) {
  const u = await createUser();
  await WorkspaceModel.updateOne({ _id: u.user._id }, { $set: { timezone } });
  return u;
}

const range = (from: string, to: string) => ({ from, to });

describe('analytics: successful cases', () => {
  it('buckets a post at 23:30 UTC on the next day for a user in UTC+2', async () => {
    const plus2 = await userIn('Etc/GMT-2');
    const utc = await userIn('UTC');
    for (const u of [plus2, utc]) {
      const p = await createPlatform(u.user._id);
      await post(u.user._id, p._id, '2026-01-05T23:30:00Z', { likes: 4, reach: 100 });
    }
    const q = `query($r: DateRangeInput!) {
      timeseries(input: { range: $r, metric: POSTS, granularity: DAY }) { timezone points { bucket value } }
      bestTimesToPost(input: { range: $r }) { cells { dayOfWeek hour posts } }
    }`;
    const a = await server.gql(q, { r: range('2026-01-05', '2026-01-06') }, plus2.token);
    expect(a.body.data!.timeseries).toEqual({ timezone: 'Etc/GMT-2', points: [{ bucket: '2026-01-05', value: 0 }, { bucket: '2026-01-06', value: 1 }] });
    expect(a.body.data!.bestTimesToPost.cells.filter((c: any) => c.posts > 0)).toEqual([{ dayOfWeek: 2, hour: 1, posts: 1 }]);
    const b = await server.gql(q, { r: range('2026-01-05', '2026-01-06') }, utc.token);
    expect(b.body.data!.timeseries.points).toEqual([{ bucket: '2026-01-05', value: 1 }, { bucket: '2026-01-06', value: 0 }]);
    expect(b.body.data!.bestTimesToPost.cells.filter((c: any) => c.posts > 0)).toEqual([{ dayOfWeek: 1, hour: 23, posts: 1 }]);
  });

  it('follows DST: the 23-hour day of the spring change in Europe/Berlin', async () => {
    const u = await userIn('Europe/Berlin');
    const p = await createPlatform(u.user._id);
    await post(u.user._id, p._id, '2026-03-28T22:59:00Z', { likes: 1 }); // 23:59 CET on the 28th
    await post(u.user._id, p._id, '2026-03-28T23:30:00Z', { likes: 1 }); // 00:30 CET on the 29th
    await post(u.user._id, p._id, '2026-03-29T01:30:00Z', { likes: 1 }); // 03:30 CEST (02:00-03:00 does not exist)
    await post(u.user._id, p._id, '2026-03-29T21:59:00Z', { likes: 1 }); // 23:59 CEST on the 29th
    await post(u.user._id, p._id, '2026-03-29T22:00:00Z', { likes: 1 }); // 00:00 CEST on the 30th
    const { body } = await server.gql(
      `{ timeseries(input: { range: { from: "2026-03-28", to: "2026-03-30" }, metric: POSTS }) { points { bucket value } }
         bestTimesToPost(input: { range: { from: "2026-03-29", to: "2026-03-29" } }) { totalPosts } }`,
      {},
      u.token,
    );
    expect(body.data!.timeseries.points.map((x: any) => x.value)).toEqual([1, 3, 1]);
    const hours = await ActivityModel.aggregate([
      { $match: { workspaceId: u.user._id } },
      { $project: { _id: 0, h: { $dateToString: { format: '%H', date: '$publishedAt', timezone: 'Europe/Berlin' } } } },
    ]);
    expect(hours.map((h) => h.h).sort()).toEqual(['00', '00', '03', '23', '23']);
  });

  it('overview: values, comparison and deltas; rates by the metric model by default, the alternatives on request, null without a denominator', async () => {
    const u = await userIn('UTC');
    const p = await createPlatform(u.user._id);
    // Previous period (Jan 1-7) and the range (Jan 8-14).
    await post(u.user._id, p._id, '2026-01-03T10:00:00Z', { likes: 10, reach: 200, impressions: 400 });
    await post(u.user._id, p._id, '2026-01-09T10:00:00Z', { likes: 30, comments: 10, reach: 400, impressions: 1000 });
    await post(u.user._id, p._id, '2026-01-10T10:00:00Z', { likes: 20, views: 900 });
    await StatsModel.create([
      { workspaceId: u.user._id, platformId: p._id, date: new Date('2025-12-31T00:00:00Z'), followers: 900 },
      { workspaceId: u.user._id, platformId: p._id, date: new Date('2026-01-07T00:00:00Z'), followers: 1000 },
      { workspaceId: u.user._id, platformId: p._id, date: new Date('2026-01-14T00:00:00Z'), followers: 1100 },
    ]);
    const q = `query($f: EngagementRateFormula) { overview(input: { range: { from: "2026-01-08", to: "2026-01-14" }, engagementRateFormula: $f }) {
      range { from to } comparisonRange { from to } compare timezone engagementRateFormula rateLabel ratePlatforms
      followers { value previous delta deltaPercent } followerGrowth { value previous delta } followerGrowthPercent { value previous }
      posts { value previous delta deltaPercent } engagements { value previous delta deltaPercent }
      impressions { value previous } reach { value previous } views { value previous } engagementRate { value previous delta }
    } }`;
    const byReach = await server.gql(q, {}, u.token);
    expect(byReach.body.errors).toBeUndefined();
    const o = byReach.body.data!.overview;
    expect(o.comparisonRange).toEqual({ from: '2026-01-01', to: '2026-01-07' });
    expect(o.compare).toBe('PREVIOUS_PERIOD');
    expect(o.engagementRateFormula).toBe('PLATFORM_DENOMINATOR');
    expect(o.rateLabel).toBe('engagement rate by reach');
    expect(o.ratePlatforms).toEqual(['INSTAGRAM']);
    expect(o.followers).toEqual({ value: 1100, previous: 1000, delta: 100, deltaPercent: 10 });
    expect(o.followerGrowth).toEqual({ value: 100, previous: 100, delta: 0 });
    expect(o.followerGrowthPercent.value).toBeCloseTo(10, 10);
    expect(o.followerGrowthPercent.previous).toBeCloseTo(100 / 9, 10);
    expect(o.posts).toEqual({ value: 2, previous: 1, delta: 1, deltaPercent: 100 });
    expect(o.engagements).toEqual({ value: 60, previous: 10, delta: 50, deltaPercent: 500 });
    expect(o.impressions).toEqual({ value: 1000, previous: 400 });
    expect(o.reach).toEqual({ value: 400, previous: 200 });
    expect(o.views).toEqual({ value: 900, previous: null });
    // By reach only the post that reports reach counts: 40 / 400.
    expect(o.engagementRate.value).toBeCloseTo(0.1, 12);
    expect(o.engagementRate.previous).toBeCloseTo(0.05, 12);
    const byReach2 = (await server.gql(q, { f: 'BY_REACH' }, u.token)).body.data!.overview;
    expect(byReach2.engagementRate).toEqual(o.engagementRate);
    expect(byReach2.rateLabel).toBe('engagement rate by reach (posts that report reach)');
    const byFollowers = await server.gql(q, { f: 'BY_FOLLOWERS' }, u.token);
    // Both posts use the 1000 followers of Jan 7 (the last count on or before their publish day).
    expect(byFollowers.body.data!.overview.engagementRate.value).toBeCloseTo(60 / 2000, 12);

    const none = await userIn('UTC');
    const np = await createPlatform(none.user._id);
    await post(none.user._id, np._id, '2026-01-09T10:00:00Z', { likes: 5 });
    const n = await server.gql(q, { f: 'BY_IMPRESSIONS' }, none.token);
    expect(n.body.data!.overview.engagementRate).toEqual({ value: null, previous: null, delta: null });
    expect(n.body.data!.overview.impressions).toEqual({ value: null, previous: 0 });
    expect(n.body.data!.overview.followers).toEqual({ value: null, previous: null, delta: null, deltaPercent: null });
  });

  it('overview across Instagram, TikTok and X: every account in the blended rate, each with its own denominator', async () => {
    const u = await userIn('UTC');
    const ig = await createPlatform(u.user._id);
    const tt = await createPlatform(u.user._id, { type: 'tiktok' });
    const x = await createPlatform(u.user._id, { type: 'twitter' });
    await post(u.user._id, ig._id, '2026-01-09T10:00:00Z', { likes: 40, reach: 400, impressions: 900 });
    await post(u.user._id, tt._id, '2026-01-10T10:00:00Z', { likes: 300, views: 2000 });
    await post(u.user._id, x._id, '2026-01-11T10:00:00Z', { likes: 6, impressions: 600 });
    const q = `query($f: EngagementRateFormula) {
      overview(input: { range: { from: "2026-01-08", to: "2026-01-14" }, engagementRateFormula: $f }) { rateLabel ratePlatforms engagementRate { value } }
      topActivities(input: { range: { from: "2026-01-08", to: "2026-01-14" }, by: ENGAGEMENT_RATE, engagementRateFormula: $f }) { value engagementRate rateLabel activity { id } }
      contentTypePerformance(input: { range: { from: "2026-01-08", to: "2026-01-14" }, engagementRateFormula: $f }) { postsWithRate rateLabel }
    }`;
    const model = (await server.gql(q, {}, u.token)).body.data!;
    expect(model.overview.engagementRate.value).toBeCloseTo((40 + 300 + 6) / (400 + 2000 + 600), 12);
    expect(model.overview.rateLabel).toBe('engagement rate by reach (Instagram), views (TikTok) and impressions (X)');
    expect(model.overview.ratePlatforms).toEqual(['INSTAGRAM', 'TIKTOK', 'TWITTER']);
    expect(model.topActivities.map((t: any) => [t.value, t.rateLabel])).toEqual([
      [0.15, 'engagement rate by views'],
      [0.1, 'engagement rate by reach'],
      [0.01, 'engagement rate by impressions'],
    ]);
    expect(model.topActivities.every((t: any) => t.value === t.engagementRate)).toBe(true);
    expect(model.contentTypePerformance).toEqual([{ postsWithRate: 3, rateLabel: model.overview.rateLabel }]);
    // The alternative view by reach covers only the posts that report reach, and says so.
    const byReach = (await server.gql(q, { f: 'BY_REACH' }, u.token)).body.data!;
    expect(byReach.overview.engagementRate.value).toBeCloseTo(0.1, 12);
    expect(byReach.overview.rateLabel).toBe('engagement rate by reach (posts that report reach)');
    expect(byReach.topActivities).toHaveLength(1);
  });

  it('timeseries: every bucket present, counts 0 and unknowns null; filters by account and category', async () => {
    const u = await userIn('UTC');
    const p1 = await createPlatform(u.user._id);
    const p2 = await createPlatform(u.user._id, { type: 'tiktok' });
    const cat = await ContentCategoryModel.create({ workspaceId: u.user._id, name: 'Tips', nameKey: 'tips', colorCode: '#00aa00' });
    await post(u.user._id, p1._id, '2026-01-06T10:00:00Z', { likes: 5 }, { categoryIds: [cat._id] });
    // TikTok's rate is by views (its reach, where a fixture has one, is not the denominator).
    await post(u.user._id, p2._id, '2026-01-20T10:00:00Z', { likes: 7, reach: 70, views: 50 });
    const q = `query($m: TimeseriesMetric!, $g: Granularity, $f: AnalyticsFilterInput) {
      timeseries(input: { range: { from: "2026-01-01", to: "2026-01-31" }, metric: $m, granularity: $g, filter: $f }) { points { bucket startDate endDate value } } }`;
    const weeks = await server.gql(q, { m: 'REACH', g: 'WEEK' }, u.token);
    expect(weeks.body.data!.timeseries.points).toEqual([
      { bucket: '2026-W01', startDate: '2026-01-01', endDate: '2026-01-04', value: 0 },
      { bucket: '2026-W02', startDate: '2026-01-05', endDate: '2026-01-11', value: null },
      { bucket: '2026-W03', startDate: '2026-01-12', endDate: '2026-01-18', value: 0 },
      { bucket: '2026-W04', startDate: '2026-01-19', endDate: '2026-01-25', value: 70 },
      { bucket: '2026-W05', startDate: '2026-01-26', endDate: '2026-01-31', value: 0 },
    ]);
    const byCategory = await server.gql(q, { m: 'ENGAGEMENTS', g: 'MONTH', f: { categoryIds: [cat._id.toHexString()] } }, u.token);
    expect(byCategory.body.data!.timeseries.points).toEqual([{ bucket: '2026-01', startDate: '2026-01-01', endDate: '2026-01-31', value: 5 }]);
    const byPlatform = await server.gql(q, { m: 'POSTS', g: 'MONTH', f: { platformIds: [p2._id.toHexString()] } }, u.token);
    expect(byPlatform.body.data!.timeseries.points[0].value).toBe(1);
    const rate = await server.gql(q, { m: 'ENGAGEMENT_RATE', g: 'WEEK' }, u.token);
    expect(rate.body.data!.timeseries.points.map((x: any) => x.value)).toEqual([null, null, null, 7 / 50, null]);
  });

  it('timeseries: engagement received per day from the daily account metrics, whatever day the posts were published', async () => {
    const u = await userIn('UTC');
    const instagram = await createPlatform(u.user._id);
    const tiktok = await createPlatform(u.user._id, { type: 'tiktok' });
    // One post published on the 5th keeps receiving engagement on the following days.
    await post(u.user._id, instagram._id, '2026-01-05T10:00:00Z', { likes: 90 });
    await StatsModel.create([
      { workspaceId: u.user._id, platformId: instagram._id, date: new Date('2026-01-05T00:00:00Z'), engagement: 40 },
      { workspaceId: u.user._id, platformId: instagram._id, date: new Date('2026-01-06T00:00:00Z'), engagement: 30 },
      { workspaceId: u.user._id, platformId: instagram._id, date: new Date('2026-01-07T00:00:00Z'), engagement: 20 },
      // TikTok reports no daily account engagement: the day stays unknown, not 0.
      { workspaceId: u.user._id, platformId: tiktok._id, date: new Date('2026-01-07T00:00:00Z'), followers: 10 },
    ]);
    const q = `query($m: TimeseriesMetric!) {
      timeseries(input: { range: { from: "2026-01-05", to: "2026-01-08" }, metric: $m }) { points { bucket value } } }`;
    const received = await server.gql(q, { m: 'ENGAGEMENTS_RECEIVED' }, u.token);
    expect(received.body.data!.timeseries.points).toEqual([
      { bucket: '2026-01-05', value: 40 },
      { bucket: '2026-01-06', value: 30 },
      { bucket: '2026-01-07', value: 20 },
      { bucket: '2026-01-08', value: null },
    ]);
    // By publish day, the same engagement sits on the 5th.
    const published = await server.gql(q, { m: 'ENGAGEMENTS' }, u.token);
    expect(published.body.data!.timeseries.points.map((p: { value: number }) => p.value)).toEqual([90, 0, 0, 0]);
  });

  it('platform breakdown, content types, hashtags and top posts normalised by followers', async () => {
    const u = await userIn('UTC');
    const big = await createPlatform(u.user._id, { displayName: 'Big' });
    const small = await createPlatform(u.user._id, { displayName: 'Small', type: 'tiktok' });
    await StatsModel.create([
      { workspaceId: u.user._id, platformId: big._id, date: new Date('2026-02-01T00:00:00Z'), followers: 10_000 },
      { workspaceId: u.user._id, platformId: small._id, date: new Date('2026-02-01T00:00:00Z'), followers: 100 },
    ]);
    const a = await post(u.user._id, big._id, '2026-02-02T09:00:00Z', { likes: 500, reach: 5000 }, { type: 'reel', hashtags: ['launch', 'tips'] });
    const b = await post(u.user._id, small._id, '2026-02-03T09:00:00Z', { likes: 50, reach: 200, views: 200 }, { type: 'image', hashtags: ['launch'] });
    const c = await post(u.user._id, big._id, '2026-02-04T09:00:00Z', { likes: 100, reach: 4000 }, { type: 'image', hashtags: ['tips'] });
    const r = { from: '2026-02-01', to: '2026-02-28' };
    const { body } = await server.gql(
      `query($r: DateRangeInput!) {
        platformBreakdown(input: { range: $r }) { platformId platformType displayName platform { id displayName } followers posts engagements reach engagementRate rateLabel shareOfEngagements }
        contentTypePerformance(input: { range: $r }) { contentType posts shareOfPosts engagements averageEngagements medianEngagementRate lift postsWithRate }
        hashtagPerformance(input: { range: $r, minPosts: 2 }) { baselineMedianEngagementRate postsWithRate minPosts hashtags { hashtag posts medianEngagementRate lift successRate } }
        raw: topActivities(input: { range: $r, limit: 2 }) { rank value activity { id } }
        perFollower: topActivities(input: { range: $r, normalizeBy: FOLLOWERS_AT_PUBLISH }) { rank value followers followersBasis normalizedValue engagementRate rateLabel activity { id } }
      }`,
      { r },
      u.token,
    );
    expect(body.errors).toBeUndefined();
    const d = body.data!;
    expect(d.platformBreakdown).toEqual([
      { platformId: big._id.toHexString(), platformType: 'INSTAGRAM', displayName: 'Big', platform: { id: big._id.toHexString(), displayName: 'Big' }, followers: 10_000, posts: 2, engagements: 600, reach: 9000, engagementRate: 600 / 9000, rateLabel: 'engagement rate by reach', shareOfEngagements: 600 / 650 },
      { platformId: small._id.toHexString(), platformType: 'TIKTOK', displayName: 'Small', platform: { id: small._id.toHexString(), displayName: 'Small' }, followers: 100, posts: 1, engagements: 50, reach: 200, engagementRate: 0.25, rateLabel: 'engagement rate by views', shareOfEngagements: 50 / 650 },
    ]);
    // Rates: a 0.1 and c 0.025 on Big (its median 0.0625), b 0.25 on Small (its median 0.25); the user's median 0.1.
    // Lift is measured within each account: a 1.6, b 1, c 0.4 times its own account's median. Pooled,
    // the TikTok image (b) would make images look 1.4× better than the typical post.
    expect(d.contentTypePerformance).toEqual([
      { contentType: 'IMAGE', posts: 2, shareOfPosts: 2 / 3, engagements: 150, averageEngagements: 75, medianEngagementRate: (0.25 + 0.025) / 2, lift: expect.closeTo(0.7, 12), postsWithRate: 2 },
      { contentType: 'REEL', posts: 1, shareOfPosts: 1 / 3, engagements: 500, averageEngagements: 500, medianEngagementRate: 0.1, lift: expect.closeTo(1.6, 12), postsWithRate: 1 },
    ]);
    expect(d.hashtagPerformance.baselineMedianEngagementRate).toBeCloseTo(0.1, 12);
    expect(d.hashtagPerformance.hashtags.map((h: any) => [h.hashtag, h.posts, h.successRate])).toEqual([
      ['launch', 2, 0.5],
      ['tips', 2, 0.5],
    ]);
    expect(d.hashtagPerformance.hashtags.map((h: any) => h.lift)).toEqual([expect.closeTo(1.3, 12), expect.closeTo(1, 12)]);
    expect(d.raw.map((t: any) => [t.rank, t.value, t.activity.id])).toEqual([
      [1, 500, a._id.toHexString()],
      [2, 100, c._id.toHexString()],
    ]);
    // Per follower the small account's post wins: 50 / 100 against 500 / 10 000.
    // The TikTok post's own rate is by views, and says so.
    expect(d.perFollower[0]).toEqual({
      rank: 1,
      value: 50,
      followers: 100,
      followersBasis: 'AT_PUBLISH',
      normalizedValue: 0.5,
      engagementRate: 0.25,
      rateLabel: 'engagement rate by views',
      activity: { id: b._id.toHexString() },
    });
  });

  it('best times: enough posts make a CELL with an interval; thin cells fall back and say so', async () => {
    const u = await userIn('UTC');
    const p = await createPlatform(u.user._id);
    // Three Monday 09:xx posts, one Tuesday 09:xx, one Wednesday 15:xx.
    for (const [t, likes] of [
      ['2026-03-02T09:10:00Z', 10],
      ['2026-03-09T09:20:00Z', 20],
      ['2026-03-16T09:30:00Z', 30],
      ['2026-03-03T09:00:00Z', 40],
      ['2026-03-04T15:00:00Z', 50],
    ] as const) {
      await post(u.user._id, p._id, t, { likes, reach: 100 });
    }
    const { body } = await server.gql(
      `{ bestTimesToPost(input: { range: { from: "2026-03-01", to: "2026-03-31" }, minPosts: 3 }) {
          minPosts confidenceLevel totalPosts accountAverage best { dayOfWeek hour }
          cells { dayOfWeek hour posts cellAverage source sourcePosts value low high } } }`,
      {},
      u.token,
    );
    const b = body.data!.bestTimesToPost;
    const cell = (dow: number, hour: number) => b.cells.find((c: any) => c.dayOfWeek === dow && c.hour === hour);
    expect(b.cells).toHaveLength(168);
    expect(b.totalPosts).toBe(5);
    expect(b.accountAverage).toBeCloseTo(0.3, 12);
    const mon9 = cell(1, 9);
    expect(mon9).toMatchObject({ posts: 3, source: 'CELL', sourcePosts: 3 });
    expect(mon9.value).toBeCloseTo(0.2, 12);
    // mean 0.2, sd 0.1, t(0.975, 2) = 4.302653: 0.2 ± 0.248414
    expect(mon9.high - mon9.value).toBeCloseTo((4.302653 * 0.1) / Math.sqrt(3), 5);
    expect(cell(2, 9)).toMatchObject({ posts: 1, source: 'HOUR', sourcePosts: 4 });
    expect(cell(2, 9).cellAverage).toBeCloseTo(0.4, 12);
    expect(cell(2, 9).value).toBeCloseTo(0.25, 12);
    expect(cell(3, 15)).toMatchObject({ posts: 1, source: 'ACCOUNT', sourcePosts: 5 });
    expect(cell(7, 0)).toMatchObject({ posts: 0, cellAverage: null, source: 'ACCOUNT', sourcePosts: 5 });
    // Monday 09:00 has its own posts, but its 0.2 is below the 0.3 average: never recommended.
    expect(b.best).toEqual([]);
  });

  it('best times: recommends only slots whose lower bound beats the average, with enough posts, by that bound', async () => {
    const u = await userIn('UTC');
    const p = await createPlatform(u.user._id);
    const at = (week: number, dow: number, hour: number) => new Date(Date.UTC(2026, 2, 2 + 7 * week + (dow - 1), hour, 5)).toISOString();
    // Tuesday 18:00: five posts at 0.12-0.13; Wednesday 20:00: six at 0.11-0.12; Friday 08:00 and
    // Monday 09:00: five each below the average; Thursday 12:00: four at 0.2 (too few to recommend).
    const plan: Array<[number, number, number[]]> = [
      [2, 18, [12, 13, 12, 13, 12]],
      [3, 20, [11, 12, 11, 12, 11, 12]],
      [5, 8, [5, 9, 7, 8, 6]],
      [1, 9, [1, 5, 3, 2, 4]],
      [4, 12, [20, 20, 20, 20]],
    ];
    for (const [dow, hour, likes] of plan) for (const [w, l] of likes.entries()) await post(u.user._id, p._id, at(w, dow, hour), { likes: l, reach: 100 });
    const { body } = await server.gql(
      `{ bestTimesToPost(input: { range: { from: "2026-03-01", to: "2026-04-30" } }) {
          minPosts totalPosts accounts accountAverage rateLabel best { dayOfWeek hour posts value low }
          cells { dayOfWeek hour low high value } } }`,
      {},
      u.token,
    );
    expect(body.errors).toBeUndefined();
    const b = body.data!.bestTimesToPost;
    expect(b).toMatchObject({ minPosts: 5, totalPosts: 25, accounts: 1, rateLabel: 'engagement rate by reach' });
    const avg = (62 + 69 + 35 + 15 + 80) / 25 / 100;
    expect(b.accountAverage).toBeCloseTo(avg, 12);
    // Both good slots, ordered by the lower bound the list shows; Thursday's four posts are not enough.
    expect(b.best.map((c: any) => [c.dayOfWeek, c.hour])).toEqual([
      [2, 18],
      [3, 20],
    ]);
    expect(b.best[0].low).toBeGreaterThan(b.best[1].low);
    for (const c of b.best) {
      expect(c.low).toBeGreaterThan(avg);
      expect(c.posts).toBeGreaterThanOrEqual(5);
    }
    for (const c of b.cells) if (c.low !== null) expect(c.low).toBeGreaterThanOrEqual(0);
  });

  it('best times: each account against its own average, every platform counted (never pooling accounts)', async () => {
    const u = await userIn('UTC');
    const tiktok = await createPlatform(u.user._id, { type: 'tiktok' });
    const insta = await createPlatform(u.user._id);
    const x = await createPlatform(u.user._id, { type: 'twitter' });
    const at = (day: number, hour: number) => new Date(Date.UTC(2026, 2, 2 + day, hour, 10)).toISOString();
    // TikTok (by views) posts only on Monday 09:00 and at a high rate; it has no better or worse slot.
    for (const [w, l] of [18, 20, 22, 19, 21, 20].entries()) await post(u.user._id, tiktok._id, at(7 * w, 9), { likes: l, views: 100 });
    // Instagram and X at a low rate, spread so that no slot of theirs has five posts.
    for (let i = 0; i < 24; i++) {
      await post(u.user._id, insta._id, at(i, i % 24), { likes: 2 + (i % 3), reach: 100 });
      await post(u.user._id, x._id, at(i, (i + 5) % 24), { likes: 1 + (i % 2), impressions: 100 });
    }
    const { body } = await server.gql(
      `{ bestTimesToPost(input: { range: { from: "2026-03-01", to: "2026-04-30" } }) {
          totalPosts accounts rateLabel best { dayOfWeek hour } cells { dayOfWeek hour posts value low } } }`,
      {},
      u.token,
    );
    expect(body.errors).toBeUndefined();
    const b = body.data!.bestTimesToPost;
    expect(b.totalPosts).toBe(54);
    expect(b.accounts).toBe(3);
    expect(b.rateLabel).toBe('engagement rate by reach (Instagram), views (TikTok) and impressions (X)');
    // Pooled, Monday 09:00 would be 20 % against a 4 % average; within TikTok it is just average.
    const mon9 = b.cells.find((c: any) => c.dayOfWeek === 1 && c.hour === 9);
    expect(mon9.posts).toBeGreaterThanOrEqual(6);
    expect(b.best).toEqual([]);
  });

  it('audience demographics: the latest per account and merged by followers', async () => {
    const u = await userIn('UTC');
    const p1 = await createPlatform(u.user._id);
    const p2 = await createPlatform(u.user._id);
    await StatsModel.create([
      { workspaceId: u.user._id, platformId: p1._id, date: new Date('2026-01-01T00:00:00Z'), followers: 100, demographics: { ageGroups: [{ range: '18-24', share: 1 }], locations: [] } },
      { workspaceId: u.user._id, platformId: p1._id, date: new Date('2026-01-02T00:00:00Z'), followers: 300, demographics: { ageGroups: [{ range: '18-24', share: 0.5 }, { range: '25-34', share: 0.5 }], genderSplit: { female: 0.6, male: 0.4 }, locations: [{ country: 'DE', share: 1 }] } },
      { workspaceId: u.user._id, platformId: p1._id, date: new Date('2026-01-03T00:00:00Z'), followers: 310 },
      { workspaceId: u.user._id, platformId: p2._id, date: new Date('2026-01-02T00:00:00Z'), followers: 100, demographics: { ageGroups: [{ range: '25-34', share: 1 }], genderSplit: { female: 0.2, male: 0.8 }, locations: [{ country: 'US', share: 1 }] } },
    ]);
    const { body } = await server.gql(
      `{ audienceDemographics { platforms { platformId date followers platform { id } demographics { ageGroups { range share } } }
          merged { ageGroups { range share } genderSplit { female male other } locations { country city share } } } }`,
      {},
      u.token,
    );
    const a = body.data!.audienceDemographics;
    expect(a.platforms.map((x: any) => [x.platformId, x.date, x.followers])).toEqual([
      [p1._id.toHexString(), '2026-01-02', 300],
      [p2._id.toHexString(), '2026-01-02', 100],
    ]);
    expect(a.merged.ageGroups).toEqual([
      { range: '18-24', share: 0.375 },
      { range: '25-34', share: 0.625 },
    ]);
    expect(a.merged.genderSplit.female).toBeCloseTo(0.5, 12);
    expect(a.merged.genderSplit.other).toBeNull();
    expect(a.merged.locations).toEqual([
      { country: 'DE', city: null, share: 0.75 },
      { country: 'US', city: null, share: 0.25 },
    ]);
    const one = await server.gql('query($ids: [ID!]) { audienceDemographics(input: { platformIds: $ids }) { platforms { platformId } } }', { ids: [p2._id.toHexString()] }, u.token);
    expect(one.body.data!.audienceDemographics.platforms).toEqual([{ platformId: p2._id.toHexString() }]);
  });

  it('post decay from daily snapshots', async () => {
    const u = await userIn('UTC');
    const p = await createPlatform(u.user._id);
    const a = await post(u.user._id, p._id, '2026-01-10T18:00:00Z', { likes: 100 });
    const totals = [40, 70, 90, 100];
    await ActivityMetricModel.create(
      totals.map((t, i) => ({ activityId: a._id, platformId: p._id, workspaceId: u.user._id, date: new Date(Date.UTC(2026, 0, 10 + i)), engagement: { total: t, reach: t * 10 } })),
    );
    const { body } = await server.gql(
      'query($id: ID!) { postDecay(activityId: $id) { activity { id } latestEngagements halfLifeDays daysTo90Percent points { date day engagements engagementsGained shareOfLatest reach } } }',
      { id: a._id.toHexString() },
      u.token,
    );
    const d = body.data!.postDecay;
    expect(d.activity.id).toBe(a._id.toHexString());
    expect(d.latestEngagements).toBe(100);
    expect(d.halfLifeDays).toBe(1);
    expect(d.daysTo90Percent).toBe(2);
    expect(d.points.map((x: any) => [x.date, x.day, x.engagements, x.engagementsGained, x.shareOfLatest])).toEqual([
      ['2026-01-10', 0, 40, 40, 0.4],
      ['2026-01-11', 1, 70, 30, 0.7],
      ['2026-01-12', 2, 90, 20, 0.9],
      ['2026-01-13', 3, 100, 10, 1],
    ]);
  });

  it('reads the viewer’s timezone once per request (with the account, in one command)', async () => {
    const u = await userIn('Asia/Kolkata');
    const seen: string[] = [];
    const listener = (ev: { command: Record<string, unknown> }) => {
      if (ev.command.find === 'user_profiles' || ev.command.find === 'users') seen.push('find');
      if (ev.command.aggregate === 'users') seen.push('aggregate users');
    };
    const client = mongoose.connection.getClient();
    client.on('commandStarted', listener);
    try {
      const { body } = await server.gql(
        `{ a: overview(input: { range: { from: "2026-01-01", to: "2026-01-31" } }) { timezone }
           b: timeseries(input: { range: { from: "2026-01-01", to: "2026-01-31" }, metric: POSTS }) { timezone }
           c: bestTimesToPost(input: { range: { from: "2026-01-01", to: "2026-01-31" } }) { timezone } }`,
        {},
        u.token,
      );
      expect([body.data!.a.timezone, body.data!.b.timezone, body.data!.c.timezone]).toEqual(['Asia/Kolkata', 'Asia/Kolkata', 'Asia/Kolkata']);
    } finally {
      client.off('commandStarted', listener);
    }
    expect(seen).toEqual(['aggregate users']);
  });
});

describe('analytics: CSV export', () => {
  const EXPORT = `mutation($input: ExportCsvInput!) { exportCsv(input: $input) { report filename rowCount csv downloadUrl expiresAt } }`;

  it('returns small reports inline, escaping cells a spreadsheet would run as formulas', async () => {
    const u = await userIn('UTC');
    const p = await createPlatform(u.user._id, { displayName: '@brand' });
    await post(u.user._id, p._id, '2026-01-09T10:00:00Z', { likes: 3, reach: 30 }, { content: '=HYPERLINK("http://evil","x"), ok', hashtags: ['a'] });
    await post(u.user._id, p._id, '2026-01-08T10:00:00Z', { likes: 1 }, { content: '+1 -2 @me\nsecond line' });
    const posts = await server.gql(EXPORT, { input: { report: 'POSTS', range: range('2026-01-01', '2026-01-31') } }, u.token);
    const e = posts.body.data!.exportCsv;
    expect(e).toMatchObject({ report: 'POSTS', filename: 'soash-posts-2026-01-01_2026-01-31.csv', rowCount: 2, downloadUrl: null, expiresAt: null });
    const lines = e.csv.split('\r\n');
    expect(lines[0]).toBe('# Soash posts export: 2026-01-01 to 2026-01-31 (both days included); timezone UTC; engagement rate platform_denominator');
    expect(lines[1]).toBe(
      'id,platform,account,published_at_utc,published_local,type,permalink,caption,hashtags,likes,comments,shares,saves,impressions,reach,views,engagements,engagement_rate,engagement_rate_by',
    );
    expect(lines[2]).toContain(`,instagram,'@brand,2026-01-09T10:00:00.000Z,2026-01-09 10:00,image,,"'=HYPERLINK(""http://evil"",""x""), ok",#a,3,,,,,30,,3,0.1,reach`);
    expect(e.csv).toContain(`"'+1 -2 @me\nsecond line"`);

    const overview = await server.gql(EXPORT, { input: { report: 'OVERVIEW', range: range('2026-01-08', '2026-01-14') } }, u.token);
    const [headline, header, values] = overview.body.data!.exportCsv.csv.split('\r\n');
    expect(headline).toBe('# Soash overview export: 2026-01-08 to 2026-01-14 (both days included); timezone UTC; compared with the previous period; engagement rate platform_denominator');
    // One row, one column per metric and part: every column holds one unit.
    const cells = Object.fromEntries(header!.split(',').map((h: string, i: number) => [h, values!.split(',')[i]]));
    expect(header!.split(',').slice(0, 8)).toEqual(['followers', 'followers_previous', 'followers_delta', 'followers_delta_percent', 'follower_growth', 'follower_growth_previous', 'follower_growth_delta', 'follower_growth_delta_percent']);
    expect(cells).toMatchObject({ followers: '', posts: '2', posts_previous: '0', posts_delta: '2', posts_delta_percent: '', engagement_rate: '0.1' });
    const ts = await server.gql(EXPORT, { input: { report: 'TIMESERIES', metric: 'POSTS', granularity: 'WEEK', range: range('2026-01-01', '2026-01-14') } }, u.token);
    expect(ts.body.data!.exportCsv.csv).toBe(
      '# Soash timeseries export: 2026-01-01 to 2026-01-14 (both days included); timezone UTC; posts per week; engagement rate platform_denominator\r\nbucket,start_date,end_date,posts\r\n2026-W01,2026-01-01,2026-01-04,0\r\n2026-W02,2026-01-05,2026-01-11,2\r\n2026-W03,2026-01-12,2026-01-14,0\r\n',
    );
  });

  it('streams large exports from a short-lived link, only to the same user', async () => {
    const u = await userIn('UTC');
    const p = await createPlatform(u.user._id);
    const base = Date.parse('2026-02-01T00:00:00Z');
    await ActivityModel.insertMany(
      Array.from({ length: 520 }, (_, i) => ({
        workspaceId: u.user._id,
        platformId: p._id,
        externalId: `bulk-${i}`,
        type: 'image',
        publishedAt: new Date(base + i * 3_600_000),
        engagement: withTotal({ likes: i, reach: 1000 }),
      })),
    );
    const { body } = await server.gql(EXPORT, { input: { report: 'POSTS', range: range('2026-02-01', '2026-02-28') } }, u.token);
    const e = body.data!.exportCsv;
    expect(e).toMatchObject({ rowCount: 520, csv: null });
    expect(new Date(e.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const path = new URL(e.downloadUrl).pathname;
    expect(path).toMatch(/^\/exports\/[A-Za-z0-9_-]{43}$/);

    const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${u.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="soash-posts-2026-02-01_2026-02-28.csv"');
    const text = await res.text();
    const rows = text.trimEnd().split('\r\n');
    expect(rows).toHaveLength(522);
    // Newest first.
    expect(rows[2]).toContain(',2026-02-22T15:00:00.000Z,');

    const other = await createUser();
    const theirs = await fetch(server.url + path, { headers: { authorization: `Bearer ${other.token}` } });
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Export not found' } });
    const anonymous = await fetch(server.url + path);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${server.url}/exports/${'x'.repeat(43)}`, { headers: { authorization: `Bearer ${u.token}` } });
    expect(wrong.status).toBe(404);

    // The token is stored only as a hash, and stops working when it expires.
    const token = path.split('/').pop()!;
    expect(await CsvExportTicketModel.countDocuments({ tokenHash: token })).toBe(0);
    await CsvExportTicketModel.updateMany({ workspaceId: u.user._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await fetch(server.url + path, { headers: { authorization: `Bearer ${u.token}` } });
    expect(expired.status).toBe(404);

    const forced = await server.gql(EXPORT, { input: { report: 'OVERVIEW', range: range('2026-02-01', '2026-02-28'), delivery: 'DOWNLOAD' } }, u.token);
    const ov = await fetch(server.url + new URL(forced.body.data!.exportCsv.downloadUrl).pathname, { headers: { authorization: `Bearer ${u.token}` } });
    const [, ovHeader, ovValues] = (await ov.text()).split('\r\n');
    const posts = ovHeader!.split(',').indexOf('posts');
    expect(ovValues!.split(',').slice(posts, posts + 4)).toEqual(['520', '0', '520', '']);
  });
});

describe('analytics: CSV export honours the posts page filters', () => {
  const EXPORT = `mutation($input: ExportCsvInput!) { exportCsv(input: $input) { rowCount csv } }`;
  const LIST = `query($f: ActivityFilter) { activities(filter: $f, first: 100) { totalCount edges { node { id } } } }`;

  it('type, hashtag, search, hours and weekdays select exactly the posts the list shows, and the first row says so', async () => {
    const u = await userIn('Europe/Berlin');
    const p = await createPlatform(u.user._id);
    // 2026-01-05 is a Monday. 17:30 UTC is 18:30 in Berlin (CET).
    const a = await post(u.user._id, p._id, '2026-01-05T17:30:00Z', { likes: 5, reach: 50 }, { type: 'reel', hashtags: ['launch'], content: 'Big Launch day' });
    await post(u.user._id, p._id, '2026-01-05T17:40:00Z', { likes: 5 }, { type: 'image', hashtags: ['launch'], content: 'Launch photo' });
    await post(u.user._id, p._id, '2026-01-05T08:00:00Z', { likes: 5 }, { type: 'reel', hashtags: ['launch'], content: 'Morning launch' });
    await post(u.user._id, p._id, '2026-01-06T17:30:00Z', { likes: 5 }, { type: 'reel', hashtags: ['launch'], content: 'Tuesday launch' });
    await post(u.user._id, p._id, '2026-01-05T17:50:00Z', { likes: 5 }, { type: 'reel', hashtags: ['tea'], content: 'Launch tea' });
    await post(u.user._id, p._id, '2026-01-05T17:55:00Z', { likes: 5 }, { type: 'reel', hashtags: ['launch'], content: 'Nothing to see' });
    const posts = { types: ['REEL'], hashtag: '#Launch', search: 'launch', hours: [18], weekdays: [1] };
    const { body } = await server.gql(EXPORT, { input: { report: 'POSTS', range: range('2026-01-01', '2026-01-31'), posts } }, u.token);
    expect(body.errors).toBeUndefined();
    const lines = body.data!.exportCsv.csv.trimEnd().split('\r\n');
    expect(body.data!.exportCsv.rowCount).toBe(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      '"# Soash posts export: 2026-01-01 to 2026-01-31 (both days included); timezone Europe/Berlin; type reel; hashtag #launch; caption contains ""launch""; hours 18; weekdays 1; engagement rate platform_denominator"',
    );
    expect(lines[2]!.startsWith(`${a._id.toHexString()},`)).toBe(true);
    // The local time column is in the timezone the first row names.
    expect(lines[2]).toContain(',2026-01-05T17:30:00.000Z,2026-01-05 18:30,reel,');
    // The same filters on the posts list find the same post.
    const list = await server.gql(LIST, { f: { ...posts, from: '2026-01-01T00:00:00+01:00', to: '2026-01-31T23:59:59+01:00' } }, u.token);
    expect(list.body.data!.activities.edges.map((e: any) => e.node.id)).toEqual([a._id.toHexString()]);
  });

  it('posts filters on another report, an empty hashtag or an hour out of range are BAD_USER_INPUT naming the field', async () => {
    const u = await userIn('UTC');
    for (const [input, field] of [
      [{ report: 'OVERVIEW', posts: { types: ['REEL'] } }, 'posts'],
      [{ report: 'POSTS', posts: { hashtag: ' # ' } }, 'posts.hashtag'],
    ] as const) {
      const { body } = await server.gql(EXPORT, { input: { ...input, range: range('2026-01-01', '2026-01-31') } }, u.token);
      expect(body.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const { body } = await server.gql(EXPORT, { input: { report: 'POSTS', range: range('2026-01-01', '2026-01-31'), posts: { hours: [24] } } }, u.token);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'posts.hours' }] });
  });
});

describe('analytics: failing cases', () => {
  const TS = `query($input: TimeseriesInput!) { timeseries(input: $input) { metric } }`;

  it('rejects bad ranges naming the field', async () => {
    const u = await userIn('UTC');
    const cases: Array<[Record<string, string>, string]> = [
      [range('2026-02-01', '2026-01-01'), 'range.from'],
      [range('2026-02-30', '2026-03-01'), 'range.from'],
      [range('2026-01-01', '2026-13-01'), 'range.to'],
      [range('2020-01-01', '2026-01-01'), 'range'],
    ];
    for (const [r, field] of cases) {
      const { body } = await server.gql(TS, { input: { range: r, metric: 'POSTS' } }, u.token);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const malformed = await server.gql(TS, { input: { range: range('2026-1-1', '2026-01-02'), metric: 'POSTS' } }, u.token);
    expect(malformed.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'range.from' }] });
  });

  it('rejects an unknown metric and out-of-range arguments', async () => {
    const u = await userIn('UTC');
    const unknown = await server.gql(TS, { input: { range: range('2026-01-01', '2026-01-02'), metric: 'FOLLOWERZ' } }, u.token);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknown.body.errors?.[0]?.message).toContain('input.metric');
    const limit = await server.gql('{ topActivities(input: { range: { from: "2026-01-01", to: "2026-01-02" }, limit: 500 }) { rank } }', {}, u.token);
    expect(limit.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'limit' }] });
    const normalise = await server.gql(
      '{ topActivities(input: { range: { from: "2026-01-01", to: "2026-01-02" }, by: ENGAGEMENT_RATE, normalizeBy: FOLLOWERS_LATEST }) { rank } }',
      {},
      u.token,
    );
    expect(normalise.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'normalizeBy' });
    const csv = await server.gql('mutation { exportCsv(input: { report: TIMESERIES, range: { from: "2026-01-01", to: "2026-01-02" } }) { csv } }', {}, u.token);
    expect(csv.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'metric' });
  });

  it('answers another user’s account, category or post like a missing one', async () => {
    const owner = await userIn('UTC');
    const other = await userIn('UTC');
    const p = await createPlatform(owner.user._id);
    const cat = await ContentCategoryModel.create({ workspaceId: owner.user._id, name: 'X', nameKey: 'x', colorCode: '#123456' });
    const a = await post(owner.user._id, p._id, '2026-01-05T10:00:00Z', { likes: 1 });
    const r = range('2026-01-01', '2026-01-31');
    const platform = await server.gql(TS, { input: { range: r, metric: 'POSTS', filter: { platformIds: [p._id.toHexString()] } } }, other.token);
    expect(platform.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    const category = await server.gql(TS, { input: { range: r, metric: 'POSTS', filter: { categoryIds: [cat._id.toHexString()] } } }, other.token);
    expect(category.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    const decay = 'query($id: ID!) { postDecay(activityId: $id) { latestEngagements } }';
    const theirs = await server.gql(decay, { id: a._id.toHexString() }, other.token);
    const missing = await server.gql(decay, { id: new Types.ObjectId().toHexString() }, other.token);
    expect(theirs.body.errors?.[0]).toMatchObject({ message: 'Activity not found', extensions: { code: 'NOT_FOUND' } });
    expect(missing.body.errors?.[0]?.message).toBe(theirs.body.errors?.[0]?.message);
    const bad = await server.gql(decay, { id: 'nope' }, other.token);
    expect(bad.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'activityId' });
    const badFilter = await server.gql(TS, { input: { range: r, metric: 'POSTS', filter: { platformIds: ['nope'] } } }, other.token);
    expect(badFilter.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.platformIds' });
    // The owner still sees their data.
    const mine = await server.gql(TS.replace('{ metric }', '{ points { value } }'), { input: { range: r, metric: 'POSTS', granularity: 'MONTH' } }, owner.token);
    expect(mine.body.data!.timeseries.points[0].value).toBe(1);
  });

  it('needs a signed-in viewer', async () => {
    const { body } = await server.gql('{ overview(input: { range: { from: "2026-01-01", to: "2026-01-02" } }) { timezone } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
