import { PlatformType, SubscriptionTier } from '@soash/shared';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { ActivityMetricModel } from '../../../modules/activities/activity-metric.model.js';
import { ActivityModel } from '../../../modules/activities/activity.model.js';
import { connectSandboxPlatform } from '../../../modules/platforms/platform-connect.service.js';
import { PlatformModel } from '../../../modules/platforms/platform.model.js';
import { runPullJob } from '../../../modules/sync/sync.service.js';
import { StatsModel } from '../../../modules/stats/stats.model.js';
import { SystemJobModel } from '../../../modules/system-jobs/system-job.model.js';
import { collectSubscription, startHarness, waitForSync, type Harness } from '../../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ SYNC_COOLDOWN_SECONDS: '300' });
});
afterAll(async () => {
  await h?.close();
});

const CONNECT = `mutation($input: ConnectPlatformInput!) {
  connectPlatform(input: $input) { authorizeUrl platform { id type sandbox status username } }
}`;

describe('sandbox connector: successful cases', () => {
  it('connects at once and fills stats, posts and snapshots from real job runs', async () => {
    const { user, token } = await createUser();
    const { body } = await h.server.gql(CONNECT, { input: { type: 'INSTAGRAM', sandbox: true } }, token);
    expect(body.errors).toBeUndefined();
    const result = body.data!.connectPlatform;
    expect(result.authorizeUrl).toBeNull();
    expect(result.platform).toMatchObject({ type: 'INSTAGRAM', sandbox: true, status: 'ACTIVE' });
    const platformId = new Types.ObjectId(result.platform.id);

    const runs = await waitForSync(platformId);
    expect(runs.map((r) => [r.jobType, r.status, r.attempt])).toEqual([
      ['sync_metrics', 'completed', 1],
      ['sync_activities', 'completed', 1],
    ]);

    // Free plan: min(BACKFILL_DAYS 90, historyDays 90) days of stats, one per day.
    const stats = await StatsModel.find({ platformId }).sort({ date: 1 }).lean();
    expect(stats).toHaveLength(90);
    expect(new Set(stats.map((s) => s.date.getTime())).size).toBe(90);
    const last = stats[stats.length - 1]!;
    expect(last.followers).toBeGreaterThan(0);
    expect(last.demographics?.ageGroups.length).toBeGreaterThan(3);
    expect(last.sources.map((s) => s.field)).toEqual(expect.arrayContaining(['followers', 'reach', 'impressions', 'engagement']));
    expect(last.sources.find((s) => s.field === 'followers')).toMatchObject({ metric: 'sandbox.followers', apiVersion: 'sandbox-1' });
    expect(stats.filter((s) => typeof s.followersChange === 'number')).toHaveLength(89);
    const withReach = stats.find((s) => (s.reach ?? 0) > 0)!;
    expect(withReach.engagementRate).toBeCloseTo(withReach.engagement! / withReach.reach!, 10);

    const posts = await ActivityModel.find({ platformId }).lean();
    expect(posts.length).toBeGreaterThan(20);
    expect(posts.every((p) => p.workspaceId.equals(user._id))).toBe(true);
    const tagged = posts.find((p) => p.hashtags.length > 0)!;
    expect(tagged.hashtags.every((t) => t === t.toLowerCase() && !t.startsWith('#'))).toBe(true);
    const withMetrics = posts.find((p) => (p.engagement.reach ?? 0) > 0)!;
    const e = withMetrics.engagement;
    expect(e.total).toBe((e.likes ?? 0) + (e.comments ?? 0) + (e.shares ?? 0) + (e.saves ?? 0));
    expect(withMetrics.engagementRate).toBeCloseTo(e.total / e.reach!, 10);

    // Daily snapshots of posts younger than 30 days, from their publication on: post decay.
    const snaps = await ActivityMetricModel.find({ platformId }).lean();
    expect(snaps.length).toBeGreaterThan(posts.length);
    // Published before today (UTC), so it has at least its publication day and today.
    const todayStart = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    const young = posts.filter((p) => p.publishedAt!.getTime() > Date.now() - 20 * 86_400_000 && p.publishedAt!.getTime() < todayStart && p.type !== 'story');
    const decay = await ActivityMetricModel.find({ activityId: young[0]!._id }).sort({ date: 1 }).lean();
    expect(decay.length).toBeGreaterThan(1);
    for (let i = 1; i < decay.length; i++) expect(decay[i]!.engagement.total).toBeGreaterThanOrEqual(decay[i - 1]!.engagement.total);

    // Daily pulls and the insights run were scheduled.
    const jobs = mongoose.connection.collection(JOBS_COLLECTION);
    expect(await jobs.countDocuments({ 'data.platformId': platformId.toHexString(), 'data.kind': 'daily' })).toBe(2);
    expect(await jobs.countDocuments({ name: 'insights:generate', 'data.workspaceId': user._id.toHexString() })).toBeGreaterThanOrEqual(1);
  });

  it('re-running pulls is idempotent: same data, no duplicates', async () => {
    const { user } = await createUser();
    const platform = await connectSandboxPlatform(user._id, PlatformType.TIKTOK, { backfill: 'inline', days: 40 });
    const count = async () => ({
      stats: await StatsModel.countDocuments({ platformId: platform._id }),
      posts: await ActivityModel.countDocuments({ platformId: platform._id }),
      snaps: await ActivityMetricModel.countDocuments({ platformId: platform._id }),
    });
    const before = await count();
    const followersBefore = (await StatsModel.findOne({ platformId: platform._id }).sort({ date: 1 }).lean())!.followers;
    const data = { platformId: platform._id.toHexString(), kind: 'backfill' as const, days: 40 };
    await runPullJob('stats', data, {});
    await runPullJob('activities', data, {});
    expect(await count()).toEqual(before);
    expect((await StatsModel.findOne({ platformId: platform._id }).sort({ date: 1 }).lean())!.followers).toBe(followersBefore);
    expect(before.stats).toBe(40);
    // TikTok reports no reach: the metric model divides its posts by views instead (docs/analytics.md).
    const post = await ActivityModel.findOne({ platformId: platform._id, 'engagement.views': { $gt: 0 } }).lean();
    expect(post!.engagement.reach).toBeNull();
    expect(post!.engagementRate).toBeCloseTo(post!.engagement.total / post!.engagement.views!, 12);
  });

  it('connecting the same sandbox type again returns the same account', async () => {
    const { user } = await createUser();
    const a = await connectSandboxPlatform(user._id, PlatformType.LINKEDIN, { backfill: 'none' });
    const b = await connectSandboxPlatform(user._id, PlatformType.LINKEDIN, { backfill: 'none' });
    expect(b._id.equals(a._id)).toBe(true);
    expect(await PlatformModel.countDocuments({ workspaceId: user._id })).toBe(1);
  });

  it('backfills as far as the plan allows', async () => {
    const { user } = await createUser({ subscriptionTier: SubscriptionTier.PRO });
    const platform = await connectSandboxPlatform(user._id, PlatformType.TWITTER, { backfill: 'inline' });
    // PRO: min(BACKFILL_DAYS 90, 730) = 90.
    expect(await StatsModel.countDocuments({ platformId: platform._id })).toBe(90);
  });

  it('syncPlatform queues a sync that syncProgress follows to the end; a second request within the cooldown is refused', async () => {
    const { user, token } = await createUser();
    const platform = await connectSandboxPlatform(user._id, PlatformType.FACEBOOK, { backfill: 'none' });
    const { body } = await h.server.gql('mutation($id: ID!) { syncPlatform(id: $id) { id jobType status attempt } }', { id: platform._id.toHexString() }, token);
    expect(body.errors).toBeUndefined();
    expect(body.data!.syncPlatform).toMatchObject({ jobType: 'SYNC_METRICS', status: 'PENDING', attempt: 1 });

    const { events, errors } = await collectSubscription<{ syncProgress: Record<string, unknown> }>(
      h,
      token,
      'subscription($id: ID!) { syncProgress(platformId: $id) { platformId systemJobId jobType status phase done total activeJobs finished errorMessage } }',
      { id: platform._id.toHexString() },
    );
    expect(errors).toEqual([]);
    expect(events.length).toBeGreaterThanOrEqual(2);
    const progress = events.map((e) => e.syncProgress);
    expect(progress[0]!.finished).toBe(false);
    expect(progress.at(-1)).toMatchObject({ finished: true, activeJobs: 0, platformId: platform._id.toHexString() });
    expect(progress.at(-1)!.status).toBe('COMPLETED');
    expect(new Set(progress.map((p) => p.phase)).size).toBeGreaterThan(1);

    const again = await h.server.gql('mutation($id: ID!) { syncPlatform(id: $id) { id } }', { id: platform._id.toHexString() }, token);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(again.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(250);
  });

  it('reports connector health for sandbox accounts', async () => {
    const { user, token } = await createUser();
    const platform = await connectSandboxPlatform(user._id, PlatformType.INSTAGRAM, { backfill: 'inline', days: 5 });
    const { body } = await h.server.gql(
      '{ connectorHealth { platformId type sandbox status healthy canRefresh tokenExpiresAt lastSyncedAt needsReauthBy warnings rateLimit { remaining } } platforms { id health { healthy } } }',
      {},
      token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.connectorHealth).toEqual([
      {
        platformId: platform._id.toHexString(),
        type: 'INSTAGRAM',
        sandbox: true,
        status: 'ACTIVE',
        healthy: true,
        canRefresh: false,
        tokenExpiresAt: null,
        lastSyncedAt: expect.any(String),
        needsReauthBy: null,
        warnings: [],
        rateLimit: null,
      },
    ]);
    expect(body.data!.platforms[0].health).toEqual({ healthy: true });
  });

  it('disconnectPlatform removes the account, its data and its jobs', async () => {
    const { user, token } = await createUser();
    const platform = await connectSandboxPlatform(user._id, PlatformType.INSTAGRAM, { backfill: 'inline', days: 10 });
    const keep = await connectSandboxPlatform(user._id, PlatformType.TIKTOK, { backfill: 'inline', days: 3 });
    const id = platform._id;
    expect(await ActivityModel.countDocuments({ platformId: id })).toBeGreaterThan(0);
    const { body } = await h.server.gql('mutation($id: ID!) { disconnectPlatform(id: $id) }', { id: id.toHexString() }, token);
    expect(body.data).toEqual({ disconnectPlatform: true });
    expect(await PlatformModel.countDocuments({ _id: id })).toBe(0);
    expect(await StatsModel.countDocuments({ platformId: id })).toBe(0);
    expect(await ActivityModel.countDocuments({ platformId: id })).toBe(0);
    expect(await ActivityMetricModel.countDocuments({ platformId: id })).toBe(0);
    expect(await mongoose.connection.collection(JOBS_COLLECTION).countDocuments({ 'data.platformId': id.toHexString() })).toBe(0);
    // The other account is untouched.
    expect(await StatsModel.countDocuments({ platformId: keep._id })).toBe(3);
  });

  it('a pull of an account deleted meanwhile completes with a note', async () => {
    const { user } = await createUser();
    const platform = await connectSandboxPlatform(user._id, PlatformType.INSTAGRAM, { backfill: 'none' });
    await PlatformModel.deleteOne({ _id: platform._id });
    const outcome = await runPullJob('stats', { platformId: platform._id.toHexString(), kind: 'daily' }, {});
    expect(outcome.note).toMatch(/disconnected/);
    const run = await SystemJobModel.findOne({ platformId: platform._id }).lean();
    expect(run).toMatchObject({ status: 'completed', result: { skipped: true, note: expect.stringMatching(/disconnected/) } });
  });
});

describe('sandbox connector: failing cases', () => {
  it('a platform without app credentials is not configured, and says sandbox mode exists', async () => {
    const { token } = await createUser();
    const { body } = await h.server.gql(CONNECT, { input: { type: 'INSTAGRAM' } }, token);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'type' });
    expect(body.errors?.[0]?.message).toMatch(/not configured/);
    expect(body.errors?.[0]?.message).toMatch(/sandbox/);
  });

  it('enforces the plan’s account limit', async () => {
    const { token } = await createUser();
    for (const type of ['INSTAGRAM', 'TIKTOK']) {
      const ok = await h.server.gql(CONNECT, { input: { type, sandbox: true } }, token);
      expect(ok.body.errors).toBeUndefined();
    }
    const { body } = await h.server.gql(CONNECT, { input: { type: 'LINKEDIN', sandbox: true } }, token);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 2, tier: 'free' });
    expect(body.errors?.[0]?.message).toMatch(/2 connected accounts/);
  });

  it('answers another user’s account exactly like a missing one', async () => {
    const a = await createUser();
    const b = await createUser();
    const platform = await connectSandboxPlatform(a.user._id, PlatformType.INSTAGRAM, { backfill: 'none' });
    for (const op of ['mutation($id: ID!) { syncPlatform(id: $id) { id } }', 'mutation($id: ID!) { disconnectPlatform(id: $id) }']) {
      const theirs = await h.server.gql(op, { id: platform._id.toHexString() }, b.token);
      const missing = await h.server.gql(op, { id: new Types.ObjectId().toHexString() }, b.token);
      expect(theirs.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
      expect(theirs.body.errors?.[0]?.message).toBe(missing.body.errors?.[0]?.message);
    }
    const sub = await collectSubscription(h, b.token, 'subscription($id: ID!) { syncProgress(platformId: $id) { phase } }', { id: platform._id.toHexString() });
    expect(JSON.stringify(sub.errors)).toMatch(/NOT_FOUND/);
    expect(await PlatformModel.countDocuments({ _id: platform._id })).toBe(1);
  });

  it('needs a signed-in viewer', async () => {
    const { body } = await h.server.gql(CONNECT, { input: { type: 'INSTAGRAM', sandbox: true } });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
