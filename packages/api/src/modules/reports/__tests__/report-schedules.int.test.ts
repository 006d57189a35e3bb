import { DAY_MS, WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { errorOf, useTestServer } from '../../../../test/helpers/server.js';
import { encryptSecret } from '../../../lib/crypto.js';
import { setMailTransport, type MailTransport, type OutgoingMail } from '../../mail/mail.transport.js';
import { StatsModel } from '../../stats/stats.model.js';
import { UserModel } from '../../users/user.model.js';
import { WebhookDeliveryModel } from '../../webhooks/webhook-delivery.model.js';
import { WebhookEndpointModel } from '../../webhooks/webhook-endpoint.model.js';
import { addMember, createTeam, type Team } from '../../workspaces/__tests__/team-fixtures.js';
import { TeamMemberModel } from '../../workspaces/team-member.model.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { attemptReportDelivery, runDueSchedules, type DeliveryDeps, type ReportPdfRenderer } from '../report-deliveries.js';
import { ReportDeliveryModel, ReportScheduleModel } from '../report-schedule.model.js';

const server = useTestServer();

const FIELDS = 'id reportId frequency weekday dayOfMonth hour paper memberIds emails enabled nextRunAt lastRunAt timezone description';
const CREATE = `mutation($input: CreateReportScheduleInput!) { createReportSchedule(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateReportScheduleInput!) { updateReportSchedule(id: $id, input: $input) { ${FIELDS} } }`;
const LIST = `query($reportId: ID!) { reportSchedules(reportId: $reportId) { ${FIELDS} } }`;
const DELIVERIES = `query($scheduleId: ID, $reportId: ID) { reportDeliveries(scheduleId: $scheduleId, reportId: $reportId) { totalCount edges { node {
  id scheduleId reportId status attemptCount error nextAttemptAt rangeFrom rangeTo timezone retryOf recipients { email userId status reason sentAt } } } } }`;
const UNSUBSCRIBE = 'mutation($token: String!) { unsubscribeReportEmail(token: $token) { email reportName } }';

type Who = 'owner' | 'admin' | 'editor' | 'viewer';
const as = (team: Team, who: Who) => (query: string, variables: Record<string, unknown> = {}) =>
  server.gql(query, variables, team[who].token, { 'x-workspace-id': team.workspaceId });

/** A pro team in Europe/Berlin with one account, follower history and a saved report. */
async function setup(opts: { tier?: 'free' | 'pro'; timezone?: string } = {}): Promise<{ team: Team; reportId: string }> {
  const team = await createTeam('Schedules brand');
  await UserModel.updateOne({ _id: team.owner.user._id }, { $set: { subscriptionTier: opts.tier ?? 'pro' } });
  await WorkspaceModel.updateOne({ _id: team.workspace._id }, { $set: { timezone: opts.timezone ?? 'Europe/Berlin' } });
  const platform = await createPlatform(team.workspace._id);
  const today = Math.floor(Date.now() / DAY_MS);
  for (let d = 0; d <= 30; d++) {
    await StatsModel.create({ workspaceId: team.workspace._id, platformId: platform._id, date: new Date((today - d) * DAY_MS), followers: 1000 - d * 5 });
  }
  const created = await as(team, 'editor')(`mutation { createCustomReport(input: { name: "Weekly <client>", range: { preset: LAST_7_DAYS }, sections: [KPIS] }) { id } }`);
  expect(created.body.errors).toBeUndefined();
  return { team, reportId: created.body.data!.createCustomReport.id as string };
}

const weekly = (reportId: string, extra: Record<string, unknown> = {}) => ({ reportId, frequency: 'WEEKLY', weekday: 1, hour: 9, ...extra });

/** Records every mail; `fail(to)` makes the server refuse that address. */
function captureMail(fail: (to: string) => boolean = () => false): { mails: OutgoingMail[]; transport: MailTransport } {
  const mails: OutgoingMail[] = [];
  return {
    mails,
    transport: {
      name: 'capture',
      send: async (m) => {
        if (fail(m.to)) throw new Error('550 mailbox unavailable (smtp://user:secret@mail.example)');
        mails.push(m);
      },
    },
  };
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const okPdf: ReportPdfRenderer = async () => ({ pdf: PDF, filename: 'soash-report-weekly.pdf' });

function deps(transport: MailTransport, renderPdf: ReportPdfRenderer = okPdf): DeliveryDeps {
  return { config: server.config, renderPdf, transport };
}

/** Makes a schedule due at `at` and starts the due runs at `now`. */
async function due(scheduleId: string, at: Date, now: Date): Promise<number> {
  await ReportScheduleModel.updateOne({ _id: scheduleId }, { $set: { nextRunAt: at } });
  return runDueSchedules(now);
}

afterEach(() => setMailTransport(undefined));

describe('report schedules: successful cases', () => {
  it('an editor schedules a report; every member lists it; times are the workspace’s; addresses are normalised and deduplicated', async () => {
    const { team, reportId } = await setup();
    const res = await as(team, 'editor')(CREATE, {
      input: weekly(reportId, { memberIds: [team.viewer.user._id.toHexString(), team.viewer.user._id.toHexString()], emails: ['  Client@Example.com ', 'client@example.com', 'boss@example.org'], paper: 'LETTER' }),
    });
    expect(res.body.errors).toBeUndefined();
    const s = res.body.data!.createReportSchedule;
    expect(s).toMatchObject({ frequency: 'WEEKLY', weekday: 1, dayOfMonth: null, hour: 9, paper: 'LETTER', enabled: true, timezone: 'Europe/Berlin', description: 'Every Monday at 09:00' });
    expect(s.memberIds).toEqual([team.viewer.user._id.toHexString()]);
    expect(s.emails).toEqual(['client@example.com', 'boss@example.org']);
    const next = new Date(s.nextRunAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('Monday 09:00');

    const listed = await as(team, 'viewer')(LIST, { reportId });
    expect(listed.body.data!.reportSchedules.map((x: { id: string }) => x.id)).toEqual([s.id]);
    // No unsubscribe token or its hash in any answer.
    const stored = await ReportScheduleModel.findById(s.id).lean();
    const text = JSON.stringify(listed.body) + JSON.stringify(res.body);
    for (const r of stored!.outsideRecipients) {
      expect(text).not.toContain(r.unsubscribeTokenHash);
      expect(text).not.toContain(r.unsubscribeTokenEnc);
    }
  });

  it('updates switch frequency, pause clears the next run and resume sets it again; delete removes the history too', async () => {
    const { team, reportId } = await setup();
    const s = (await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['a@example.com'] }) })).body.data!.createReportSchedule;
    const monthly = await as(team, 'editor')(UPDATE, { id: s.id, input: { frequency: 'MONTHLY', dayOfMonth: 28, hour: 7 } });
    expect(monthly.body.errors).toBeUndefined();
    expect(monthly.body.data!.updateReportSchedule).toMatchObject({ frequency: 'MONTHLY', weekday: null, dayOfMonth: 28, hour: 7, emails: ['a@example.com'] });
    const paused = await as(team, 'editor')(`mutation($id: ID!) { pauseReportSchedule(id: $id) { enabled nextRunAt } }`, { id: s.id });
    expect(paused.body.data!.pauseReportSchedule).toEqual({ enabled: false, nextRunAt: null });
    const resumed = await as(team, 'editor')(`mutation($id: ID!) { resumeReportSchedule(id: $id) { enabled nextRunAt } }`, { id: s.id });
    expect(resumed.body.data!.resumeReportSchedule.enabled).toBe(true);
    expect(new Date(resumed.body.data!.resumeReportSchedule.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    await ReportDeliveryModel.create({ workspaceId: team.workspace._id, scheduleId: s.id, reportId, scheduledFor: new Date(), status: 'sent', paper: 'A4', timezone: 'UTC' });
    const del = await as(team, 'editor')(`mutation($id: ID!) { deleteReportSchedule(id: $id) }`, { id: s.id });
    expect(del.body.data!.deleteReportSchedule).toBe(true);
    expect(await ReportDeliveryModel.countDocuments({ scheduleId: s.id })).toBe(0);
  });

  it('a timezone change of the workspace keeps the schedule at its local hour in the new zone', async () => {
    const { team, reportId } = await setup({ timezone: 'Europe/Berlin' });
    const s = (await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['a@example.com'] }) })).body.data!.createReportSchedule;
    const changed = await as(team, 'owner')(`mutation { updateWorkspace(input: { timezone: "America/New_York" }) { timezone } }`);
    expect(changed.body.errors).toBeUndefined();
    const after = await ReportScheduleModel.findById(s.id).lean();
    expect(after!.timezone).toBe('America/New_York');
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(after!.nextRunAt!)).toBe('Monday 09:00');
  });

  it('deleting the report deletes its schedules and their deliveries', async () => {
    const { team, reportId } = await setup();
    const s = (await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['a@example.com'] }) })).body.data!.createReportSchedule;
    await ReportDeliveryModel.create({ workspaceId: team.workspace._id, scheduleId: s.id, reportId, scheduledFor: new Date(), status: 'sent', paper: 'A4', timezone: 'UTC' });
    expect((await as(team, 'editor')(`mutation($id: ID!) { deleteCustomReport(id: $id) }`, { id: reportId })).body.errors).toBeUndefined();
    expect(await ReportScheduleModel.countDocuments({ reportId })).toBe(0);
    expect(await ReportDeliveryModel.countDocuments({ reportId })).toBe(0);
  });
});

