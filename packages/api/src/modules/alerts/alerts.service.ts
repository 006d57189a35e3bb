import {
  ALERT_DEFAULT_DIGEST_HOUR,
  ALERT_DEFAULT_PERIOD_DAYS,
  ALERT_DEFAULT_QUIET_HOURS,
  ALERT_DEFAULT_REAUTH_DAYS,
  ALERT_RULES_PER_WORKSPACE,
  AlertDirection,
  AlertKind,
  AlertRecipients,
  isMetricAlertKind,
  WorkspaceRole,
} from '@soash/shared';
import { Types } from 'mongoose';
import { badInput, limitExceeded, notFound } from '../../lib/errors.js';
import { toObjectId, toObjectIds } from '../../lib/ids.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import { viewerOf, type Context } from '../../server/context.js';
import { workspacePlatformIds } from '../reports/reports.service.js';
import { scopeAtLeast, scopeOf, workspaceScope } from '../workspaces/access.js';
import { TeamMemberModel } from '../workspaces/team-member.model.js';
import { AlertEventModel, AlertQuietModel, type AlertEvent } from './alert-event.model.js';
import { AlertRuleModel, type AlertRule } from './alert-rule.model.js';
import type { AlertEventsArgs, CreateAlertRuleInput, NotificationsArgs, UpdateAlertRuleInput } from './dto/alert.inputs.js';
import { NotificationModel, type Notification } from './notification.model.js';

/** Every member reads the workspace's rules and their history; editors and above change the rules (as the resolvers' @MinRole say). */
const readScope = (ctx: Context) => scopeOf(ctx);
const writeScope = (ctx: Context) => scopeAtLeast(ctx, WorkspaceRole.EDITOR);

export function listRules(ctx: Context): Promise<AlertRule[]> {
  return AlertRuleModel.find(readScope(ctx)).sort({ createdAt: -1, _id: -1 }).limit(ALERT_RULES_PER_WORKSPACE).lean<AlertRule[]>();
}

async function findRule(scope: { workspaceId: Types.ObjectId }, id: string, field = 'id'): Promise<AlertRule> {
  const rule = await AlertRuleModel.findOne({ ...scope, _id: toObjectId(id, field) }).lean<AlertRule>();
  if (!rule) throw notFound('Alert rule');
  return rule;
}

type RuleFields = Omit<AlertRule, '_id' | 'createdAt' | 'updatedAt' | 'workspaceId' | 'createdBy' | 'lastFiredAt'>;

const given = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

/**
 * A rule's fields, checked as a whole (create, and update after merging the change into the saved
 * rule): what the kind needs is present, what it does not use is dropped, the accounts and chosen
 * recipients belong to the workspace.
 */
async function checkedRule(workspaceId: Types.ObjectId, base: Partial<RuleFields>, input: UpdateAlertRuleInput): Promise<RuleFields> {
  const name = (given(input.name) ? input.name : (base.name ?? '')).trim();
  if (!name) throw badInput('name must not be empty', 'name');
  const kind = given(input.kind) ? input.kind : base.kind!;
  const channels = given(input.channels) ? input.channels : (base.channels ?? []);
  if (!channels.length) throw badInput('channels: choose at least one channel', 'channels');
  const recipients = given(input.recipients) ? input.recipients : (base.recipients ?? AlertRecipients.EDITORS);
  let recipientIds = given(input.recipientIds) ? toObjectIds(input.recipientIds, 'recipientIds') : (base.recipientIds ?? []);
  if (recipients === AlertRecipients.CHOSEN) {
    recipientIds = [...new Map(recipientIds.map((id) => [id.toHexString(), id])).values()];
    if (!recipientIds.length) throw badInput('recipientIds: choose at least one member', 'recipientIds');
    const members = await TeamMemberModel.countDocuments({ workspaceId, userId: { $in: recipientIds }, isActive: true });
    if (members !== recipientIds.length) throw notFound('Member');
  } else recipientIds = [];
  const platformIds = given(input.platformIds) ? await workspacePlatformIds(workspaceId, input.platformIds) : (base.platformIds ?? []);
  const out: RuleFields = {
    name,
    kind,
    platformIds,
    channels,
    recipients,
    recipientIds,
    quietHours: given(input.quietHours) ? input.quietHours : (base.quietHours ?? ALERT_DEFAULT_QUIET_HOURS),
    emailDigest: given(input.emailDigest) ? input.emailDigest : (base.emailDigest ?? false),
    digestHour: given(input.digestHour) ? input.digestHour : (base.digestHour ?? ALERT_DEFAULT_DIGEST_HOUR),
    enabled: given(input.enabled) ? input.enabled : (base.enabled ?? true),
  };
  if (isMetricAlertKind(kind)) {
    const metric = given(input.metric) ? input.metric : base.metric;
    if (!metric) throw badInput('metric: a metric rule needs a metric', 'metric');
    const allowed: AlertDirection[] = kind === AlertKind.METRIC_THRESHOLD ? [AlertDirection.ABOVE, AlertDirection.BELOW] : [AlertDirection.UP, AlertDirection.DOWN, AlertDirection.EITHER];
    const fallback = kind === AlertKind.METRIC_THRESHOLD ? AlertDirection.ABOVE : AlertDirection.EITHER;
    const direction = given(input.direction) ? input.direction : base.direction && allowed.includes(base.direction) ? base.direction : fallback;
    if (!allowed.includes(direction)) throw badInput(`direction: ${kind === AlertKind.METRIC_THRESHOLD ? 'ABOVE or BELOW' : 'UP, DOWN or EITHER'} for this kind`, 'direction');
    const threshold = given(input.threshold) ? input.threshold : base.threshold;
    if (!given(threshold) || !Number.isFinite(threshold)) throw badInput('threshold: a metric rule needs a threshold', 'threshold');
    if (kind === AlertKind.METRIC_CHANGE && threshold <= 0) throw badInput('threshold: the change must be more than 0 %', 'threshold');
    Object.assign(out, { metric, direction, threshold, periodDays: given(input.periodDays) ? input.periodDays : (base.periodDays ?? ALERT_DEFAULT_PERIOD_DAYS) });
  } else if (kind === AlertKind.REAUTH_NEEDED) {
    out.daysBefore = given(input.daysBefore) ? input.daysBefore : (base.daysBefore ?? ALERT_DEFAULT_REAUTH_DAYS);
  }
  return out;
}

