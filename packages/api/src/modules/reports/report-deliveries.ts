import { formatDayRange, nextReportScheduleRun, ReportDeliveryStatus, WebhookEventType, type ReportPaper } from '@soash/shared';
import { Types } from 'mongoose';
import { queueJobOnce } from '../../jobs/scheduler.js';
import type { Config } from '../../config.js';
import { decryptSecret } from '../../lib/crypto.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { log } from '../../lib/logger.js';
import type { Context } from '../../server/context.js';
import type { Overview } from '../analytics/analytics.types.js';
import { reportMail, type ReportMailKpi } from '../mail/mail.service.js';
import { mailTransport, maskEmail, type MailTransport } from '../mail/mail.transport.js';
import { UserModel } from '../users/user.model.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import { TeamMemberModel } from '../workspaces/team-member.model.js';
import { WorkspaceModel, type Workspace } from '../workspaces/workspace.model.js';
import { createLoaders } from '../../server/loaders.js';
import { CustomReportModel, type CustomReport } from './custom-report.model.js';
import {
  ReportDeliveryModel,
  ReportRecipientStatus,
  ReportScheduleModel,
  type ReportDelivery,
  type ReportDeliveryRecipient,
  type ReportSchedule,
} from './report-schedule.model.js';
import { openReport, reportKpis, writeScope } from './reports.service.js';

/**
 * Sending scheduled reports.
 *
 * One recurring Agenda job (SCAN_JOB, every minute) looks for schedules whose nextRunAt has come
 * and claims each with a compare-and-set on nextRunAt (findOneAndUpdate from the value it read to
 * the next run): however many workers scan at once, exactly one wins a given run, and a schedule
 * missed while no worker ran is sent once, not once per missed slot. A single scan job rather than
 * one Agenda job per schedule keeps schedules plain documents (pause, edit, timezone change and
 * delete are one update each, with no job to keep in step).
 *
 * A claimed run becomes a delivery (report_deliveries) with its recipients, and each attempt of a
 * delivery is its own Agenda job (ATTEMPT_JOB, ids only). An attempt renders the report once (the
 * PDF and the summary's numbers) and mails every recipient not yet sent; a failure (rendering, or
 * the mail server for some recipients) is retried after DELIVERY_RETRY_MS, DELIVERY_ATTEMPTS
 * attempts in all; then the delivery is FAILED (nobody got it) or PARTIAL. A mail never goes out
 * without its PDF. When a delivery ends, `report.delivered` is emitted.
 */
export const SCAN_JOB = 'report-schedules:scan';
export const SCAN_INTERVAL = '1 minute';
export const ATTEMPT_JOB = 'report-delivery:attempt';
export const DELIVERY_ATTEMPTS = 3;
/** The wait before attempt 2 and attempt 3. */
export const DELIVERY_RETRY_MS = [60_000, 10 * 60_000] as const;
/** An attempt claimed by a worker that died is taken over after this long. */
const CLAIM_MS = 10 * 60_000;

export interface AttemptJobData {
  deliveryId: string;
  attempt: number;
}

/** Renders a report's PDF (report-pdf.ts renderReportPdf in the product). */
export type ReportPdfRenderer = (workspaceId: string, reportId: string, opts: { paper: ReportPaper }) => Promise<{ pdf: Buffer; filename: string }>;

export interface DeliveryDeps {
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'webAppUrl' | 'publicUrl'>;
  renderPdf: ReportPdfRenderer;
  /** Default: the configured transport (SMTP or the development outbox). */
  transport?: MailTransport;
}

/** Where the unsubscribe page (web) and its one-click endpoint (API, for List-Unsubscribe) are. */
export const UNSUBSCRIBE_PAGE = '/unsubscribe/report';
export const UNSUBSCRIBE_ONE_CLICK_PATH = '/unsubscribe/reports';

