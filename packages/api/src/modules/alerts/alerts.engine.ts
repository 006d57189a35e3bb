import { randomBytes } from 'node:crypto';
import {
  ALERT_METRIC_INFO,
  AlertChannel,
  AlertDirection,
  AlertKind,
  AlertRecipients,
  alertMetricDisplayValue,
  DAY_MS,
  dayToString,
  formatAlertMetricValue,
  localDayOf,
  nextLocalHour,
  Priority,
  roleAtLeast,
  WebhookEventType,
  WorkspaceRole,
  type AlertMetric,
} from '@soash/shared';
import { Types } from 'mongoose';
import { loadConfig, type Config } from '../../config.js';
import { isDuplicateKey } from '../../lib/bulk-upsert.js';
import { isDuplicateKeyError } from '../../lib/errors.js';
import { PlatformStatus } from '../../lib/graphql-enums.js';
import { log } from '../../lib/logger.js';
import { ComparePeriod } from '../analytics/analytics.enums.js';
import { overview } from '../analytics/dashboard.service.js';
import type { AnalyticsRequest } from '../analytics/request.js';
import { withinHistory } from '../analytics/request.js';
import { normalizeTimezone } from '../analytics/scope.js';
import { sendAlertEmail, type AlertMailItem } from '../mail/mail.service.js';
import { accountName } from '../platforms/platform-notices.js';
import { PlatformModel, type Platform } from '../platforms/platform.model.js';
import { UserModel } from '../users/user.model.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import { TeamMemberModel } from '../workspaces/team-member.model.js';
import { WorkspaceModel } from '../workspaces/workspace.model.js';
import { AlertEventModel, AlertQuietModel, type AlertEvent } from './alert-event.model.js';
import { AlertRuleModel, type AlertRule } from './alert-rule.model.js';
import { AlertMailModel, NotificationModel } from './notification.model.js';

/**
 * The alert engine: finds what fires (metric rules from the dashboard's numbers, event rules from
 * the events the rest of the product announces), records each firing once, and delivers it through
 * the rule's channels once each (docs/alerts.md).
 */

/** The mail settings: set once per process at start (alerts.jobs.ts), else read from the environment. */
let mailConfig: Config | undefined;
export function useAlertsConfig(config: Config): void {
  mailConfig = config;
}
function alertsConfig(): Config {
  return (mailConfig ??= loadConfig());
}

/** One occurrence a rule may fire for. */
export interface Occurrence {
  /** Names the occurrence: the same key never fires twice for a rule. */
  dedupeKey: string;
  /** What the quiet period is counted per. */
  subjectKey: string;
  message: string;
  link?: string;
  platformId?: Types.ObjectId;
  insightId?: Types.ObjectId;
  syncRunId?: Types.ObjectId;
  metric?: AlertMetric;
  value?: number;
  threshold?: number;
  previousValue?: number;
}

const HOUR_MS = 3_600_000;

/**
 * Fires `rule` for an occurrence, once: an occurrence already recorded is skipped; a subject the
 * rule fired about within its quiet period is suppressed (an atomic claim, see AlertQuiet); the
 * event's unique {ruleId, dedupeKey} settles the rest of any race. Answers the event, or null when
 * nothing fired.
 */
export async function fireRule(rule: AlertRule, occ: Occurrence, now = new Date()): Promise<AlertEvent | null> {
  if (await AlertEventModel.exists({ ruleId: rule._id, dedupeKey: occ.dedupeKey })) return null;
  try {
    await AlertQuietModel.findOneAndUpdate(
      { ruleId: rule._id, subjectKey: occ.subjectKey, lastFiredAt: { $lte: new Date(now.getTime() - rule.quietHours * HOUR_MS) } },
      { $set: { lastFiredAt: now, workspaceId: rule.workspaceId } },
      { upsert: true },
    );
  } catch (err) {
    if (isDuplicateKeyError(err)) return null; // fired about this subject within the quiet period
    throw err;
  }
  let event: AlertEvent;
  try {
    const doc = await AlertEventModel.create({
      workspaceId: rule.workspaceId,
      ruleId: rule._id,
      ruleName: rule.name,
      kind: rule.kind,
      firedAt: now,
      ...occ,
    });
    event = doc.toObject() as AlertEvent;
  } catch (err) {
    if (isDuplicateKeyError(err)) return null;
    throw err;
  }
  await AlertRuleModel.updateOne({ _id: rule._id }, { $set: { lastFiredAt: now } });
  await deliverEvent(event, rule, now);
  return event;
}

