import { DAY_MS } from '@soash/shared';
import { describe, expect, it } from 'vitest';
import { createActivity, createPlatform } from '../../../../test/helpers/fixtures.js';
import { errorOf, useTestServer } from '../../../../test/helpers/server.js';
import { AiInsightModel } from '../../insights/insight.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { UserModel } from '../../users/user.model.js';
import { createTeam, type Team } from '../../workspaces/__tests__/team-fixtures.js';
import { CustomReportModel } from '../custom-report.model.js';
import { ReportShareLinkModel } from '../share-link.model.js';
import { issueRenderToken } from '../share-links.service.js';

const server = useTestServer({ WEB_APP_URL: 'https://app.example.test' });

type Who = 'owner' | 'admin' | 'editor' | 'viewer';
const as = (team: Team, who: Who) => (query: string, variables: Record<string, unknown> = {}) =>
  server.gql(query, variables, team[who].token, { 'x-workspace-id': team.workspaceId });
/** No credential at all, from its own address. */
const anonymous = (query: string, variables: Record<string, unknown> = {}, ip = '198.51.100.7') => server.gql(query, variables, undefined, { 'x-forwarded-for': ip });

const LINK = 'id reportId label expiresAt hasPassword revokedAt lastViewedAt viewCount createdAt';
const CREATE = `mutation($input: CreateReportShareLinkInput!) { createReportShareLink(input: $input) { token url link { ${LINK} } } }`;
const LIST = `query($id: ID!) { reportShareLinks(reportId: $id) { ${LINK} } }`;
const REVOKE = `mutation($id: ID!) { revokeReportShareLink(id: $id) { ${LINK} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateReportShareLinkInput!) { updateReportShareLink(id: $id, input: $input) { ${LINK} } }`;
const SHARED = `query($t: String!, $p: String) { sharedReport(token: $t, password: $p) { expiresAt data {
  range { from to } comparisonRange { from to } timezone sections showSoashMark
  report { name branding { title accentColor footer logoUrl } }
  kpis { posts { value previous delta deltaPercent } engagements { value previous } followers { value } rateLabel }
  followers { granularity points { bucket value } }
  accounts { platformId posts engagements followers platform { id username displayName type } }
  topPosts { rank value activity { id content platform { username } } }
  insights { title description priority }
} } }`;

/** A team on the pro plan with one account, posts and followers over the last 40 days, an insight and a report of all sections used above. */
async function teamWithReport(): Promise<{ team: Team; reportId: string }> {
  const team = await createTeam('Share brand');
  await UserModel.updateOne({ _id: team.owner.user._id }, { $set: { subscriptionTier: 'pro' } });
  const ws = team.workspace._id;
  const platform = await createPlatform(ws);
  for (let d = 1; d <= 40; d++) {
    await createActivity(ws, platform._id, { publishedAt: new Date(Date.now() - d * DAY_MS), content: `Post ${d}` } as never);
    await StatsModel.create({ workspaceId: ws, platformId: platform._id, date: new Date(Math.floor((Date.now() - d * DAY_MS) / DAY_MS) * DAY_MS), followers: 3000 - d });
  }
  await AiInsightModel.create({ workspaceId: ws, insightType: 'performance', title: 'Mornings work', description: 'Posts before 9 do better.', priority: 'high', key: `k-${Date.now()}` });
  const report = await CustomReportModel.create({
    workspaceId: ws,
    name: 'Client report',
    platformIds: [platform._id],
    range: { preset: 'last_28_days' },
    comparison: 'previous_period',
    sections: ['kpis', 'followers_chart', 'accounts_table', 'top_posts', 'insights'],
    branding: { title: 'For the client', accentColor: '#FF8800', footer: 'By the agency', hideSoashMark: false },
    createdBy: team.owner.user._id,
  });
  return { team, reportId: report._id.toHexString() };
}

