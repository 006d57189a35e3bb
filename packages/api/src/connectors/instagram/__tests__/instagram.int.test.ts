import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { decryptSecret } from '../../../lib/crypto.js';
import { ActivityMetricModel } from '../../../modules/activities/activity-metric.model.js';
import { ActivityModel } from '../../../modules/activities/activity.model.js';
import { AiInsightModel } from '../../../modules/insights/insight.model.js';
import { OAuthStateModel } from '../../../modules/platforms/oauth-state.model.js';
import { UserModel } from '../../../modules/users/user.model.js';
import { AuditEventModel } from '../../../modules/workspaces/audit-event.model.js';
import { TeamMemberModel } from '../../../modules/workspaces/team-member.model.js';
import { runTokenJob } from '../../../modules/platforms/platform-token-job.js';
import { loadPlatformWithSecrets } from '../../../modules/platforms/platform-tokens.js';
import { PlatformModel } from '../../../modules/platforms/platform.model.js';
import { retryDelay } from '../../../modules/sync/job-run.js';
import { runPullJob } from '../../../modules/sync/sync.service.js';
import { StatsModel } from '../../../modules/stats/stats.model.js';
import { SystemJobModel } from '../../../modules/system-jobs/system-job.model.js';
import { DAY_MS, HOUR_MS, utcDay } from '../../common.js';
import { ConnectorError } from '../../errors.js';
import { finishCallback, startHarness, walkOAuth, waitFor, waitForSync, type Harness } from '../../testing/harness.js';
import { FakeInstagram } from '../fake-instagram.server.js';

let fake: FakeInstagram;
let h: Harness;
beforeAll(async () => {
  fake = await new FakeInstagram().start();
  h = await startHarness(fake.env());
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});

let seq = 0;
const nextIgId = () => `1784140000${String(++seq).padStart(4, '0')}`;

async function connect(posts = 40) {
  const u = await createUser();
  const igId = nextIgId();
  fake.addAccount(igId, posts);
  fake.consentAs = igId;
  const walk = await walkOAuth(h, u.token, 'INSTAGRAM');
  expect(walk.error).toBeUndefined();
  const platformId = new Types.ObjectId(walk.connectedId);
  return { ...u, igId, walk, platformId };
}

const daily = (platformId: Types.ObjectId) => ({ platformId: platformId.toHexString(), kind: 'daily' as const });

