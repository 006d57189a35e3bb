import { TIER_LIMITS } from '@soash/shared';
import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivity, createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { ActivityMetricModel } from '../../activities/activity-metric.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { UserModel, type User } from '../../users/user.model.js';

/**
 * The plan's history limit on the analytics dashboard and the CSV export. Dates are relative to
 * today (UTC, the users' timezone) with a day of margin on each side of a limit, so a run that
 * crosses midnight gets the same answers.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type Gql = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const errorOf = (body: Gql) => body.errors?.[0];
const DAY = 24 * 3600 * 1000;
const daysAgo = (n: number, hour = 12) => {
  const d = new Date(Date.now() - n * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour));
};
const ymd = (n: number) => daysAgo(n).toISOString().slice(0, 10);

/** Every range-taking analytics operation, as one query each. */
const OPERATIONS: Array<[string, string]> = [
  ['overview', 'query($r: DateRangeInput!) { x: overview(input: { range: $r }) { posts { value } } }'],
  ['timeseries', 'query($r: DateRangeInput!) { x: timeseries(input: { range: $r, metric: POSTS }) { points { value } } }'],
  ['platformBreakdown', 'query($r: DateRangeInput!) { x: platformBreakdown(input: { range: $r }) { platformId } }'],
  ['topActivities', 'query($r: DateRangeInput!) { x: topActivities(input: { range: $r }) { rank } }'],
  ['contentTypePerformance', 'query($r: DateRangeInput!) { x: contentTypePerformance(input: { range: $r }) { posts } }'],
  ['hashtagPerformance', 'query($r: DateRangeInput!) { x: hashtagPerformance(input: { range: $r }) { minPosts } }'],
  ['bestTimesToPost', 'query($r: DateRangeInput!) { x: bestTimesToPost(input: { range: $r }) { totalPosts } }'],
  ['exportCsv', 'mutation($r: DateRangeInput!) { x: exportCsv(input: { report: POSTS, range: $r, delivery: INLINE }) { rowCount } }'],
];

async function userOn(tier: User['subscriptionTier']) {
  const u = await createUser({ subscriptionTier: tier });
  const platform = await createPlatform(u.user._id);
  return { ...u, platform };
}

async function postOn(workspaceId: Types.ObjectId, platformId: Types.ObjectId, n: number, likes = 1) {
  return createActivity(workspaceId, platformId, { publishedAt: daysAgo(n), engagement: { likes, total: likes, reach: 10 } });
}

