import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginViaApi, PASSWORD, refreshViaApi, registerViaApi } from '../../../../test/helpers/auth.js';
import { createUser, seedOwnedData, tokenFor } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { ActivityMetricModel } from '../../activities/activity-metric.model.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { ContentCategoryModel } from '../../categories/category.model.js';
import { AiInsightModel } from '../../insights/insight.model.js';
import { PerformancePatternModel } from '../../insights/performance-pattern.model.js';
import { ContentRecommendationModel } from '../../insights/recommendation.model.js';
import { PlatformModel } from '../../platforms/platform.model.js';
import { ReferralCodeModel } from '../../referrals/referral-code.model.js';
import { ReferralSignupModel } from '../../referrals/referral-signup.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { SystemJobModel } from '../../system-jobs/system-job.model.js';
import { RefreshTokenModel } from '../refresh-token.model.js';
import { deleteUserData } from '../user-deletion.js';
import { CsvExportTicketModel } from '../../analytics/csv-export.model.js';
import { OAuthStateModel } from '../../platforms/oauth-state.model.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { TeamMemberModel } from '../../workspaces/team-member.model.js';
import { UserModel } from '../user.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const errorOf = (body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => body.errors?.[0];
const fieldsOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  ((errorOf(body as never)?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);

const PROFILE = 'id timezone brandName brandDescription industry targetAudience brandValues businessGoals avatarUrl onboardingCompleted';
const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { ${PROFILE} } }`;
const UPDATE_ACCOUNT = 'mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { id name firstName lastName company } }';

/** Documents of `userId` and of their personal workspace (id = userId) in every collection (system_jobs listed separately: it is kept). */
async function ownedCounts(userId: Types.ObjectId, platformIds: Types.ObjectId[]) {
  const jobs = mongoose.connection.db!.collection(JOBS_COLLECTION);
  const hex = platformIds.map((p) => p.toHexString());
  return {
    users: await UserModel.countDocuments({ _id: userId }),
    workspaces: await WorkspaceModel.countDocuments({ ownerId: userId }),
    team_members: await TeamMemberModel.countDocuments({ userId }),
    refresh_tokens: await RefreshTokenModel.countDocuments({ userId }),
    platforms: await PlatformModel.countDocuments({ workspaceId: userId }),
    activities: await ActivityModel.countDocuments({ workspaceId: userId }),
    activity_metrics: await ActivityMetricModel.countDocuments({ workspaceId: userId }),
    stats: await StatsModel.countDocuments({ workspaceId: userId }),
    content_categories: await ContentCategoryModel.countDocuments({ workspaceId: userId }),
    ai_insights: await AiInsightModel.countDocuments({ workspaceId: userId }),
    content_recommendations: await ContentRecommendationModel.countDocuments({ workspaceId: userId }),
    performance_patterns: await PerformancePatternModel.countDocuments({ workspaceId: userId }),
    referral_codes: await ReferralCodeModel.countDocuments({ userId }),
    referral_signups: await ReferralSignupModel.countDocuments({ referrerUserId: userId }),
    oauth_states: await OAuthStateModel.countDocuments({ workspaceId: userId }),
    csv_exports: await CsvExportTicketModel.countDocuments({ userId }),
    agenda_jobs: await jobs.countDocuments({ $or: [{ 'data.workspaceId': userId }, { 'data.userId': userId }, { 'data.platformId': { $in: hex } }] }),
  };
}

describe('account: successful cases', () => {
  it('me has a profile: the brand profile of the personal workspace the account starts with (timezone UTC)', async () => {
    const { user, token } = await createUser({ name: 'No Profile Yet' });
    expect(await WorkspaceModel.countDocuments({ _id: user._id })).toBe(1);
    const first = await server.gql(`{ me { id name role subscriptionTier profile { ${PROFILE} } } }`, {}, token);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.me).toMatchObject({
      id: user._id.toHexString(),
      name: 'No Profile Yet',
      role: 'USER',
      subscriptionTier: 'FREE',
      profile: { timezone: 'UTC', brandValues: [], businessGoals: [], onboardingCompleted: false, brandName: null },
    });
    const second = await server.gql('{ me { profile { id } } }', {}, token);
    expect(second.body.data!.me.profile.id).toBe(first.body.data!.me.profile.id);
    expect(await WorkspaceModel.countDocuments({ _id: user._id })).toBe(1);
  });

  it('updateAccount changes given fields, clears nulls and leaves the rest', async () => {
    const { user, token } = await createUser({ name: 'Before', company: 'Old Co', firstName: 'Ann' });
    const { body } = await server.gql(UPDATE_ACCOUNT, { input: { name: '  After  ', lastName: 'Lee', firstName: null } }, token);
    expect(body.data!.updateAccount).toEqual({ id: user._id.toHexString(), name: 'After', firstName: null, lastName: 'Lee', company: 'Old Co' });
  });

  it('updateProfile sets every field, canonicalises the time zone and cleans lists', async () => {
    const { token } = await createUser();
    const input = {
      brandName: ' Soash ',
      brandDescription: 'Analytics',
      industry: 'Software',
      targetAudience: 'Creators',
      brandValues: [' honest ', 'Honest', 'fast', ''],
      businessGoals: ['grow'],
      timezone: 'europe/berlin',
      avatarUrl: 'https://cdn.example.test/a.png',
      onboardingCompleted: true,
    };
    const { body } = await server.gql(UPDATE_PROFILE, { input }, token);
    expect(body.errors).toBeUndefined();
    expect(body.data!.updateProfile).toMatchObject({
      brandName: 'Soash',
      brandValues: ['honest', 'fast'],
      businessGoals: ['grow'],
      timezone: 'Europe/Berlin',
      avatarUrl: 'https://cdn.example.test/a.png',
      onboardingCompleted: true,
    });
    const cleared = await server.gql(UPDATE_PROFILE, { input: { brandName: null, timezone: null, brandValues: null } }, token);
    expect(cleared.body.data!.updateProfile).toMatchObject({ brandName: null, timezone: 'UTC', brandValues: [], industry: 'Software' });
    const me = await server.gql('{ me { profile { timezone industry } } }', {}, token);
    expect(me.body.data!.me.profile).toEqual({ timezone: 'UTC', industry: 'Software' });
  });

  it('deleteAccount removes everything the user owns in every collection, keeps system_jobs and other users’ data', async () => {
    const a = await registerViaApi(server);
    const aId = new Types.ObjectId(a.user.id);
    const b = await registerViaApi(server);
    const bId = new Types.ObjectId(b.user.id);
    await loginViaApi(server, a.email); // a second session
    const aData = await seedOwnedData(aId);
    // B's code was used by A: that signup is B's record and stays.
    const bData = await seedOwnedData(bId, { refereeUserId: aId });
    const aPlatforms = [aData.platform._id];
    const bPlatforms = [bData.platform._id];

    const before = await ownedCounts(aId, aPlatforms);
    expect(Object.values(before).every((n) => n > 0), JSON.stringify(before)).toBe(true);
    const bBefore = await ownedCounts(bId, bPlatforms);
    const aJobsBefore = await SystemJobModel.countDocuments({ workspaceId: aId });

    const { body } = await server.gql('mutation($p: String!) { deleteAccount(password: $p) }', { p: PASSWORD }, a.accessToken);
    expect({ ...body, extensions: undefined }).toEqual({ data: { deleteAccount: true } });

    const after = await ownedCounts(aId, aPlatforms);
    expect(after).toEqual(Object.fromEntries(Object.keys(after).map((k) => [k, 0])));
    expect(await ownedCounts(bId, bPlatforms)).toEqual(bBefore);
    expect(await ReferralSignupModel.countDocuments({ refereeUserId: aId })).toBe(1);
    expect(await SystemJobModel.countDocuments({ workspaceId: aId })).toBe(aJobsBefore);

    // The account is gone for every way in.
    expect(errorOf((await server.gql('{ me { id } }', {}, a.accessToken)).body)?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errorOf((await refreshViaApi(server, a.refreshToken)).body)?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errorOf((await loginViaApi(server, a.email)).body)?.message).toBe('Email or password is incorrect');
  });

  it('deleteUserData can be re-run after a partial run and finishes the job', async () => {
    const { user } = await createUser();
    const data = await seedOwnedData(user._id);
    // Simulate a crash after some steps: posts and stats already gone, the rest still there.
    await ActivityModel.deleteMany({ workspaceId: user._id });
    await StatsModel.deleteMany({ workspaceId: user._id });
    await deleteUserData(user._id);
    const again = await deleteUserData(user._id);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect(Object.values(await ownedCounts(user._id, [data.platform._id])).every((n) => n === 0)).toBe(true);
  });

  it('admins list users with a literal search, page through them, and change roles', async () => {
    const { user: admin, token: adminToken } = await createUser({ role: 'admin' });
    const marker = `zz${new Types.ObjectId().toHexString().slice(-6)}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await createUser({ name: `Searchable ${marker} ${i}` })).user);
    await createUser({ name: `Other ${marker.replace(/./g, 'q')}` });
    // Regex characters are matched literally.
    const none = await server.gql('query($s: String) { users(search: $s) { totalCount } }', { s: `${marker}.*` }, adminToken);
    expect(none.body.data!.users.totalCount).toBe(0);

    const Q = 'query($s: String, $after: String) { users(search: $s, first: 2, after: $after) { totalCount edges { node { id name email } } pageInfo { hasNextPage endCursor } } }';
    const p1 = await server.gql(Q, { s: marker.toUpperCase() }, adminToken);
    expect(p1.body.data!.users.totalCount).toBe(3);
    expect(p1.body.data!.users.pageInfo.hasNextPage).toBe(true);
    const p2 = await server.gql(Q, { s: marker, after: p1.body.data!.users.pageInfo.endCursor }, adminToken);
    const ids = [...p1.body.data!.users.edges, ...p2.body.data!.users.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(ids.sort()).toEqual(made.map((u) => u._id.toHexString()).sort());

    const target = await registerViaApi(server);
    const promoted = await server.gql(
      'mutation($id: ID!) { adminUpdateUser(id: $id, input: { role: ADMIN }) { id role } }',
      { id: target.user.id },
      adminToken,
    );
    expect(promoted.body.data!.adminUpdateUser).toEqual({ id: target.user.id, role: 'ADMIN' });
    // The role is read from the account on each request: the user's current token has it at once.
    expect((await server.gql('{ users { totalCount } }', {}, target.accessToken)).body.errors).toBeUndefined();
    const refreshed = (await refreshViaApi(server, target.refreshToken)).body.data!.refreshToken;
    expect(refreshed.user.role).toBe('ADMIN');
    expect((await server.gql('{ users { totalCount } }', {}, refreshed.accessToken)).body.errors).toBeUndefined();
    expect(admin.role).toBe('admin');
  });

  it('adminDeleteUser removes another user and everything they own', async () => {
    const { token: adminToken } = await createUser({ role: 'admin' });
    const { user } = await createUser();
    const data = await seedOwnedData(user._id);
    const { body } = await server.gql('mutation($id: ID!) { adminDeleteUser(id: $id) }', { id: user._id.toHexString() }, adminToken);
    expect({ ...body, extensions: undefined }).toEqual({ data: { adminDeleteUser: true } });
    expect(Object.values(await ownedCounts(user._id, [data.platform._id])).every((n) => n === 0)).toBe(true);
  });
});

