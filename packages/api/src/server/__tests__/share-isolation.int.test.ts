import { DAY_MS } from '@soash/shared';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createActivity, createPlatform, workspaceObjects } from '../../../test/helpers/fixtures.js';
import { errorOf, useTestServer } from '../../../test/helpers/server.js';
import { hashPassword } from '../../auth/password.js';
import { hashToken, randomToken } from '../../lib/crypto.js';
import { AiInsightModel } from '../../modules/insights/insight.model.js';
import { CustomReportModel } from '../../modules/reports/custom-report.model.js';
import { ReportShareLinkModel } from '../../modules/reports/share-link.model.js';
import { issueRenderToken } from '../../modules/reports/share-links.service.js';
import { createTeam, type Team } from '../../modules/workspaces/__tests__/team-fixtures.js';

/**
 * What a share link (or a render token) opens, and nothing more. With the token and no session:
 * the one report it names, with the report page's fields only; not the workspace's other reports,
 * accounts, posts, insights or members, not another workspace, not a mutation. The token is no
 * credential (not as a bearer token, not as an API key), revoked and expired links stop at once,
 * and a protected link gives nothing without its password.
 */
const server = useTestServer();
const anonymous = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => server.gql(query, variables, undefined, headers);
const SHARED = 'query($t: String!, $p: String) { sharedReport(token: $t, password: $p) { data { report { name } accounts { platformId platform { username } } topPosts { activity { id content } } insights { title } } } }';

interface World {
  team: Team;
  /** The shared report (one account: `shared`), another report of the same workspace, and another workspace's objects. */
  token: string;
  sharedPlatform: string;
  otherPlatform: string;
  otherReport: string;
  stranger: Awaited<ReturnType<typeof workspaceObjects>>;
}

let world: World;
beforeAll(async () => {
  const team = await createTeam('Isolated brand');
  const ws = team.workspace._id;
  const shared = await createPlatform(ws, { username: 'shown.account' } as never);
  const other = await createPlatform(ws, { username: 'hidden.account' } as never);
  for (let d = 1; d <= 5; d++) {
    await createActivity(ws, shared._id, { publishedAt: new Date(Date.now() - d * DAY_MS), content: `Shown post ${d}` } as never);
    await createActivity(ws, other._id, { publishedAt: new Date(Date.now() - d * DAY_MS), content: `Hidden post ${d}` } as never);
  }
  await AiInsightModel.create({ workspaceId: ws, insightType: 'performance', title: 'Workspace insight', priority: 'high', key: `k-${randomToken(6)}` });
  const report = await CustomReportModel.create({
    workspaceId: ws,
    name: 'Shared report',
    platformIds: [shared._id],
    range: { preset: 'last_7_days' },
    comparison: 'none',
    sections: ['accounts_table', 'top_posts'],
    branding: { hideSoashMark: false },
    createdBy: team.owner.user._id,
  });
  const otherReport = await CustomReportModel.create({
    workspaceId: ws,
    name: 'Internal report',
    range: { preset: 'last_7_days' },
    comparison: 'none',
    sections: ['accounts_table'],
    branding: { hideSoashMark: false },
    createdBy: team.owner.user._id,
  });
  const token = randomToken();
  await ReportShareLinkModel.create({ workspaceId: ws, reportId: report._id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 30 * DAY_MS), createdBy: team.owner.user._id });
  const strangerTeam = await createTeam('Stranger brand');
  const stranger = await workspaceObjects(strangerTeam.workspace._id);
  world = { team, token, sharedPlatform: shared._id.toHexString(), otherPlatform: other._id.toHexString(), otherReport: otherReport._id.toHexString(), stranger };
});

describe('share isolation: successful cases', () => {
  it('the link opens its report with its own accounts and posts only', async () => {
    const res = await anonymous(SHARED, { t: world.token });
    expect(res.body.errors).toBeUndefined();
    const text = JSON.stringify(res.body.data);
    const data = res.body.data!.sharedReport.data;
    expect(data.report.name).toBe('Shared report');
    expect(data.accounts.map((a: { platformId: string }) => a.platformId)).toEqual([world.sharedPlatform]);
    expect(data.topPosts.length).toBeGreaterThan(0);
    expect(data.insights).toBeNull();
    for (const hidden of ['hidden.account', 'Hidden post', 'Internal report', 'Workspace insight', world.otherPlatform, world.stranger.platform]) expect(text).not.toContain(hidden);
  });
});

