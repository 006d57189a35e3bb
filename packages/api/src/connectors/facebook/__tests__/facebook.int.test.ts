import { SubscriptionTier } from '@soash/shared';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { decryptSecret } from '../../../lib/crypto.js';
import { ActivityModel } from '../../../modules/activities/activity.model.js';
import { AiInsightModel } from '../../../modules/insights/insight.model.js';
import { runTokenJob } from '../../../modules/platforms/platform-token-job.js';
import { loadPlatformWithSecrets } from '../../../modules/platforms/platform-tokens.js';
import { PlatformModel } from '../../../modules/platforms/platform.model.js';
import { runPullJob } from '../../../modules/sync/sync.service.js';
import { StatsModel } from '../../../modules/stats/stats.model.js';
import { addDays, utcDay } from '../../common.js';
import { ContentType } from '@soash/shared';
import { useConnectorConfig } from '../../config.js';
import { FacebookProvider, metricNumber } from '../facebook.provider.js';
import { startHarness, walkOAuth, waitForSync, type Harness } from '../../testing/harness.js';
import { FakeFacebook, type FakeFbUser } from '../fake-facebook.server.js';

let fake: FakeFacebook;
let h: Harness;
beforeAll(async () => {
  fake = await new FakeFacebook().start();
  h = await startHarness({ ...fake.env(), BACKFILL_DAYS: '120' });
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});

let seq = 0;
async function connect(posts = 20) {
  const u = await createUser({ subscriptionTier: SubscriptionTier.PRO });
  const pageId = `10200300${String(++seq).padStart(4, '0')}`;
  fake.addPage(pageId, posts);
  fake.consentAs = pageId;
  const walk = await walkOAuth(h, u.token, 'FACEBOOK');
  expect(walk.error).toBeUndefined();
  return { ...u, pageId, walk, platformId: new Types.ObjectId(walk.connectedId) };
}

const daily = (platformId: Types.ObjectId) => ({ platformId: platformId.toHexString(), kind: 'daily' as const });