describe('account: failing cases', () => {
  it('updateProfile rejects a bad time zone, long lists, long items and non-http URLs, naming each field', async () => {
    const { token } = await createUser();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      [{ timezone: '+02:00' }, 'timezone'],
      [{ brandValues: Array.from({ length: 21 }, (_, i) => `v${i}`) }, 'brandValues'],
      [{ businessGoals: ['x'.repeat(61)] }, 'businessGoals'],
      [{ avatarUrl: 'javascript:alert(1)' }, 'avatarUrl'],
      [{ avatarUrl: 'ftp://example.test/a.png' }, 'avatarUrl'],
      [{ brandName: 'x'.repeat(121) }, 'brandName'],
    ];
    for (const [input, field] of cases) {
      const { body } = await server.gql(UPDATE_PROFILE, { input }, token);
      expect(errorOf(body)?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(fieldsOf(body), JSON.stringify(input)).toEqual([field]);
      expect(errorOf(body)?.message).toContain(field);
    }
    const me = await server.gql(`{ me { profile { ${PROFILE} } } }`, {}, token);
    expect(me.body.data!.me.profile).toMatchObject({ timezone: 'UTC', brandValues: [], avatarUrl: null });
  });

  it('updateAccount refuses an empty or null name', async () => {
    const { token } = await createUser({ name: 'Keep' });
    for (const name of ['', '   ', null]) {
      const { body } = await server.gql(UPDATE_ACCOUNT, { input: { name } }, token);
      expect(errorOf(body)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(errorOf(body)?.extensions)).toContain('name');
    }
    expect((await server.gql('{ me { name } }', {}, token)).body.data!.me.name).toBe('Keep');
  });

  it('deleteAccount with a wrong password is BAD_USER_INPUT naming password and deletes nothing', async () => {
    const a = await registerViaApi(server);
    const { body } = await server.gql('mutation { deleteAccount(password: "not the password") }', {}, a.accessToken);
    expect(errorOf(body)).toMatchObject({ message: 'password is incorrect', extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    expect(await UserModel.countDocuments({ _id: new Types.ObjectId(a.user.id) })).toBe(1);
    expect((await refreshViaApi(server, a.refreshToken)).body.errors).toBeUndefined();
    const anon = await server.gql('mutation { deleteAccount(password: "x") }');
    expect(errorOf(anon.body)?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('admin operations refuse non-admins with FORBIDDEN and anonymous callers with UNAUTHENTICATED', async () => {
    const { token } = await createUser();
    const { user: victim } = await createUser();
    const ops = [
      ['{ users { totalCount } }', {}],
      ['mutation($id: ID!) { adminUpdateUser(id: $id, input: { role: ADMIN }) { id } }', { id: victim._id.toHexString() }],
      ['mutation($id: ID!) { adminDeleteUser(id: $id) }', { id: victim._id.toHexString() }],
    ] as const;
    for (const [query, vars] of ops) {
      const asUser = await server.gql(query, vars, token);
      expect(errorOf(asUser.body)?.extensions, query).toEqual({ code: 'FORBIDDEN' });
      expect(asUser.body.data).toBeNull();
      const anon = await server.gql(query, vars);
      expect(errorOf(anon.body)?.extensions?.code, query).toBe('UNAUTHENTICATED');
    }
    expect(await UserModel.findById(victim._id).lean()).toMatchObject({ role: 'user' });
  });

  it('an admin token of a demoted admin no longer works for admin operations', async () => {
    const { user } = await createUser({ role: 'admin' });
    const token = tokenFor(user);
    await UserModel.updateOne({ _id: user._id }, { $set: { role: 'user' } });
    const { body } = await server.gql('{ users { totalCount } }', {}, token);
    expect(errorOf(body)?.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('admins cannot demote or delete themselves; bad and unknown ids are refused', async () => {
    const { user: admin, token } = await createUser({ role: 'admin' });
    const self = admin._id.toHexString();
    const demote = await server.gql('mutation($id: ID!) { adminUpdateUser(id: $id, input: { role: USER }) { id } }', { id: self }, token);
    expect(errorOf(demote.body)?.extensions).toEqual({ code: 'FORBIDDEN' });
    const del = await server.gql('mutation($id: ID!) { adminDeleteUser(id: $id) }', { id: self }, token);
    expect(errorOf(del.body)?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(await UserModel.findById(admin._id).lean()).toMatchObject({ role: 'admin' });

    for (const q of ['mutation($id: ID!) { adminUpdateUser(id: $id, input: { role: ADMIN }) { id } }', 'mutation($id: ID!) { adminDeleteUser(id: $id) }']) {
      const bad = await server.gql(q, { id: 'nope' }, token);
      expect(errorOf(bad.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
      const missing = await server.gql(q, { id: new Types.ObjectId().toHexString() }, token);
      expect(errorOf(missing.body)?.extensions).toEqual({ code: 'NOT_FOUND' });
    }
  });

  it('users enforces the page size bounds and refuses foreign cursors', async () => {
    const { token } = await createUser({ role: 'admin' });
    for (const first of [0, 101, -1]) {
      const { body } = await server.gql('query($f: Int) { users(first: $f) { totalCount } }', { f: first }, token);
      expect(errorOf(body)?.extensions?.code, String(first)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(errorOf(body)?.extensions)).toContain('first');
    }
    const { body } = await server.gql('{ users(after: "garbage") { totalCount } }', {}, token);
    expect(errorOf(body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
