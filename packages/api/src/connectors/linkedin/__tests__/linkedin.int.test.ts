import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { decryptSecret } from '../../../lib/crypto.js';
import { ActivityModel } from '../../../modules/activities/activity.model.js';
import { AiInsightModel } from '../../../modules/insights/insight.model.js';
import { runTokenJob } from '../../../modules/platforms/platform-token-job.js';
import { loadPlatformWithSecrets } from '../../../modules/platforms/platform-tokens.js';
import { PendingConnectionModel } from '../../../modules/platforms/pending-connection.model.js';
import { PlatformModel } from '../../../modules/platforms/platform.model.js';
import { retryDelay } from '../../../modules/sync/job-run.js';
import { runPullJob } from '../../../modules/sync/sync.service.js';
import { StatsModel } from '../../../modules/stats/stats.model.js';
import { addDays, DAY_MS, HOUR_MS, utcDay } from '../../common.js';
import { Role, SubscriptionTier } from '@soash/shared';
import { useConnectorConfig } from '../../config.js';
import { ConnectorError } from '../../errors.js';
import { startHarness, walkOAuth, waitForSync, type Harness } from '../../testing/harness.js';
import { FakeLinkedIn, supportedLinkedInVersion, type FakeLiAcl } from '../fake-linkedin.server.js';
import { LinkedInProvider, STATS_WINDOW_DAYS } from '../linkedin.provider.js';

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
    expect(day.sources.find((s) => s.field === 'impressions')).toMatchObject({ metric: 'totalShareStatistics.impressionCount', apiVersion: '202611' });

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
    const notice = (await AiInsightModel.findOne({ workspaceId: user._id }).lean())!;
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
    expect(await AiInsightModel.countDocuments({ workspaceId: user._id })).toBe(1);
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
    expect(walk.error).toBe('no_accounts');
    expect(await PlatformModel.countDocuments({ workspaceId: user._id })).toBe(0);
  });

  it('no token ever reaches the logs', async () => {
    await connect(1, true);
    const logs = h.logs.join('\n');
    for (const t of fake.issued()) expect(logs).not.toContain(t);
  });
});

const PICK = `query($id: ID!) { pendingConnection(id: $id) { id type expiresAt remainingSlots choices { id name username detail connected available } } }`;
const COMPLETE = `mutation($input: CompleteConnectionInput!) { completeConnection(input: $input) { id type platformUserId displayName username } }`;

