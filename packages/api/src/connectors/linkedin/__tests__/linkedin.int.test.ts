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
import { runPullJob } from '../../../modules/sync/sync.service.js';
import { StatsModel } from '../../../modules/stats/stats.model.js';
import { DAY_MS, HOUR_MS, utcDay } from '../../common.js';
import { startHarness, walkOAuth, waitForSync, type Harness } from '../../testing/harness.js';
import { FakeLinkedIn } from '../fake-linkedin.server.js';

let fake: FakeLinkedIn;
let h: Harness;
beforeAll(async () => {
  fake = await new FakeLinkedIn().start();
  h = await startHarness(fake.env());
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});

let seq = 0;
async function connect(posts = 20, partner = false) {
  const u = await createUser();
  const orgId = `5550${String(++seq).padStart(4, '0')}`;
  fake.addOrg(orgId, posts);
  fake.consentAs = orgId;
  fake.partner = partner;
  const walk = await walkOAuth(h, u.token, 'LINKEDIN');
  expect(walk.error).toBeUndefined();
  return { ...u, orgId, walk, platformId: new Types.ObjectId(walk.connectedId) };
}

const daily = (platformId: Types.ObjectId) => ({ platformId: platformId.toHexString(), kind: 'daily' as const });
const tokenJob = (platformId: Types.ObjectId) =>
  mongoose.connection.collection(JOBS_COLLECTION).findOne({ name: 'platform:refresh-token', 'data.platformId': platformId.toHexString() });

