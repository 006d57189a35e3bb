import { TIER_LIMITS } from '@soash/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createActivity, createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { errorOf, useTestServer } from '../../../../test/helpers/server.js';
import { forbidden } from '../../../lib/errors.js';
import { ActivityMetricModel } from '../../activities/activity-metric.model.js';
import { PlatformModel } from '../../platforms/platform.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { UserModel, type User } from '../../users/user.model.js';
import { noPaymentProvider, setPaymentProvider, type PlanChangeRequest } from '../payment-provider.js';
import { historyStart } from '../plan-limits.js';

// Connecting a sandbox account queues its backfill; nothing here runs it.
const server = useTestServer();
afterEach(() => {
  setPaymentProvider(noPaymentProvider);
});

const DAY = 24 * 3600 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const iso = (d: Date) => d.toISOString();

const CHANGE = 'mutation($tier: SubscriptionTier!) { changeSubscription(tier: $tier) { id subscriptionTier subscriptionStatus plan { tier maxPlatforms historyDays priceCents } } }';
const STATS = 'query($p: ID!, $from: DateTime!, $to: DateTime!) { stats(platformId: $p, from: $from, to: $to) { date } }';
const LIST = 'query($filter: ActivityFilter) { activities(filter: $filter, first: 100) { totalCount edges { node { id } } } }';
const METRICS = 'query($id: ID!, $from: DateTime) { activity(id: $id) { metrics(from: $from) { date } } }';
const CONNECT = 'mutation($type: PlatformType!) { connectPlatform(input: { type: $type, sandbox: true }) { platform { id type } } }';

/**
 * The plan's history start moves at 00:00 UTC. A boundary check that straddles midnight is run
 * once more on the new day instead of failing.
 */
async function onOneDay(check: () => Promise<void>): Promise<void> {
  const utcDay = () => Math.floor(Date.now() / DAY);
  const start = utcDay();
  try {
    await check();
  } catch (err) {
    if (utcDay() === start) throw err;
    await check();
  }
}

type Tier = User['subscriptionTier'];
const TIERS: Tier[] = ['free', 'pro', 'enterprise'];