describe('analytics limits: successful cases', () => {
  it('every analytics range may reach back the plan’s history; enterprise any distance', async () => {
    for (const tier of ['free', 'pro', 'enterprise'] as const) {
      const { token } = await userOn(tier);
      const days = TIER_LIMITS[tier].historyDays ?? 1000;
      for (const [name, query] of OPERATIONS) {
        const { body } = await server.gql(query, { r: { from: ymd(days), to: ymd(0) } }, token);
        expect(body.errors, `${tier} ${name}`).toBeUndefined();
      }
    }
  });

  it('overview compares with the previous period only when that period is within the plan’s history', async () => {
    const free = await userOn('free');
    const unlimited = await userOn('enterprise');
    for (const u of [free, unlimited]) {
      await postOn(u.user._id, u.platform._id, 5); // in the last 30 days
      await postOn(u.user._id, u.platform._id, 45); // in the 30 days before
      await postOn(u.user._id, u.platform._id, 100); // before the last 90 days
      await StatsModel.create({ workspaceId: u.user._id, platformId: u.platform._id, date: new Date(`${ymd(150)}T00:00:00Z`), followers: 10 });
      await StatsModel.create({ workspaceId: u.user._id, platformId: u.platform._id, date: new Date(`${ymd(2)}T00:00:00Z`), followers: 30 });
    }
    const Q = 'query($r: DateRangeInput!) { overview(input: { range: $r }) { comparisonRange { from to } posts { value previous delta } followers { value previous } } }';

    // 30 days against the 30 before: both inside 90 days.
    const short = await server.gql(Q, { r: { from: ymd(29), to: ymd(0) } }, free.token);
    expect(short.body.data!.overview.posts).toEqual({ value: 1, previous: 1, delta: 0 });

    // 90 days against the 90 before: the comparison would reach past the free plan.
    const long = await server.gql(Q, { r: { from: ymd(89), to: ymd(0) } }, free.token);
    expect(long.body.data!.overview.comparisonRange).toEqual({ from: ymd(179), to: ymd(90) });
    expect(long.body.data!.overview.posts).toEqual({ value: 2, previous: null, delta: null });
    expect(long.body.data!.overview.followers).toEqual({ value: 30, previous: null });
    const year = await server.gql('query($r: DateRangeInput!) { overview(input: { range: $r, compare: PREVIOUS_YEAR }) { posts { previous } } }', { r: { from: ymd(29), to: ymd(0) } }, free.token);
    expect(year.body.data!.overview.posts.previous).toBeNull();

    // The same on an unlimited plan: the older post and follower count are compared.
    const all = await server.gql(Q, { r: { from: ymd(89), to: ymd(0) } }, unlimited.token);
    expect(all.body.data!.overview.posts).toEqual({ value: 2, previous: 1, delta: 1 });
    expect(all.body.data!.overview.followers).toEqual({ value: 30, previous: 10 });
  });

  it('post decay and audience demographics show nothing older than the plan’s history', async () => {
    const { user, token, platform } = await userOn('free');
    const post = await postOn(user._id, platform._id, 200);
    await ActivityMetricModel.create([
      { workspaceId: user._id, platformId: platform._id, activityId: post._id, date: new Date(`${ymd(199)}T00:00:00Z`), engagement: { total: 5 } },
      { workspaceId: user._id, platformId: platform._id, activityId: post._id, date: new Date(`${ymd(10)}T00:00:00Z`), engagement: { total: 9 } },
    ]);
    const decay = await server.gql('query($id: ID!) { postDecay(activityId: $id) { points { date engagements } } }', { id: post._id.toHexString() }, token);
    expect(decay.body.data!.postDecay.points).toEqual([{ date: ymd(10), engagements: 9 }]);

    const demographics = { ageGroups: [{ range: '18-24', share: 1 }], locations: [] };
    await StatsModel.create({ workspaceId: user._id, platformId: platform._id, date: new Date(`${ymd(150)}T00:00:00Z`), followers: 1, demographics });
    const D = 'query($asOf: String) { audienceDemographics(input: { asOf: $asOf }) { platforms { date } } }';
    expect((await server.gql(D, {}, token)).body.data!.audienceDemographics.platforms).toEqual([]);
    await UserModel.updateOne({ _id: user._id }, { $set: { subscriptionTier: 'pro' } });
    expect((await server.gql(D, {}, token)).body.data!.audienceDemographics.platforms).toEqual([{ date: ymd(150) }]);
  });
});

describe('analytics limits: failing cases', () => {
  it('a range starting before the plan’s history is LIMIT_EXCEEDED naming range.from, for every operation', async () => {
    for (const tier of ['free', 'pro'] as const) {
      const { token } = await userOn(tier);
      const limit = TIER_LIMITS[tier].historyDays!;
      for (const [name, query] of OPERATIONS) {
        const { body } = await server.gql(query, { r: { from: ymd(limit + 3), to: ymd(0) } }, token);
        expect(body.data, `${tier} ${name}`).toBeNull();
        expect(errorOf(body)?.extensions, `${tier} ${name}`).toMatchObject({ code: 'LIMIT_EXCEEDED', limit, tier, field: 'range.from' });
        expect(errorOf(body)?.message, `${tier} ${name}`).toContain(`${limit} days of history`);
      }
    }
    const free = await userOn('free');
    const asOf = await server.gql('query($a: String) { audienceDemographics(input: { asOf: $a }) { merged { ageGroups { range } } } }', { a: ymd(120) }, free.token);
    expect(errorOf(asOf.body)?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 90, tier: 'free', field: 'asOf' });
  });

  it('a CSV download link stops working for ranges a downgrade no longer covers', async () => {
    const { user, token, platform } = await userOn('pro');
    await postOn(user._id, platform._id, 200);
    const created = await server.gql(
      'mutation($r: DateRangeInput!) { exportCsv(input: { report: POSTS, range: $r, delivery: DOWNLOAD }) { downloadUrl rowCount } }',
      { r: { from: ymd(300), to: ymd(0) } },
      token,
    );
    expect(created.body.data!.exportCsv.rowCount).toBe(1);
    const path = new URL(created.body.data!.exportCsv.downloadUrl).pathname;
    await UserModel.updateOne({ _id: user._id }, { $set: { subscriptionTier: 'free' } });
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('LIMIT_EXCEEDED');
  });
});