describe('linkedin connector: successful cases', () => {
  it('connect → backfill → daily pull → re-authorisation warning before expiry → revoke (no refresh tokens)', async () => {
    const { user, token, orgId, walk, platformId } = await connect(120);
    expect(Object.fromEntries(walk.authorizeUrl.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: fake.clientId,
      scope: 'r_organization_social rw_organization_admin',
      redirect_uri: 'http://api.test/oauth/linkedin/callback',
    });
    const p = (await loadPlatformWithSecrets(platformId))!;
    expect(p).toMatchObject({ platformUserId: orgId, username: `fake-org-${Number(orgId.slice(-4))}`, displayName: `Fake Org ${Number(orgId.slice(-4))}` });
    expect(p.refreshTokenEnc).toBeUndefined();
    // No refresh token: access ends with the 60-day token, and Soash knows it.
    expect(p.needsReauthBy!.getTime()).toBe(p.tokenExpiry!.getTime());
    expect((await tokenJob(platformId))!.nextRunAt.getTime()).toBe(p.tokenExpiry!.getTime() - 7 * DAY_MS);

    await waitForSync(platformId);
    const stats = await StatsModel.find({ platformId }).sort({ date: 1 }).lean();
    expect(stats).toHaveLength(90);
    const today = stats.at(-1)!;
    expect(today.followers).toBe(8000);
    const day = stats[50]!;
    expect(day).toMatchObject({ impressions: fake.dayShares(orgId, day.date).impressionCount, reach: fake.dayShares(orgId, day.date).uniqueImpressionsCount, engagement: 49 });
    // Followers are derived backwards from today's total and the daily gains.
    expect(stats[51]!.followersChange).toBe(fake.gain(stats[51]!.date));
    expect(stats[51]!.followers! - stats[50]!.followers!).toBe(fake.gain(stats[51]!.date));
    expect(day.sources.find((s) => s.field === 'impressions')).toMatchObject({ metric: 'totalShareStatistics.impressionCount', apiVersion: '202506' });

    // 120 posts: three pages of 50.
    expect(fake.requests.filter((r) => r.path === '/rest/posts').map((r) => r.query.get('start'))).toEqual(['0', '50', '100']);
    const posts = await ActivityModel.find({ platformId }).lean();
    expect(posts).toHaveLength(120);
    const fp = fake.orgs.get(orgId)!.posts[1]!;
    const a = posts.find((x) => x.externalId === fp.id)!;
    expect(a.engagement).toMatchObject({ likes: fp.likes, comments: fp.comments, shares: fp.shares, impressions: fp.impressions, reach: fp.unique });
    expect(a.hashtags).toEqual(['hiring', 'remotework']);
    expect(a.content).toContain('#Hiring');
    expect(new Set(posts.map((x) => x.type))).toEqual(new Set(['post', 'image', 'video', 'carousel']));
    // Lifetime statistics in batches of at most 20 per request: pages of 50, 50, 20 → 3 + 3 + 1.
    expect(fake.count((r) => r.path === '/rest/organizationalEntityShareStatistics' && /List\(/.test(r.rawQuery))).toBe(7);

    await runPullJob('stats', daily(platformId), {});
    await runPullJob('activities', daily(platformId), {});
    expect(await StatsModel.countDocuments({ platformId })).toBe(90);
    expect(await ActivityModel.countDocuments({ platformId })).toBe(120);

    // 54 days later: 6 days left. The token job warns; the account stays active.
    const expiry = new Date(Date.now() + 6 * DAY_MS);
    await PlatformModel.updateOne({ _id: platformId }, { $set: { tokenExpiry: expiry, needsReauthBy: expiry, tokenIssuedAt: new Date(Date.now() - 54 * DAY_MS) } });
    const warned = await runTokenJob({ platformId: platformId.toHexString() }, {});
    expect(warned.result).toMatchObject({ refreshed: false, warned: true });
    const notice = (await AiInsightModel.findOne({ userId: user._id }).lean())!;
    expect(notice.title).toMatch(new RegExp(`before ${expiry.toISOString().slice(0, 10)}`));
    expect(notice).toMatchObject({ priority: 'high', key: `reauth:${platformId.toHexString()}` });
    const health = await h.server.gql('{ connectorHealth { status canRefresh needsReauthBy warnings } }', {}, token);
    expect(health.body.data!.connectorHealth[0]).toMatchObject({ status: 'ACTIVE', canRefresh: false, needsReauthBy: expiry.toISOString() });
    expect(health.body.data!.connectorHealth[0].warnings[0]).toMatch(/access ends on/);
    // The next run is when access ends.
    expect((await tokenJob(platformId))!.nextRunAt.getTime()).toBe(expiry.getTime());

    // Revoked by the member.
    fake.revoke(orgId);
    const err = await runPullJob('stats', daily(platformId), {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth', authFailure: 'revoked', code: 'REVOKED_ACCESS_TOKEN' });
    expect((await PlatformModel.findById(platformId).lean())!.status).toBe('needs_reauth');
    expect(await AiInsightModel.countDocuments({ userId: user._id })).toBe(1);
  });

  it('approved partners get refresh tokens: refreshed ahead of expiry, the refresh token kept and not extended', async () => {
    const { platformId } = await connect(3, true);
    await waitForSync(platformId);
    const before = (await loadPlatformWithSecrets(platformId))!;
    expect(before.refreshTokenEnc).toBeDefined();
    expect(before.needsReauthBy!.getTime()).toBe(before.refreshTokenExpiry!.getTime());
    expect((await tokenJob(platformId))!.nextRunAt.getTime()).toBe(before.tokenExpiry!.getTime() - 72 * HOUR_MS);

    await PlatformModel.updateOne({ _id: platformId }, { $set: { tokenExpiry: new Date(Date.now() + HOUR_MS), tokenIssuedAt: new Date(Date.now() - 59 * DAY_MS) } });
    const out = await runTokenJob({ platformId: platformId.toHexString() }, {});
    expect(out.result).toMatchObject({ refreshed: true });
    const after = (await loadPlatformWithSecrets(platformId))!;
    expect(decryptSecret(after.accessTokenEnc!)).not.toBe(decryptSecret(before.accessTokenEnc!));
    expect(decryptSecret(after.refreshTokenEnc!)).toBe(decryptSecret(before.refreshTokenEnc!));
    expect(after.tokenExpiry!.getTime()).toBeGreaterThan(Date.now() + 59 * DAY_MS);
    expect(Math.abs(after.refreshTokenExpiry!.getTime() - before.refreshTokenExpiry!.getTime())).toBeLessThan(5000);
  });

  it('reconnecting when LinkedIn sends no refresh token keeps the stored one', async () => {
    const { token, orgId, platformId } = await connect(1, true);
    await waitForSync(platformId);
    const before = (await loadPlatformWithSecrets(platformId))!;
    fake.partner = false;
    fake.consentAs = orgId;
    const again = await walkOAuth(h, token, 'LINKEDIN');
    expect(again.connectedId).toBe(platformId.toHexString());
    const after = (await loadPlatformWithSecrets(platformId))!;
    expect(decryptSecret(after.accessTokenEnc!)).not.toBe(decryptSecret(before.accessTokenEnc!));
    expect(decryptSecret(after.refreshTokenEnc!)).toBe(decryptSecret(before.refreshTokenEnc!));
    expect(after.refreshTokenExpiry).toEqual(before.refreshTokenExpiry);
    expect(after.needsReauthBy).toEqual(before.refreshTokenExpiry);
  });

  it('a 429 without Retry-After waits for the daily reset at midnight UTC', async () => {
    const { platformId } = await connect(2);
    await waitForSync(platformId);
    fake.inject('/rest/posts', { status: 429, body: { status: 429, message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.' } });
    const err = await runPullJob('activities', daily(platformId), {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate_limited' });
    const midnight = utcDay(Date.now() + DAY_MS).getTime();
    expect(Date.now() + retryDelay(1, err)!).toBeGreaterThanOrEqual(midnight - 2000);
  });
});

describe('linkedin connector: failing cases', () => {
  it('a member who administers no organization cannot connect', async () => {
    const { token, user } = await createUser();
    fake.consentAs = '55509999';
    fake.inject('/rest/organizationAcls', { body: { elements: [], paging: { count: 10, start: 0 } } });
    const walk = await walkOAuth(h, token, 'LINKEDIN');
    expect(walk.error).toBe('connect_failed');
    expect(await PlatformModel.countDocuments({ userId: user._id })).toBe(0);
  });

  it('no token ever reaches the logs', async () => {
    await connect(1, true);
    const logs = h.logs.join('\n');
    for (const t of fake.issued()) expect(logs).not.toContain(t);
  });
});