/** The members a rule's email and in-app notifications go to: active members only (a removed member gets nothing). */
export async function recipientsOf(rule: Pick<AlertRule, 'workspaceId' | 'recipients' | 'recipientIds'>): Promise<Types.ObjectId[]> {
  const members = await TeamMemberModel.find({ workspaceId: rule.workspaceId, isActive: true }, { userId: 1, role: 1 }).lean();
  if (rule.recipients === AlertRecipients.CHOSEN) {
    const chosen = new Set(rule.recipientIds.map((id) => id.toHexString()));
    return members.filter((m) => chosen.has(m.userId.toHexString())).map((m) => m.userId);
  }
  return members.filter((m) => roleAtLeast(m.role, WorkspaceRole.EDITOR)).map((m) => m.userId);
}

/** The alert.triggered body (docs/partners.md). */
export function webhookPayload(event: AlertEvent): Record<string, unknown> {
  return {
    alertId: event.ruleId.toHexString(),
    eventId: event._id.toHexString(),
    name: event.ruleName,
    kind: event.kind.toUpperCase(),
    metric: event.metric ? event.metric.toUpperCase() : null,
    value: event.value ?? null,
    threshold: event.threshold ?? null,
    previousValue: event.previousValue ?? null,
    platformId: event.platformId?.toHexString() ?? null,
    insightId: event.insightId?.toHexString() ?? null,
    syncRunId: event.syncRunId?.toHexString() ?? null,
    message: event.message,
    firedAt: event.firedAt.toISOString(),
  };
}

/**
 * Hands an event to each of its rule's channels, each once: notifications and mails are keyed by
 * {event, member}; the webhook is emitted only by the call that marks `webhookAt`. Safe to call
 * again after a crash or a retry.
 */
export async function deliverEvent(event: AlertEvent, rule: AlertRule, now = new Date()): Promise<void> {
  const channels = new Set(rule.channels);
  const people = channels.has(AlertChannel.IN_APP) || channels.has(AlertChannel.EMAIL) ? await recipientsOf(rule) : [];
  if (channels.has(AlertChannel.IN_APP)) {
    if (people.length) {
      await NotificationModel.bulkWrite(
        people.map((userId) => ({
          updateOne: {
            filter: { eventId: event._id, userId },
            update: { $setOnInsert: { workspaceId: event.workspaceId, kind: event.kind, title: event.ruleName, message: event.message, link: event.link } },
            upsert: true,
          },
        })),
        { ordered: false },
      ).catch((err) => {
        // Two deliveries racing on the same {event, member}: the other one wrote it.
        if (!isDuplicateKey(err)) throw err;
      });
    }
    await AlertEventModel.updateOne({ _id: event._id }, { $set: { inAppAt: now } });
  }
  if (channels.has(AlertChannel.EMAIL)) {
    const dueAt = rule.emailDigest ? new Date(nextLocalHour(now.getTime(), await workspaceTimezone(event.workspaceId), rule.digestHour)) : now;
    for (const userId of people) {
      await AlertMailModel.updateOne(
        { eventId: event._id, userId },
        { $setOnInsert: { workspaceId: event.workspaceId, digest: rule.emailDigest, dueAt } },
        { upsert: true },
      ).catch((err) => {
        if (!isDuplicateKeyError(err)) throw err;
      });
    }
    await AlertEventModel.updateOne({ _id: event._id }, { $set: { emailAt: now } });
    if (!rule.emailDigest) await sendMails({ eventId: event._id, digest: false }, now);
  }
  if (channels.has(AlertChannel.WEBHOOK)) {
    const claimed = await AlertEventModel.findOneAndUpdate({ _id: event._id, webhookAt: null }, { $set: { webhookAt: now } });
    if (claimed) await emitWebhookEvent(event.workspaceId, WebhookEventType.ALERT_TRIGGERED, webhookPayload(event), { now });
  }
}

async function workspaceTimezone(workspaceId: Types.ObjectId): Promise<string> {
  const ws = await WorkspaceModel.findById(workspaceId, { timezone: 1 }).lean();
  return normalizeTimezone(ws?.timezone);
}

/**
 * Sends the unsent mails matching `filter` that are due: one mail per workspace and member (a
 * digest holds all of theirs). Each batch is claimed first, so concurrent runs never send a mail
 * twice; a member who left the workspace meanwhile gets nothing (the mails are dropped).
 */