describe('subscriptions: successful cases', () => {
  it('plans and me.plan come from the one limits table', async () => {
    const { token } = await createUser({ subscriptionTier: 'pro' });
    const { body } = await server.gql('{ plans { tier maxPlatforms historyDays maxWorkspaces maxReportSchedules priceCents apiPoints { max restorePerSecond } sessionPoints { max restorePerSecond } } me { plan { tier maxPlatforms historyDays priceCents } } }', {}, token);
    expect(body.data!.plans).toEqual(TIERS.map((t) => ({ tier: t.toUpperCase(), ...TIER_LIMITS[t] })));
    expect(body.data!.plans.slice(0, 3)).toEqual([
      { tier: 'FREE', maxPlatforms: 2, historyDays: 90, maxWorkspaces: 2, maxReportSchedules: 1, priceCents: 0, apiPoints: { max: 10000, restorePerSecond: 100 }, sessionPoints: { max: 20000, restorePerSecond: 200 } },
      { tier: 'PRO', maxPlatforms: 10, historyDays: 730, maxWorkspaces: 10, maxReportSchedules: 25, priceCents: 2900, apiPoints: { max: 25000, restorePerSecond: 250 }, sessionPoints: { max: 50000, restorePerSecond: 500 } },
      { tier: 'ENTERPRISE', maxPlatforms: null, historyDays: null, maxWorkspaces: 50, maxReportSchedules: 100, priceCents: 19900, apiPoints: { max: 100000, restorePerSecond: 1000 }, sessionPoints: { max: 200000, restorePerSecond: 2000 } },
    ]);
    expect(body.data!.me.plan).toEqual({ tier: 'PRO', maxPlatforms: 10, historyDays: 730, priceCents: 2900 });
  });

  it('changeSubscription goes through the payment provider and records the new plan', async () => {
    const calls: PlanChangeRequest[] = [];
    setPaymentProvider({ name: 'spy', charges: true, changePlan: async (r) => (calls.push(r), { reference: 'sub_1' }) });
    const { user, token } = await createUser();
    const up = await server.gql(CHANGE, { tier: 'PRO' }, token);
    expect(up.body.data!.changeSubscription).toMatchObject({ subscriptionTier: 'PRO', subscriptionStatus: 'ACTIVE', plan: { maxPlatforms: 10 } });
    expect(calls).toEqual([{ userId: user._id.toHexString(), email: user.email, fromTier: 'free', toTier: 'pro', priceCents: 2900 }]);
    // The same plan again changes nothing and charges nothing.
    await server.gql(CHANGE, { tier: 'PRO' }, token);
    expect(calls).toHaveLength(1);
    const down = await server.gql(CHANGE, { tier: 'FREE' }, token);
    expect(down.body.data!.changeSubscription.subscriptionTier).toBe('FREE');
    expect(calls.at(-1)).toMatchObject({ fromTier: 'pro', toTier: 'free', priceCents: 0 });
    expect(await UserModel.findById(user._id).lean()).toMatchObject({ subscriptionTier: 'free' });
  });

  it('history per plan: free 90 days, pro 2 years, enterprise unlimited, for stats, posts and post metrics', async () => {
    for (const tier of TIERS) {
      const { user, token } = await createUser({ subscriptionTier: tier });
      const platform = await createPlatform(user._id);
      const post = await createActivity(user._id, platform._id, { publishedAt: daysAgo(1) });
      await onOneDay(async () => {
        const earliest = historyStart(tier);
        const from = earliest ?? daysAgo(3 * 365);
        const p = platform._id.toHexString();
        const id = post._id.toHexString();

        // At the limit: allowed everywhere.
        const ok = [
          await server.gql(STATS, { p, from: iso(from), to: iso(new Date()) }, token),
          await server.gql(LIST, { filter: { from: iso(from) } }, token),
          await server.gql(METRICS, { id, from: iso(from) }, token),
        ];
        for (const r of ok) expect(r.body.errors, tier).toBeUndefined();

        if (!earliest) {
          // Unlimited: any start, decades back.
          expect((await server.gql(LIST, { filter: { from: '1990-01-01T00:00:00Z' } }, token)).body.errors).toBeUndefined();
          expect((await server.gql(METRICS, { id, from: '1990-01-01T00:00:00Z' }, token)).body.errors).toBeUndefined();
          return;
        }
        // One millisecond earlier: LIMIT_EXCEEDED naming the limit, for each query.
        const tooEarly = iso(new Date(earliest.getTime() - 1));
        const limit = TIER_LIMITS[tier].historyDays;
        for (const r of [
          await server.gql(STATS, { p, from: tooEarly, to: iso(new Date()) }, token),
          await server.gql(LIST, { filter: { from: tooEarly } }, token),
          await server.gql(METRICS, { id, from: tooEarly }, token),
        ]) {
          expect(r.body.data, tier).toBeNull();
          expect(errorOf(r.body)?.extensions, tier).toEqual({ code: 'LIMIT_EXCEEDED', limit, tier, field: 'from', earliest: earliest.toISOString() });
          expect(errorOf(r.body)?.message, tier).toContain(`${limit} days of history`);
        }
      });
    }
  });

  it('without a from, posts and metrics start where the plan’s history starts; upgrading shows the rest', async () => {
    const { user, token } = await createUser();
    const platform = await createPlatform(user._id);
    const recent = await createActivity(user._id, platform._id, { publishedAt: daysAgo(10) });
    const old = await createActivity(user._id, platform._id, { publishedAt: daysAgo(200) });
    const undated = await createActivity(user._id, platform._id, { publishedAt: null });
    await ActivityMetricModel.create([
      { workspaceId: user._id, platformId: platform._id, activityId: recent._id, date: daysAgo(300), engagement: { total: 1 } },
      { workspaceId: user._id, platformId: platform._id, activityId: recent._id, date: daysAgo(5), engagement: { total: 2 } },
    ]);
    await StatsModel.create({ workspaceId: user._id, platformId: platform._id, date: daysAgo(300), followers: 1 });

    const ids = async () => ((await server.gql(LIST, {}, token)).body.data!.activities.edges as Array<{ node: { id: string } }>).map((e) => e.node.id).sort();
    const metricCount = async () => (await server.gql(METRICS, { id: recent._id.toHexString() }, token)).body.data!.activity.metrics.length;
    expect(await ids()).toEqual([recent._id.toHexString(), undated._id.toHexString()].sort());
    expect(await metricCount()).toBe(1);
    // A `to` alone does not reach past the plan either.
    expect((await server.gql(LIST, { filter: { to: iso(daysAgo(100)) } }, token)).body.data!.activities.totalCount).toBe(0);

    await server.gql(CHANGE, { tier: 'PRO' }, token);
    expect(await ids()).toEqual([recent._id, old._id, undated._id].map(String).sort());
    expect(await metricCount()).toBe(2);
    const stats = await server.gql(STATS, { p: platform._id.toHexString(), from: iso(daysAgo(365)), to: iso(new Date()) }, token);
    expect(stats.body.data!.stats).toHaveLength(1);

    // And downgrading takes it away again at once.
    await server.gql(CHANGE, { tier: 'FREE' }, token);
    expect(await ids()).toHaveLength(2);
    const refused = await server.gql(STATS, { p: platform._id.toHexString(), from: iso(daysAgo(365)), to: iso(new Date()) }, token);
    expect(errorOf(refused.body)?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });
});

describe('subscriptions: connected account limits', () => {
  it('free: a third account is LIMIT_EXCEEDED naming the limit; after upgrading to pro it connects', async () => {
    const { user, token } = await createUser();
    for (const type of ['INSTAGRAM', 'TIKTOK']) expect((await server.gql(CONNECT, { type }, token)).body.errors, type).toBeUndefined();
    const third = await server.gql(CONNECT, { type: 'LINKEDIN' }, token);
    expect(third.body.data).toBeNull();
    expect(errorOf(third.body)?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 2, tier: 'free' });
    expect(errorOf(third.body)?.message).toMatch(/free plan allows 2 connected accounts/);
    expect(await PlatformModel.countDocuments({ workspaceId: user._id })).toBe(2);

    await server.gql(CHANGE, { tier: 'PRO' }, token);
    expect((await server.gql(CONNECT, { type: 'LINKEDIN' }, token)).body.errors).toBeUndefined();
    expect(await PlatformModel.countDocuments({ workspaceId: user._id })).toBe(3);
  });

  it('connects at the same moment cannot pass the limit together, nor race a downgrade', async () => {
    const types = ['INSTAGRAM', 'TIKTOK', 'LINKEDIN', 'FACEBOOK', 'TWITTER'];
    for (let round = 0; round < 3; round++) {
      const { user, token } = await createUser();
      const answers = await Promise.all(types.map((type) => server.gql(CONNECT, { type }, token)));
      expect(answers.filter((a) => !a.body.errors)).toHaveLength(2);
      for (const a of answers.filter((x) => x.body.errors)) expect(errorOf(a.body)?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 2, tier: 'free' });
      expect(await PlatformModel.countDocuments({ workspaceId: user._id })).toBe(2);
    }
    // A pro user with two accounts downgrading while connecting more: never more accounts than the plan allows.
    for (let round = 0; round < 3; round++) {
      const { user, token } = await createUser({ subscriptionTier: 'pro' });
      await createPlatform(user._id);
      await createPlatform(user._id);
      await Promise.all([server.gql(CONNECT, { type: 'INSTAGRAM' }, token), server.gql(CHANGE, { tier: 'FREE' }, token), server.gql(CONNECT, { type: 'TIKTOK' }, token)]);
      const after = (await UserModel.findById(user._id).lean())!;
      const count = await PlatformModel.countDocuments({ workspaceId: user._id });
      expect(count).toBeLessThanOrEqual(TIER_LIMITS[after.subscriptionTier].maxPlatforms!);
    }
  });

  it('pro: the eleventh account is LIMIT_EXCEEDED; enterprise has no limit', async () => {
    const pro = await createUser({ subscriptionTier: 'pro' });
    for (let i = 0; i < 10; i++) await createPlatform(pro.user._id);
    const eleventh = await server.gql(CONNECT, { type: 'FACEBOOK' }, pro.token);
    expect(errorOf(eleventh.body)?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 10, tier: 'pro' });
    expect(errorOf(eleventh.body)?.message).toMatch(/10 connected accounts/);

    const enterprise = await createUser({ subscriptionTier: 'enterprise' });
    for (let i = 0; i < 25; i++) await createPlatform(enterprise.user._id);
    expect((await server.gql(CONNECT, { type: 'FACEBOOK' }, enterprise.token)).body.errors).toBeUndefined();
    expect(await PlatformModel.countDocuments({ workspaceId: enterprise.user._id })).toBe(26);
  });
});