/** Months before now as a LinkedIn version (YYYYMM). */
function versionMonthsAgo(months: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe('linkedin organisations and versions: successful cases', () => {
  it('the configured LinkedIn-Version is one LinkedIn serves today (the fake computes its window from the date)', async () => {
    expect(h.server.config.LINKEDIN_API_VERSION).toMatch(/^\d{6}$/);
    expect(supportedLinkedInVersion(h.server.config.LINKEDIN_API_VERSION)).toBe(true);
    expect(supportedLinkedInVersion(versionMonthsAgo(0))).toBe(true);
    expect(supportedLinkedInVersion(versionMonthsAgo(11))).toBe(true);
    expect(supportedLinkedInVersion(versionMonthsAgo(12))).toBe(false);
    expect(supportedLinkedInVersion(versionMonthsAgo(-1))).toBe(false);
    expect(supportedLinkedInVersion('202506', new Date('2026-12-01T00:00:00Z'))).toBe(false);
    const { orgId, platformId } = await connect(1);
    await waitForSync(platformId);
    const sent = fake.requests.filter((r) => r.path.startsWith('/rest/') && r.query.get('organizationalEntity') === `urn:li:organization:${orgId}`);
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) expect(r.headers['linkedin-version']).toBe(h.server.config.LINKEDIN_API_VERSION);
  });

  it('lists every organisation the member administers (ADMINISTRATOR, CONTENT_ADMIN; all pages of ACLs) and connects the chosen ones', async () => {
    const u = await createUser({ subscriptionTier: SubscriptionTier.PRO });
    const base = 66100000 + ++seq * 100;
    const [a, b, c, d] = [0, 1, 2, 3].map((i) => String(base + i));
    for (const id of [a!, b!, c!, d!]) fake.addOrg(id, 3);
    // 120 roles that give no access to statistics, so the wanted ones are on the second page of ACLs.
    const noise: FakeLiAcl[] = Array.from({ length: 120 }, (_, i) => ({ orgId: String(77000000 + i), role: 'RECRUITING_POSTER' }));
    const member = `member-${base}`;
    fake.addMember(member, [
      ...noise,
      { orgId: a!, role: 'ADMINISTRATOR' },
      { orgId: b!, role: 'CONTENT_ADMIN' },
      { orgId: c!, role: 'ANALYST' },
      { orgId: d!, role: 'ADMINISTRATOR', state: 'REQUESTED' },
    ]);
    fake.consentAs = member;
    fake.partner = false;
    const walk = await walkOAuth(h, u.token, 'LINKEDIN');
    expect(walk.error).toBeUndefined();
    expect(walk.connectedId).toBeUndefined();
    const m = /^\/platforms\/connect\/([0-9a-f]{24})$/.exec(walk.landing.pathname);
    expect(walk.landing.origin).toBe('http://web.test');
    expect(m).not.toBeNull();
    const pendingId = m![1]!;
    // The choice remembers who started the connect (the audit log's actor once accounts are chosen).
    expect((await PendingConnectionModel.findById(pendingId).lean())!.actorId?.toHexString()).toBe(u.user._id.toHexString());
    expect(fake.requests.filter((r) => r.path === '/rest/organizationAcls').map((r) => r.query.get('start')).slice(-2)).toEqual(['0', '100']);

    const pick = await h.server.gql(PICK, { id: pendingId }, u.token);
    expect(pick.body.errors).toBeUndefined();
    expect(pick.body.data!.pendingConnection).toMatchObject({
      id: pendingId,
      type: 'LINKEDIN',
      remainingSlots: 10,
      choices: [
        { id: a, name: `Fake Org ${Number(a!.slice(-4))}`, username: `fake-org-${Number(a!.slice(-4))}`, detail: 'Super admin', connected: false, available: true },
        { id: b, detail: 'Content admin', connected: false, available: true },
      ],
    });
    expect(pick.body.data!.pendingConnection.choices).toHaveLength(2);

    const done = await h.server.gql(COMPLETE, { input: { id: pendingId, choices: [a, b] } }, u.token);
    expect(done.body.errors).toBeUndefined();
    const platforms = done.body.data!.completeConnection as Array<{ id: string; platformUserId: string }>;
    expect(platforms.map((p) => p.platformUserId)).toEqual([a, b]);
    // Both accounts use the member's token and sync.
    for (const p of platforms) {
      await waitForSync(p.id);
      const stored = (await loadPlatformWithSecrets(new Types.ObjectId(p.id)))!;
      expect(fake.tokens.get(decryptSecret(stored.accessTokenEnc!))?.member).toBe(member);
      expect(stored.status).toBe('active');
      expect(stored.followerCount).toBe(8000);
      expect(await ActivityModel.countDocuments({ platformId: stored._id })).toBe(3);
    }
    // Used once.
    const again = await h.server.gql(COMPLETE, { input: { id: pendingId, choices: [a] } }, u.token);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a backfill longer than 12 months asks only for the days LinkedIn serves', async () => {
    const { platformId, orgId } = await connect(1);
    await waitForSync(platformId);
    expect(new LinkedInProvider(h.server.config).accountMetricsChunkDays).toBeLessThanOrEqual(STATS_WINDOW_DAYS);
    const before = fake.requests.length;
    await runPullJob('stats', { platformId: platformId.toHexString(), kind: 'backfill', days: 500 }, {});
    const asked = fake.requests.slice(before).filter((r) => r.path.startsWith('/rest/organizationalEntity') && r.query.get('organizationalEntity') === `urn:li:organization:${orgId}`);
    expect(asked.length).toBeGreaterThan(0);
    const yearAgo = new Date();
    yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
    for (const r of asked) {
      const start = Number(/start:(\d+)/.exec(r.rawQuery)?.[1]);
      expect(start).toBeGreaterThanOrEqual(yearAgo.getTime());
    }
    const stats = await StatsModel.find({ platformId, impressions: { $ne: null } }).sort({ date: 1 }).lean();
    expect(stats).toHaveLength(STATS_WINDOW_DAYS);
    expect(stats[0]!.date.getTime()).toBe(addDays(utcDay(new Date()), -(STATS_WINDOW_DAYS - 1)).getTime());
  });
});

