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
import { retryDelay } from '../../../modules/sync/job-run.js';
import { openSession, runPullJob } from '../../../modules/sync/sync.service.js';
import { StatsModel } from '../../../modules/stats/stats.model.js';
import { DAY_MS, HOUR_MS } from '../../common.js';
import { startHarness, walkOAuth, waitForSync, type Harness } from '../../testing/harness.js';
import { FakeTikTok } from '../fake-tiktok.server.js';

let fake: FakeTikTok;
let h: Harness;
beforeAll(async () => {
  fake = await new FakeTikTok().start();
  h = await startHarness(fake.env());
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});

let seq = 0;
async function connect(videos = 10) {
  const u = await createUser();
  const openId = `-000TT${String(++seq).padStart(4, '0')}`;
  fake.addUser(openId, videos);
  fake.consentAs = openId;
  const walk = await walkOAuth(h, u.token, 'TIKTOK');
  expect(walk.error).toBeUndefined();
  return { ...u, openId, walk, platformId: new Types.ObjectId(walk.connectedId) };
}

const daily = (platformId: Types.ObjectId) => ({ platformId: platformId.toHexString(), kind: 'daily' as const });
const stored = async (platformId: Types.ObjectId) => {
  const p = (await loadPlatformWithSecrets(platformId))!;
  return { p, access: decryptSecret(p.accessTokenEnc!), refresh: decryptSecret(p.refreshTokenEnc!) };
};

/** Update commands sent to the platforms collection while `fn` runs. */
async function platformUpdates(fn: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const client = mongoose.connection.getClient();
  const updates: Array<Record<string, unknown>> = [];
  const listener = (ev: { commandName: string; command: Record<string, unknown> }) => {
    if (ev.commandName === 'update' && ev.command.update === 'platforms') updates.push(...(ev.command.updates as Array<Record<string, unknown>>));
  };
  client.on('commandStarted', listener);
  try {
    await fn();
  } finally {
    client.off('commandStarted', listener);
  }
  return updates;
}