describe('share links: successful cases', () => {
  it('an editor creates a link; anyone with it sees the report’s numbers exactly as reportData gives them; views are counted', async () => {
    const { team, reportId } = await teamWithReport();
    const created = await as(team, 'editor')(CREATE, { input: { reportId, label: '  Acme  ' } });
    expect(created.body.errors).toBeUndefined();
    const { token, url, link } = created.body.data!.createReportShareLink;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`https://app.example.test/share/${token}`);
    expect(link).toMatchObject({ reportId, label: 'Acme', hasPassword: false, revokedAt: null, viewCount: 0, lastViewedAt: null });
    // 30 days by default.
    expect(Math.abs(new Date(link.expiresAt).getTime() - (Date.now() + 30 * DAY_MS))).toBeLessThan(10 * 60_000);

    const shared = await anonymous(SHARED, { t: token });
    expect(shared.body.errors).toBeUndefined();
    const data = shared.body.data!.sharedReport.data;
    expect(data.report).toEqual({ name: 'Client report', branding: { title: 'For the client', accentColor: '#FF8800', footer: 'By the agency', logoUrl: null } });
    expect(data.kpis.posts.value).toBeGreaterThan(0);

    const member = await as(team, 'viewer')(SHARED.replace('sharedReport(token: $t, password: $p) { expiresAt data {', 'reportData(id: $id) {').replace('query($t: String!, $p: String)', 'query($id: ID!)').replace(/\} \} \}$/, '} }'), { id: reportId });
    expect(member.body.errors).toBeUndefined();
    expect(data).toEqual(member.body.data!.reportData);

    const listed = await as(team, 'viewer')(LIST, { id: reportId });
    expect(listed.body.data!.reportShareLinks).toHaveLength(1);
    expect(listed.body.data!.reportShareLinks[0]).toMatchObject({ id: link.id, viewCount: 1, lastViewedAt: expect.any(String) });
  });

  it('a password-protected link asks for its password, refuses a wrong one and opens with the right one', async () => {
    const { team, reportId } = await teamWithReport();
    const created = await as(team, 'owner')(CREATE, { input: { reportId, password: 'client secret 42' } });
    const { token, link } = created.body.data!.createReportShareLink;
    expect(link.hasPassword).toBe(true);

    const none = await anonymous(SHARED, { t: token }, '198.51.100.20');
    expect(none.body.data).toBeNull();
    expect(errorOf(none.body)?.extensions).toMatchObject({ code: 'PASSWORD_REQUIRED', field: 'password' });
    const wrong = await anonymous(SHARED, { t: token, p: 'not the one' }, '198.51.100.20');
    expect(wrong.body.data).toBeNull();
    expect(errorOf(wrong.body)?.extensions).toMatchObject({ code: 'BAD_PASSWORD', field: 'password' });
    const right = await anonymous(SHARED, { t: token, p: 'client secret 42' }, '198.51.100.20');
    expect(right.body.errors).toBeUndefined();
    expect(right.body.data!.sharedReport.data.report.name).toBe('Client report');
    // Only the opened view counts.
    expect((await ReportShareLinkModel.findById(link.id).lean())!.viewCount).toBe(1);
  });

  it('wrong passwords from one address back off to RATE_LIMITED; the right password from another address still opens', async () => {
    const { team, reportId } = await teamWithReport();
    const { token } = (await as(team, 'owner')(CREATE, { input: { reportId, password: 'client secret 42' } })).body.data!.createReportShareLink;
    const codes: unknown[] = [];
    for (let i = 0; i < 12 && !codes.includes('RATE_LIMITED'); i++) codes.push(errorOf((await anonymous(SHARED, { t: token, p: `guess ${i}` }, '198.51.100.30')).body)?.extensions?.code);
    expect(codes.slice(0, 3)).toEqual(['BAD_PASSWORD', 'BAD_PASSWORD', 'BAD_PASSWORD']);
    expect(codes).toContain('RATE_LIMITED');
    const other = await anonymous(SHARED, { t: token, p: 'client secret 42' }, '198.51.100.31');
    expect(other.body.errors).toBeUndefined();
  });

  it('links are revoked at once, changed (label, expiry, password) and die with their report', async () => {
    const { team, reportId } = await teamWithReport();
    const { token, link } = (await as(team, 'editor')(CREATE, { input: { reportId } })).body.data!.createReportShareLink;
    const later = new Date(Date.now() + 90 * DAY_MS).toISOString();
    const updated = await as(team, 'editor')(UPDATE, { id: link.id, input: { label: 'Board', expiresAt: later, password: 'a long password 9' } });
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data!.updateReportShareLink).toMatchObject({ label: 'Board', expiresAt: later, hasPassword: true });
    expect(errorOf((await anonymous(SHARED, { t: token })).body)?.extensions?.code).toBe('PASSWORD_REQUIRED');
    const unprotected = await as(team, 'editor')(UPDATE, { id: link.id, input: { removePassword: true } });
    expect(unprotected.body.data!.updateReportShareLink.hasPassword).toBe(false);
    expect((await anonymous(SHARED, { t: token })).body.errors).toBeUndefined();

    const revoked = await as(team, 'editor')(REVOKE, { id: link.id });
    expect(revoked.body.data!.revokeReportShareLink.revokedAt).toEqual(expect.any(String));
    const after = await anonymous(SHARED, { t: token });
    expect(after.body.data).toBeNull();
    expect(errorOf(after.body)?.extensions?.code).toBe('NOT_FOUND');
    expect(errorOf((await as(team, 'editor')(UPDATE, { id: link.id, input: { label: 'x' } })).body)?.extensions?.code).toBe('CONFLICT');

    const second = (await as(team, 'editor')(CREATE, { input: { reportId } })).body.data!.createReportShareLink;
    expect((await as(team, 'editor')('mutation($id: ID!) { deleteCustomReport(id: $id) }', { id: reportId })).body.errors).toBeUndefined();
    expect(errorOf((await anonymous(SHARED, { t: second.token })).body)?.extensions?.code).toBe('NOT_FOUND');
    expect(await ReportShareLinkModel.countDocuments({ reportId })).toBe(0);
  });

  it('a render token opens the report like a link, is never listed or counted, and expires', async () => {
    const { team, reportId } = await teamWithReport();
    const token = await issueRenderToken(team.workspaceId, reportId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const opened = await anonymous(SHARED, { t: token });
    expect(opened.body.errors).toBeUndefined();
    expect(opened.body.data!.sharedReport.data.report.name).toBe('Client report');
    expect(new Date(opened.body.data!.sharedReport.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
    expect((await as(team, 'viewer')(LIST, { id: reportId })).body.data!.reportShareLinks).toEqual([]);
    const stored = await ReportShareLinkModel.findOne({ reportId, kind: 'render' }).lean();
    expect(stored).toMatchObject({ viewCount: 0, hasPassword: false });
    await ReportShareLinkModel.updateOne({ _id: stored!._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(errorOf((await anonymous(SHARED, { t: token })).body)?.extensions?.code).toBe('NOT_FOUND');
    // Another workspace's report is not found, as a missing one.
    const other = await createTeam('Other');
    await expect(issueRenderToken(other.workspaceId, reportId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('share links: failing cases', () => {
  it('bad input is a typed error naming the field; nothing is saved', async () => {
    const { team, reportId } = await teamWithReport();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ reportId, expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
      [{ reportId, expiresAt: new Date(Date.now() + 400 * DAY_MS).toISOString() }, 'expiresAt'],
      [{ reportId, password: 'short' }, 'password'],
      [{ reportId, password: 'password123' }, 'password'],
      [{ reportId, label: 'x'.repeat(101) }, 'label'],
      [{ reportId: 'nope' }, 'reportId'],
    ];
    for (const [input, field] of cases) {
      const res = await as(team, 'editor')(CREATE, { input });
      const ext = errorOf(res.body)?.extensions;
      expect([field, ext?.code]).toEqual([field, 'BAD_USER_INPUT']);
      expect(JSON.stringify(ext)).toContain(field);
    }
    expect(await ReportShareLinkModel.countDocuments({ reportId })).toBe(0);
  });

  it('viewers list links but cannot create or revoke them; another workspace’s report or link is NOT_FOUND', async () => {
    const { team, reportId } = await teamWithReport();
    expect(errorOf((await as(team, 'viewer')(CREATE, { input: { reportId } })).body)?.extensions?.code).toBe('FORBIDDEN');
    const { link } = (await as(team, 'editor')(CREATE, { input: { reportId } })).body.data!.createReportShareLink;
    expect(errorOf((await as(team, 'viewer')(REVOKE, { id: link.id })).body)?.extensions?.code).toBe('FORBIDDEN');
    const other = await createTeam('Stranger');
    const asOther = as(other, 'owner');
    expect(errorOf((await asOther(LIST, { id: reportId })).body)?.extensions?.code).toBe('NOT_FOUND');
    expect(errorOf((await asOther(CREATE, { input: { reportId } })).body)?.extensions?.code).toBe('NOT_FOUND');
    expect(errorOf((await asOther(REVOKE, { id: link.id })).body)?.extensions?.code).toBe('NOT_FOUND');
    expect(errorOf((await asOther(UPDATE, { id: link.id, input: { label: 'mine' } })).body)?.extensions?.code).toBe('NOT_FOUND');
    expect((await ReportShareLinkModel.findById(link.id).lean())!.revokedAt).toBeUndefined();
  });

  it('unknown, malformed, revoked and expired links get one and the same answer', async () => {
    const { team, reportId } = await teamWithReport();
    const revoked = (await as(team, 'editor')(CREATE, { input: { reportId } })).body.data!.createReportShareLink;
    await as(team, 'editor')(REVOKE, { id: revoked.link.id });
    const expired = (await as(team, 'editor')(CREATE, { input: { reportId } })).body.data!.createReportShareLink;
    await ReportShareLinkModel.updateOne({ _id: expired.link.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const answers = [];
    for (const t of ['A'.repeat(43), 'x', 'y'.repeat(500), revoked.token, expired.token]) {
      const res = await anonymous(SHARED, { t });
      expect(res.body.data).toBeNull();
      answers.push(errorOf(res.body)?.message + JSON.stringify(errorOf(res.body)?.extensions));
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toContain('NOT_FOUND');
  });
});
