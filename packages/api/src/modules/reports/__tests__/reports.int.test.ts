import { ApiScope, DAY_MS, dayToString, localDayOf } from '@soash/shared';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { errorOf, useTestServer } from '../../../../test/helpers/server.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { withTotal, type EngagementCounters } from '../../activities/engagement.model.js';
import { AiInsightModel } from '../../insights/insight.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { UserModel } from '../../users/user.model.js';
import { createTeam, type Team } from '../../workspaces/__tests__/team-fixtures.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { CustomReportModel } from '../custom-report.model.js';

const server = useTestServer();

const FIELDS = `id name platformIds comparison sections range { preset from to } branding { title accentColor footer logoUrl hideSoashMark }`;
const CREATE = `mutation($input: CreateCustomReportInput!) { createCustomReport(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateCustomReportInput!) { updateCustomReport(id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteCustomReport(id: $id) }';
const LIST = '{ customReports { id name } }';
const ONE = `query($id: ID!) { customReport(id: $id) { ${FIELDS} } }`;

type Who = 'owner' | 'admin' | 'editor' | 'viewer';
const as = (team: Team, who: Who) => (query: string, variables: Record<string, unknown> = {}) =>
  server.gql(query, variables, team[who].token, { 'x-workspace-id': team.workspaceId });

const input = (extra: Record<string, unknown> = {}) => ({ name: 'Monthly client report', range: { preset: 'LAST_28_DAYS' }, sections: ['KPIS', 'ACCOUNTS_TABLE'], ...extra });

let seq = 0;
async function post(workspaceId: Types.ObjectId, platformId: Types.ObjectId, publishedAt: Date, counters: EngagementCounters, extra: Record<string, unknown> = {}) {
  await ActivityModel.create({ workspaceId, platformId, externalId: `r${++seq}`, type: 'image', publishedAt, engagement: withTotal(counters), ...extra });
}

/** A team on a paid plan whose workspace is in `timezone`, with two accounts, posts and follower history over the last 60 days. */
async function teamWithData(timezone: string): Promise<{ team: Team; platforms: Types.ObjectId[] }> {
  const team = await createTeam('Reports brand');
  await UserModel.updateOne({ _id: team.owner.user._id }, { $set: { subscriptionTier: 'pro' } });
  await WorkspaceModel.updateOne({ _id: team.workspace._id }, { $set: { timezone } });
  const ws = team.workspace._id;
  const ig = await createPlatform(ws, { platformType: 'instagram' } as never);
  const tt = await createPlatform(ws, { platformType: 'tiktok' } as never);
  const now = Date.now();
  for (let d = 1; d <= 60; d++) {
    const at = new Date(now - d * DAY_MS + 3_600_000);
    await post(ws, ig._id, at, { likes: 10 + d, comments: d % 5, reach: 400 + d * 3 }, { hashtags: d % 2 ? ['launch'] : ['tea'] });
    if (d % 3 === 0) await post(ws, tt._id, at, { likes: 30 + d, shares: 2, views: 1200 + d }, { type: 'video', hashtags: ['launch'] });
  }
  for (let d = 0; d <= 62; d++) {
    const day = Math.floor((now - d * DAY_MS) / DAY_MS) * DAY_MS;
    await StatsModel.create([
      { workspaceId: ws, platformId: ig._id, date: new Date(day), followers: 5000 - d * 7 },
      { workspaceId: ws, platformId: tt._id, date: new Date(day), followers: 9000 - d * 11 },
    ]);
  }
  await AiInsightModel.create({ workspaceId: ws, insightType: 'performance', title: 'Videos do well', description: 'Videos get twice the engagement of images.', priority: 'high', key: `k-${++seq}` });
  return { team, platforms: [ig._id, tt._id] };
}

describe('reports: successful cases', () => {
  it('an editor saves a report; every member reads it; it is renamed and deleted', async () => {
    const team = await createTeam();
    const platform = await createPlatform(team.workspace._id);
    const created = await as(team, 'editor')(CREATE, {
      input: input({
        platformIds: [platform._id.toHexString(), platform._id.toHexString()],
        comparison: 'NONE',
        sections: ['TOP_POSTS', 'KPIS', 'INSIGHTS'],
        branding: { title: '  Client A  ', accentColor: '#ff8800', footer: 'Prepared by the agency', logoUrl: 'https://cdn.example.com/logo.png' },
      }),
    });
    expect(created.body.errors).toBeUndefined();
    const report = created.body.data!.createCustomReport;
    expect(report).toMatchObject({
      name: 'Monthly client report',
      platformIds: [platform._id.toHexString()],
      comparison: 'NONE',
      sections: ['TOP_POSTS', 'KPIS', 'INSIGHTS'],
      range: { preset: 'LAST_28_DAYS', from: null, to: null },
      branding: { title: 'Client A', accentColor: '#FF8800', footer: 'Prepared by the agency', logoUrl: 'https://cdn.example.com/logo.png', hideSoashMark: false },
    });

    const listed = await as(team, 'viewer')(LIST);
    expect(listed.body.data!.customReports).toEqual([{ id: report.id, name: 'Monthly client report' }]);
    const read = await as(team, 'viewer')(ONE, { id: report.id });
    expect(read.body.data!.customReport).toEqual(report);

    const renamed = await as(team, 'editor')(UPDATE, { id: report.id, input: { name: 'Quarterly', range: { preset: 'CUSTOM', from: dayToString(localDayOf(Date.now(), 'UTC') - 30), to: dayToString(localDayOf(Date.now(), 'UTC') - 1) } } });
    expect(renamed.body.errors).toBeUndefined();
    expect(renamed.body.data!.updateCustomReport).toMatchObject({ name: 'Quarterly', sections: ['TOP_POSTS', 'KPIS', 'INSIGHTS'], range: { preset: 'CUSTOM' }, branding: { title: 'Client A' } });

    const deleted = await as(team, 'admin')(DELETE, { id: report.id });
    expect(deleted.body.data).toEqual({ deleteCustomReport: true });
    expect(await CustomReportModel.countDocuments({ workspaceId: team.workspace._id })).toBe(0);
  });

  it('reportData resolves the range in the workspace timezone and shows exactly the dashboard’s numbers', async () => {
    const tz = 'Pacific/Kiritimati'; // UTC+14: "today" there is often tomorrow in UTC
    const { team, platforms } = await teamWithData(tz);
    const created = await as(team, 'editor')(CREATE, {
      input: input({
        platformIds: platforms.map((p) => p.toHexString()),
        sections: ['KPIS', 'FOLLOWERS_CHART', 'ENGAGEMENT_CHART', 'ACCOUNTS_TABLE', 'TOP_POSTS', 'CONTENT_TYPES', 'HASHTAGS', 'BEST_TIMES', 'DEMOGRAPHICS', 'INSIGHTS'],
      }),
    });
    const id = created.body.data!.createCustomReport.id;
    const today = dayToString(localDayOf(Date.now(), tz));
    const from = dayToString(localDayOf(Date.now(), tz) - 27);

    const KPIS = 'posts { value previous delta deltaPercent } engagements { value previous delta } engagementRate { value previous } followers { value previous } reach { value } views { value } rateLabel';
    const SERIES = 'granularity points { bucket value }';
    const ACCOUNTS = 'platformId posts engagements engagementRate followers followerGrowth';
    const TOP = 'rank value engagementRate activity { id }';
    const TYPES = 'contentType posts engagements engagementRate lift';
    const TAGS = 'postsWithRate hashtags { hashtag posts medianEngagementRate lift }';
    const BEST = 'totalPosts accountAverage best { dayOfWeek hour value }';
    const reportQuery = `query($id: ID!) { reportData(id: $id) {
      range { from to } comparisonRange { from to } timezone sections showSoashMark missingPlatformIds
      kpis { ${KPIS} } followers { ${SERIES} } engagements { ${SERIES} } engagementRate { ${SERIES} }
      accounts { ${ACCOUNTS} } topPosts { ${TOP} } contentTypes { ${TYPES} } hashtags { ${TAGS} } bestTimes { ${BEST} }
      demographics { merged { __typename } } insights { title description priority }
    } }`;
    const got = await as(team, 'viewer')(reportQuery, { id });
    expect(got.body.errors).toBeUndefined();
    const data = got.body.data!.reportData;
    expect(data).toMatchObject({ range: { from, to: today }, timezone: tz, showSoashMark: true, missingPlatformIds: [] });
    expect(data.comparisonRange).toEqual({ from: dayToString(localDayOf(Date.now(), tz) - 55), to: dayToString(localDayOf(Date.now(), tz) - 28) });

    const dashboard = await as(team, 'viewer')(
      `query($r: DateRangeInput!, $f: AnalyticsFilterInput) {
        overview(input: { range: $r, filter: $f }) { ${KPIS} }
        followers: timeseries(input: { range: $r, filter: $f, metric: FOLLOWERS, granularity: DAY }) { ${SERIES} }
        engagements: timeseries(input: { range: $r, filter: $f, metric: ENGAGEMENTS, granularity: DAY }) { ${SERIES} }
        engagementRate: timeseries(input: { range: $r, filter: $f, metric: ENGAGEMENT_RATE, granularity: DAY }) { ${SERIES} }
        platformBreakdown(input: { range: $r, filter: $f }) { ${ACCOUNTS} }
        topActivities(input: { range: $r, filter: $f, limit: 10 }) { ${TOP} }
        contentTypePerformance(input: { range: $r, filter: $f }) { ${TYPES} }
        hashtagPerformance(input: { range: $r, filter: $f }) { ${TAGS} }
        bestTimesToPost(input: { range: $r, filter: $f }) { ${BEST} }
      }`,
      { r: { from, to: today }, f: { platformIds: platforms.map((p) => p.toHexString()) } },
    );
    expect(dashboard.body.errors).toBeUndefined();
    const d = dashboard.body.data!;
    expect(data.kpis.posts.value).toBeGreaterThan(0);
    expect(data.kpis.posts.previous).toBeGreaterThan(0);
    expect(data.kpis).toEqual(d.overview);
    expect(data.followers).toEqual(d.followers);
    expect(data.engagements).toEqual(d.engagements);
    expect(data.engagementRate).toEqual(d.engagementRate);
    expect(data.accounts).toEqual(d.platformBreakdown);
    expect(data.topPosts).toEqual(d.topActivities);
    expect(data.topPosts).toHaveLength(10);
    expect(data.contentTypes).toEqual(d.contentTypePerformance);
    expect(data.hashtags).toEqual(d.hashtagPerformance);
    expect(data.bestTimes).toEqual(d.bestTimesToPost);
    expect(data.insights).toEqual([{ title: 'Videos do well', description: 'Videos get twice the engagement of images.', priority: 'HIGH' }]);
  });

  it('sections the report leaves out are null; without a comparison the KPIs carry values only', async () => {
    const { team } = await teamWithData('UTC');
    const created = await as(team, 'editor')(CREATE, { input: input({ comparison: 'NONE', sections: ['KPIS'] }) });
    const id = created.body.data!.createCustomReport.id;
    const got = await as(team, 'viewer')('query($id: ID!) { reportData(id: $id) { comparisonRange { from } kpis { posts { value previous delta deltaPercent } } accounts { posts } topPosts { rank } insights { title } } }', { id });
    expect(got.body.errors).toBeUndefined();
    const data = got.body.data!.reportData;
    expect(data).toMatchObject({ comparisonRange: null, accounts: null, topPosts: null, insights: null });
    expect(data.kpis.posts).toMatchObject({ previous: null, delta: null, deltaPercent: null });
    expect(data.kpis.posts.value).toBeGreaterThan(0);
  });

  it('last month and quarter to date resolve to calendar dates in the workspace timezone', async () => {
    const team = await createTeam();
    await UserModel.updateOne({ _id: team.owner.user._id }, { $set: { subscriptionTier: 'pro' } });
    await WorkspaceModel.updateOne({ _id: team.workspace._id }, { $set: { timezone: 'America/Los_Angeles' } });
    const today = localDayOf(Date.now(), 'America/Los_Angeles');
    const d = new Date(today * DAY_MS);
    const first = (y: number, m: number) => dayToString(Date.UTC(y, m, 1) / DAY_MS);
    for (const [preset, expected] of [
      ['LAST_MONTH', { from: first(d.getUTCFullYear(), d.getUTCMonth() - 1), to: dayToString(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS - 1) }],
      ['QUARTER_TO_DATE', { from: first(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3)), to: dayToString(today) }],
    ] as const) {
      const created = await as(team, 'editor')(CREATE, { input: input({ range: { preset } }) });
      const got = await as(team, 'viewer')('query($id: ID!) { reportData(id: $id) { range { from to } timezone } }', { id: created.body.data!.createCustomReport.id });
      expect(got.body.data!.reportData, preset).toEqual({ range: expected, timezone: 'America/Los_Angeles' });
    }
  });

  it('a paid plan may hide the Soash mark; after a downgrade to free the mark shows again', async () => {
    const team = await createTeam();
    await UserModel.updateOne({ _id: team.owner.user._id }, { $set: { subscriptionTier: 'pro' } });
    const created = await as(team, 'editor')(CREATE, { input: input({ branding: { hideSoashMark: true } }) });
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data!.createCustomReport.id;
    const mark = async () => (await as(team, 'viewer')('query($id: ID!) { reportData(id: $id) { showSoashMark } }', { id })).body.data!.reportData.showSoashMark;
    expect(await mark()).toBe(false);
    await UserModel.updateOne({ _id: team.owner.user._id }, { $set: { subscriptionTier: 'free' } });
    expect(await mark()).toBe(true);
  });

  it('an account disconnected after saving is left out and named; an API key with reports:read reads reports but cannot change them', async () => {
    const team = await createTeam();
    const keep = await createPlatform(team.workspace._id);
    const gone = await createPlatform(team.workspace._id);
    const created = await as(team, 'editor')(CREATE, { input: input({ platformIds: [keep._id.toHexString(), gone._id.toHexString()] }) });
    const id = created.body.data!.createCustomReport.id;
    await as(team, 'owner')('mutation($id: ID!) { disconnectPlatform(id: $id) }', { id: gone._id.toHexString() });
    const got = await as(team, 'viewer')('query($id: ID!) { reportData(id: $id) { missingPlatformIds accounts { platformId } } }', { id });
    expect(got.body.data!.reportData).toEqual({ missingPlatformIds: [gone._id.toHexString()], accounts: [{ platformId: keep._id.toHexString() }] });

    const key = await as(team, 'owner')('mutation { createApiKey(input: { name: "Reports", scopes: [REPORTS_READ] }) { secret } }');
    const secret = key.body.data!.createApiKey.secret as string;
    const viaKey = await server.gql('query($id: ID!) { customReports { id } reportData(id: $id) { range { from } } }', { id }, secret);
    expect(viaKey.body.errors).toBeUndefined();
    const write = await server.gql(DELETE, { id }, secret);
    expect(errorOf(write.body)?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: ApiScope.REPORTS_WRITE });
  });
});

describe('reports: failing cases', () => {
  it('viewers cannot save, change or delete reports', async () => {
    const team = await createTeam();
    const created = await as(team, 'editor')(CREATE, { input: input() });
    const id = created.body.data!.createCustomReport.id;
    for (const [q, v] of [
      [CREATE, { input: input() }],
      [UPDATE, { id, input: { name: 'Mine now' } }],
      [DELETE, { id }],
    ] as const) {
      const res = await as(team, 'viewer')(q, v);
      expect(errorOf(res.body)?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await CustomReportModel.findById(id).lean()).toMatchObject({ name: 'Monthly client report' });
  });

  it('bad configuration is BAD_USER_INPUT naming the field, and nothing is saved', async () => {
    const team = await createTeam();
    const cases: Array<[Record<string, unknown>, string]> = [
      [input({ branding: { accentColor: 'orange' } }), 'branding.accentColor'],
      [input({ branding: { accentColor: '#12345' } }), 'branding.accentColor'],
      [input({ branding: { logoUrl: 'http://cdn.example.com/logo.png' } }), 'branding.logoUrl'],
      [input({ branding: { logoUrl: 'javascript:alert(1)' } }), 'branding.logoUrl'],
      [input({ sections: [] }), 'sections'],
      [input({ sections: ['KPIS', 'KPIS'] }), 'sections'],
      [input({ name: '' }), 'name'],
      [input({ name: 'x'.repeat(101) }), 'name'],
      [input({ range: { preset: 'CUSTOM', from: '2026-01-01' } }), 'range.to'],
      [input({ range: { preset: 'CUSTOM', from: '2026-02-30', to: '2026-03-01' } }), 'range.from'],
      [input({ range: { preset: 'CUSTOM', from: '2026-03-01', to: '2026-02-01' } }), 'range.from'],
      [input({ range: { preset: 'LAST_7_DAYS', from: '2026-03-01' } }), 'range.from'],
    ];
    for (const [bad, field] of cases) {
      const res = await as(team, 'editor')(CREATE, { input: bad });
      const err = errorOf(res.body);
      const ext = err?.extensions as { code?: string; field?: string; fields?: Array<{ field: string }> } | undefined;
      expect(ext?.code, JSON.stringify(bad)).toBe('BAD_USER_INPUT');
      expect(ext?.field ?? ext?.fields?.map((f) => f.field).join(','), JSON.stringify(bad)).toBe(field);
    }
    expect(await CustomReportModel.countDocuments({ workspaceId: team.workspace._id })).toBe(0);
  });

  it('an unknown section or range preset is refused by the schema', async () => {
    const team = await createTeam();
    const res = await as(team, 'editor')(CREATE, { input: input({ sections: ['KPIS', 'EVERYTHING'] }) });
    expect(errorOf(res.body)?.extensions?.code).toBe('BAD_USER_INPUT');
    const res2 = await as(team, 'editor')(CREATE, { input: input({ range: { preset: 'LAST_YEAR' } }) });
    expect(errorOf(res2.body)?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('hiding the Soash mark on the free plan is LIMIT_EXCEEDED, on create and update', async () => {
    const team = await createTeam();
    const res = await as(team, 'editor')(CREATE, { input: input({ branding: { hideSoashMark: true } }) });
    expect(errorOf(res.body)?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', field: 'branding.hideSoashMark' });
    const ok = await as(team, 'editor')(CREATE, { input: input() });
    const upd = await as(team, 'editor')(UPDATE, { id: ok.body.data!.createCustomReport.id, input: { branding: { hideSoashMark: true } } });
    expect(errorOf(upd.body)?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(await CustomReportModel.findById(ok.body.data!.createCustomReport.id).lean()).toMatchObject({ branding: { hideSoashMark: false } });
  });

  it('a CUSTOM range before the free plan’s history is LIMIT_EXCEEDED', async () => {
    const team = await createTeam();
    const old = dayToString(localDayOf(Date.now(), 'UTC') - 200);
    const res = await as(team, 'editor')(CREATE, { input: input({ range: { preset: 'CUSTOM', from: old, to: dayToString(localDayOf(Date.now(), 'UTC') - 150) } }) });
    expect(errorOf(res.body)?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it('tenant isolation: another workspace’s reports and accounts are NOT_FOUND, exactly like missing ones, and never listed', async () => {
    const a = await createTeam('A');
    const b = await createTeam('B');
    const platformA = await createPlatform(a.workspace._id);
    const created = await as(a, 'editor')(CREATE, { input: input({ platformIds: [platformA._id.toHexString()] }) });
    const id = created.body.data!.createCustomReport.id;
    const missing = new Types.ObjectId().toHexString();
    for (const [q, v] of [
      [ONE, { id }],
      ['query($id: ID!) { reportData(id: $id) { range { from } } }', { id }],
      [UPDATE, { id, input: { name: 'Taken' } }],
      [DELETE, { id }],
    ] as const) {
      const theirs = await as(b, 'owner')(q, v);
      const none = await as(b, 'owner')(q, { ...v, id: missing });
      expect(errorOf(theirs.body)?.extensions).toEqual({ code: 'NOT_FOUND' });
      expect(errorOf(theirs.body)?.message).toBe(errorOf(none.body)?.message);
    }
    const listed = await as(b, 'owner')(LIST);
    expect(listed.body.data!.customReports).toEqual([]);
    // B cannot point a report of its own at A's account either.
    const steal = await as(b, 'owner')(CREATE, { input: input({ platformIds: [platformA._id.toHexString()] }) });
    expect(errorOf(steal.body)?.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(await CustomReportModel.findById(id).lean()).toMatchObject({ name: 'Monthly client report' });
    // Deleting A's workspace removes its reports.
    const { deleteWorkspaceData } = await import('../../users/user-deletion.js');
    await deleteWorkspaceData(a.workspace._id);
    expect(await CustomReportModel.countDocuments({ workspaceId: a.workspace._id })).toBe(0);
  });

  it('a signed-out caller gets UNAUTHENTICATED', async () => {
    await createUser();
    const res = await server.gql(LIST, {});
    expect(errorOf(res.body)?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