describe('facebook connector: successful cases', () => {
  it('connect → backfill (90-day windows) → daily pull → refresh (none needed) → revoke', async () => {
    const { user, token, pageId, walk, platformId } = await connect(30);
    expect(Object.fromEntries(walk.authorizeUrl.searchParams)).toMatchObject({
      client_id: fake.appId,
      redirect_uri: 'http://api.test/oauth/facebook/callback',
      scope: 'pages_show_list,pages_read_engagement,read_insights,business_management',
    });
    expect(walk.authorizeUrl.searchParams.has('config_id')).toBe(false);
    const stored = (await loadPlatformWithSecrets(platformId))!;
    expect(stored).toMatchObject({ platformUserId: pageId, displayName: `Fake Page ${Number(pageId.slice(-4))}` });
    // The Page token is stored (encrypted), and it does not expire.
    expect(fake.tokens.get(decryptSecret(stored.accessTokenEnc!))?.subject).toBe(pageId);
    expect(stored.tokenExpiry).toBeUndefined();

    await waitForSync(platformId);
    // PRO plan, BACKFILL_DAYS=120: two insight windows of at most 90 days each.
    const windows = fake.requests.filter((r) => r.path.startsWith(`/v23.0/${pageId}/insights/page_follows,`));
    expect(windows).toHaveLength(2);
    for (const w of windows) expect(Number(w.query.get('until')) - Number(w.query.get('since'))).toBeLessThanOrEqual(90 * 86_400);
    const stats = await StatsModel.find({ platformId }).sort({ date: 1 }).lean();
    expect(stats).toHaveLength(120);
    const day = stats[10]!;
    const expected = fake.daily(pageId, day.date);
    expect(day).toMatchObject({
      followers: expected.page_follows,
      impressions: expected.page_media_view,
      reach: expected.page_total_media_view_unique,
      engagement: expected.page_post_engagements,
      profileViews: expected.page_views_total,
    });
    expect(day.sources.find((s) => s.field === 'followers')).toMatchObject({ metric: 'page_follows', apiVersion: 'v23.0' });
    expect(stats[11]!.followersChange).toBe(fake.follows(pageId, stats[11]!.date) - fake.follows(pageId, day.date));
    expect(stats.at(-1)!.demographics?.locations).toEqual([
      { country: 'US', share: 0.6 },
      { country: 'DE', share: 0.3 },
      { country: 'FR', share: 0.1 },
    ]);
    // page_fans is retired: never asked for.
    expect(fake.count((r) => r.path.includes('page_fans'))).toBe(0);

    const posts = await ActivityModel.find({ platformId }).lean();
    expect(posts).toHaveLength(30);
    const fp = fake.pages.get(pageId)!.posts[0]!;
    const p0 = posts.find((p) => p.externalId === fp.id)!;
    expect(p0.engagement).toMatchObject({ likes: fp.reactions, comments: fp.comments, shares: fp.shares, reach: fp.reach, impressions: fp.views });
    expect(p0.type).toBe('image');
    expect(p0.hashtags).toEqual(['smallbusiness', 'local']);

    // Daily pull re-reads the last days: no duplicates.
    fake.pages.get(pageId)!.posts[0]!.reactions += 7;
    await runPullJob('stats', daily(platformId), {});
    await runPullJob('activities', daily(platformId), {});
    expect(await StatsModel.countDocuments({ platformId })).toBe(120);
    expect(await ActivityModel.countDocuments({ platformId })).toBe(30);
    expect((await ActivityModel.findOne({ platformId, externalId: fp.id }).lean())!.engagement.likes).toBe(fp.reactions);

    // Page tokens do not expire: no token job, and a run has nothing to do.
    expect(await mongoose.connection.collection(JOBS_COLLECTION).countDocuments({ name: 'platform:refresh-token', 'data.platformId': platformId.toHexString() })).toBe(0);
    const refresh = await runTokenJob({ platformId: platformId.toHexString() }, {});
    expect(refresh.result).toMatchObject({ refreshed: false, nextRunAt: null });
    const { body } = await h.server.gql('{ connectorHealth { canRefresh tokenExpiresAt needsReauthBy healthy } }', {}, token);
    expect(body.data!.connectorHealth).toEqual([{ canRefresh: false, tokenExpiresAt: null, needsReauthBy: null, healthy: true }]);

    // Revoked: 190 → needs re-authorisation, one notice.
    fake.revoke(pageId);
    await expect(runPullJob('activities', daily(platformId), {})).rejects.toMatchObject({ kind: 'auth' });
    expect((await PlatformModel.findById(platformId).lean())!.status).toBe('needs_reauth');
    expect(await AiInsightModel.countDocuments({ workspaceId: user._id, key: `reauth:${platformId.toHexString()}` })).toBe(1);
  });

  it('when a metric has been retired, the core metrics are still pulled', async () => {
    const { pageId, platformId } = await connect(2);
    await waitForSync(platformId);
    fake.retiredExtra.add('page_views_total');
    try {
      await StatsModel.updateMany({ platformId }, { $unset: { profileViews: 1, reach: 1 } });
      await runPullJob('stats', daily(platformId), {});
      const today = (await StatsModel.findOne({ platformId, date: utcDay(new Date()) }).lean())!;
      expect(today.reach).toBe(fake.daily(pageId, today.date).page_total_media_view_unique);
      expect(today.profileViews).toBeUndefined();
    } finally {
      fake.retiredExtra.delete('page_views_total');
    }
  });

  it('a Page rate limit (#32 with a business-use-case header) is honoured', async () => {
    const { pageId, platformId } = await connect(1);
    await waitForSync(platformId);
    const token = decryptSecret((await loadPlatformWithSecrets(platformId))!.accessTokenEnc!);
    fake.inject(`/v23.0/${pageId}/posts`, {
      status: 400,
      body: { error: { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32, fbtrace_id: 'x' } },
      headers: { 'x-business-use-case-usage': JSON.stringify({ [pageId]: [{ type: 'pages', call_count: 100, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 12 }] }) },
    });
    const provider = new FacebookProvider(h.server.config);
    const err = await provider.listPosts({ platformUserId: pageId, accessToken: token }, { since: addDays(new Date(), -3) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate_limited', code: '32' });
    expect((err as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(11 * 60_000);
    expect((err as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(12 * 60_000);
  });
});

describe('facebook connector: failing cases', () => {
  it('a reused authorization code fails the connect without creating anything', async () => {
    const { token, user } = await createUser();
    fake.addPage('102003009999', 1);
    fake.consentAs = '102003009999';
    const walk = await walkOAuth(h, token, 'FACEBOOK', (cb) => {
      cb.searchParams.set('code', 'already-used');
      return cb;
    });
    expect(walk.error).toBe('connect_failed');
    expect(await PlatformModel.countDocuments({ workspaceId: user._id })).toBe(0);
  });

  it('no token ever reaches the logs', async () => {
    await connect(1);
    const logs = h.logs.join('\n');
    for (const t of fake.issued()) expect(logs).not.toContain(t);
  });
});


const PICK = `query($id: ID!) { pendingConnection(id: $id) { id type remainingSlots choices { id name detail connected available } } }`;
const COMPLETE = `mutation($input: CompleteConnectionInput!) { completeConnection(input: $input) { id platformUserId displayName } }`;

let userSeq = 0;
/** A Facebook user with `own` Pages of their own and one Business Portfolio (one owned Page, one shared, one without a task). */
function fbUser(own: number): { who: string; own: string[]; owned: string; client: string; noTask: string } {
  const base = 103000000000 + ++userSeq * 1000;
  const ids = Array.from({ length: own + 3 }, (_, i) => String(base + i));
  for (const id of ids) fake.addPage(id, 1);
  const [owned, client, noTask] = ids.slice(own) as [string, string, string];
  const user: FakeFbUser = {
    pages: ids.slice(0, own),
    businesses: [{ id: `9${base}`, name: `Acme ${userSeq}`, owned: [owned, noTask], client: [client] }],
    noTask: [noTask],
  };
  const who = `fbuser-${base}`;
  fake.addUser(who, user);
  return { who, own: ids.slice(0, own), owned, client, noTask };
}

describe('facebook pages picker: successful cases', () => {
  it('lists every Page (two pages of /me/accounts, business-owned and shared Pages) and connects several in one go, each with its Page token', async () => {
    const u = await createUser({ subscriptionTier: SubscriptionTier.PRO });
    const f = fbUser(27);
    fake.consentAs = f.who;
    const walk = await walkOAuth(h, u.token, 'FACEBOOK');
    expect(walk.error).toBeUndefined();
    const pendingId = /^\/platforms\/connect\/([0-9a-f]{24})$/.exec(walk.landing.pathname)![1]!;
    // Two pages of /me/accounts (the second through the `after` cursor), the portfolio's two edges.
    const accounts = fake.requests.filter((r) => r.path === '/v23.0/me/accounts');
    expect(accounts.slice(-2).map((r) => !!r.query.get('after'))).toEqual([false, true]);
    expect(fake.count((r) => r.path.endsWith('/owned_pages'))).toBeGreaterThan(0);
    expect(fake.count((r) => r.path.endsWith('/client_pages'))).toBeGreaterThan(0);

    const pick = await h.server.gql(PICK, { id: pendingId }, u.token);
    expect(pick.body.errors).toBeUndefined();
    const choices = pick.body.data!.pendingConnection.choices as Array<{ id: string; name: string; detail: string }>;
    expect(choices.map((c) => c.id)).toEqual([...f.own, f.owned, f.client]);
    expect(choices.find((c) => c.id === f.owned)!.detail).toBe(`Owned by Acme ${userSeq}`);
    expect(choices.find((c) => c.id === f.client)!.detail).toBe(`Shared with Acme ${userSeq}`);
    expect(choices[0]!.detail).toBe('Your Page');
    // The business Page the user has no task on cannot be read: not offered.
    expect(choices.some((c) => c.id === f.noTask)).toBe(false);

    const chosen = [f.own[0]!, f.own[26]!, f.owned];
    const done = await h.server.gql(COMPLETE, { input: { id: pendingId, choices: chosen } }, u.token);
    expect(done.body.errors).toBeUndefined();
    expect(done.body.data!.completeConnection.map((p: { platformUserId: string }) => p.platformUserId)).toEqual(chosen);
    for (const p of done.body.data!.completeConnection as Array<{ id: string; platformUserId: string }>) {
      const stored = (await loadPlatformWithSecrets(new Types.ObjectId(p.id)))!;
      expect(fake.tokens.get(decryptSecret(stored.accessTokenEnc!))?.subject).toBe(p.platformUserId);
      await waitForSync(p.id);
      expect((await PlatformModel.findById(p.id).lean())!).toMatchObject({ status: 'active', followerCount: 12_000, username: `fakepage${p.platformUserId.slice(-4)}` });
      expect(await ActivityModel.countDocuments({ platformId: stored._id })).toBe(1);
    }
  });

  it('Facebook Login for Business: with FACEBOOK_LOGIN_CONFIG_ID the dialog names the configuration instead of scopes', async () => {
    const config = h.server.config;
    useConnectorConfig({ ...config, FACEBOOK_LOGIN_CONFIG_ID: '8800112233' });
    try {
      const u = await createUser({ subscriptionTier: SubscriptionTier.PRO });
      const f = fbUser(1);
      fake.consentAs = f.who;
      const walk = await walkOAuth(h, u.token, 'FACEBOOK');
      expect(Object.fromEntries(walk.authorizeUrl.searchParams)).toMatchObject({ config_id: '8800112233', response_type: 'code', override_default_response_type: 'true' });
      expect(walk.authorizeUrl.searchParams.has('scope')).toBe(false);
      // The configuration grants business_management: the portfolio's Pages are offered too.
      const pendingId = walk.landing.pathname.split('/').at(-1)!;
      const pick = await h.server.gql(PICK, { id: pendingId }, u.token);
      expect(pick.body.data!.pendingConnection.choices.map((c: { id: string }) => c.id)).toEqual([...f.own, f.owned, f.client]);
    } finally {
      useConnectorConfig(config);
    }
  });

  it('without business_management (declined), the user’s own Pages are still offered', async () => {
    const u = await createUser({ subscriptionTier: SubscriptionTier.PRO });
    const f = fbUser(2);
    fake.consentAs = f.who;
    fake.grantedScopes = ['pages_show_list', 'pages_read_engagement', 'read_insights'];
    try {
      const walk = await walkOAuth(h, u.token, 'FACEBOOK');
      const pick = await h.server.gql(PICK, { id: walk.landing.pathname.split('/').at(-1)! }, u.token);
      expect(pick.body.data!.pendingConnection.choices.map((c: { id: string }) => c.id)).toEqual(f.own);
    } finally {
      fake.grantedScopes = undefined;
    }
  });

  it('reels: metrics from /{video-id}/video_insights, breakdown objects summed (reactions) and mapped (comments, shares)', async () => {
    const u = await createUser({ subscriptionTier: SubscriptionTier.PRO });
    const pageId = `10200300${String(++seq).padStart(4, '0')}`;
    fake.addPage(pageId, 2);
    const reel = fake.addReel(pageId, { plays: 5400, reach: 3100, reactions: { REACTION_LIKE: 120, REACTION_LOVE: 30, REACTION_WOW: 4 }, comments: 17, shares: 9 });
    fake.consentAs = pageId;
    const walk = await walkOAuth(h, u.token, 'FACEBOOK');
    await waitForSync(walk.connectedId!);
    const a = (await ActivityModel.findOne({ platformId: new Types.ObjectId(walk.connectedId), externalId: reel.postId }).lean())!;
    expect(a.type).toBe(ContentType.REEL);
    expect(a.engagement).toMatchObject({ likes: 154, comments: 17, shares: 9, reach: 3100, views: 5400 });
    expect(a.sources?.find((s) => s.field === 'engagement.views')).toMatchObject({ metric: 'blue_reels_play_count' });
    expect(fake.count((r) => r.path === `/v23.0/${reel.videoId}/video_insights`)).toBeGreaterThan(0);
    // Not asked on the post's /insights (which has none for a reel).
    expect(fake.count((r) => r.path.startsWith(`/v23.0/${reel.postId}/insights`))).toBe(0);
    // Ordinary posts still use post insights.
    expect(fake.count((r) => r.path.startsWith(`/v23.0/${pageId}_9000/insights`))).toBeGreaterThan(0);
  });

  it('metric values that are objects are summed (or their total taken), never dropped', () => {
    expect(metricNumber(42)).toBe(42);
    expect(metricNumber({ paid: 10, organic: 32 })).toBe(42);
    expect(metricNumber({ paid: 10, organic: 32, total: 42 })).toBe(42);
    expect(metricNumber({ REACTION_LIKE: 5, REACTION_LOVE: 2 })).toBe(7);
    expect(metricNumber({})).toBeUndefined();
    expect(metricNumber('n/a')).toBeUndefined();
  });
});

describe('facebook pages picker: failing cases', () => {
  it('a login that reaches no Page ends on the Platforms page with no_accounts', async () => {
    const u = await createUser();
    fake.addUser('fbuser-nopages', { pages: [], businesses: [] });
    fake.consentAs = 'fbuser-nopages';
    const walk = await walkOAuth(h, u.token, 'FACEBOOK');
    expect(walk.error).toBe('no_accounts');
    expect(await PlatformModel.countDocuments({ workspaceId: u.user._id })).toBe(0);
  });

  it('an unknown Login for Business configuration is refused by Facebook: the connect fails cleanly', async () => {
    const config = h.server.config;
    useConnectorConfig({ ...config, FACEBOOK_LOGIN_CONFIG_ID: '1111' });
    try {
      const u = await createUser();
      const { body } = await h.server.gql<{ connectPlatform: { authorizeUrl: string } }>(`mutation { connectPlatform(input: { type: FACEBOOK }) { authorizeUrl } }`, {}, u.token);
      const res = await fetch(body.data!.connectPlatform.authorizeUrl, { redirect: 'manual' });
      expect(res.status).toBe(400);
    } finally {
      useConnectorConfig(config);
    }
  });
});
