import { DAY_MS } from '@soash/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { errorOf, useTestServer } from '../../../../test/helpers/server.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { withTotal } from '../../activities/engagement.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { UserModel } from '../../users/user.model.js';
import { createTeam, type Team } from '../../workspaces/__tests__/team-fixtures.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { ReportExportFileModel } from '../report-export.model.js';

const server = useTestServer();
const TZ = 'America/New_York';

const as = (team: Team, who: 'owner' | 'editor' | 'viewer') => (query: string, variables: Record<string, unknown> = {}) =>
  server.gql(query, variables, team[who].token, { 'x-workspace-id': team.workspaceId });

const EXPORT = 'mutation($id: ID!) { exportReport(id: $id, format: XLSX) { format filename downloadUrl expiresAt } }';

let seq = 0;
async function teamWithReport(sections: string[]) {
  const team = await createTeam('Export brand');
  await UserModel.updateOne({ _id: team.owner.user._id }, { $set: { subscriptionTier: 'pro' } });
  await WorkspaceModel.updateOne({ _id: team.workspace._id }, { $set: { timezone: TZ } });
  const ws = team.workspace._id;
  const ig = await createPlatform(ws, { platformType: 'instagram', username: 'bakery' } as never);
  const now = Date.now();
  for (let d = 1; d <= 20; d++) {
    await ActivityModel.create({
      workspaceId: ws,
      platformId: ig._id,
      externalId: `x${++seq}`,
      type: d % 2 ? 'image' : 'reel',
      content: `Post ${d}`,
      publishedAt: new Date(now - d * DAY_MS),
      engagement: withTotal({ likes: 10 + d, comments: 2, reach: 300 + d }),
      hashtags: ['bread'],
    });
  }
  for (let d = 0; d <= 40; d++) await StatsModel.create({ workspaceId: ws, platformId: ig._id, date: new Date(Math.floor((now - d * DAY_MS) / DAY_MS) * DAY_MS), followers: 2000 - d });
  const created = await as(team, 'editor')(
    'mutation($input: CreateCustomReportInput!) { createCustomReport(input: $input) { id } }',
    { input: { name: 'Client A: monthly', range: { preset: 'LAST_28_DAYS' }, sections } },
  );
  expect(created.body.errors).toBeUndefined();
  return { team, id: created.body.data!.createCustomReport.id as string };
}