export async function sendMails(filter: { eventId?: Types.ObjectId; digest: boolean }, now = new Date()): Promise<number> {
  const due = await AlertMailModel.find({ ...filter, sentAt: null, droppedAt: null, claim: null, dueAt: { $lte: now } }, { workspaceId: 1, userId: 1 })
    .limit(5000)
    .lean();
  const groups = new Map<string, { workspaceId: Types.ObjectId; userId: Types.ObjectId; ids: Types.ObjectId[] }>();
  for (const m of due) {
    const key = `${m.workspaceId.toHexString()}:${m.userId.toHexString()}`;
    const g = groups.get(key) ?? { workspaceId: m.workspaceId, userId: m.userId, ids: [] };
    g.ids.push(m._id);
    groups.set(key, g);
  }
  let sent = 0;
  for (const g of groups.values()) {
    const claim = randomBytes(12).toString('hex');
    await AlertMailModel.updateMany({ _id: { $in: g.ids }, claim: null, sentAt: null }, { $set: { claim } });
    const mine = await AlertMailModel.find({ claim }, { eventId: 1 }).lean();
    if (!mine.length) continue;
    const mineIds = mine.map((m) => m._id);
    const member = await TeamMemberModel.exists({ workspaceId: g.workspaceId, userId: g.userId, isActive: true });
    const user = member ? await UserModel.findById(g.userId, { email: 1, name: 1 }).lean() : null;
    const workspace = await WorkspaceModel.findById(g.workspaceId, { name: 1 }).lean();
    if (!user || !workspace) {
      await AlertMailModel.updateMany({ _id: { $in: mineIds } }, { $set: { droppedAt: now } });
      continue;
    }
    const events = await AlertEventModel.find({ _id: { $in: mine.map((m) => m.eventId) }, workspaceId: g.workspaceId }).sort({ firedAt: 1 }).lean<AlertEvent[]>();
    const config = alertsConfig();
    const items: AlertMailItem[] = events.map((e) => ({ title: e.ruleName, message: e.message, link: `${config.webAppUrl}${e.link ?? '/alerts'}`, firedAt: e.firedAt }));
    if (!items.length) {
      await AlertMailModel.updateMany({ _id: { $in: mineIds } }, { $set: { droppedAt: now } });
      continue;
    }
    const ok = await sendAlertEmail(config, { email: user.email, name: user.name }, { workspaceName: workspace.name, items, digest: filter.digest });
    if (ok) {
      await AlertMailModel.updateMany({ _id: { $in: mineIds } }, { $set: { sentAt: now } });
      sent++;
    } else {
      // Released for the next run (the transport failed; the failure is logged by the mail service).
      await AlertMailModel.updateMany({ _id: { $in: mineIds } }, { $unset: { claim: 1 } });
    }
  }
  return sent;
}

/** The daily digests that are due (their hour has come in their workspace's timezone): one mail per member and workspace. */
export function sendDueDigests(now = new Date()): Promise<number> {
  return sendMails({ digest: true }, now);
}

// ---------------------------------------------------------------------------------------------
// Which rules apply

function enabledRules(workspaceId: Types.ObjectId, kinds: AlertKind[]): Promise<AlertRule[]> {
  return AlertRuleModel.find({ workspaceId, enabled: true, kind: { $in: kinds } }).lean<AlertRule[]>();
}

function watches(rule: AlertRule, platformId: Types.ObjectId | undefined): boolean {
  if (!rule.platformIds.length) return true;
  return !!platformId && rule.platformIds.some((id) => id.equals(platformId));
}

type PlatformBits = Pick<Platform, '_id' | 'workspaceId' | 'type' | 'username' | 'displayName'>;

async function platformOf(workspaceId: Types.ObjectId, platformId: Types.ObjectId): Promise<PlatformBits | null> {
  return PlatformModel.findOne({ _id: platformId, workspaceId, isActive: true }, { workspaceId: 1, type: 1, username: 1, displayName: 1 }).lean<PlatformBits>();
}

// ---------------------------------------------------------------------------------------------
// Event rules

const toId = (v: unknown): Types.ObjectId | undefined => (typeof v === 'string' && Types.ObjectId.isValid(v) ? new Types.ObjectId(v) : undefined);

/**
 * The events the product announces (the same ones webhooks carry), turned into alerts: a failed
 * sync, a new HIGH insight, an account that needs connecting again, fresh statistics (metric rules
 * are evaluated for that account). Never throws: an alert problem must not fail the work that
 * caused the event.
 */