describe('linkedin organisations and versions: failing cases', () => {
  it('a sunset LinkedIn-Version (426) is a configuration error naming LINKEDIN_API_VERSION: account in error, admins notified, no retries', async () => {
    const admin = await createUser({ role: Role.ADMIN });
    const { user, platformId } = await connect(1);
    await waitForSync(platformId);
    const config = h.server.config;
    useConnectorConfig({ ...config, LINKEDIN_API_VERSION: '202506' });
    try {
      const before = fake.requests.length;
      const err = await runPullJob('stats', daily(platformId), {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectorError);
      expect(err).toMatchObject({ kind: 'permanent', status: 426, code: 'NONEXISTENT_VERSION', setting: 'LINKEDIN_API_VERSION' });
      expect((err as Error).message).toMatch(/LINKEDIN_API_VERSION/);
      expect((err as Error).message).toMatch(/202506/);
      // Refused once: no in-process retries, and Agenda does not retry it either.
      expect(fake.requests.slice(before).filter((r) => r.headers['linkedin-version'] === '202506')).toHaveLength(1);
      expect(retryDelay(1, err)).toBeNull();
      const p = (await PlatformModel.findById(platformId).lean())!;
      expect(p.status).toBe('error');
      expect(p.lastError).toMatch(/LINKEDIN_API_VERSION/);
      const notice = (await AiInsightModel.findOne({ workspaceId: admin.user._id, key: 'config:LINKEDIN_API_VERSION' }).lean())!;
      expect(notice).toMatchObject({ priority: 'high' });
      expect(notice.title).toMatch(/LINKEDIN_API_VERSION/);
      // A second failing account refreshes the same notice instead of adding one.
      await runPullJob('activities', daily(platformId), {}).catch(() => undefined);
      expect(await AiInsightModel.countDocuments({ workspaceId: admin.user._id, key: 'config:LINKEDIN_API_VERSION' })).toBe(1);
      // The account's owner is not an admin: their notice feed has no configuration notice.
      expect(await AiInsightModel.countDocuments({ workspaceId: user._id, key: 'config:LINKEDIN_API_VERSION' })).toBe(0);
    } finally {
      useConnectorConfig(config);
    }
    // With a current version, the next pull heals the account.
    await runPullJob('stats', daily(platformId), {});
    expect((await PlatformModel.findById(platformId).lean())!.status).toBe('active');
  });

  it('the picker: another user’s or an expired pending connection, unknown choices and the plan limit are refused, and nothing is lost', async () => {
    const owner = await createUser({ subscriptionTier: SubscriptionTier.FREE });
    const other = await createUser({ subscriptionTier: SubscriptionTier.PRO });
    const base = 66200000 + ++seq * 100;
    const ids = [0, 1, 2].map((i) => String(base + i));
    for (const id of ids) fake.addOrg(id, 1);
    fake.addMember(`member-${base}`, ids.map((orgId) => ({ orgId, role: 'ADMINISTRATOR' as const })));
    fake.consentAs = `member-${base}`;
    const walk = await walkOAuth(h, owner.token, 'LINKEDIN');
    const pendingId = walk.landing.pathname.split('/').at(-1)!;

    // Another user's pending connection does not exist for them.
    for (const [q, v] of [
      [PICK, { id: pendingId }],
      [COMPLETE, { input: { id: pendingId, choices: [ids[0]] } }],
    ] as const) {
      const res = await h.server.gql(q, v, other.token);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    // Malformed id, unknown choice, empty and repeated choices.
    expect((await h.server.gql(PICK, { id: 'nope' }, owner.token)).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await h.server.gql(COMPLETE, { input: { id: pendingId, choices: ['999'] } }, owner.token)).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'choices' });
    expect((await h.server.gql(COMPLETE, { input: { id: pendingId, choices: [] } }, owner.token)).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await h.server.gql(COMPLETE, { input: { id: pendingId, choices: [ids[0], ids[0]] } }, owner.token)).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // The free plan allows two accounts: three new ones are too many, and the choice stays open.
    const pick = await h.server.gql(PICK, { id: pendingId }, owner.token);
    expect(pick.body.data!.pendingConnection.remainingSlots).toBe(2);
    const tooMany = await h.server.gql(COMPLETE, { input: { id: pendingId, choices: ids } }, owner.token);
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 2, remaining: 2 });
    expect(await PlatformModel.countDocuments({ workspaceId: owner.user._id })).toBe(0);
    const two = await h.server.gql(COMPLETE, { input: { id: pendingId, choices: ids.slice(0, 2) } }, owner.token);
    expect(two.body.errors).toBeUndefined();
    expect(await PlatformModel.countDocuments({ workspaceId: owner.user._id })).toBe(2);
    for (const p of two.body.data!.completeConnection as Array<{ id: string }>) await waitForSync(p.id);

    // Another login by someone else: the owner's organisations are shown as taken and cannot be chosen.
    fake.consentAs = `member-${base}`;
    const walk2 = await walkOAuth(h, other.token, 'LINKEDIN');
    const pending2 = walk2.landing.pathname.split('/').at(-1)!;
    const pick2 = await h.server.gql(PICK, { id: pending2 }, other.token);
    expect(pick2.body.data!.pendingConnection.choices.map((c: { available: boolean }) => c.available)).toEqual([false, false, true]);
    const taken = await h.server.gql(COMPLETE, { input: { id: pending2, choices: [ids[0]] } }, other.token);
    expect(taken.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', choices: [ids[0]] });
    expect((await PlatformModel.findOne({ platformUserId: ids[0] }).lean())!.workspaceId.equals(owner.user._id)).toBe(true);

    // Expired: the user must log in again.
    await mongoose.connection.collection('pending_connections').updateOne({ _id: new Types.ObjectId(pending2) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    for (const [q, v] of [
      [PICK, { id: pending2 }],
      [COMPLETE, { input: { id: pending2, choices: [ids[2]] } }],
    ] as const) {
      const res = await h.server.gql(q, v, other.token);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', reason: 'expired' });
    }
    expect(await PlatformModel.countDocuments({ workspaceId: other.user._id })).toBe(0);
    // The stored pending connection holds no readable token.
    const raw = JSON.stringify(await mongoose.connection.collection('pending_connections').find({}).toArray());
    for (const t of fake.issued()) expect(raw).not.toContain(t);
  });
});
