import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { ActivityMetricModel } from '../../../modules/activities/activity-metric.model.js';
import { ActivityModel } from '../../../modules/activities/activity.model.js';
import { PlatformModel } from '../../../modules/platforms/platform.model.js';
import { runPullJob } from '../../../modules/sync/sync.service.js';
import { StatsModel } from '../../../modules/stats/stats.model.js';
import { HOUR_MS } from '../../common.js';
import { startHarness, walkOAuth, waitForSync, type Harness } from '../../testing/harness.js';
import type { FakeRequest } from '../../testing/fake-server.js';
import { FakeInstagram, MEDIA_METRIC_MATRIX, type FakeIgMedia } from '../fake-instagram.server.js';
import { forgetRefusedMetrics, MEDIA_METRICS } from '../instagram.provider.js';

/**
 * The metric × media-type matrix, per-metric fallbacks, empty and "not enough viewers" answers,
 * the story poll, and the Graph API version as a setting (this suite runs on v24.0).
 */
let fake: FakeInstagram;
let h: Harness;
beforeAll(async () => {
  fake = await new FakeInstagram().start();
  h = await startHarness({ ...fake.env(), GRAPH_API_VERSION: 'v24.0' });
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});
beforeEach(() => {
  forgetRefusedMetrics();
  for (const set of Object.values(fake.withdrawn)) set.clear();
  fake.withdrawnAccountMetrics.clear();
});

let seq = 0;
async function connect(posts = 9) {
  const u = await createUser();
  const igId = `1784150000${String(++seq).padStart(4, '0')}`;
  fake.addAccount(igId, posts);
  fake.consentAs = igId;
  const walk = await walkOAuth(h, u.token, 'INSTAGRAM');
  expect(walk.error).toBeUndefined();
  const platformId = new Types.ObjectId(walk.connectedId);
  await waitForSync(platformId);
  return { ...u, igId, platformId };
}

const daily = (platformId: Types.ObjectId) => ({ platformId: platformId.toHexString(), kind: 'daily' as const });
const mediaOf = (igId: string, id: string): FakeIgMedia => {
  const acc = fake.accounts.get(igId)!;
  return (acc.media.find((m) => m.id === id) ?? acc.stories.find((m) => m.id === id))!;
};
/** Media insights requests since `from`, with the media they were for. */
const insightRequests = (igId: string, from = 0) =>
  fake.requests
    .slice(from)
    .filter((r) => /\/insights$/.test(r.path) && !r.path.includes(`/${igId}/insights`))
    .map((r) => ({ r, media: mediaOf(igId, r.path.split('/')[2]!), metrics: (r.query.get('metric') ?? '').split(',') }))
    .filter((x) => x.media);

