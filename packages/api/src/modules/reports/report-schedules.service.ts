import {
  nextReportScheduleRun,
  REPORT_SCHEDULE_MAX_RECIPIENTS,
  ReportPaper,
  reportScheduleRuleError,
  ReportScheduleFrequency,
  TIER_LIMITS,
  type ReportScheduleRule,
} from '@soash/shared';
import { isEmail } from 'class-validator';
import { Types } from 'mongoose';
import { encryptSecret, hashToken, randomToken } from '../../lib/crypto.js';
import { badInput, limitExceeded, notFound } from '../../lib/errors.js';
import { toObjectId, toObjectIds } from '../../lib/ids.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import { viewerOf, type Context } from '../../server/context.js';
import { analyticsRequest } from '../analytics/request.js';
import { emailProblem, normalizeEmail } from '../users/user.model.js';
import { TeamMemberModel } from '../workspaces/team-member.model.js';
import { CustomReportModel } from './custom-report.model.js';
import type { CreateReportScheduleInput, ReportDeliveriesArgs, UpdateReportScheduleInput } from './dto/report-schedule.inputs.js';
import { ReportDeliveryModel, ReportScheduleModel, type OutsideRecipient, type ReportDelivery, type ReportSchedule } from './report-schedule.model.js';
import { getReport, readScope, writeScope } from './reports.service.js';

/**
 * Report schedules: who gets which saved report, when (weekly or monthly at an hour of the
 * workspace's timezone). Members of every role read a report's schedules and deliveries; editors
 * and above change them. Sending is report-deliveries.ts.
 */

async function scheduleIn(scope: { workspaceId: Types.ObjectId }, id: string, field = 'id'): Promise<ReportSchedule> {
  const schedule = await ReportScheduleModel.findOne({ ...scope, _id: toObjectId(id, field) }).lean<ReportSchedule>();
  if (!schedule) throw notFound('Report schedule');
  return schedule;
}

/** One schedule of the active workspace (another workspace's id is NOT_FOUND like a missing one). */
export function getSchedule(ctx: Context, id: string, field = 'id'): Promise<ReportSchedule> {
  return scheduleIn(readScope(ctx), id, field);
}

/** A report's schedules, oldest first. */
export async function listSchedules(ctx: Context, reportId: string): Promise<ReportSchedule[]> {
  const report = await getReport(ctx, toObjectId(reportId, 'reportId').toHexString());
  return ReportScheduleModel.find({ workspaceId: report.workspaceId, reportId: report._id }).sort({ createdAt: 1, _id: 1 }).lean<ReportSchedule[]>();
}

function checkedRule(rule: ReportScheduleRule): ReportScheduleRule {
  const problem = reportScheduleRuleError(rule);
  if (problem) throw badInput(problem.message, problem.field);
  return rule.frequency === ReportScheduleFrequency.WEEKLY
    ? { frequency: rule.frequency, weekday: rule.weekday, dayOfMonth: null, hour: rule.hour }
    : { frequency: rule.frequency, weekday: null, dayOfMonth: rule.dayOfMonth, hour: rule.hour };
}

/** Members by user id: each an active member of the workspace (NOT_FOUND otherwise, as for someone else's), deduplicated, in order. */
async function checkedMembers(workspaceId: Types.ObjectId, ids: readonly string[]): Promise<Types.ObjectId[]> {
  const unique = [...new Map(toObjectIds(ids, 'memberIds').map((id) => [id.toHexString(), id])).values()];
  if (!unique.length) return [];
  const active = await TeamMemberModel.countDocuments({ workspaceId, userId: { $in: unique }, isActive: true });
  if (active !== unique.length) throw notFound('Member');
  return unique;
}