/** Queues attempt `attempt` of a delivery at `at` (one Agenda job per attempt, saved once however often asked). */
export async function scheduleDeliveryAttempt(deliveryId: Types.ObjectId, attempt: number, at: Date): Promise<void> {
  const id = deliveryId.toHexString();
  const queued = await queueJobOnce<AttemptJobData>(ATTEMPT_JOB, { deliveryId: id, attempt }, at, { 'data.deliveryId': id, 'data.attempt': attempt });
  if (!queued) log.warn('report delivery attempt not queued: no scheduler in this process', { deliveryId: id, attempt });
}

/** The recipients of a run, as they stand now: members who left (or whose account is gone) are recorded as skipped. */
async function resolveRecipients(schedule: ReportSchedule): Promise<ReportDeliveryRecipient[]> {
  const [members, users] = await Promise.all([
    TeamMemberModel.find({ workspaceId: schedule.workspaceId, userId: { $in: schedule.memberIds }, isActive: true }, { userId: 1 }).lean(),
    UserModel.find({ _id: { $in: schedule.memberIds } }, { email: 1 }).lean(),
  ]);
  const active = new Set(members.map((m) => m.userId.toHexString()));
  const emailOf = new Map(users.map((u) => [u._id.toHexString(), u.email]));
  const out: ReportDeliveryRecipient[] = schedule.memberIds.map((userId) => {
    const email = emailOf.get(userId.toHexString());
    if (email && active.has(userId.toHexString())) return { userId, email, status: ReportRecipientStatus.PENDING };
    return { userId, email: email ?? '(account deleted)', status: ReportRecipientStatus.SKIPPED, reason: 'No longer a member of the workspace' };
  });
  for (const r of schedule.outsideRecipients) out.push({ email: r.email, userId: null, status: ReportRecipientStatus.PENDING });
  return out;
}

/** Records a run of a schedule and queues its first attempt now. */
export async function createDelivery(
  schedule: ReportSchedule,
  opts: { scheduledFor: Date; now: Date; recipients?: ReportDeliveryRecipient[]; retryOf?: Types.ObjectId },
): Promise<ReportDelivery> {
  const doc = await ReportDeliveryModel.create({
    workspaceId: schedule.workspaceId,
    scheduleId: schedule._id,
    reportId: schedule.reportId,
    scheduledFor: opts.scheduledFor,
    status: ReportDeliveryStatus.PENDING,
    paper: schedule.paper,
    timezone: schedule.timezone,
    recipients: opts.recipients ?? (await resolveRecipients(schedule)),
    attemptCount: 0,
    nextAttemptAt: opts.now,
    ...(opts.retryOf ? { retryOf: opts.retryOf } : {}),
  });
  await scheduleDeliveryAttempt(doc._id, 1, opts.now);
  return doc.toObject() as ReportDelivery;
}

/**
 * Starts every run that is due: claims each schedule by moving its nextRunAt from the value read
 * to the next run after `now` (a compare-and-set: a second worker's update matches nothing) and
 * records a delivery for the run won. Answers the number of runs started.
 */