describe('report schedules: failing cases', () => {
  it('bad rules and recipients are BAD_USER_INPUT naming the field', async () => {
    const { team, reportId } = await setup();
    const call = async (input: Record<string, unknown>) => errorOf((await as(team, 'editor')(CREATE, { input })).body);
    const cases: Array<[Record<string, unknown>, string]> = [
      [weekly(reportId, { weekday: null, emails: ['a@example.com'] }), 'weekday'],
      [weekly(reportId, { weekday: 8, emails: ['a@example.com'] }), 'weekday'],
      [weekly(reportId, { hour: 24, emails: ['a@example.com'] }), 'hour'],
      [{ reportId, frequency: 'MONTHLY', dayOfMonth: 31, hour: 9, emails: ['a@example.com'] }, 'dayOfMonth'],
      [weekly(reportId, { emails: ['not an address'] }), 'emails'],
      [weekly(reportId, { emails: ['a\u200b@example.com'] }), 'emails'],
      [weekly(reportId), 'memberIds'],
      [weekly(reportId, { emails: Array.from({ length: 21 }, (_, i) => `p${i}@example.com`) }), 'emails'],
      [weekly('nope', { emails: ['a@example.com'] }), 'reportId'],
    ];
    for (const [input, field] of cases) {
      const err = await call(input);
      expect(err?.extensions?.code, JSON.stringify(input).slice(0, 80)).toBe('BAD_USER_INPUT');
      expect(err?.extensions?.fields ?? [err?.extensions?.field], JSON.stringify(input).slice(0, 80)).toContain(field);
    }
  });

  it('a viewer may not schedule; someone outside the workspace, and another workspace’s report or member, are NOT_FOUND', async () => {
    const { team, reportId } = await setup();
    const other = await setup();
    expect(errorOf((await as(team, 'viewer')(CREATE, { input: weekly(reportId, { emails: ['a@example.com'] }) })).body)?.extensions?.code).toBe('FORBIDDEN');
    expect(errorOf((await as(team, 'editor')(CREATE, { input: weekly(other.reportId, { emails: ['a@example.com'] }) })).body)?.extensions?.code).toBe('NOT_FOUND');
    const stranger = other.team.editor.user._id.toHexString();
    expect(errorOf((await as(team, 'editor')(CREATE, { input: weekly(reportId, { memberIds: [stranger] }) })).body)?.extensions?.code).toBe('NOT_FOUND');
    const s = (await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['a@example.com'] }) })).body.data!.createReportSchedule;
    for (const q of [
      [UPDATE, { id: s.id, input: { hour: 3 } }],
      [`mutation($id: ID!) { deleteReportSchedule(id: $id) }`, { id: s.id }],
      [`mutation($id: ID!) { pauseReportSchedule(id: $id) { id } }`, { id: s.id }],
      [DELIVERIES, { scheduleId: s.id }],
      [LIST, { reportId }],
    ] as const) {
      expect(errorOf((await as(other.team, 'owner')(q[0], q[1])).body)?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('the free plan keeps one schedule per workspace', async () => {
    const { team, reportId } = await setup({ tier: 'free' });
    expect((await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['a@example.com'] }) })).body.errors).toBeUndefined();
    const err = errorOf((await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['b@example.com'] }) })).body);
    expect(err?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });
});