export async function alertsOnEvent(workspaceIdInput: Types.ObjectId | string, type: WebhookEventType, data: Record<string, unknown>, now = new Date()): Promise<number> {
  try {
    const workspaceId = new Types.ObjectId(String(workspaceIdInput));
    const platformId = toId(data.platformId);
    switch (type) {
      case WebhookEventType.SYNC_FAILED:
        return await onSyncFailed(workspaceId, platformId, data, now);
      case WebhookEventType.INSIGHT_CREATED:
        return await onInsightCreated(workspaceId, data, now);
      case WebhookEventType.PLATFORM_NEEDS_REAUTH:
        return await evaluateReauthRules(workspaceId, now, platformId);
      case WebhookEventType.STATS_UPDATED:
        return platformId ? await evaluateMetricRules(workspaceId, now, platformId) : 0;
      case WebhookEventType.SYNC_COMPLETED:
        // New posts change the post metrics (engagements, reach, rate…).
        return platformId && data.kind === 'activities' ? await evaluateMetricRules(workspaceId, now, platformId) : 0;
      default:
        return 0;
    }
  } catch (err) {
    log.error('alerts: event not evaluated', { type, workspaceId: String(workspaceIdInput), error: err instanceof Error ? err.message : String(err) });
    return 0;
  }
}

async function fireAll(rules: AlertRule[], occurrence: (rule: AlertRule) => Occurrence | null, now: Date): Promise<number> {
  let fired = 0;
  for (const rule of rules) {
    const occ = occurrence(rule);
    if (occ && (await fireRule(rule, occ, now))) fired++;
  }
  return fired;
}

async function onSyncFailed(workspaceId: Types.ObjectId, platformId: Types.ObjectId | undefined, data: Record<string, unknown>, now: Date): Promise<number> {
  const rules = (await enabledRules(workspaceId, [AlertKind.SYNC_FAILED])).filter((r) => watches(r, platformId));
  if (!rules.length || !platformId) return 0;
  const p = await platformOf(workspaceId, platformId);
  if (!p) return 0;
  const runId = toId(data.systemJobId);
  const error = typeof data.error === 'string' && data.error ? data.error.slice(0, 300) : 'an unexpected error';
  const what = data.kind === 'activities' ? 'posts' : data.kind === 'stories' ? 'stories' : 'statistics';
  return fireAll(
    rules,
    () => ({
      dedupeKey: `sync:${runId?.toHexString() ?? now.toISOString()}`,
      subjectKey: `platform:${platformId.toHexString()}`,
      platformId,
      ...(runId ? { syncRunId: runId } : {}),
      message: `A sync of ${what} for the ${accountName(p)} failed: ${error}.`,
      link: '/platforms',
    }),
    now,
  );
}

async function onInsightCreated(workspaceId: Types.ObjectId, data: Record<string, unknown>, now: Date): Promise<number> {
  if (data.priority !== Priority.HIGH) return 0;
  const insightId = toId(data.insightId);
  if (!insightId) return 0;
  const rules = await enabledRules(workspaceId, [AlertKind.HIGH_INSIGHT]);
  const title = typeof data.title === 'string' ? data.title.slice(0, 200) : 'A new insight';
  return fireAll(
    rules,
    () => ({ dedupeKey: `insight:${insightId.toHexString()}`, subjectKey: `insight:${insightId.toHexString()}`, insightId, message: `New high-priority insight: ${title}`, link: '/insights' }),
    now,
  );
}

/**
 * REAUTH_NEEDED rules: every watched account that must be connected again, or whose access ends
 * within the rule's `daysBefore` days. One firing per account and deadline.
 */
