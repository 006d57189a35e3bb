import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { decryptSecret } from '../../../lib/crypto.js';
import { ActivityMetricModel } from '../../../modules/activities/activity-metric.model.js';
import { ActivityModel } from '../../../modules/activities/activity.model.js';
import { loadPlatformWithSecrets } from '../../../modules/platforms/platform-tokens.js';
import { PlatformModel } from '../../../modules/platforms/platform.model.js';
import { retryDelay } from '../../../modules/sync/job-run.js';
import { runPullJob } from '../../../modules/sync/sync.service.js';
import { StatsModel } from '../../../modules/stats/stats.model.js';
import { SystemJobModel } from '../../../modules/system-jobs/system-job.model.js';
import { monthOf } from '../../../modules/platforms/post-read-budget.js';
import { PostReadUsageModel } from '../../../modules/platforms/post-read-usage.model.js';
import { POST_REFRESH_DAYS } from '../../../modules/platforms/platform-schedule.js';
import { DAY_MS, utcDay } from '../../common.js';
import { startHarness, walkOAuth, waitForSync, type Harness } from '../../testing/harness.js';
import { FakeTwitter } from '../fake-twitter.server.js';

let fake: FakeTwitter;
let h: Harness;
beforeAll(async () => {
  fake = await new FakeTwitter().start();
  h = await startHarness(fake.env());
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});

let seq = 0;
async function connect(tweets = 30) {
  const u = await createUser();
  const xId = `99887766${String(++seq).padStart(4, '0')}`;
  fake.addUser(xId, tweets);
  fake.consentAs = xId;
  const walk = await walkOAuth(h, u.token, 'TWITTER');
  expect(walk.error).toBeUndefined();
  return { ...u, xId, walk, platformId: new Types.ObjectId(walk.connectedId) };
}

const daily = (platformId: Types.ObjectId) => ({ platformId: platformId.toHexString(), kind: 'daily' as const });
const secrets = async (platformId: Types.ObjectId) => {
  const p = (await loadPlatformWithSecrets(platformId))!;
  return { p, access: decryptSecret(p.accessTokenEnc!), refresh: p.refreshTokenEnc ? decryptSecret(p.refreshTokenEnc) : undefined };
};