describe('subscriptions: failing cases', () => {
  it('a downgrade to a plan with fewer accounts than connected is LIMIT_EXCEEDED naming the limit; nothing changes', async () => {
    const calls: PlanChangeRequest[] = [];
    setPaymentProvider({ name: 'spy', charges: true, changePlan: async (r) => (calls.push(r), {}) });
    const { user, token } = await createUser({ subscriptionTier: 'enterprise' });
    for (let i = 0; i < 11; i++) await createPlatform(user._id);

    const toPro = await server.gql(CHANGE, { tier: 'PRO' }, token);
    expect(errorOf(toPro.body)?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 10, tier: 'pro' });
    expect(errorOf(toPro.body)?.message).toMatch(/allows 10 connected accounts and you have 11/);
    const toFree = await server.gql(CHANGE, { tier: 'FREE' }, token);
    expect(errorOf(toFree.body)?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 2, tier: 'free' });
    expect(calls).toEqual([]);
    expect(await UserModel.findById(user._id).lean()).toMatchObject({ subscriptionTier: 'enterprise' });

    // Exactly at a limit is fine.
    const small = await createUser({ subscriptionTier: 'pro' });
    await createPlatform(small.user._id);
    await createPlatform(small.user._id);
    expect((await server.gql(CHANGE, { tier: 'FREE' }, small.token)).body.data!.changeSubscription.subscriptionTier).toBe('FREE');
  });

  it('a payment provider that refuses leaves the plan unchanged', async () => {
    setPaymentProvider({
      name: 'declining',
      charges: true,
      changePlan: async () => {
        throw forbidden('The card was declined');
      },
    });
    const { user, token } = await createUser();
    const { body } = await server.gql(CHANGE, { tier: 'ENTERPRISE' }, token);
    expect(errorOf(body)).toMatchObject({ message: 'The card was declined', extensions: { code: 'FORBIDDEN' } });
    expect(await UserModel.findById(user._id).lean()).toMatchObject({ subscriptionTier: 'free' });
  });

  it('changeSubscription needs a sign-in and a known plan', async () => {
    expect(errorOf((await server.gql(CHANGE, { tier: 'PRO' })).body)?.extensions?.code).toBe('UNAUTHENTICATED');
    const { token } = await createUser();
    expect(errorOf((await server.gql(CHANGE, { tier: 'PLATINUM' }, token)).body)?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