describe('report schedules: delivery', () => {
  it('a due run is claimed once however many scans race; it mails every recipient once with the PDF attached; history and webhook follow', async () => {
    const { team, reportId } = await setup();
    const leaver = await addMember(team, WorkspaceRole.VIEWER);
    await WebhookEndpointModel.create({ workspaceId: team.workspace._id, url: 'https://93.184.216.34/hooks', events: ['report.delivered'], secretEnc: encryptSecret('whsec_AAAA'), createdBy: team.owner.user._id });
    const s = (
      await as(team, 'editor')(CREATE, {
        input: weekly(reportId, { memberIds: [team.viewer.user._id.toHexString(), leaver.user._id.toHexString()], emails: ['client@example.com'] }),
      })
    ).body.data!.createReportSchedule;
    await TeamMemberModel.updateOne({ workspaceId: team.workspace._id, userId: leaver.user._id }, { $set: { isActive: false } });

    const now = new Date();
    await ReportScheduleModel.updateOne({ _id: s.id }, { $set: { nextRunAt: new Date(now.getTime() - 60_000) } });
    const started = await Promise.all([runDueSchedules(now), runDueSchedules(now), runDueSchedules(now)]);
    expect(started.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await runDueSchedules(now)).toBe(0);
    const delivery = await ReportDeliveryModel.findOne({ scheduleId: s.id }).lean();
    const schedule = await ReportScheduleModel.findById(s.id).lean();
    expect(schedule!.nextRunAt!.getTime()).toBeGreaterThan(now.getTime());
    expect(schedule!.lastRunAt!.getTime()).toBe(now.getTime());

    const { mails, transport } = captureMail();
    const id = delivery!._id.toHexString();
    expect((await attemptReportDelivery(id, 1, deps(transport), now)).status).toBe('sent');
    // A repeated job for the same attempt does nothing.
    expect((await attemptReportDelivery(id, 1, deps(transport), now)).status).toBe('skipped');
    expect(mails.map((m) => m.to).sort()).toEqual(['client@example.com', team.viewer.user.email].sort());
    for (const m of mails) {
      expect(m.kind).toBe('report');
      expect(m.attachments).toHaveLength(1);
      expect(m.attachments![0]!.contentType).toBe('application/pdf');
      expect(m.attachments![0]!.content.length).toBeGreaterThan(0);
      expect(m.text).toContain('Europe/Berlin');
      expect(m.text).toContain('Followers: ');
      expect(m.html).toContain('Weekly &lt;client&gt;');
    }
    const member = mails.find((m) => m.to === team.viewer.user.email)!;
    expect(member.text).toContain(`/reports/${reportId}`);
    expect(member.headers).toBeUndefined();
    const outside = mails.find((m) => m.to === 'client@example.com')!;
    expect(outside.text).not.toContain(`/reports/${reportId}`);
    expect(outside.headers!['List-Unsubscribe']).toMatch(/^<http.*\/unsubscribe\/reports\/[A-Za-z0-9_-]+>$/);
    expect(outside.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    const history = await as(team, 'viewer')(DELIVERIES, { scheduleId: s.id });
    expect(history.body.errors).toBeUndefined();
    const row = history.body.data!.reportDeliveries.edges[0].node;
    expect(row).toMatchObject({ status: 'SENT', attemptCount: 1, error: null, timezone: 'Europe/Berlin' });
    expect(row.rangeFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const skipped = row.recipients.find((r: { userId: string }) => r.userId === leaver.user._id.toHexString());
    expect(skipped).toMatchObject({ status: 'SKIPPED', reason: 'No longer a member of the workspace' });
    expect((await as(team, 'viewer')(DELIVERIES, { reportId })).body.data!.reportDeliveries.totalCount).toBe(1);

    const hook = await WebhookDeliveryModel.findOne({ workspaceId: team.workspace._id, eventType: 'report.delivered' }).lean();
    const body = JSON.parse(hook!.payload);
    expect(body.data).toMatchObject({ scheduleId: s.id, reportId, status: 'sent', recipients: 2, sent: 2, name: 'Weekly <client>', timezone: 'Europe/Berlin' });
    expect(body.data.range).toEqual({ from: row.rangeFrom, to: row.rangeTo });
  });

  it('a PDF that cannot be rendered sends nothing: retried with back-off, then FAILED with a plain reason; a retry sends it', async () => {
    const { team, reportId } = await setup();
    const s = (await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['client@example.com'] }) })).body.data!.createReportSchedule;
    const t0 = new Date();
    expect(await due(s.id, new Date(t0.getTime() - 1000), t0)).toBe(1);
    const id = (await ReportDeliveryModel.findOne({ scheduleId: s.id }).lean())!._id.toHexString();
    const { mails, transport } = captureMail();
    const broken: ReportPdfRenderer = async () => {
      throw new Error('chromium crashed at /usr/lib/chromium with token abc');
    };
    const first = await attemptReportDelivery(id, 1, deps(transport, broken), t0);
    expect(first.status).toBe('pending');
    expect(first.nextAttemptAt!.getTime()).toBe(t0.getTime() + 60_000);
    expect((await attemptReportDelivery(id, 2, deps(transport, broken), first.nextAttemptAt!)).status).toBe('pending');
    expect((await attemptReportDelivery(id, 3, deps(transport, broken), new Date(t0.getTime() + 20 * 60_000))).status).toBe('failed');
    expect(mails).toHaveLength(0);
    const row = (await as(team, 'viewer')(DELIVERIES, { scheduleId: s.id })).body.data!.reportDeliveries.edges[0].node;
    expect(row).toMatchObject({ status: 'FAILED', attemptCount: 3, error: 'The PDF could not be rendered', nextAttemptAt: null });
    expect(JSON.stringify(row)).not.toContain('chromium');

    expect(errorOf((await as(team, 'viewer')(`mutation($id: ID!) { retryReportDelivery(id: $id) { id } }`, { id: row.id })).body)?.extensions?.code).toBe('FORBIDDEN');
    const retried = await as(team, 'editor')(`mutation($id: ID!) { retryReportDelivery(id: $id) { id status retryOf recipients { email status } } }`, { id: row.id });
    expect(retried.body.errors).toBeUndefined();
    const again = retried.body.data!.retryReportDelivery;
    expect(again).toMatchObject({ status: 'PENDING', retryOf: row.id, recipients: [{ email: 'client@example.com', status: 'PENDING' }] });
    expect((await attemptReportDelivery(again.id, 1, deps(transport), new Date())).status).toBe('sent');
    expect(mails).toHaveLength(1);
    // A delivery that went out cannot be retried.
    expect(errorOf((await as(team, 'editor')(`mutation($id: ID!) { retryReportDelivery(id: $id) { id } }`, { id: again.id })).body)?.extensions?.code).toBe('CONFLICT');
  });

  it('a recipient the mail server refuses is retried alone and ends PARTIAL; whoever got it is not mailed twice', async () => {
    const { team, reportId } = await setup();
    const s = (await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['good@example.com', 'bad@example.com'] }) })).body.data!.createReportSchedule;
    const t0 = new Date();
    await due(s.id, new Date(t0.getTime() - 1000), t0);
    const id = (await ReportDeliveryModel.findOne({ scheduleId: s.id }).lean())!._id.toHexString();
    const { mails, transport } = captureMail((to) => to === 'bad@example.com');
    expect((await attemptReportDelivery(id, 1, deps(transport), t0)).status).toBe('pending');
    expect((await attemptReportDelivery(id, 2, deps(transport), new Date(t0.getTime() + 60_000))).status).toBe('pending');
    expect((await attemptReportDelivery(id, 3, deps(transport), new Date(t0.getTime() + 11 * 60_000))).status).toBe('partial');
    expect(mails.map((m) => m.to)).toEqual(['good@example.com']);
    const row = (await as(team, 'viewer')(DELIVERIES, { scheduleId: s.id })).body.data!.reportDeliveries.edges[0].node;
    expect(row.status).toBe('PARTIAL');
    expect(row.error).toBe('1 of 1 recipient could not be mailed');
    expect(row.recipients.find((r: { email: string }) => r.email === 'bad@example.com')).toMatchObject({ status: 'FAILED', reason: 'The mail server did not accept the message' });
    expect(JSON.stringify(row)).not.toContain('secret');
  });

  it('an unsubscribe link removes that address from that schedule only, works once, and works by one-click POST too', async () => {
    const { team, reportId } = await setup();
    const a = (await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['client@example.com', 'other@example.com'] }) })).body.data!.createReportSchedule;
    const b = (await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['client@example.com'], weekday: 3 }) })).body.data!.createReportSchedule;
    const t0 = new Date();
    await due(a.id, new Date(t0.getTime() - 1000), t0);
    const { mails, transport } = captureMail();
    const id = (await ReportDeliveryModel.findOne({ scheduleId: a.id }).lean())!._id.toHexString();
    await attemptReportDelivery(id, 1, deps(transport), t0);
    const link = (to: string) => /unsubscribe\/report\?token=([A-Za-z0-9_-]+)/.exec(mails.find((m) => m.to === to)!.text)![1]!;

    const res = await server.gql(UNSUBSCRIBE, { token: link('client@example.com') });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.unsubscribeReportEmail).toEqual({ email: 'client@example.com', reportName: 'Weekly <client>' });
    expect((await ReportScheduleModel.findById(a.id).lean())!.outsideRecipients.map((r) => r.email)).toEqual(['other@example.com']);
    expect((await ReportScheduleModel.findById(b.id).lean())!.outsideRecipients.map((r) => r.email)).toEqual(['client@example.com']);
    expect(errorOf((await server.gql(UNSUBSCRIBE, { token: link('client@example.com') })).body)?.extensions?.code).toBe('NOT_FOUND');
    expect(errorOf((await server.gql(UNSUBSCRIBE, { token: 'x'.repeat(43) })).body)?.extensions?.code).toBe('NOT_FOUND');

    const oneClick = /<([^>]+)>/.exec(mails.find((m) => m.to === 'other@example.com')!.headers!['List-Unsubscribe']!)![1]!;
    const path = new URL(oneClick).pathname;
    const posted = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(posted.status).toBe(200);
    expect((await ReportScheduleModel.findById(a.id).lean())!.outsideRecipients).toEqual([]);
    expect((await fetch(`${server.url}${path}`, { method: 'POST' })).status).toBe(404);
  });

  it('a run whose report or schedule went meanwhile fails plainly without mail', async () => {
    const { team, reportId } = await setup();
    const s = (await as(team, 'editor')(CREATE, { input: weekly(reportId, { emails: ['client@example.com'] }) })).body.data!.createReportSchedule;
    const t0 = new Date();
    await due(s.id, new Date(t0.getTime() - 1000), t0);
    const delivery = (await ReportDeliveryModel.findOne({ scheduleId: s.id }).lean())!;
    await ReportScheduleModel.deleteOne({ _id: s.id });
    const { mails, transport } = captureMail();
    expect((await attemptReportDelivery(delivery._id.toHexString(), 1, deps(transport), t0)).status).toBe('failed');
    expect(mails).toHaveLength(0);
    expect((await ReportDeliveryModel.findById(delivery._id).lean())!.error).toBe('The schedule was deleted');
    void Types;
    void createUser;
  });
});
