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
import { utcDay } from '../../common.js';
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
    const posts = await ActivityModel.find({ platformId }).lean();
    expect(posts).toHaveLength(260);
    const t0 = fake.users.get(xId)!.tweets[0]!;
    const a0 = posts.find((p) => p.externalId === t0.id)!;
    expect(a0.engagement).toMatchObject({ likes: t0.likes, comments: t0.replies, shares: t0.retweets + t0.quotes, saves: t0.bookmarks, impressions: t0.impressions, reach: null });
    expect(a0.engagementRate).toBeNull();
    expect(a0.hashtags).toEqual(['buildinpublic', 'typescript']);
    expect(a0.permalink).toBe(`https://x.com/i/web/status/${t0.id}`);
    expect(new Set(posts.map((p) => p.type))).toEqual(new Set(['post', 'image', 'video']));
    // X has no daily account analytics: today's follower snapshot only.
    const stats = await StatsModel.find({ platformId }).lean();
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ date: utcDay(new Date()), followers: 4321, following: 99 });
    expect(stats[0]!.sources.map((s) => s.metric)).toEqual(['public_metrics.followers_count', 'public_metrics.following_count']);
    expect((await PlatformModel.findById(platformId).lean())!.rateLimit).toMatchObject({ unit: 'requests', limit: 900 });

    // Daily pull.
    const fresh = fake.post(xId);
    await runPullJob('activities', daily(platformId), {});
    expect(await ActivityModel.countDocuments({ platformId, externalId: fresh.id })).toBe(1);
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
  });

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
    expect(await PlatformModel.countDocuments({ userId: user._id })).toBe(0);
  });

  it('no token ever reaches the logs', async () => {
    await connect(2);
    const logs = h.logs.join('\n');
    expect(fake.issued().length).toBeGreaterThan(4);
    for (const t of fake.issued()) expect(logs).not.toContain(t);
  });
});