export async function evaluateReauthRules(workspaceId: Types.ObjectId, now = new Date(), platformId?: Types.ObjectId): Promise<number> {
  const rules = await enabledRules(workspaceId, [AlertKind.REAUTH_NEEDED]);
  if (!rules.length) return 0;
  const platforms = await PlatformModel.find(
    { workspaceId, isActive: true, ...(platformId ? { _id: platformId } : {}), $or: [{ status: PlatformStatus.NEEDS_REAUTH }, { needsReauthBy: { $ne: null } }] },
    { workspaceId: 1, type: 1, username: 1, displayName: 1, status: 1, needsReauthBy: 1, lastErrorAt: 1 },
  ).lean<Array<PlatformBits & Pick<Platform, 'status' | 'needsReauthBy' | 'lastErrorAt'>>>();
  let fired = 0;
  for (const p of platforms) {
    const lost = p.status === PlatformStatus.NEEDS_REAUTH;
    const deadline = lost ? (p.needsReauthBy ?? p.lastErrorAt ?? now) : p.needsReauthBy;
    if (!deadline) continue;
    fired += await fireAll(
      rules.filter((r) => watches(r, p._id)),
      (rule) => {
        const daysLeft = Math.ceil((deadline.getTime() - now.getTime()) / DAY_MS);
        if (!lost && daysLeft > (rule.daysBefore ?? 0)) return null;
        const day = deadline.toISOString().slice(0, 10);
        return {
          dedupeKey: `reauth:${p._id.toHexString()}:${lost ? 'lost' : day}`,
          subjectKey: `platform:${p._id.toHexString()}`,
          platformId: p._id,
          message: lost
            ? `The ${accountName(p)} must be connected again: Soash can no longer read it. Reconnect it on the Platforms page.`
            : `Access to the ${accountName(p)} ends on ${day} (in ${Math.max(daysLeft, 0)} day${daysLeft === 1 ? '' : 's'}). Connect it again before then to keep syncing.`,
          link: '/platforms',
        };
      },
      now,
    );
  }
  return fired;
}

// ---------------------------------------------------------------------------------------------
// Metric rules

/** The analytics request of a workspace outside an HTTP request (its timezone and its owner's plan). */
async function workspaceRequest(workspaceId: Types.ObjectId): Promise<AnalyticsRequest | null> {
  const ws = await WorkspaceModel.findById(workspaceId, { timezone: 1, ownerId: 1 }).lean();
  if (!ws) return null;
  const owner = await UserModel.findById(ws.ownerId, { subscriptionTier: 1 }).lean();
  if (!owner) return null;
  return { workspaceId, tz: normalizeTimezone(ws.timezone), tier: owner.subscriptionTier };
}

/** What a metric rule sees for one account: the dashboard's overview of the last `periodDays` days, against the days before. */
export async function metricReading(req: AnalyticsRequest, rule: Pick<AlertRule, 'metric' | 'periodDays'>, platformId: Types.ObjectId, now: Date) {
  const days = rule.periodDays ?? 7;
  const today = localDayOf(now.getTime(), req.tz);
  const range = { from: dayToString(today - (days - 1)), to: dayToString(today) };
  const o = await overview(req, { range, filter: { platformIds: [platformId.toHexString()] }, compare: ComparePeriod.PREVIOUS_PERIOD });
  const mv = o[ALERT_METRIC_INFO[rule.metric!].overviewField];
  return { range, value: mv.value, previous: mv.previous, deltaPercent: mv.deltaPercent };
}

/** Whether a reading meets the rule, and the numbers the event keeps (rates as percentages). */
export function metricCondition(rule: AlertRule, r: { value: number | null; previous: number | null; deltaPercent: number | null }) {
  const metric = rule.metric!;
  const threshold = rule.threshold ?? 0;
  if (r.value === null) return null;
  const value = alertMetricDisplayValue(metric, r.value);
  const previous = r.previous === null ? undefined : alertMetricDisplayValue(metric, r.previous);
  if (rule.kind === AlertKind.METRIC_THRESHOLD) {
    const met = rule.direction === AlertDirection.BELOW ? value < threshold : value > threshold;
    return met ? { value, previous, threshold } : null;
  }
  if (r.deltaPercent === null) return null;
  const dp = r.deltaPercent;
  const met = rule.direction === AlertDirection.UP ? dp >= threshold : rule.direction === AlertDirection.DOWN ? dp <= -threshold : Math.abs(dp) >= threshold;
  return met ? { value, previous, threshold, change: dp } : null;
}

function metricMessage(rule: AlertRule, p: PlatformBits, c: { value: number; previous?: number; threshold: number; change?: number }): string {
  const metric = rule.metric!;
  const label = ALERT_METRIC_INFO[metric].label;
  const days = rule.periodDays ?? 7;
  const fmt = (v: number) => formatAlertMetricValue(metric, v);
  const over = `over the last ${days} day${days === 1 ? '' : 's'}`;
  if (rule.kind === AlertKind.METRIC_THRESHOLD) {
    const side = rule.direction === AlertDirection.BELOW ? 'below' : 'above';
    return `${label} of the ${accountName(p)} is ${fmt(c.value)} ${over}, ${side} your threshold of ${fmt(c.threshold)}.`;
  }
  const change = Math.round((c.change ?? 0) * 10) / 10;
  const word = change >= 0 ? 'up' : 'down';
  return `${label} of the ${accountName(p)} is ${word} ${Math.abs(change)} % ${over} (${fmt(c.value)}, against ${c.previous === undefined ? 'no data' : fmt(c.previous)} the ${days} days before); your rule fires at ${c.threshold} %.`;
}