describe('instagram connector: successful cases', () => {
  it('connect → backfill → daily pull → refresh → revoke, asserted on stored data', async () => {
    const { user, igId, walk, platformId } = await connect(60);

    // Connect: the authorize URL and the redirect back to the web app.
    expect(walk.authorizeUrl.origin).toBe(fake.url);
    expect(Object.fromEntries(walk.authorizeUrl.searchParams)).toMatchObject({
      client_id: fake.clientId,
      redirect_uri: 'http://api.test/oauth/instagram/callback',
      response_type: 'code',
      scope: 'instagram_business_basic,instagram_business_manage_insights',
    });
    expect(walk.landing.toString()).toBe(`http://web.test/platforms?connected=${platformId.toHexString()}`);
    const stored = (await loadPlatformWithSecrets(platformId))!;
    expect(stored).toMatchObject({ type: 'instagram', sandbox: false, platformUserId: igId, username: `fake_ig_${Number(igId.slice(-4))}`, status: 'active' });
    const longToken = decryptSecret(stored.accessTokenEnc!);
    expect(fake.tokens.get(longToken)?.kind).toBe('long');
    expect(stored.accessTokenEnc).not.toContain(longToken);
    expect(stored.refreshTokenEnc).toBeUndefined();
    expect(stored.tokenExpiry!.getTime()).toBeGreaterThan(Date.now() + 59 * DAY_MS);

    // Backfill, from the jobs the connect scheduled.
    const runs = await waitForSync(platformId);
    expect(runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    const stats = await StatsModel.find({ platformId }).sort({ date: 1 }).lean();
    expect(stats).toHaveLength(90);
    const someDay = stats[40]!;
    const expected = fake.daily(igId, someDay.date);
    expect(someDay).toMatchObject({ reach: expected.reach, impressions: expected.views, engagement: expected.total_interactions, profileViews: expected.profile_views });
    expect(someDay.engagementRate).toBeCloseTo(expected.total_interactions / expected.reach, 10);
    expect(someDay.sources).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'impressions', metric: 'views', apiVersion: 'v23.0' }), expect.objectContaining({ field: 'reach', metric: 'reach' })]),
    );
    const today = stats[stats.length - 1]!;
    expect(today.date.getTime()).toBe(utcDay(new Date()).getTime());
    expect(today.followers).toBe(5000);
    expect(today.demographics?.genderSplit).toEqual({ female: 0.6, male: 0.38, other: 0.02 });
    expect(today.demographics?.locations[0]).toEqual({ country: 'DE', share: 0.4 });

    const posts = await ActivityModel.find({ platformId }).lean();
    expect(posts).toHaveLength(60);
    const reel = posts.find((p) => p.type === 'reel')!;
    const media = fake.accounts.get(igId)!.media.find((m) => m.id === reel.externalId)!;
    expect(reel.engagement).toMatchObject({
      likes: media.like_count,
      comments: media.comments_count,
      shares: media.insights.shares,
      saves: media.insights.saved,
      reach: media.insights.reach,
      impressions: media.insights.views,
      views: media.insights.views,
    });
    expect(reel.engagementRate).toBeCloseTo(reel.engagement.total / media.insights.reach, 10);
    expect(reel.hashtags).toEqual(['coffee', 'brunchtime']);
    expect(reel.sources).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'engagement.impressions', metric: 'views' })]));
    const image = posts.find((p) => p.type === 'image')!;
    expect(image.engagement.views).toBeNull();
    expect(new Set(posts.map((p) => p.type))).toEqual(new Set(['image', 'reel', 'carousel']));

    // Snapshots: one for today for each post younger than 30 days.
    const young = posts.filter((p) => p.publishedAt!.getTime() >= Date.now() - 30 * DAY_MS);
    expect(await ActivityMetricModel.countDocuments({ platformId })).toBe(young.length);
    // Metric renames: the retired names were never asked for.
    expect(fake.count((r) => /(^|,)(impressions|plays|video_views)(,|$)/.test(r.query.get('metric') ?? ''))).toBe(0);
    // Meta's usage header became the rate-limit budget.
    expect((await PlatformModel.findById(platformId).lean())!.rateLimit).toMatchObject({ unit: 'percent', limit: 100 });

    // Daily pull: a new post appears, counters move, nothing is duplicated.
    const fresh = fake.publish(igId);
    const newest = fake.accounts.get(igId)!.media[1]!;
    newest.like_count += 100;
    await runPullJob('activities', daily(platformId), {});
    await runPullJob('stats', daily(platformId), {});
    expect(await ActivityModel.countDocuments({ platformId })).toBe(61);
    expect((await ActivityModel.findOne({ platformId, externalId: fresh.id }).lean())!.engagement.reach).toBe(fresh.insights.reach);
    const bumped = (await ActivityModel.findOne({ platformId, externalId: newest.id }).lean())!;
    expect(bumped.engagement.likes).toBe(newest.like_count);
    expect(await ActivityMetricModel.countDocuments({ activityId: bumped._id })).toBe(1);
    expect(await StatsModel.countDocuments({ platformId })).toBe(90);

    // Refresh: scheduled TOKEN_REFRESH_MARGIN_HOURS (72) before expiry.
    const tokenJob = await mongoose.connection.collection(JOBS_COLLECTION).findOne({ name: 'platform:refresh-token', 'data.platformId': platformId.toHexString() });
    expect(Math.abs(tokenJob!.nextRunAt.getTime() - (stored.tokenExpiry!.getTime() - 72 * HOUR_MS))).toBeLessThan(60_000);
    // 58 days later: the token is old enough and inside the margin.
    fake.age(igId, 58 * DAY_MS);
    await PlatformModel.updateOne({ _id: platformId }, { $set: { tokenIssuedAt: new Date(Date.now() - 58 * DAY_MS), tokenExpiry: new Date(Date.now() + 2 * DAY_MS) } });
    await runTokenJob({ platformId: platformId.toHexString() }, {});
    const refreshed = (await loadPlatformWithSecrets(platformId))!;
    const newToken = decryptSecret(refreshed.accessTokenEnc!);
    expect(newToken).not.toBe(longToken);
    expect(fake.tokens.get(newToken)?.kind).toBe('long');
    expect(refreshed.tokenExpiry!.getTime()).toBeGreaterThan(Date.now() + 59 * DAY_MS);
    expect(fake.count('/refresh_access_token')).toBe(1);
    expect(await SystemJobModel.findOne({ platformId, jobType: 'refresh_token' }).lean()).toMatchObject({ status: 'completed', result: { refreshed: true } });

    // Revoke: the next pull marks the account, tells the user once, and is not retried.
    fake.revoke(igId);
    let failure: unknown;
    await runPullJob('stats', daily(platformId), { failCount: 0 }).catch((e) => (failure = e));
    expect(failure).toBeInstanceOf(ConnectorError);
    expect(failure).toMatchObject({ kind: 'auth', code: '190/458' });
    expect(retryDelay(1, failure)).toBeNull();
    const after = (await PlatformModel.findById(platformId).lean())!;
    expect(after.status).toBe('needs_reauth');
    expect(after.lastError).toMatch(/connect the account again/);
    const notices = await AiInsightModel.find({ workspaceId: user._id }).lean();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ key: `reauth:${platformId.toHexString()}`, insightType: 'recommendation', priority: 'high' });
    const failed = await SystemJobModel.findOne({ platformId, jobType: 'sync_metrics', status: 'failed' }).lean();
    expect(failed!.errorMessage).toMatch(/Instagram rejected the connection/);
    // Later runs skip the account without calling Instagram.
    const calls = fake.requests.length;
    expect((await runPullJob('activities', daily(platformId), {})).note).toMatch(/connected again/);
    expect((await runTokenJob({ platformId: platformId.toHexString() }, {})).note).toMatch(/connected again/);
    expect(fake.requests.length).toBe(calls);
    expect(await AiInsightModel.countDocuments({ workspaceId: user._id })).toBe(1);
  });

  it('reconnecting replaces the token, keeps the history and clears the notice', async () => {
    const { token, igId, platformId, user } = await connect(10);
    await waitForSync(platformId);
    fake.revoke(igId);
    await runPullJob('stats', daily(platformId), {}).catch(() => undefined);
    expect(await AiInsightModel.countDocuments({ workspaceId: user._id })).toBe(1);
    const postsBefore = await ActivityModel.countDocuments({ platformId });

    fake.consentAs = igId;
    const again = await walkOAuth(h, token, 'INSTAGRAM');
    expect(again.connectedId).toBe(platformId.toHexString());
    const p = (await loadPlatformWithSecrets(platformId))!;
    expect(p.status).toBe('active');
    expect(fake.tokens.get(decryptSecret(p.accessTokenEnc!))?.state).toBe('valid');
    expect(await AiInsightModel.countDocuments({ workspaceId: user._id })).toBe(0);
    const runs = await waitForSync(platformId, 4);
    expect(runs.slice(-2).map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(await ActivityModel.countDocuments({ platformId })).toBe(postsBefore);
    expect(await PlatformModel.countDocuments({ platformUserId: igId })).toBe(1);
  });

  it('a connect through the OAuth callback is in the audit log: the admin who started it, the address and user agent of the callback', async () => {
    const owner = await createUser();
    const admin = await createUser();
    await TeamMemberModel.create({ workspaceId: owner.user._id, userId: admin.user._id, role: 'admin', isActive: true });
    // The admin works in the owner's workspace (their last used one), not in their own.
    await UserModel.updateOne({ _id: admin.user._id }, { $set: { lastWorkspaceId: owner.user._id } });
    const igId = nextIgId();
    fake.addAccount(igId, 3);
    fake.consentAs = igId;
    const walk = await walkOAuth(h, admin.token, 'INSTAGRAM');
    expect(walk.error).toBeUndefined();
    const platformId = walk.connectedId!;
    expect(await PlatformModel.countDocuments({ _id: platformId, workspaceId: owner.user._id })).toBe(1);
    // Connecting the same account again (a reconnect) is recorded too.
    fake.consentAs = igId;
    expect((await walkOAuth(h, admin.token, 'INSTAGRAM')).connectedId).toBe(platformId);

    const events = await AuditEventModel.find({ workspaceId: owner.user._id, action: 'platform.connected' }).sort({ at: 1, _id: 1 }).lean();
    expect(events.map((e) => [e.actorId?.toHexString(), e.targetType, e.targetId, e.details])).toEqual([
      [admin.user._id.toHexString(), 'platform', platformId, { platformType: 'instagram', sandbox: false, reconnected: false }],
      [admin.user._id.toHexString(), 'platform', platformId, { platformType: 'instagram', sandbox: false, reconnected: true }],
    ]);
    for (const e of events) {
      expect(e.ip).toBeTruthy();
      expect(e.userAgent).toBeTruthy();
    }
    expect(JSON.stringify(events)).not.toMatch(/token|secret|code=/i);
  });

  it('a token past its expiry cannot be refreshed: the account needs re-authorisation, Instagram is not called', async () => {
    const { platformId, user } = await connect(3);
    await waitForSync(platformId);
    await PlatformModel.updateOne({ _id: platformId }, { $set: { tokenExpiry: new Date(Date.now() - 1000) } });
    const calls = fake.requests.length;
    const err = await runPullJob('stats', daily(platformId), {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth', authFailure: 'expired' });
    expect(fake.requests.length).toBe(calls);
    expect((await PlatformModel.findById(platformId).lean())!.status).toBe('needs_reauth');
    expect(await AiInsightModel.countDocuments({ workspaceId: user._id, key: `reauth:${platformId.toHexString()}` })).toBe(1);
  });

  it('a token under 24 h old is never sent for refresh: the job waits until Instagram accepts it', async () => {
    const { platformId } = await connect(3);
    await waitForSync(platformId);
    // Pretend the margin is already reached although the token is brand new.
    const refreshCalls = fake.count('/refresh_access_token');
    await PlatformModel.updateOne({ _id: platformId }, { $set: { tokenExpiry: new Date(Date.now() + 3600_000 * 30) } });
    const outcome = await runTokenJob({ platformId: platformId.toHexString() }, {});
    expect(outcome.result).toMatchObject({ refreshed: false });
    const job = await mongoose.connection.collection(JOBS_COLLECTION).findOne({ name: 'platform:refresh-token', 'data.platformId': platformId.toHexString() });
    expect(job!.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 23 * HOUR_MS);
    expect(fake.count('/refresh_access_token')).toBe(refreshCalls);
  });

  it('a transient 5xx is retried in-process and the pull completes', async () => {
    const { igId, platformId } = await connect(5);
    await waitForSync(platformId);
    const before = fake.count(`/v23.0/${igId}/media`);
    fake.inject(`/v23.0/${igId}/media`, { status: 503, body: { error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2, is_transient: true } } }, 2);
    await runPullJob('activities', daily(platformId), {});
    expect(fake.count(`/v23.0/${igId}/media`) - before).toBe(3);
    expect((await PlatformModel.findById(platformId).lean())!.lastError).toBeUndefined();
  });

  it('rate limited (#4 with usage headers): the run fails and Agenda retries no earlier than Instagram asked', async () => {
    const { igId, platformId } = await connect(5);
    await waitForSync(platformId);
    fake.inject(`/v23.0/${igId}/media`, {
      status: 400,
      body: { error: { message: '(#4) Application request limit reached', type: 'OAuthException', code: 4, is_transient: true } },
      headers: { 'x-business-use-case-usage': JSON.stringify({ [igId]: [{ type: 'instagram', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 7 }] }) },
    });
    await h.scheduler.agenda.now('platform:pull-activities', { platformId: platformId.toHexString(), kind: 'manual', days: 3 });
    const failed = await waitFor(() => SystemJobModel.findOne({ platformId, jobType: 'sync_activities', status: 'failed' }).lean(), 'the rate-limited run');
    expect(failed.errorMessage).toMatch(/rate limit/);
    const job = await waitFor(
      () => mongoose.connection.collection(JOBS_COLLECTION).findOne({ name: 'platform:pull-activities', 'data.kind': 'manual', 'data.platformId': platformId.toHexString(), failCount: 1, lockedAt: null }),
      'the retry to be scheduled',
    );
    expect(job.nextRunAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 6.5 * 60_000);
    expect((await PlatformModel.findById(platformId).lean())!.rateLimit).toMatchObject({ unit: 'percent', remaining: 0 });
    await mongoose.connection.collection(JOBS_COLLECTION).deleteOne({ _id: job._id });
  });
});