describe('tiktok connector: successful cases', () => {
  it('connect → backfill → daily pull → refresh (rotating refresh token) → revoke', async () => {
    const { user, token, openId, walk, platformId } = await connect(45);
    expect(Object.fromEntries(walk.authorizeUrl.searchParams)).toMatchObject({
      client_key: fake.clientKey,
      scope: 'user.info.basic,user.info.profile,user.info.stats,video.list',
      response_type: 'code',
      redirect_uri: 'http://api.test/oauth/tiktok/callback',
    });
    const first = await stored(platformId);
    expect(first.p).toMatchObject({ platformUserId: openId, username: `fake.tt.${openId.slice(-4)}` });
    expect(first.refresh).toBe(fake.currentRefresh(openId));
    expect(first.p.tokenExpiry!.getTime() - first.p.tokenIssuedAt!.getTime()).toBe(2 * HOUR_MS);
    expect(first.p.refreshTokenExpiry!.getTime()).toBeGreaterThan(Date.now() + 179 * DAY_MS);
    // Refreshing does not extend the grant: its end is when the user must connect again, and the
    // token job runs 7 days before it to warn.
    expect(first.p.needsReauthBy!.getTime()).toBe(first.p.refreshTokenExpiry!.getTime());
    const job = await mongoose.connection.collection(JOBS_COLLECTION).findOne({ name: 'platform:refresh-token', 'data.platformId': platformId.toHexString() });
    expect(job!.nextRunAt.getTime()).toBe(first.p.refreshTokenExpiry!.getTime() - 7 * DAY_MS);

    await waitForSync(platformId);
    // 45 videos, at most 20 per page, by cursor.
    const lists = fake.requests.filter((r) => r.path === '/v2/video/list/');
    expect(lists.map((r) => (r.json as { max_count: number }).max_count)).toEqual([20, 20, 20]);
    expect((lists[0]!.json as { cursor?: number }).cursor).toBeUndefined();
    expect((lists[1]!.json as { cursor?: number }).cursor).toBe(fake.users.get(openId)!.videos[19]!.create_time * 1000);
    const posts = await ActivityModel.find({ platformId }).lean();
    expect(posts).toHaveLength(45);
    const v0 = fake.users.get(openId)!.videos[0]!;
    const a0 = posts.find((p) => p.externalId === v0.id)!;
    expect(a0).toMatchObject({ type: 'video', permalink: `https://www.tiktok.com/@fake/video/${v0.id}`, hashtags: ['dancechallenge', 'fyp'] });
    expect(a0.engagement).toMatchObject({ likes: v0.likes, comments: v0.comments, shares: v0.shares, views: v0.views, reach: null, saves: null });
    expect(a0.sources.map((s) => s.metric)).toEqual(['like_count', 'comment_count', 'share_count', 'view_count']);
    const stats = await StatsModel.find({ platformId }).lean();
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ followers: 25_000, following: 12 });

    await runPullJob('activities', daily(platformId), {});
    expect(await ActivityModel.countDocuments({ platformId })).toBe(45);

    // Refresh: two pulls start together with an access token about to expire. One refresh only,
    // and the new access and refresh tokens land in one single-document update.
    await PlatformModel.updateOne({ _id: platformId }, { $set: { tokenExpiry: new Date(Date.now() + 60_000) } });
    const refreshCalls = fake.count((r) => r.path === '/v2/oauth/token/' && r.form.get('grant_type') === 'refresh_token');
    const updates = await platformUpdates(() => Promise.all([runPullJob('stats', daily(platformId), {}), runPullJob('activities', daily(platformId), {})]));
    expect(fake.count((r) => r.path === '/v2/oauth/token/' && r.form.get('grant_type') === 'refresh_token') - refreshCalls).toBe(1);
    const second = await stored(platformId);
    expect(second.refresh).not.toBe(first.refresh);
    expect(second.refresh).toBe(fake.currentRefresh(openId));
    expect(fake.refresh.get(first.refresh)!.valid).toBe(false);
    const tokenWrites = updates.filter((u) => JSON.stringify(u.u).includes('refreshTokenEnc'));
    expect(tokenWrites).toHaveLength(1);
    expect(JSON.stringify(tokenWrites[0]!.u)).toContain('accessTokenEnc');
    expect(tokenWrites[0]!.multi).not.toBe(true);

    // refresh_expires_in is the remaining lifetime: the rotated refresh token ends with the grant.
    expect(Math.abs(second.p.refreshTokenExpiry!.getTime() - first.p.refreshTokenExpiry!.getTime())).toBeLessThan(2_000);
    expect(second.p.needsReauthBy!.getTime()).toBe(second.p.refreshTokenExpiry!.getTime());

    // 175 days later the grant has 5 days left: the next refresh stores that absolute end…
    fake.ageGrant(openId, 175 * DAY_MS);
    await PlatformModel.updateOne({ _id: platformId }, { $set: { tokenExpiry: new Date(Date.now() + 60_000) } });
    await runPullJob('stats', daily(platformId), {});
    const third = await stored(platformId);
    expect(third.refresh).toBe(fake.currentRefresh(openId));
    expect(Math.abs(third.p.refreshTokenExpiry!.getTime() - (Date.now() + 5 * DAY_MS))).toBeLessThan(60_000);
    expect(third.p.needsReauthBy!.getTime()).toBe(third.p.refreshTokenExpiry!.getTime());
    // …and the token job warns the user instead of spending refreshes that extend nothing.
    const tokenCalls = fake.count('/v2/oauth/token/');
    const out = await runTokenJob({ platformId: platformId.toHexString() }, {});
    expect(out.result).toMatchObject({ refreshed: false, warned: true });
    expect(fake.count('/v2/oauth/token/')).toBe(tokenCalls);
    const notice = await AiInsightModel.findOne({ workspaceId: user._id, key: `reauth:${platformId.toHexString()}` }).lean();
    expect(notice!.title).toMatch(/^Reconnect your .* before \d{4}-\d{2}-\d{2}$/);
    const { body } = await h.server.gql<{ connectorHealth: Array<{ platformId: string; needsReauthBy: string; warnings: string[] }> }>(
      '{ connectorHealth { platformId needsReauthBy warnings } }',
      {},
      token,
    );
    const health = body.data!.connectorHealth.find((x) => x.platformId === platformId.toHexString())!;
    expect(new Date(health.needsReauthBy).getTime()).toBe(third.p.refreshTokenExpiry!.getTime());
    expect(health.warnings.join(' ')).toMatch(/TikTok access ends on \d{1,2} [A-Z][a-z]{2} \d{4}; connect/);
    await AiInsightModel.deleteMany({ workspaceId: user._id });

    // Revoked: the access token is refused and so is the refresh.
    fake.revoke(openId);
    const err = await runPullJob('activities', daily(platformId), {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth', code: 'invalid_grant' });
    expect(retryDelay(1, err)).toBeNull();
    expect((await PlatformModel.findById(platformId).lean())!.status).toBe('needs_reauth');
    expect(await AiInsightModel.countDocuments({ workspaceId: user._id })).toBe(1);
  });

  it('a pull that read the expiring token before another pull refreshed it uses the new tokens: no second refresh', async () => {
    const { openId, platformId } = await connect(5);
    await waitForSync(platformId);
    await PlatformModel.updateOne({ _id: platformId }, { $set: { tokenExpiry: new Date(Date.now() + 60_000) } });
    const refreshes = () => fake.count((r) => r.path === '/v2/oauth/token/' && r.form.get('grant_type') === 'refresh_token');
    const before = refreshes();
    // A slow pull reads the account, then another pull refreshes and finishes before it goes on.
    const stale = (await loadPlatformWithSecrets(platformId))!;
    await runPullJob('stats', daily(platformId), {});
    expect(refreshes() - before).toBe(1);
    const session = await openSession(stale);
    expect(refreshes() - before).toBe(1);
    const now = await stored(platformId);
    expect(now.refresh).toBe(fake.currentRefresh(openId));
    await session.call(async (access) => expect(access.accessToken).toBe(now.access));
  });

  it('rate_limit_exceeded with Retry-After, and internal_error retried in-process', async () => {
    const { platformId } = await connect(3);
    await waitForSync(platformId);
    fake.inject('/v2/video/list', { status: 500, body: { data: {}, error: { code: 'internal_error', message: 'Something went wrong', log_id: 'x' } } });
    await runPullJob('activities', daily(platformId), {});
    fake.inject('/v2/video/list', { status: 429, body: { data: {}, error: { code: 'rate_limit_exceeded', message: 'Too many requests', log_id: 'x' } }, headers: { 'retry-after': '45' } });
    const err = await runPullJob('activities', daily(platformId), {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: 45_000 });
    expect(retryDelay(1, err)).toBeGreaterThanOrEqual(45_000);
  });
});