describe('x connector: successful cases', () => {
  it('connect (PKCE) → backfill (paginated) → daily pull → refresh on demand → revoke', async () => {
    const { xId, walk, platformId } = await connect(260);
    const q = Object.fromEntries(walk.authorizeUrl.searchParams);
    expect(q).toMatchObject({ response_type: 'code', client_id: fake.clientId, scope: 'tweet.read users.read offline.access', code_challenge_method: 'S256' });
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The fake verified code_verifier against the challenge, or the connect would have failed.
    const { p, access, refresh } = await secrets(platformId);
    expect(refresh).toBe(fake.refreshTokenOf(xId));
    expect(p.tokenExpiry!.getTime() - p.tokenIssuedAt!.getTime()).toBe(7200_000);
    // 2-hour tokens are refreshed on demand by pulls, not by a token job.
    expect(await mongoose.connection.collection(JOBS_COLLECTION).countDocuments({ name: 'platform:refresh-token', 'data.platformId': platformId.toHexString() })).toBe(0);

    await waitForSync(platformId);
    // 260 tweets over ~76 days: three pages of 100, via pagination_token.
    expect(fake.count(`/2/users/${xId}/tweets`)).toBe(3);
    expect(fake.requests.filter((r) => r.path === `/2/users/${xId}/tweets`).map((r) => r.query.get('pagination_token'))).toEqual([null, '100', '200']);
    // Own posts only: retweets and replies are excluded by the request; quote posts stay.
    expect(new Set(fake.requests.filter((r) => r.path === `/2/users/${xId}/tweets`).map((r) => r.query.get('exclude')))).toEqual(new Set(['retweets,replies']));
    const posts = await ActivityModel.find({ platformId }).lean();
    expect(posts).toHaveLength(260);
    const user = fake.users.get(xId)!;
    expect(user.others.length).toBeGreaterThan(50);
    const storedIds = new Set(posts.map((p) => p.externalId));
    expect(user.others.filter((t) => storedIds.has(t.id))).toEqual([]);
    expect(user.tweets.filter((t) => t.kind === 'quote').every((t) => storedIds.has(t.id))).toBe(true);
    // Every post read is billed: the month's bookkeeping has them, for the app and for the account.
    const month = monthOf();
    expect((await PlatformModel.findById(platformId).lean())!.postReads).toEqual({ month, reads: 260 });
    const t0 = fake.users.get(xId)!.tweets[0]!;
    const a0 = posts.find((p) => p.externalId === t0.id)!;
    expect(a0.engagement).toMatchObject({ likes: t0.likes, comments: t0.replies, shares: t0.retweets + t0.quotes, saves: t0.bookmarks, impressions: t0.impressions, reach: null });
    // X reports impressions, not reach: the stored rate is the metric model's, by impressions.
    expect(a0.engagementRate).toBeCloseTo(a0.engagement.total / t0.impressions, 12);
    expect(a0.hashtags).toEqual(['buildinpublic', 'typescript']);
    expect(a0.permalink).toBe(`https://x.com/i/web/status/${t0.id}`);
    expect(new Set(posts.map((p) => p.type))).toEqual(new Set(['post', 'image', 'video']));
    // X has no daily account analytics: today's follower snapshot only.
    const stats = await StatsModel.find({ platformId }).lean();
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ date: utcDay(new Date()), followers: 4321, following: 99 });
    expect(stats[0]!.sources.map((s) => s.metric)).toEqual(['public_metrics.followers_count', 'public_metrics.following_count']);
    expect((await PlatformModel.findById(platformId).lean())!.rateLimit).toMatchObject({ unit: 'requests', limit: 900 });

    // Daily pull: only posts newer than the newest stored one are listed (one billed read).
    const newestStored = posts.reduce((a, b) => (a.publishedAt! > b.publishedAt! ? a : b)).publishedAt!;
    const fresh = fake.post(xId);
    const timelineCalls = fake.count(`/2/users/${xId}/tweets`);
    await runPullJob('activities', daily(platformId), {});
    expect(await ActivityModel.countDocuments({ platformId, externalId: fresh.id })).toBe(1);
    const incremental = fake.requests.filter((r) => r.path === `/2/users/${xId}/tweets`).slice(timelineCalls);
    expect(incremental).toHaveLength(1);
    expect(Date.parse(incremental[0]!.query.get('start_time')!)).toBeGreaterThan(newestStored.getTime());
    expect((await PlatformModel.findById(platformId).lean())!.postReads).toEqual({ month, reads: 261 });
    expect(await ActivityMetricModel.countDocuments({ platformId })).toBe(posts.filter((x) => x.publishedAt!.getTime() > Date.now() - 30 * 86_400_000).length + 1);

    // The access token is about to expire: the pull refreshes first, and the rotated refresh token replaces the old one.
    await PlatformModel.updateOne({ _id: platformId }, { $set: { tokenExpiry: new Date(Date.now() + 60_000) } });
    await runPullJob('stats', daily(platformId), {});
    const after = await secrets(platformId);
    expect(after.access).not.toBe(access);
    expect(after.refresh).not.toBe(refresh);
    expect(after.refresh).toBe(fake.refreshTokenOf(xId));

    // An access token that expired mid-run: one refresh, then the call succeeds.
    fake.expired.add(after.access);
    await runPullJob('activities', daily(platformId), {});
    expect((await secrets(platformId)).access).not.toBe(after.access);

    // Revoked: the refresh fails too → needs re-authorisation, no retry.
    fake.revoke(xId);
    const err = await runPullJob('activities', daily(platformId), {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth' });
    expect(retryDelay(1, err)).toBeNull();
    expect((await PlatformModel.findById(platformId).lean())!.status).toBe('needs_reauth');
  }, 120_000);

  it('429 with x-rate-limit-reset: the retry waits for the reset', async () => {
    const { xId, platformId } = await connect(3);
    await waitForSync(platformId);
    const reset = Math.floor(Date.now() / 1000) + 600;
    fake.inject(`/2/users/${xId}/tweets`, { status: 429, body: { title: 'Too Many Requests', type: 'about:blank', status: 429, detail: 'Too Many Requests' }, headers: { 'x-rate-limit-limit': '900', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) } });
    const err = await runPullJob('activities', daily(platformId), {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate_limited' });
    const delay = retryDelay(1, err)!;
    expect(Date.now() + delay).toBeGreaterThanOrEqual(reset * 1000 - 2000);
    const p = (await PlatformModel.findById(platformId).lean())!;
    expect(p.status).toBe('active');
    expect(p.lastError).toMatch(/rate limit/);
    expect(p.rateLimit).toMatchObject({ remaining: 0, limit: 900, resetAt: new Date(reset * 1000) });
    expect(await SystemJobModel.countDocuments({ platformId, status: 'failed' })).toBe(1);
  });

  it('a 503 from X is retried in-process', async () => {
    const { xId, platformId } = await connect(3);
    await waitForSync(platformId);
    fake.inject(`/2/users/${xId}/tweets`, { status: 503, body: { title: 'Service Unavailable', status: 503 } });
    await runPullJob('activities', daily(platformId), {});
    expect((await PlatformModel.findById(platformId).lean())!.lastError).toBeUndefined();
  });
});

describe('x connector: billed post reads', () => {
  const month = () => monthOf();

  it('older posts are read again on days 1, 2, 3, 7, 14 and 30 after publishing, not every day', async () => {
    // A post every 7 hours over about 40 days.
    const { xId, platformId } = await connect(140);
    await waitForSync(platformId);
    const stored = await ActivityModel.find({ platformId }).lean();
    expect(stored).toHaveLength(140);
    // As if yesterday's pull had read whatever was due then.
    const yesterday = new Date(utcDay(new Date()).getTime() - 12 * 3_600_000);
    await ActivityModel.updateMany({ platformId }, { $set: { metricsUpdatedAt: yesterday } });
    const today = utcDay(new Date()).getTime();
    const ageOf = (d: Date) => Math.round((today - utcDay(d).getTime()) / DAY_MS);
    const due = stored.filter((p) => (POST_REFRESH_DAYS as readonly number[]).includes(ageOf(p.publishedAt!)));
    expect(due.length).toBeGreaterThan(10);
    expect(new Set(due.map((p) => ageOf(p.publishedAt!)))).toEqual(new Set(POST_REFRESH_DAYS));
    // Counters moved on X for a due post and for one that is not due.
    const dueTweet = fake.users.get(xId)!.tweets.find((t) => t.id === due[0]!.externalId)!;
    const notDue = stored.find((p) => ageOf(p.publishedAt!) === 5)!;
    const notDueTweet = fake.users.get(xId)!.tweets.find((t) => t.id === notDue.externalId)!;
    dueTweet.likes += 1000;
    notDueTweet.likes += 1000;
    const before = fake.requests.length;
    const usageBefore = (await PostReadUsageModel.findOne({ type: 'twitter', month: month() }).lean())!.reads;

    const out = await runPullJob('activities', daily(platformId), {});
    const lookups = fake.requests.slice(before).filter((r) => r.path === '/2/tweets');
    const asked = lookups.flatMap((r) => r.query.get('ids')!.split(','));
    expect(new Set(asked)).toEqual(new Set(due.map((p) => p.externalId)));
    expect(asked).toHaveLength(due.length);
    expect(out.result).toMatchObject({ refreshDue: due.length, refreshed: due.length, refreshDeferred: 0 });
    expect((await ActivityModel.findOne({ platformId, externalId: dueTweet.id }).lean())!.engagement.likes).toBe(dueTweet.likes);
    expect((await ActivityModel.findOne({ platformId, externalId: notDueTweet.id }).lean())!.engagement.likes).toBe(notDueTweet.likes - 1000);
    // Today's snapshots exist for the refreshed posts only (plus those the backfill wrote today).
    const refreshedIds = (await ActivityModel.find({ platformId, externalId: { $in: due.map((p) => p.externalId) } }, { _id: 1 }).lean()).map((d) => d._id);
    expect(await ActivityMetricModel.countDocuments({ activityId: { $in: refreshedIds }, date: utcDay(new Date()) })).toBe(due.length);
    // The reads are in the month's bookkeeping (the listing found no new post).
    expect((await PostReadUsageModel.findOne({ type: 'twitter', month: month() }).lean())!.reads - usageBefore).toBe(due.length);

    // A second pull the same day reads nothing again.
    const again = fake.requests.length;
    await runPullJob('activities', daily(platformId), {});
    expect(fake.requests.slice(again).filter((r) => r.path === '/2/tweets')).toHaveLength(0);
  }, 120_000);

  it('the monthly post-read budget is kept: youngest due posts first, then nothing until next month; health shows the reads', async () => {
    const { token, platformId } = await connect(140);
    await waitForSync(platformId);
    const yesterday = new Date(utcDay(new Date()).getTime() - 12 * 3_600_000);
    await ActivityModel.updateMany({ platformId }, { $set: { metricsUpdatedAt: yesterday } });
    const budget = h.server.config.TWITTER_MONTHLY_POST_READS;
    expect(budget).toBe(10_000);
    const saved = (await PostReadUsageModel.findOne({ type: 'twitter', month: month() }).lean())!.reads;
    await PostReadUsageModel.updateOne({ type: 'twitter', month: month() }, { $set: { reads: budget - 3 } });
    try {
      const before = fake.requests.length;
      const out = await runPullJob('activities', daily(platformId), {});
      const asked = fake.requests.slice(before).filter((r) => r.path === '/2/tweets').flatMap((r) => r.query.get('ids')!.split(','));
      expect(asked).toHaveLength(3);
      const youngestDue = (await ActivityModel.find({ platformId, externalId: { $in: asked } }).lean()).map((p) => p.publishedAt!.getTime());
      const deferred = await ActivityModel.find({ platformId, metricsUpdatedAt: yesterday, publishedAt: { $lt: utcDay(new Date()) } }).lean();
      expect(Math.min(...youngestDue)).toBeGreaterThan(Math.max(...deferred.filter((d) => (POST_REFRESH_DAYS as readonly number[]).includes(Math.round((utcDay(new Date()).getTime() - utcDay(d.publishedAt!).getTime()) / DAY_MS))).map((d) => d.publishedAt!.getTime())));
      expect(out.note).toMatch(/post-read budget \(TWITTER_MONTHLY_POST_READS\) is used up/);
      expect(out.result).toMatchObject({ refreshed: 3 });

      // Used up: the next pull makes no billed read at all, and does not fail.
      const calls = fake.requests.length;
      fake.post(fake.users.get([...fake.users.keys()].at(-1)!)!.id);
      await runPullJob('activities', daily(platformId), {});
      expect(fake.requests.slice(calls).filter((r) => r.path.includes('/tweets'))).toHaveLength(0);
      expect((await PlatformModel.findById(platformId).lean())!.status).toBe('active');

      const { body } = await h.server.gql<{ connectorHealth: Array<{ platformId: string; apiVersion: string; apiVersionSunsetsAt: string | null; postReads: Record<string, unknown>; warnings: string[] }> }>(
        '{ connectorHealth { platformId apiVersion apiVersionSunsetsAt postReads { month account used budget remaining } warnings } }',
        {},
        token,
      );
      expect(body.errors).toBeUndefined();
      const health = body.data!.connectorHealth.find((x) => x.platformId === platformId.toHexString())!;
      expect(health).toMatchObject({ apiVersion: '2', apiVersionSunsetsAt: null });
      expect(health.postReads).toEqual({ month: month(), account: 140 + 3, used: budget, budget, remaining: 0 });
      expect(health.warnings.join(' ')).toMatch(/post-read budget is used up/);
    } finally {
      await PostReadUsageModel.updateOne({ type: 'twitter', month: month() }, { $set: { reads: saved } });
    }
  }, 120_000);

  it('HTTP 402 (credits used up): its own error kind, account status error with what to do, no retry; adding credits heals it', async () => {
    const { token, platformId } = await connect(3);
    await waitForSync(platformId);
    fake.credits = 0;
    try {
      const err = await runPullJob('activities', daily(platformId), {}).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'credits_depleted', status: 402, code: 'CreditsDepleted' });
      expect(retryDelay(1, err)).toBeNull();
      const p = (await PlatformModel.findById(platformId).lean())!;
      expect(p.status).toBe('error');
      expect(p.lastError).toMatch(/X API credits are used up; add credits to the X developer account/);
      const { body } = await h.server.gql<{ connectorHealth: Array<{ platformId: string; healthy: boolean; warnings: string[] }> }>('{ connectorHealth { platformId healthy warnings } }', {}, token);
      const health = body.data!.connectorHealth.find((x) => x.platformId === platformId.toHexString())!;
      expect(health.healthy).toBe(false);
      expect(health.warnings.join(' ')).toMatch(/add credits/);
    } finally {
      fake.credits = Number.POSITIVE_INFINITY;
    }
    await runPullJob('activities', daily(platformId), {});
    expect((await PlatformModel.findById(platformId).lean())!).toMatchObject({ status: 'active' });
    expect((await PlatformModel.findById(platformId).lean())!.lastError).toBeUndefined();
  });

  it('429 UsageCapExceeded (monthly cap): its own error kind, not the rate-limit retry loop', async () => {
    const { platformId } = await connect(3);
    await waitForSync(platformId);
    const billed = fake.billedPostReads;
    fake.billedPostReads = fake.monthlyPostCap;
    try {
      const err = await runPullJob('activities', daily(platformId), {}).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'usage_cap', status: 429, code: 'UsageCapExceeded' });
      expect(retryDelay(1, err)).toBeNull();
      const p = (await PlatformModel.findById(platformId).lean())!;
      expect(p.status).toBe('error');
      expect(p.lastError).toMatch(/usage cap reached; syncing pauses until the monthly cap resets/);
      expect(await SystemJobModel.findOne({ platformId, status: 'failed' }).lean()).toMatchObject({ errorMessage: expect.stringMatching(/usage cap/) });
    } finally {
      fake.billedPostReads = billed;
    }
  });
});

describe('x connector: failing cases', () => {
  it('a wrong PKCE verifier (state of another connect) fails the exchange', async () => {
    const { token, user } = await createUser();
    fake.addUser('998877660999', 1);
    fake.consentAs = '998877660999';
    // Start two connects; complete the first platform redirect with the second connect's state.
    const second = await h.server.gql<{ connectPlatform: { authorizeUrl: string } }>('mutation { connectPlatform(input: { type: TWITTER }) { authorizeUrl } }', {}, token);
    const otherState = new URL(second.body.data!.connectPlatform.authorizeUrl).searchParams.get('state')!;
    const walk = await walkOAuth(h, token, 'TWITTER', (cb) => {
      cb.searchParams.set('state', otherState);
      return cb;
    });
    expect(walk.error).toBe('connect_failed');
    expect(await PlatformModel.countDocuments({ workspaceId: user._id })).toBe(0);
  });

  it('no token ever reaches the logs', async () => {
    await connect(2);
    const logs = h.logs.join('\n');
    expect(fake.issued().length).toBeGreaterThan(4);
    for (const t of fake.issued()) expect(logs).not.toContain(t);
  });
});