/**
 * Whether a metric rule's condition has just started to hold for a subject: one atomic update
 * turns `conditionMet` on only if it was off (or never recorded); a concurrent evaluation that
 * finds it on, or loses the insert race on the unique key, does not fire. A new record starts
 * with a quiet period long passed, so the crossing itself is not suppressed.
 */
async function claimCrossing(rule: AlertRule, subjectKey: string): Promise<boolean> {
  try {
    await AlertQuietModel.updateOne(
      { ruleId: rule._id, subjectKey, conditionMet: { $ne: true } },
      { $set: { conditionMet: true, workspaceId: rule.workspaceId }, $setOnInsert: { lastFiredAt: new Date(0) } },
      { upsert: true },
    );
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false; // another evaluation saw the crossing first
    throw err;
  }
}

/**
 * METRIC_THRESHOLD and METRIC_CHANGE rules of a workspace, for every watched account (or only
 * `platformId`, after its statistics were updated), with the dashboard's numbers (overview: one
 * code path). A rule fires for an account when its condition starts to hold (the value crosses
 * the threshold, the change reaches the percentage), not again while it keeps holding, and at most
 * once per quiet period.
 */
export async function evaluateMetricRules(workspaceId: Types.ObjectId, now = new Date(), platformId?: Types.ObjectId): Promise<number> {
  const rules = await enabledRules(workspaceId, [AlertKind.METRIC_THRESHOLD, AlertKind.METRIC_CHANGE]);
  if (!rules.length) return 0;
  const req = await workspaceRequest(workspaceId);
  if (!req) return 0;
  // An account is watched once its first statistics and posts pulls have both finished: during the
  // backfill its history is half there and a comparison would be false (e.g. "down 100 %").
  const platforms = await PlatformModel.find(
    { workspaceId, isActive: true, firstStatsPullAt: { $exists: true }, firstActivitiesPullAt: { $exists: true }, ...(platformId ? { _id: platformId } : {}) },
    { workspaceId: 1, type: 1, username: 1, displayName: 1 },
  ).lean<PlatformBits[]>();
  let fired = 0;
  for (const rule of rules) {
    if (!rule.metric) continue;
    // A period (and its comparison) reaching before the plan's history is not evaluated.
    const span = (rule.periodDays ?? 7) * (rule.kind === AlertKind.METRIC_CHANGE ? 2 : 1);
    if (!withinHistory(req, new Date(now.getTime() - span * DAY_MS))) continue;
    for (const p of platforms.filter((x) => watches(rule, x._id))) {
      const reading = await metricReading(req, rule, p._id, now);
      const c = metricCondition(rule, reading);
      const subjectKey = `platform:${p._id.toHexString()}`;
      if (!c) {
        await AlertQuietModel.updateOne({ ruleId: rule._id, subjectKey, conditionMet: true }, { $set: { conditionMet: false } });
        continue;
      }
      if (!(await claimCrossing(rule, subjectKey))) continue;
      const event = await fireRule(
        rule,
        {
          dedupeKey: `metric:${p._id.toHexString()}:${reading.range.to}:${now.getTime()}`,
          subjectKey,
          platformId: p._id,
          metric: rule.metric,
          value: c.change ?? c.value,
          threshold: c.threshold,
          ...(c.previous !== undefined ? { previousValue: c.previous } : {}),
          message: metricMessage(rule, p, c),
          link: '/',
        },
        now,
      );
      if (event) fired++;
    }
  }
  return fired;
}

/** The periodic pass (alerts:evaluate): metric and re-authorisation rules of every workspace that has some enabled. */
export async function evaluateAllWorkspaces(now = new Date()): Promise<{ workspaces: number; fired: number }> {
  const ids: Types.ObjectId[] = await AlertRuleModel.distinct('workspaceId', { enabled: true, kind: { $in: [AlertKind.METRIC_THRESHOLD, AlertKind.METRIC_CHANGE, AlertKind.REAUTH_NEEDED] } });
  let fired = 0;
  for (const workspaceId of ids) {
    try {
      fired += await evaluateMetricRules(workspaceId, now);
      fired += await evaluateReauthRules(workspaceId, now);
    } catch (err) {
      log.error('alerts: workspace not evaluated', { workspaceId: workspaceId.toHexString(), error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { workspaces: ids.length, fired };
}