describe('tiktok connector: failing cases', () => {
  it('once the refresh grant has ended, TikTok refuses it (invalid_grant) and the account needs re-authorisation; the token job ends it on the day without calling TikTok', async () => {
    const { user, openId, platformId } = await connect(2);
    await waitForSync(platformId);
    // The grant ran out: TikTok refuses the (still unused) refresh token.
    fake.ageGrant(openId, 181 * DAY_MS);
    await PlatformModel.updateOne({ _id: platformId }, { $set: { tokenExpiry: new Date(Date.now() + 60_000) } });
    const err = await runPullJob('stats', daily(platformId), {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth', code: 'invalid_grant' });
    expect((await PlatformModel.findById(platformId).lean())!.status).toBe('needs_reauth');
    expect(await AiInsightModel.countDocuments({ workspaceId: user._id, key: `reauth:${platformId.toHexString()}` })).toBe(1);

    // Another account whose stored grant end has passed: the token job marks it, with no call.
    const b = await connect(1);
    await waitForSync(b.platformId);
    await PlatformModel.updateOne({ _id: b.platformId }, { $set: { refreshTokenExpiry: new Date(Date.now() - 1000), needsReauthBy: new Date(Date.now() - 1000) } });
    const calls = fake.count('/v2/oauth/token/');
    const out = await runTokenJob({ platformId: b.platformId.toHexString() }, {});
    expect(out.result).toMatchObject({ expired: true });
    expect(fake.count('/v2/oauth/token/')).toBe(calls);
    expect((await PlatformModel.findById(b.platformId).lean())!.status).toBe('needs_reauth');
  });

  it('an expired authorization code fails the connect', async () => {
    const { token, user } = await createUser();
    fake.consentAs = 'x';
    const walk = await walkOAuth(h, token, 'TIKTOK', (cb) => {
      cb.searchParams.set('code', 'expired');
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