/** Outside addresses normalised (as account addresses are) and deduplicated; an address kept keeps its unsubscribe token. */
function checkedEmails(inputs: readonly string[], existing: readonly OutsideRecipient[]): OutsideRecipient[] {
  const byEmail = new Map(existing.map((r) => [r.email, r]));
  const out = new Map<string, OutsideRecipient>();
  for (const input of inputs) {
    const email = normalizeEmail(String(input));
    if (!email) continue;
    const problem = emailProblem(email);
    if (problem || !isEmail(email) || email.length > 254) throw badInput(problem ? `emails: ${problem}` : `emails: "${email.slice(0, 80)}" is not an email address`, 'emails');
    if (out.has(email)) continue;
    const kept = byEmail.get(email);
    if (kept) {
      out.set(email, kept);
      continue;
    }
    const token = randomToken(32);
    out.set(email, { email, unsubscribeTokenHash: hashToken(token), unsubscribeTokenEnc: encryptSecret(token) });
  }
  return [...out.values()];
}

function checkedRecipientCount(members: readonly unknown[], emails: readonly unknown[]): void {
  const n = members.length + emails.length;
  if (n === 0) throw badInput('A schedule needs at least one recipient (a member or an email address)', 'memberIds');
  if (n > REPORT_SCHEDULE_MAX_RECIPIENTS) throw badInput(`A schedule has at most ${REPORT_SCHEDULE_MAX_RECIPIENTS} recipients (members and addresses together)`, 'emails');
}

export async function createSchedule(ctx: Context, input: CreateReportScheduleInput, now = new Date()): Promise<ReportSchedule> {
  const scope = writeScope(ctx);
  const report = await getReport(ctx, toObjectId(input.reportId, 'reportId').toHexString());
  const rule = checkedRule({ frequency: input.frequency, weekday: input.weekday, dayOfMonth: input.dayOfMonth, hour: input.hour });
  const memberIds = await checkedMembers(scope.workspaceId, input.memberIds ?? []);
  const outsideRecipients = checkedEmails(input.emails ?? [], []);
  checkedRecipientCount(memberIds, outsideRecipients);
  const { tz, tier } = await analyticsRequest(ctx);
  const limit = TIER_LIMITS[tier].maxReportSchedules;
  const count = await ReportScheduleModel.countDocuments(scope);
  if (count >= limit) {
    throw limitExceeded(`This workspace's plan allows ${limit} report ${limit === 1 ? 'schedule' : 'schedules'}; delete one or upgrade the plan`, { limit, field: 'reportId' });
  }
  const doc = await ReportScheduleModel.create({
    ...scope,
    reportId: report._id,
    ...rule,
    paper: input.paper ?? ReportPaper.A4,
    memberIds,
    outsideRecipients,
    enabled: true,
    nextRunAt: nextReportScheduleRun(rule, tz, now),
    timezone: tz,
    createdBy: new Types.ObjectId(viewerOf(ctx).id),
  });
  return doc.toObject() as ReportSchedule;
}

export async function updateSchedule(ctx: Context, id: string, input: UpdateReportScheduleInput, now = new Date()): Promise<ReportSchedule> {
  const scope = writeScope(ctx);
  const existing = await scheduleIn(scope, id);
  const frequency = input.frequency ?? existing.frequency;
  const switched = frequency !== existing.frequency;
  // Switching frequency drops the other kind's day unless the input names it (then it is refused).
  const pick = (given: number | null | undefined, kept: number | null | undefined) => (given !== undefined && given !== null ? given : switched ? null : kept);
  const rule = checkedRule({
    frequency,
    weekday: pick(input.weekday, existing.weekday),
    dayOfMonth: pick(input.dayOfMonth, existing.dayOfMonth),
    hour: input.hour ?? existing.hour,
  });
  const memberIds = input.memberIds ? await checkedMembers(scope.workspaceId, input.memberIds) : existing.memberIds;
  const outsideRecipients = input.emails ? checkedEmails(input.emails, existing.outsideRecipients) : existing.outsideRecipients;
  checkedRecipientCount(memberIds, outsideRecipients);
  const set: Record<string, unknown> = { ...rule, memberIds, outsideRecipients };
  if (input.paper) set.paper = input.paper;
  if (existing.enabled) {
    const { tz } = await analyticsRequest(ctx);
    set.nextRunAt = nextReportScheduleRun(rule, tz, now);
    set.timezone = tz;
  }
  const updated = await ReportScheduleModel.findOneAndUpdate({ ...scope, _id: existing._id }, { $set: set }, { returnDocument: 'after' }).lean<ReportSchedule>();
  if (!updated) throw notFound('Report schedule');
  return updated;
}