export async function createRule(ctx: Context, input: CreateAlertRuleInput): Promise<AlertRule> {
  const scope = writeScope(ctx);
  const fields = await checkedRule(scope.workspaceId, {}, input);
  const count = await AlertRuleModel.countDocuments(scope);
  if (count >= ALERT_RULES_PER_WORKSPACE) throw limitExceeded(`A workspace may keep at most ${ALERT_RULES_PER_WORKSPACE} alert rules; delete one first`, { limit: ALERT_RULES_PER_WORKSPACE });
  const doc = await AlertRuleModel.create({ ...scope, ...fields, createdBy: new Types.ObjectId(viewerOf(ctx).id) });
  return doc.toObject() as AlertRule;
}

export async function updateRule(ctx: Context, id: string, input: UpdateAlertRuleInput): Promise<AlertRule> {
  const scope = writeScope(ctx);
  const rule = await findRule(scope, id);
  const fields = await checkedRule(scope.workspaceId, rule, input);
  const unset = Object.fromEntries((['metric', 'direction', 'threshold', 'periodDays', 'daysBefore'] as const).filter((k) => !(k in fields)).map((k) => [k, 1]));
  const updated = await AlertRuleModel.findOneAndUpdate({ ...scope, _id: rule._id }, { $set: fields, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { returnDocument: 'after' }).lean<AlertRule>();
  if (!updated) throw notFound('Alert rule');
  return updated;
}

/** Deletes a rule with its quiet periods; the alerts it fired stay in the history and the members' notification centres. */
export async function deleteRule(ctx: Context, id: string): Promise<boolean> {
  const scope = writeScope(ctx);
  const rule = await findRule(scope, id);
  await AlertQuietModel.deleteMany({ ...scope, ruleId: rule._id });
  await AlertRuleModel.deleteOne({ ...scope, _id: rule._id });
  return true;
}

/** The workspace's fired alerts, newest first. */
export async function listEvents(ctx: Context, args: AlertEventsArgs): Promise<Connection<AlertEvent>> {
  const scope = readScope(ctx);
  return paginate<AlertEvent>({
    model: AlertEventModel as never,
    filter: { ...scope, ...(args.ruleId ? { ruleId: (await findRule(scope, args.ruleId, 'ruleId'))._id } : {}) },
    sortField: 'firedAt',
    direction: 'desc',
    first: args.first,
    after: args.after,
  });
}

/** The signed-in member's own notifications in the active workspace: nobody reads another member's. */
function mine(ctx: Context): { workspaceId: Types.ObjectId; userId: Types.ObjectId } {
  const viewer = viewerOf(ctx);
  return { ...workspaceScope(viewer), userId: new Types.ObjectId(viewer.id) };
}

export function listNotifications(ctx: Context, args: NotificationsArgs): Promise<Connection<Notification>> {
  const filter = { ...mine(ctx), ...(args.unreadOnly ? { readAt: null } : {}) };
  return paginate<Notification>({ model: NotificationModel as never, filter, sortField: 'createdAt', direction: 'desc', first: args.first, after: args.after });
}

export function unreadCount(ctx: Context): Promise<number> {
  return NotificationModel.countDocuments({ ...mine(ctx), readAt: null });
}

/**
 * Marks the member's own notifications read (the ids given, or all); answers how many changed. An
 * id that is not one of the member's notifications is NOT_FOUND (another member's included), and
 * nothing is marked.
 */
export async function markRead(ctx: Context, ids: readonly string[] | null | undefined, all: boolean | null | undefined): Promise<number> {
  const filter = mine(ctx);
  if (!all && !ids?.length) throw badInput('give ids, or all: true', 'ids');
  let only: Types.ObjectId[] | undefined;
  if (!all) {
    only = [...new Map(toObjectIds(ids!, 'ids').map((id) => [id.toHexString(), id])).values()];
    if ((await NotificationModel.countDocuments({ ...filter, _id: { $in: only } })) !== only.length) throw notFound('Notification');
  }
  const r = await NotificationModel.updateMany({ ...filter, readAt: null, ...(only ? { _id: { $in: only } } : {}) }, { $set: { readAt: new Date() } });
  return r.modifiedCount;
}