export async function runDueSchedules(now = new Date(), batch = 50): Promise<number> {
  const due = await ReportScheduleModel.find({ enabled: true, nextRunAt: { $lte: now } })
    .sort({ nextRunAt: 1 })
    .limit(batch)
    .lean<ReportSchedule[]>();
  let started = 0;
  for (const s of due) {
    const claimed = await ReportScheduleModel.findOneAndUpdate(
      { _id: s._id, enabled: true, nextRunAt: s.nextRunAt },
      { $set: { nextRunAt: nextReportScheduleRun(s, s.timezone, now), lastRunAt: now } },
      { returnDocument: 'after' },
    ).lean<ReportSchedule>();
    if (!claimed) continue;
    try {
      await createDelivery(claimed, { scheduledFor: s.nextRunAt!, now });
      started++;
    } catch (err) {
      log.error('report delivery not recorded', { scheduleId: s._id.toHexString(), error: err instanceof Error ? err.message : String(err) });
    }
  }
  return started;
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const signed = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const signedPercent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

function kpi(label: string, m: Overview['posts'], kind: 'count' | 'signed' | 'rate'): ReportMailKpi {
  const value =
    m.value === null ? '–' : kind === 'rate' ? `${(m.value * 100).toFixed(2)} %` : kind === 'signed' ? signed.format(m.value) : count.format(m.value);
  let delta: string | null = null;
  if (kind === 'rate' && m.delta !== null) delta = `${signedPercent.format(m.delta * 100)} pp`;
  else if (m.deltaPercent !== null) delta = `${signedPercent.format(m.deltaPercent)} %`;
  else if (m.delta !== null) delta = signed.format(m.delta);
  return { label, value, delta: delta ? `${delta} vs previous period` : null };
}

/** The summary's headline numbers: five of the report's KPIs with their change. */
export function summaryKpis(o: Overview): ReportMailKpi[] {
  return [
    kpi('Followers', o.followers, 'count'),
    kpi('Follower growth', o.followerGrowth, 'signed'),
    kpi('Engagements', o.engagements, 'count'),
    kpi('Engagement rate', o.engagementRate, 'rate'),
    kpi('Reach', o.reach, 'count'),
  ];
}

/** A failure whose message is written for the delivery history. */
class DeliveryFailure extends Error {}

/** A message fit for the history: an AppError's or DeliveryFailure's own (written for people), else `fallback`. */
function plainReason(err: unknown, fallback: string): string {
  return err instanceof AppError || err instanceof DeliveryFailure ? err.message : fallback;
}

export interface AttemptOutcome {
  status: ReportDeliveryStatus | 'skipped';
  nextAttemptAt?: Date;
}

/**
 * One attempt of a delivery (the ATTEMPT_JOB job). Claims the attempt first (status PENDING with
 * attemptCount = attempt − 1), so a repeated or stale job does nothing.
 */
export async function attemptReportDelivery(deliveryId: string, attempt: number, deps: DeliveryDeps, now = new Date()): Promise<AttemptOutcome> {
  if (!Types.ObjectId.isValid(deliveryId)) return { status: 'skipped' };
  const _id = new Types.ObjectId(deliveryId);
  const delivery = await ReportDeliveryModel.findOneAndUpdate(
    { _id, status: ReportDeliveryStatus.PENDING, attemptCount: attempt - 1, $or: [{ claimedUntil: { $exists: false } }, { claimedUntil: null }, { claimedUntil: { $lt: now } }] },
    { $set: { claimedUntil: new Date(now.getTime() + CLAIM_MS) } },
    { returnDocument: 'after' },
  ).lean<ReportDelivery>();
  if (!delivery) return { status: 'skipped' };
  const recipients = delivery.recipients.map((r) => ({ ...r }));
  const scope = { workspaceId: delivery.workspaceId };
  const [schedule, report, workspace] = await Promise.all([
    ReportScheduleModel.findOne({ ...scope, _id: delivery.scheduleId }).lean<ReportSchedule>(),
    CustomReportModel.findOne({ ...scope, _id: delivery.reportId }).lean<CustomReport>(),
    WorkspaceModel.findById(delivery.workspaceId, { name: 1, ownerId: 1, timezone: 1 }).lean<Pick<Workspace, '_id' | 'name' | 'ownerId' | 'timezone'>>(),
  ]);
  const finalFailure = async (reason: string) => {
    for (const r of recipients) if (r.status === ReportRecipientStatus.PENDING || r.status === ReportRecipientStatus.FAILED) Object.assign(r, { status: ReportRecipientStatus.FAILED, reason });
    return finish(delivery, attempt, now, recipients, reason, report?.name);
  };
  if (!schedule || !workspace) return finalFailure('The schedule was deleted');
  if (!report) return finalFailure('The report was deleted');

  // Outside addresses removed since the run was recorded (unsubscribed) are not mailed.
  const tokens = new Map(schedule.outsideRecipients.map((r) => [r.email, r.unsubscribeTokenEnc]));
  for (const r of recipients) {
    if (!r.userId && r.status !== ReportRecipientStatus.SENT && r.status !== ReportRecipientStatus.SKIPPED && !tokens.has(r.email)) {
      Object.assign(r, { status: ReportRecipientStatus.SKIPPED, reason: 'Unsubscribed' });
    }
  }
  const todo = recipients.filter((r) => r.status === ReportRecipientStatus.PENDING || r.status === ReportRecipientStatus.FAILED);
  if (!todo.length) return finish(delivery, attempt, now, recipients, null, report.name);

  // Render once: the summary's numbers and the PDF. Without both, nothing is sent.
  let rendered: { kpis: ReportMailKpi[]; range: { from: string; to: string }; timezone: string; pdf: { pdf: Buffer; filename: string } };
  try {
    // A job's own loaders, keyed within the delivery's workspace (there is no request).
    const loaders = createLoaders(() => delivery.workspaceId.toHexString());
    const data = await openReport({ loaders }, report, workspace, now);
    const kpis = summaryKpis(await reportKpis(data));
    let pdf: { pdf: Buffer; filename: string };
    try {
      pdf = await deps.renderPdf(delivery.workspaceId.toHexString(), delivery.reportId.toHexString(), { paper: delivery.paper });
    } catch (err) {
      throw new DeliveryFailure(`The PDF could not be rendered${err instanceof AppError ? `: ${err.message}` : ''}`);
    }
    if (!pdf.pdf?.length) throw new DeliveryFailure('The PDF could not be rendered: it came out empty');
    rendered = { kpis, range: data.range, timezone: data.timezone, pdf };
  } catch (err) {
    log.warn('report delivery: rendering failed', { deliveryId, attempt, error: err instanceof Error ? err.message : String(err) });
    const reason = plainReason(err, 'The report could not be rendered');
    for (const r of todo) Object.assign(r, { status: ReportRecipientStatus.FAILED, reason });
    return retryOrFinish(delivery, attempt, now, recipients, reason, report.name);
  }

  const transport = deps.transport ?? mailTransport(deps.config);
  const rangeLabel = formatDayRange(rendered.range.from, rendered.range.to) ?? `${rendered.range.from} – ${rendered.range.to}`;
  for (const r of todo) {
    const tokenEnc = r.userId ? undefined : tokens.get(r.email);
    const token = tokenEnc ? decryptSecret(tokenEnc) : undefined;
    const mail = reportMail({
      to: r.email,
      reportName: report.name,
      workspaceName: workspace.name,
      rangeLabel,
      timezone: rendered.timezone,
      kpis: rendered.kpis,
      pdf: { filename: rendered.pdf.filename, content: rendered.pdf.pdf },
      ...(r.userId ? { reportLink: `${deps.config.webAppUrl}/reports/${report._id.toHexString()}` } : {}),
      ...(token
        ? {
            unsubscribe: {
              pageLink: `${deps.config.webAppUrl}${UNSUBSCRIBE_PAGE}?token=${encodeURIComponent(token)}`,
              oneClickUrl: `${deps.config.publicUrl}${UNSUBSCRIBE_ONE_CLICK_PATH}/${encodeURIComponent(token)}`,
            },
          }
        : {}),
    });
    try {
      await transport.send(mail);
      Object.assign(r, { status: ReportRecipientStatus.SENT, reason: null, sentAt: new Date() });
    } catch (err) {
      log.warn('report delivery: mail not accepted', { deliveryId, attempt, to: maskEmail(r.email), error: err instanceof Error ? err.message : String(err) });
      Object.assign(r, { status: ReportRecipientStatus.FAILED, reason: 'The mail server did not accept the message' });
    }
  }
  await ReportDeliveryModel.updateOne({ _id }, { $set: { rangeFrom: rendered.range.from, rangeTo: rendered.range.to, timezone: rendered.timezone } });
  const failed = todo.filter((r) => r.status === ReportRecipientStatus.FAILED).length;
  const reason = failed ? `${failed} of ${todo.length} ${todo.length === 1 ? 'recipient' : 'recipients'} could not be mailed` : null;
  return retryOrFinish(delivery, attempt, now, recipients, reason, report.name);
}

/** After a failed attempt: the next one after its back-off, or the end of the delivery. */
async function retryOrFinish(delivery: ReportDelivery, attempt: number, now: Date, recipients: ReportDeliveryRecipient[], reason: string | null, reportName: string): Promise<AttemptOutcome> {
  const failed = recipients.some((r) => r.status === ReportRecipientStatus.FAILED);
  const delay = DELIVERY_RETRY_MS[attempt - 1];
  if (!failed || delay === undefined) return finish(delivery, attempt, now, recipients, reason, reportName);
  const nextAttemptAt = new Date(now.getTime() + delay);
  await ReportDeliveryModel.updateOne(
    { _id: delivery._id },
    { $set: { recipients, attemptCount: attempt, lastAttemptAt: now, nextAttemptAt, error: reason, status: ReportDeliveryStatus.PENDING }, $unset: { claimedUntil: 1 } },
  );
  await scheduleDeliveryAttempt(delivery._id, attempt + 1, nextAttemptAt);
  return { status: ReportDeliveryStatus.PENDING, nextAttemptAt };
}

/** Ends a delivery: SENT when every recipient not skipped got it, PARTIAL when some did, FAILED when none did; then `report.delivered`. */
async function finish(delivery: ReportDelivery, attempt: number, now: Date, recipients: ReportDeliveryRecipient[], reason: string | null, reportName?: string): Promise<AttemptOutcome> {
  const attempted = recipients.filter((r) => r.status !== ReportRecipientStatus.SKIPPED);
  const sent = attempted.filter((r) => r.status === ReportRecipientStatus.SENT).length;
  const status = attempted.length > 0 && sent === attempted.length ? ReportDeliveryStatus.SENT : sent > 0 ? ReportDeliveryStatus.PARTIAL : ReportDeliveryStatus.FAILED;
  const error = status === ReportDeliveryStatus.SENT ? null : (reason ?? (attempted.length ? 'Nobody could be mailed' : 'No recipient is left to mail (members left the workspace or addresses unsubscribed)'));
  const updated = await ReportDeliveryModel.findOneAndUpdate(
    { _id: delivery._id },
    { $set: { recipients, attemptCount: attempt, lastAttemptAt: now, status, error, nextAttemptAt: null }, $unset: { claimedUntil: 1 } },
    { returnDocument: 'after' },
  ).lean<ReportDelivery>();
  await emitWebhookEvent(delivery.workspaceId, WebhookEventType.REPORT_DELIVERED, {
    deliveryId: delivery._id.toHexString(),
    scheduleId: delivery.scheduleId.toHexString(),
    reportId: delivery.reportId.toHexString(),
    name: reportName ?? null,
    status,
    deliveredAt: now.toISOString(),
    range: updated?.rangeFrom && updated.rangeTo ? { from: updated.rangeFrom, to: updated.rangeTo } : null,
    timezone: updated?.timezone ?? delivery.timezone,
    recipients: attempted.length,
    sent,
  });
  return { status };
}

/**
 * Sends a FAILED or PARTIAL delivery again now, to the recipients who did not get it (members who
 * left since are skipped): a new delivery that names the one it retries. Editors and above.
 */
export async function retryReportDelivery(ctx: Context, id: string, now = new Date()): Promise<ReportDelivery> {
  const scope = writeScope(ctx);
  const old = await ReportDeliveryModel.findOne({ ...scope, _id: toObjectId(id, 'id') }).lean<ReportDelivery>();
  if (!old) throw notFound('Report delivery');
  if (old.status !== ReportDeliveryStatus.FAILED && old.status !== ReportDeliveryStatus.PARTIAL) throw conflict('Only a failed or partly sent delivery can be retried', { field: 'id' });
  const schedule = await ReportScheduleModel.findOne({ ...scope, _id: old.scheduleId }).lean<ReportSchedule>();
  if (!schedule) throw notFound('Report schedule');
  const current = await resolveRecipients(schedule);
  const missed = new Set(old.recipients.filter((r) => r.status === ReportRecipientStatus.FAILED).map((r) => r.email));
  const recipients = current.filter((r) => missed.has(r.email) || (r.userId && old.recipients.some((o) => o.userId?.equals(r.userId!) && o.status === ReportRecipientStatus.FAILED)));
  if (!recipients.length) throw conflict('Nobody of that delivery is still a recipient of the schedule', { field: 'id' });
  return createDelivery(schedule, { scheduledFor: now, now, recipients, retryOf: old._id });
}