describe('share isolation: failing cases', () => {
  it('fields the report page does not show are refused before anything is read, however they are asked for', async () => {
    const selections = [
      'data { report { id } }',
      'data { report { platformIds } }',
      'data { accounts { platform { health { healthy } } } }',
      'data { accounts { platform { lastError scopes } } }',
      'data { accounts { platform { latestStats { followers } } } }',
      'data { topPosts { activity { metrics { date } } } }',
      'data { topPosts { activity { categories { name } } } }',
      'data { topPosts { activity { externalId } } }',
      'data { insights { evidence { method } } }',
      'data { insights { isRead } }',
      'data { ... on ReportData { accounts { platform { health { healthy } } } } }',
      'data { ...F }',
    ];
    const FRAGMENT = 'fragment F on ReportData { report { platformIds } }';
    const before = (await ReportShareLinkModel.findOne({ tokenHash: hashToken(world.token) }).lean())!.viewCount;
    for (const sel of selections) {
      const query = `query($t: String!) { sharedReport(token: $t) { ${sel} } }${sel.includes('...F') ? ` ${FRAGMENT}` : ''}`;
      const res = await anonymous(query, { t: world.token });
      expect(res.body.data ?? null, sel).toBeNull();
      expect(errorOf(res.body)?.extensions?.code, sel).toBe('FORBIDDEN');
    }
    // Refused before the link was even looked at: no view was counted.
    expect((await ReportShareLinkModel.findOne({ tokenHash: hashToken(world.token) }).lean())!.viewCount).toBe(before);
  });

  it('the shared report must be alone in its operation: nothing else rides along', async () => {
    for (const other of ['customReports { id }', `customReport(id: "${world.otherReport}") { name }`, 'platforms { id }', 'me { id }', 'health { ok: __typename }', 'again: sharedReport(token: $t) { expiresAt }']) {
      const res = await anonymous(`query($t: String!) { sharedReport(token: $t) { expiresAt } ${other} }`, { t: world.token });
      const text = JSON.stringify(res.body);
      expect(res.body.data?.sharedReport ?? null, other).toBeNull();
      expect(res.body.errors?.length, other).toBeGreaterThan(0);
      expect(text, other).not.toContain('Internal report');
    }
  });

  it('the token is no credential: as a bearer token, an API key or a header, every other operation answers UNAUTHENTICATED', async () => {
    const render = await issueRenderToken(world.team.workspaceId, (await CustomReportModel.findOne({ name: 'Shared report' }).lean())!._id.toHexString());
    const ops: Array<[string, Record<string, unknown>]> = [
      ['{ me { id } }', {}],
      ['{ customReports { id name } }', {}],
      ['query($id: ID!) { customReport(id: $id) { name } }', { id: world.otherReport }],
      ['query($id: ID!) { reportData(id: $id) { range { from } } }', { id: world.otherReport }],
      ['query($id: ID!) { reportShareLinks(reportId: $id) { id } }', { id: world.otherReport }],
      ['{ platforms { id } }', {}],
      ['{ activities { totalCount } }', {}],
      ['{ members { userId } }', {}],
      ['{ insights { totalCount } }', {}],
      ['query($id: ID!) { platform(id: $id) { id } }', { id: world.stranger.platform }],
      ['mutation($id: ID!) { deleteCustomReport(id: $id) }', { id: world.otherReport }],
      ['mutation($id: ID!) { revokeReportShareLink(id: $id) { id } }', { id: world.stranger.shareLink }],
      ['mutation($id: ID!) { createReportShareLink(input: { reportId: $id }) { url } }', { id: world.otherReport }],
    ];
    for (const token of [world.token, render]) {
      for (const [query, vars] of ops) {
        const variants: Array<Record<string, string>> = [{ authorization: `Bearer ${token}` }, { 'x-api-key': token }, {}];
        for (const headers of variants) {
          const res = await anonymous(query, vars, { ...headers, 'x-workspace-id': world.team.workspaceId });
          expect(res.body.data ?? null, query).toBeNull();
          expect(errorOf(res.body)?.extensions?.code, `${query} ${Object.keys(headers)}`).toBe('UNAUTHENTICATED');
        }
      }
    }
    expect(await CustomReportModel.countDocuments({ _id: new Types.ObjectId(world.otherReport) })).toBe(1);
    expect(await ReportShareLinkModel.countDocuments({ kind: 'client', workspaceId: world.team.workspace._id })).toBe(1);
  });

  it('a revoked or expired link stops at once; a protected one gives nothing without its password', async () => {
    const report = (await CustomReportModel.findOne({ name: 'Shared report' }).lean())!;
    const make = async (extra: Record<string, unknown> = {}) => {
      const t = randomToken();
      const link = await ReportShareLinkModel.create({ workspaceId: report.workspaceId, reportId: report._id, tokenHash: hashToken(t), expiresAt: new Date(Date.now() + DAY_MS), createdBy: report.createdBy, ...extra });
      return { t, id: link._id };
    };
    const revoked = await make();
    expect((await anonymous(SHARED, { t: revoked.t })).body.errors).toBeUndefined();
    await ReportShareLinkModel.updateOne({ _id: revoked.id }, { $set: { revokedAt: new Date() } });
    expect(errorOf((await anonymous(SHARED, { t: revoked.t })).body)?.extensions).toEqual({ code: 'NOT_FOUND' });

    const expiring = await make();
    await ReportShareLinkModel.updateOne({ _id: expiring.id }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    expect(errorOf((await anonymous(SHARED, { t: expiring.t })).body)?.extensions).toEqual({ code: 'NOT_FOUND' });

    const locked = await make({ hasPassword: true, passwordHash: await hashPassword('the client password') });
    for (const p of [undefined, '', 'wrong password']) {
      const res = await anonymous(SHARED, { t: locked.t, p }, { 'x-forwarded-for': '203.0.113.9' });
      expect(res.body.data).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('Shared report');
      expect(['PASSWORD_REQUIRED', 'BAD_PASSWORD']).toContain(errorOf(res.body)?.extensions?.code);
    }
    expect((await ReportShareLinkModel.findById(locked.id).lean())!.viewCount).toBe(0);
  });
});