async function download(url: string, token?: string) {
  const path = new URL(url).pathname;
  return fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('report export: successful cases', () => {
  it('an editor exports a report as .xlsx: one sheet per section, numbers as numbers with formats, dates as dates', async () => {
    const sections = ['KPIS', 'FOLLOWERS_CHART', 'ENGAGEMENT_CHART', 'ACCOUNTS_TABLE', 'TOP_POSTS', 'CONTENT_TYPES', 'HASHTAGS', 'BEST_TIMES', 'DEMOGRAPHICS', 'INSIGHTS'];
    const { team, id } = await teamWithReport(sections);
    const numbers = await as(team, 'viewer')('query($id: ID!) { reportData(id: $id) { range { from to } kpis { posts { value previous } engagementRate { value } } followers { points { startDate value } } } }', { id });
    const expected = numbers.body.data!.reportData;

    const res = await as(team, 'editor')(EXPORT, { id });
    expect(res.body.errors).toBeUndefined();
    const out = res.body.data!.exportReport;
    expect(out.format).toBe('XLSX');
    expect(out.filename).toBe(`soash-report-client-a-monthly-${expected.range.from}_${expected.range.to}.xlsx`);
    const file = await download(out.downloadUrl, team.editor.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${out.filename}"`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'About',
      'Headline numbers',
      'Followers',
      'Engagement',
      'Accounts',
      'Top posts',
      'Content types',
      'Hashtags',
      'Best times to post',
      'Audience',
      'Insights',
    ]);

    const about = wb.getWorksheet('About')!;
    const aboutRow = (label: string) => about.getRows(2, about.rowCount - 1)!.find((r) => r.getCell(1).value === label)!;
    expect(aboutRow('From').getCell(2).type).toBe(ExcelJS.ValueType.Date);
    expect((aboutRow('From').getCell(2).value as Date).toISOString().slice(0, 10)).toBe(expected.range.from);
    expect(aboutRow('Timezone').getCell(2).value).toBe(TZ);

    const kpis = wb.getWorksheet('Headline numbers')!;
    const kpi = (label: string) => kpis.getRows(2, kpis.rowCount - 1)!.find((r) => String(r.getCell(1).value).startsWith(label))!;
    const posts = kpi('Posts');
    expect(posts.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(posts.getCell(2).value).toBe(expected.kpis.posts.value);
    expect(posts.getCell(3).value).toBe(expected.kpis.posts.previous);
    expect(posts.getCell(2).numFmt).toBe('#,##0');
    const rate = kpi('Engagement rate');
    expect(rate.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(rate.getCell(2).value).toBeCloseTo(expected.kpis.engagementRate.value, 12);
    expect(rate.getCell(2).numFmt).toBe('0.00%');
    expect(rate.getCell(5).numFmt).toBe('0.0%');

    const followers = wb.getWorksheet('Followers')!;
    expect(followers.getCell('A2').type).toBe(ExcelJS.ValueType.Date);
    expect(followers.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    expect((followers.getCell('A2').value as Date).toISOString().slice(0, 10)).toBe(expected.followers.points[0].startDate);
    expect(followers.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(followers.rowCount - 1).toBe(expected.followers.points.length);

    const top = wb.getWorksheet('Top posts')!;
    expect(top.getCell('B2').type).toBe(ExcelJS.ValueType.Date);
    expect(top.getCell('F2').type).toBe(ExcelJS.ValueType.Number);
    expect(top.getCell('G2').numFmt).toBe('0.00%');
    // The publish time is the wall-clock time in the workspace's timezone.
    const newest = await ActivityModel.findOne({ workspaceId: team.workspace._id, content: String(top.getCell('E2').value) }).lean();
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(newest!.publishedAt!);
    expect((top.getCell('B2').value as Date).toISOString().slice(0, 10)).toBe(local);

    const accounts = wb.getWorksheet('Accounts')!;
    expect(accounts.getCell('A2').value).toBe('bakery');
    expect(accounts.getCell('J2').numFmt).toBe('0.00%');
    const best = wb.getWorksheet('Best times to post')!;
    expect(best.rowCount).toBe(1 + 168);
    expect(wb.getWorksheet('Content types')!.getCell('C2').numFmt).toBe('0.00%');
  });

  it('keeps the report order and leaves out what the report does not show', async () => {
    const { team, id } = await teamWithReport(['TOP_POSTS', 'KPIS']);
    const out = (await as(team, 'owner')(EXPORT, { id })).body.data!.exportReport;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await (await download(out.downloadUrl, team.owner.token)).arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Top posts', 'Headline numbers']);
  });
});

describe('report export: failing cases', () => {
  it('viewers cannot export; another workspace’s report is NOT_FOUND', async () => {
    const { team, id } = await teamWithReport(['KPIS']);
    expect(errorOf((await as(team, 'viewer')(EXPORT, { id })).body)?.extensions?.code).toBe('FORBIDDEN');
    const other = await createTeam('Other');
    expect(errorOf((await as(other, 'owner')(EXPORT, { id })).body)?.extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('the link works only for its requester, only while valid, and only with a bearer token', async () => {
    const { team, id } = await teamWithReport(['KPIS']);
    const out = (await as(team, 'editor')(EXPORT, { id })).body.data!.exportReport;
    expect((await download(out.downloadUrl)).status).toBe(401);
    expect((await download(out.downloadUrl, team.owner.token)).status).toBe(404);
    const stranger = await createUser();
    expect((await download(out.downloadUrl, stranger.token)).status).toBe(404);
    expect((await download(`${out.downloadUrl.slice(0, -4)}AAAA`, team.editor.token)).status).toBe(404);
    await ReportExportFileModel.updateMany({ workspaceId: team.workspace._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await download(out.downloadUrl, team.editor.token)).status).toBe(404);
  });
});