describe('instagram connector: failing cases', () => {
  it('a forged, reused or expired state redirects with an error and connects nothing', async () => {
    const { token } = await createUser();
    const igId = nextIgId();
    fake.addAccount(igId, 1);
    fake.consentAs = igId;

    const forged = await walkOAuth(h, token, 'INSTAGRAM', (cb) => {
      cb.searchParams.set('state', 'forged.state-value-0123456789abcdef');
      return cb;
    });
    expect(forged.landing.toString()).toBe('http://web.test/platforms?error=invalid_state&platform=instagram');

    let replay: URL | undefined;
    const first = await walkOAuth(h, token, 'INSTAGRAM', (cb) => (replay = cb));
    expect(first.connectedId).toBeDefined();
    const reused = await finishCallback(h, first.authorizeUrl, replay!);
    expect(reused.error).toBe('used_state');

    // A state past its 10 minutes (the TTL monitor may not have removed it yet).
    const expiredWalk = await (async () => {
      const gql = await h.server.gql<{ connectPlatform: { authorizeUrl: string } }>(
        'mutation { connectPlatform(input: { type: INSTAGRAM }) { authorizeUrl } }',
        {},
        token,
      );
      const url = new URL(gql.body.data!.connectPlatform.authorizeUrl);
      await OAuthStateModel.updateMany({ usedAt: { $exists: false } }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
      const consent = await fetch(url, { redirect: 'manual' });
      const cb = new URL(consent.headers.get('location')!);
      return finishCallback(h, url, new URL(`${h.server.url}${cb.pathname}${cb.search}`));
    })();
    expect(expiredWalk.error).toBe('expired_state');
    expect(await PlatformModel.countDocuments({ platformUserId: igId })).toBe(1);
  });

  it('the user refusing consent, or a code Instagram rejects, redirects with an error', async () => {
    const { token, user } = await createUser();
    fake.deny = true;
    const denied = await walkOAuth(h, token, 'INSTAGRAM').finally(() => (fake.deny = false));
    expect(denied.error).toBe('access_denied');
    const badCode = await walkOAuth(h, token, 'INSTAGRAM', (cb) => {
      cb.searchParams.set('code', 'not-a-code');
      return cb;
    });
    expect(badCode.landing.toString()).toBe('http://web.test/platforms?error=connect_failed&platform=instagram');
    expect(await PlatformModel.countDocuments({ workspaceId: user._id })).toBe(0);
  });

  it('an account connected by another Soash user cannot be taken over', async () => {
    const a = await connect(2);
    await waitForSync(a.platformId);
    const before = (await loadPlatformWithSecrets(a.platformId))!;
    const b = await createUser();
    fake.consentAs = a.igId;
    const walk = await walkOAuth(h, b.token, 'INSTAGRAM');
    expect(walk.error).toBe('already_connected');
    const after = (await loadPlatformWithSecrets(a.platformId))!;
    expect(after.workspaceId.equals(a.user._id)).toBe(true);
    expect(after.accessTokenEnc).toBe(before.accessTokenEnc);
    expect(await PlatformModel.countDocuments({ workspaceId: b.user._id })).toBe(0);
  });

  it('at the plan limit only a reconnect can start, and a different account is refused at the callback', async () => {
    const a = await connect(1);
    await waitForSync(a.platformId);
    const { connectSandboxPlatform } = await import('../../../modules/platforms/platform-connect.service.js');
    await connectSandboxPlatform(a.user._id, 'tiktok', { backfill: 'none' });
    // Two accounts on the free plan: a new connect is refused up front.
    const refused = await h.server.gql('mutation { connectPlatform(input: { type: INSTAGRAM }) { authorizeUrl } }', {}, a.token);
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 2, tier: 'free' });
    // Once the Instagram account lost access, reconnecting may start…
    fake.revoke(a.igId);
    await runPullJob('stats', daily(a.platformId), {}).catch(() => undefined);
    const other = nextIgId();
    fake.addAccount(other, 1);
    fake.consentAs = other;
    // …but consenting with a different Instagram account would be a third account.
    const walk = await walkOAuth(h, a.token, 'INSTAGRAM');
    expect(walk.error).toBe('limit_exceeded');
    expect(await PlatformModel.countDocuments({ workspaceId: a.user._id })).toBe(2);
    fake.consentAs = a.igId;
    const again = await walkOAuth(h, a.token, 'INSTAGRAM');
    expect(again.connectedId).toBe(a.platformId.toHexString());
  });

  it('the callback of an unknown platform, or without state, never shows a stack trace', async () => {
    for (const path of ['/oauth/myspace/callback?code=x&state=y', '/oauth/instagram/callback', '/oauth/instagram/callback?state=%00%01&code=1']) {
      const res = await fetch(`${h.server.url}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = res.headers.get('location')!;
      expect(location).toMatch(/^http:\/\/web\.test\/platforms\?error=(unknown_platform|invalid_state)/);
      expect(await res.text()).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });

  it('no token ever reaches the logs or a GraphQL response', async () => {
    const { token } = await connect(3);
    const { body } = await h.server.gql(
      '{ platforms { id platformUserId username health { tokenExpiresAt lastError warnings rateLimit { remaining } } } connectorHealth { platformId lastError } }',
      {},
      token,
    );
    expect(body.errors).toBeUndefined();
    const logs = h.logs.join('\n');
    const response = JSON.stringify(body);
    const tokens = fake.issued();
    expect(tokens.length).toBeGreaterThan(5);
    for (const t of tokens) {
      expect(logs).not.toContain(t);
      expect(response).not.toContain(t);
    }
    expect(logs).toMatch(/platform connected/);
  });
});