/** Pauses (nothing is sent, nextRunAt null) or resumes (the next run from now on) a schedule. */
export async function setScheduleEnabled(ctx: Context, id: string, enabled: boolean, now = new Date()): Promise<ReportSchedule> {
  const scope = writeScope(ctx);
  const existing = await scheduleIn(scope, id);
  const set: Record<string, unknown> = { enabled, nextRunAt: null };
  if (enabled) {
    const { tz } = await analyticsRequest(ctx);
    set.nextRunAt = nextReportScheduleRun(existing, tz, now);
    set.timezone = tz;
  }
  const updated = await ReportScheduleModel.findOneAndUpdate({ ...scope, _id: existing._id }, { $set: set }, { returnDocument: 'after' }).lean<ReportSchedule>();
  if (!updated) throw notFound('Report schedule');
  return updated;
}

/** Deletes a schedule and its delivery history. */
export async function deleteSchedule(ctx: Context, id: string): Promise<boolean> {
  const scope = writeScope(ctx);
  const _id = toObjectId(id, 'id');
  const res = await ReportScheduleModel.deleteOne({ ...scope, _id });
  if (res.deletedCount !== 1) throw notFound('Report schedule');
  await ReportDeliveryModel.deleteMany({ ...scope, scheduleId: _id });
  return true;
}

/** Delivery history of one schedule, or of every schedule of a report: newest first. */
export async function listDeliveries(ctx: Context, args: ReportDeliveriesArgs): Promise<Connection<ReportDelivery>> {
  const scope = readScope(ctx);
  if (!!args.scheduleId === !!args.reportId) throw badInput('Give either scheduleId or reportId', 'scheduleId');
  const filter: Record<string, unknown> = { ...scope };
  if (args.scheduleId) filter.scheduleId = (await scheduleIn(scope, args.scheduleId, 'scheduleId'))._id;
  else filter.reportId = (await getReport(ctx, toObjectId(args.reportId!, 'reportId').toHexString()))._id;
  return paginate<ReportDelivery>({ model: ReportDeliveryModel as never, filter, sortField: 'createdAt', direction: 'desc', first: args.first, after: args.after });
}

/** What the unsubscribe page shows once an address is removed. */
export interface UnsubscribeResult {
  email: string;
  reportName: string;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{40,64}$/;

/**
 * Removes the outside address an unsubscribe link was made for from that one schedule (no
 * sign-in: the link is the credential). The token dies with the address: a second use, or a
 * token of another schedule, is NOT_FOUND.
 */
export async function unsubscribeReportEmail(token: string): Promise<UnsubscribeResult> {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) throw notFound('Subscription');
  const unsubscribeTokenHash = hashToken(token);
  const schedule = await ReportScheduleModel.findOneAndUpdate(
    { 'outsideRecipients.unsubscribeTokenHash': unsubscribeTokenHash },
    { $pull: { outsideRecipients: { unsubscribeTokenHash } } },
    { returnDocument: 'before', projection: { outsideRecipients: 1, reportId: 1, workspaceId: 1 } },
  ).lean<ReportSchedule>();
  const recipient = schedule?.outsideRecipients.find((r) => r.unsubscribeTokenHash === unsubscribeTokenHash);
  if (!schedule || !recipient) throw notFound('Subscription');
  const report = await CustomReportModel.findOne({ _id: schedule.reportId, workspaceId: schedule.workspaceId }, { name: 1 }).lean();
  return { email: recipient.email, reportName: report?.name ?? 'a Soash report' };
}