describe('instagram metrics: the documented matrix', () => {
  it('asks each media product type for its documented set, so the fake (which enforces the matrix) never refuses one', async () => {
    const { igId, platformId } = await connect(9);
    const asked = insightRequests(igId);
    expect(asked.length).toBe(9);
    for (const { media, metrics } of asked) {
      const type = media.media_product_type;
      expect(metrics).toEqual(MEDIA_METRICS[type]);
      for (const m of metrics) expect(MEDIA_METRIC_MATRIX[type].has(m), `${m} on ${type}`).toBe(true);
    }
    const reel = (await ActivityModel.findOne({ platformId, type: 'reel' }).lean())!;
    const m = mediaOf(igId, reel.externalId);
    expect(reel.engagement).toMatchObject({ reach: m.insights.reach, views: m.insights.views, shares: m.insights.shares, saves: m.insights.saved });
    // Every request went to the configured Graph API version, and the provenance says so.
    expect(fake.requests.filter((r) => /^\/v\d/.test(r.path)).every((r) => r.path.startsWith('/v24.0/'))).toBe(true);
    expect(reel.sources.every((s) => s.apiVersion === 'v24.0')).toBe(true);
  }, 120_000);

  it('the fake refuses a metric outside the matrix with the (#100) Meta answers', async () => {
    const { igId } = await connect(1);
    const acc = fake.accounts.get(igId)!;
    const token = [...fake.tokens.entries()].find(([, t]) => t.userId === igId && t.kind === 'long')![0];
    const res = await fetch(`${fake.url}/v24.0/${acc.media[0]!.id}/insights?metric=reach,replies,navigation&access_token=${token}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 100, message: '(#100) The Media Insights API does not support the replies, navigation metric for this media product type.' } });
  }, 120_000);

  it('a metric withdrawn for one media type loses only that metric: retried without it, remembered for that type only', async () => {
    const { igId, platformId } = await connect(9);
    fake.withdrawn.REELS.add('shares');
    for (const m of fake.accounts.get(igId)!.media) m.insights.reach += 7;
    const from = fake.requests.length;
    await runPullJob('activities', daily(platformId), {});
    const asked = insightRequests(igId, from);
    const reels = asked.filter((a) => a.media.media_product_type === 'REELS');
    expect(reels.length).toBe(3 + 1); // one refused request, then each reel once
    expect(reels[0]!.metrics).toContain('shares');
    expect(reels.slice(1).every((a) => !a.metrics.includes('shares'))).toBe(true);
    expect(asked.filter((a) => a.media.media_product_type === 'FEED').every((a) => a.metrics.includes('shares'))).toBe(true);
    // Nothing else was lost: the reels' other counters are current, the feed's shares too.
    for (const doc of await ActivityModel.find({ platformId }).lean()) {
      const m = mediaOf(igId, doc.externalId);
      expect(doc.engagement.reach).toBe(m.insights.reach);
      // A reel's shares, no longer reported, keep the value read before, with that read's provenance.
      expect(doc.engagement.shares).toBe(m.insights.shares);
      const at = (field: string) => doc.sources.find((s) => s.field === field)!.fetchedAt.getTime();
      if (doc.type === 'reel') expect(at('engagement.shares')).toBeLessThan(at('engagement.reach'));
      else expect(at('engagement.shares')).toBe(at('engagement.reach'));
    }
  }, 120_000);

  it('account metrics fall back to the core set when one is withdrawn (#100), for the rest of the range', async () => {
    const { igId, platformId } = await connect(1);
    fake.withdrawnAccountMetrics.add('profile_views');
    const from = fake.requests.length;
    const out = await runPullJob('stats', daily(platformId), {});
    expect(out.result).toMatchObject({ days: 3 });
    const asked = fake.requests.slice(from).filter((r) => r.path === `/v24.0/${igId}/insights` && r.query.get('period') === 'day');
    expect(asked.map((r) => r.query.get('metric'))).toEqual(['reach,views,total_interactions,profile_views', 'reach,views', 'reach,views', 'reach,views']);
    const today = (await StatsModel.find({ platformId }).sort({ date: -1 }).limit(1).lean())[0]!;
    expect(today.reach).toBe(fake.daily(igId, today.date).reach);
  }, 120_000);

  it('an empty insight set leaves the counters unreported (null), never 0, and keeps the listing counters', async () => {
    const u = await createUser();
    const igId = `1784159999${String(++seq).padStart(4, '0')}`;
    const acc = fake.addAccount(igId, 2);
    fake.emptyInsights.add(acc.media[0]!.id);
    fake.consentAs = igId;
    const walk = await walkOAuth(h, u.token, 'INSTAGRAM');
    const platformId = new Types.ObjectId(walk.connectedId);
    await waitForSync(platformId);
    const doc = (await ActivityModel.findOne({ platformId, externalId: acc.media[0]!.id }).lean())!;
    expect(doc.engagement).toMatchObject({ likes: acc.media[0]!.like_count, comments: acc.media[0]!.comments_count, reach: null, impressions: null, shares: null });
    expect(doc.engagementRate).toBeNull();
  }, 120_000);

  it('an empty insight set on a later pull keeps the stored reach and views (and their provenance), updating only what the listing reports', async () => {
    const { igId, platformId } = await connect(1);
    const media = fake.accounts.get(igId)!.media[0]!;
    const before = (await ActivityModel.findOne({ platformId, externalId: media.id }).lean())!;
    expect(before.engagement.reach).toBe(media.insights.reach);
    // Insights come back empty for a while (Instagram answers { data: [] }); the listing moves on.
    fake.emptyInsights.add(media.id);
    media.like_count += 5;
    await runPullJob('activities', daily(platformId), {});
    const after = (await ActivityModel.findOne({ platformId, externalId: media.id }).lean())!;
    expect(after.engagement).toMatchObject({
      likes: media.like_count,
      comments: media.comments_count,
      reach: media.insights.reach,
      impressions: media.insights.views,
      shares: media.insights.shares,
      saves: media.insights.saved,
    });
    expect(after.engagement.total).toBe(media.like_count + media.comments_count + media.insights.shares + media.insights.saved);
    expect(after.engagementRate).toBeCloseTo(after.engagement.total / media.insights.reach, 12);
    const reachSource = (d: typeof after) => d.sources.find((s) => s.field === 'engagement.reach');
    expect(reachSource(after)).toEqual(reachSource(before));
    expect(after.sources.find((s) => s.field === 'engagement.likes')!.fetchedAt.getTime()).toBeGreaterThan(before.sources.find((s) => s.field === 'engagement.likes')!.fetchedAt.getTime());
    // The day's snapshot is the post as stored: reach kept there too.
    const snap = (await ActivityMetricModel.find({ activityId: after._id }).sort({ date: -1 }).limit(1).lean())[0]!;
    expect(snap.engagement).toMatchObject({ likes: media.like_count, reach: media.insights.reach });
    fake.emptyInsights.delete(media.id);
  }, 120_000);
});

describe('instagram stories: polled while live', () => {
  it('reads live stories and their story metrics (reach, views, replies, navigation) and keeps them after the story is gone', async () => {
    const { igId, platformId } = await connect(1);
    // The poll is scheduled for every Instagram account, INSTAGRAM_STORY_POLL_MINUTES (120) apart.
    const job = await mongoose.connection.collection(JOBS_COLLECTION).findOne({ name: 'platform:pull-stories', 'data.platformId': platformId.toHexString() });
    expect(job).toMatchObject({ repeatInterval: 120 * 60_000, data: { kind: 'poll' } });
    expect(job!.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 100 * 60_000);

    const live = fake.addStory(igId, 2);
    const quiet = fake.addStory(igId, 3);
    fake.fewViewers.add(quiet.id);
    const old = fake.addStory(igId, 30);
    const from = fake.requests.length;
    const out = await runPullJob('stories', { platformId: platformId.toHexString(), kind: 'poll' }, {});
    expect(out.result).toMatchObject({ stories: 2, withInsights: 1 });
    const asked = insightRequests(igId, from);
    expect(asked.find((a) => a.media.id === live.id)!.metrics).toEqual(['views', 'reach', 'shares', 'replies', 'navigation', 'total_interactions']);

    const story = (await ActivityModel.findOne({ platformId, externalId: live.id }).lean())!;
    expect(story.type).toBe('story');
    expect(story.engagement).toMatchObject({
      reach: live.insights.reach,
      impressions: live.insights.views,
      views: live.insights.views,
      comments: live.insights.replies,
      shares: live.insights.shares,
      navigation: live.insights.navigation,
      likes: null,
      saves: null,
    });
    expect(story.sources).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'engagement.comments', metric: 'replies' }), expect.objectContaining({ field: 'engagement.navigation', metric: 'navigation' })]));
    expect(await ActivityMetricModel.countDocuments({ activityId: story._id })).toBe(1);
    // (#10) not enough viewers: the story is kept, without counters; the expired one is not listed.
    const q = (await ActivityModel.findOne({ platformId, externalId: quiet.id }).lean())!;
    expect(q.engagement.reach ?? null).toBeNull();
    expect(await ActivityModel.countDocuments({ platformId, externalId: old.id })).toBe(0);

    // Later polls update the numbers while the story lives…
    live.insights.reach += 50;
    live.insights.navigation! += 9;
    await runPullJob('stories', { platformId: platformId.toHexString(), kind: 'poll' }, {});
    expect((await ActivityModel.findOne({ platformId, externalId: live.id }).lean())!.engagement).toMatchObject({ reach: live.insights.reach, navigation: live.insights.navigation });
    // …and once it is over 24 hours old (insights gone), what was read last stays.
    live.timestamp = new Date(Date.now() - 25 * HOUR_MS);
    const kept = live.insights.reach;
    live.insights.reach = 0;
    const after = await runPullJob('stories', { platformId: platformId.toHexString(), kind: 'poll' }, {});
    expect(after.result).toMatchObject({ stories: 1 });
    expect((await ActivityModel.findOne({ platformId, externalId: live.id }).lean())!.engagement.reach).toBe(kept);
  }, 120_000);

  it('the poll gives way while the API budget is nearly spent, without calling Instagram', async () => {
    const { platformId } = await connect(1);
    await PlatformModel.updateOne({ _id: platformId }, { $set: { rateLimit: { unit: 'percent', limit: 100, remaining: 10, observedAt: new Date() } } });
    const from = fake.requests.length;
    const out = await runPullJob('stories', { platformId: platformId.toHexString(), kind: 'poll' }, {});
    expect(out.note).toMatch(/less than 25 % of the API budget is left/);
    expect(fake.requests.slice(from).filter((r: FakeRequest) => r.path.endsWith('/stories'))).toHaveLength(0);
  }, 120_000);
});

describe('instagram: the Graph API version in connector health', () => {
  it('shows the configured version and its published sunset', async () => {
    const { token, platformId } = await connect(1);
    const { body } = await h.server.gql<{ connectorHealth: Array<{ platformId: string; apiVersion: string; apiVersionSunsetsAt: string; postReads: unknown }> }>(
      '{ connectorHealth { platformId apiVersion apiVersionSunsetsAt postReads { used } } }',
      {},
      token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.connectorHealth.find((x) => x.platformId === platformId.toHexString())).toEqual({
      platformId: platformId.toHexString(),
      apiVersion: 'v24.0',
      apiVersionSunsetsAt: '2028-02-18T00:00:00.000Z',
      postReads: null,
    });
  }, 120_000);
});
