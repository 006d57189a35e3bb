import { DAY_MS, WebhookEventType, WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../../../test/helpers/fixtures.js';
import { errorOf, useTestServer } from '../../../../test/helpers/server.js';
import { encryptSecret } from '../../../lib/crypto.js';
import { announce } from '../../events/announce.js';
import { MailMessageModel } from '../../mail/mail-message.model.js';
import { PlatformModel } from '../../platforms/platform.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { UserModel } from '../../users/user.model.js';
import { WebhookDeliveryModel } from '../../webhooks/webhook-delivery.model.js';
import { WebhookEndpointModel } from '../../webhooks/webhook-endpoint.model.js';
import { addMember, createTeam, type Team } from '../../workspaces/__tests__/team-fixtures.js';
import { TeamMemberModel } from '../../workspaces/team-member.model.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { AlertEventModel, AlertQuietModel } from '../alert-event.model.js';
import { AlertRuleModel, type AlertRule } from '../alert-rule.model.js';
import { evaluateMetricRules, evaluateReauthRules, sendDueDigests, useAlertsConfig } from '../alerts.engine.js';
import { AlertMailModel, NotificationModel } from '../notification.model.js';

const server = useTestServer();
beforeAll(() => useAlertsConfig(server.config));

type Who = 'owner' | 'admin' | 'editor' | 'viewer';
const as = (team: Team, who: Who) => (query: string, variables: Record<string, unknown> = {}) =>
  server.gql(query, variables, team[who].token, { 'x-workspace-id': team.workspaceId });

const RULE_FIELDS = 'id name kind metric direction threshold periodDays daysBefore platformIds channels recipients recipientIds quietHours emailDigest digestHour enabled';
const CREATE = `mutation($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { ${RULE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateAlertRuleInput!) { updateAlertRule(id: $id, input: $input) { ${RULE_FIELDS} } }`;
const NOTIFICATIONS = 'query($u: Boolean) { notifications(unreadOnly: $u) { totalCount edges { node { id eventId kind title message link readAt } } } unreadNotificationCount }';
const MARK = 'mutation($ids: [ID!], $all: Boolean) { markNotificationsRead(ids: $ids, all: $all) }';

/** A rule written straight to the database (defaults as the API sets them). */
async function rule(team: Team, fields: Partial<AlertRule> & Pick<AlertRule, 'kind'>): Promise<AlertRule> {
  const doc = await AlertRuleModel.create({
    workspaceId: team.workspace._id,
    name: `Rule ${fields.kind}`,
    channels: ['in_app', 'email', 'webhook'],
    recipients: 'editors',
    quietHours: 24,
    digestHour: 9,
    createdBy: team.owner.user._id,
    ...fields,
  });
  return doc.toObject() as AlertRule;
}

async function endpointFor(team: Team) {
  return WebhookEndpointModel.create({ workspaceId: team.workspace._id, url: 'https://93.184.216.34/hooks', events: ['alert.triggered'], secretEnc: encryptSecret('whsec_AAAA'), createdBy: team.owner.user._id });
}

const syncFailed = (team: Team, platformId: Types.ObjectId, runId = new Types.ObjectId(), now?: Date) =>
  announce(team.workspace._id, WebhookEventType.SYNC_FAILED, { platformId: platformId.toHexString(), platform: 'instagram', kind: 'stats', systemJobId: runId.toHexString(), attempt: 1, error: 'The platform answered 500' }, { now });

const alertMailsTo = (email: string) => MailMessageModel.countDocuments({ to: email, kind: 'alert' });

describe('alert rules through GraphQL', () => {
  it('an editor creates, changes and deletes a rule; every member reads it; kind-dependent fields are checked', async () => {
    const team = await createTeam();
    const platform = await createPlatform(team.workspace._id);
    const created = await as(team, 'editor')(CREATE, {
      input: { name: '  Followers drop  ', kind: 'METRIC_CHANGE', metric: 'FOLLOWERS', direction: 'DOWN', threshold: 10, periodDays: 7, platformIds: [platform._id.toHexString()], channels: ['IN_APP', 'EMAIL'], emailDigest: true, digestHour: 8 },
    });
    expect(created.body.errors).toBeUndefined();
    const r = created.body.data!.createAlertRule;
    expect(r).toMatchObject({ name: 'Followers drop', kind: 'METRIC_CHANGE', metric: 'FOLLOWERS', direction: 'DOWN', threshold: 10, periodDays: 7, daysBefore: null, channels: ['IN_APP', 'EMAIL'], recipients: 'EDITORS', quietHours: 24, emailDigest: true, digestHour: 8, enabled: true });

    const listed = await as(team, 'viewer')('{ alertRules { id name } }');
    expect(listed.body.data!.alertRules).toEqual([{ id: r.id, name: 'Followers drop' }]);

    // Changing the kind drops what the new kind does not use.
    const changed = await as(team, 'admin')(UPDATE, { id: r.id, input: { kind: 'REAUTH_NEEDED', daysBefore: 3 } });
    expect(changed.body.errors).toBeUndefined();
    expect(changed.body.data!.updateAlertRule).toMatchObject({ kind: 'REAUTH_NEEDED', metric: null, direction: null, threshold: null, periodDays: null, daysBefore: 3 });

    const viewerWrite = await as(team, 'viewer')(UPDATE, { id: r.id, input: { name: 'x' } });
    expect(errorOf(viewerWrite.body)?.extensions?.code).toBe('FORBIDDEN');

    const deleted = await as(team, 'editor')('mutation($id: ID!) { deleteAlertRule(id: $id) }', { id: r.id });
    expect(deleted.body.data).toEqual({ deleteAlertRule: true });
    expect(await AlertRuleModel.countDocuments({ workspaceId: team.workspace._id })).toBe(0);
  });

  it('bad input is BAD_USER_INPUT naming the field', async () => {
    const team = await createTeam();
    const bad = async (input: Record<string, unknown>, field: string) => {
      const res = await as(team, 'editor')(CREATE, { input: { name: 'R', kind: 'METRIC_THRESHOLD', metric: 'REACH', threshold: 5, channels: ['IN_APP'], ...input } });
      const err = errorOf(res.body);
      expect(err?.extensions?.code, JSON.stringify(res.body)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(err?.extensions)).toContain(field);
    };
    await bad({ metric: null }, 'metric');
    await bad({ threshold: null }, 'threshold');
    await bad({ direction: 'UP' }, 'direction');
    await bad({ channels: [] }, 'channels');
    await bad({ name: '   ' }, 'name');
    await bad({ quietHours: 0 }, 'quietHours');
    await bad({ digestHour: 24 }, 'digestHour');
    await bad({ recipients: 'CHOSEN', recipientIds: [] }, 'recipientIds');
    await bad({ kind: 'METRIC_CHANGE', direction: 'EITHER', threshold: 0 }, 'threshold');
    const stranger = await as(team, 'editor')(CREATE, { input: { name: 'R', kind: 'SYNC_FAILED', channels: ['IN_APP'], platformIds: [new Types.ObjectId().toHexString()] } });
    expect(errorOf(stranger.body)?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('event rules fire once per event through each channel', () => {
  it('SYNC_FAILED: one event, one notification and one mail per editor+, one alert.triggered with the documented payload; the same run again fires nothing', async () => {
    const team = await createTeam();
    const platform = await createPlatform(team.workspace._id, { username: 'brand' } as never);
    await endpointFor(team);
    const r = await rule(team, { kind: 'sync_failed', name: 'Sync broke' } as never);
    const runId = new Types.ObjectId();

    await syncFailed(team, platform._id, runId);
    await syncFailed(team, platform._id, runId);

    const events = await AlertEventModel.find({ ruleId: r._id }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ platformId: platform._id, syncRunId: runId, kind: 'sync_failed' });
    expect(events[0]!.message).toContain('@brand');
    expect(events[0]!.message).toContain('The platform answered 500');

    const notified = await NotificationModel.find({ eventId: events[0]!._id }).lean();
    expect(notified.map((n) => n.userId.toHexString()).sort()).toEqual([team.owner, team.admin, team.editor].map((m) => m.user._id.toHexString()).sort());
    for (const m of [team.owner, team.admin, team.editor]) expect(await alertMailsTo(m.user.email), m.user.email).toBe(1);
    expect(await alertMailsTo(team.viewer.user.email)).toBe(0);

    const deliveries = await WebhookDeliveryModel.find({ workspaceId: team.workspace._id, eventType: 'alert.triggered' }).lean();
    expect(deliveries).toHaveLength(1);
    const body = JSON.parse(deliveries[0]!.payload);
    expect(body).toMatchObject({
      type: 'alert.triggered',
      data: {
        alertId: r._id.toHexString(),
        eventId: events[0]!._id.toHexString(),
        name: 'Sync broke',
        kind: 'SYNC_FAILED',
        metric: null,
        value: null,
        threshold: null,
        previousValue: null,
        platformId: platform._id.toHexString(),
        syncRunId: runId.toHexString(),
        insightId: null,
        message: events[0]!.message,
        firedAt: events[0]!.firedAt.toISOString(),
      },
    });
  });

  it('HIGH_INSIGHT fires for a new high-priority insight only; a rule scoped to other accounts ignores a failed sync', async () => {
    const team = await createTeam();
    const [a, b] = [await createPlatform(team.workspace._id), await createPlatform(team.workspace._id)];
    const high = await rule(team, { kind: 'high_insight', channels: ['in_app'] } as never);
    const scoped = await rule(team, { kind: 'sync_failed', channels: ['in_app'], platformIds: [b._id] } as never);
    const insightId = new Types.ObjectId();
    await announce(team.workspace._id, WebhookEventType.INSIGHT_CREATED, { insightId: new Types.ObjectId().toHexString(), priority: 'medium', title: 'Meh' });
    await announce(team.workspace._id, WebhookEventType.INSIGHT_CREATED, { insightId: insightId.toHexString(), priority: 'high', title: 'Reels get twice the reach' });
    await announce(team.workspace._id, WebhookEventType.INSIGHT_CREATED, { insightId: insightId.toHexString(), priority: 'high', title: 'Reels get twice the reach' });
    expect(await AlertEventModel.find({ ruleId: high._id }).lean()).toEqual([expect.objectContaining({ insightId, message: 'New high-priority insight: Reels get twice the reach', link: '/insights' })]);
    await syncFailed(team, a._id);
    expect(await AlertEventModel.countDocuments({ ruleId: scoped._id })).toBe(0);
    await syncFailed(team, b._id);
    expect(await AlertEventModel.countDocuments({ ruleId: scoped._id })).toBe(1);
  });

  it('REAUTH_NEEDED: within daysBefore of the deadline, and again when access is lost; once each', async () => {
    const team = await createTeam();
    const now = new Date('2026-05-01T12:00:00Z');
    const p = await createPlatform(team.workspace._id, { username: 'li' } as never);
    await PlatformModel.updateOne({ _id: p._id }, { $set: { needsReauthBy: new Date(now.getTime() + 5 * DAY_MS) } });
    const soon = await rule(team, { kind: 'reauth_needed', daysBefore: 7, channels: ['in_app'], quietHours: 1 } as never);
    const late = await rule(team, { kind: 'reauth_needed', daysBefore: 3, channels: ['in_app'], quietHours: 1 } as never);
    expect(await evaluateReauthRules(team.workspace._id, now)).toBe(1);
    expect(await evaluateReauthRules(team.workspace._id, new Date(now.getTime() + 2 * 3_600_000))).toBe(0);
    const [warning] = await AlertEventModel.find({ ruleId: soon._id }).lean();
    expect(warning!.message).toContain('ends on 2026-05-06 (in 5 days)');
    expect(await AlertEventModel.countDocuments({ ruleId: late._id })).toBe(0);

    await PlatformModel.updateOne({ _id: p._id }, { $set: { status: 'needs_reauth', needsReauthBy: now } });
    await announce(team.workspace._id, WebhookEventType.PLATFORM_NEEDS_REAUTH, { platformId: p._id.toHexString(), reason: 'revoked' }, { now: new Date(now.getTime() + 3 * 3_600_000) });
    expect(await AlertEventModel.countDocuments({ ruleId: soon._id })).toBe(2);
    expect(await AlertEventModel.countDocuments({ ruleId: late._id })).toBe(1);
    const lost = await AlertEventModel.findOne({ ruleId: late._id }).lean();
    expect(lost!.message).toContain('must be connected again');
  });
});

describe('metric rules use the dashboard numbers', () => {
  async function followersTeam() {
    const team = await createTeam();
    await UserModel.updateOne({ _id: team.owner.user._id }, { $set: { subscriptionTier: 'pro' } });
    const p = await createPlatform(team.workspace._id, { username: 'grow' } as never);
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    // 1000 followers 14 days ago, +50 a day: 1700 today, 1350 a week ago.
    for (let d = 0; d <= 20; d++) await StatsModel.create({ workspaceId: team.workspace._id, platformId: p._id, date: new Date(today - d * DAY_MS), followers: 1700 - d * 50 });
    await PlatformModel.updateOne({ _id: p._id }, { $set: { firstStatsPullAt: new Date(), firstActivitiesPullAt: new Date() } });
    return { team, p };
  }

  it('an account whose first pulls have not both finished is not watched (its history is still filling in)', async () => {
    const { team, p } = await followersTeam();
    await rule(team, { kind: 'metric_threshold', metric: 'followers', direction: 'above', threshold: 1500, periodDays: 7, channels: ['in_app'] } as never);
    await PlatformModel.updateOne({ _id: p._id }, { $unset: { firstActivitiesPullAt: 1 } });
    expect(await evaluateMetricRules(team.workspace._id, new Date())).toBe(0);
    await PlatformModel.updateOne({ _id: p._id }, { $set: { firstActivitiesPullAt: new Date() } });
    expect(await evaluateMetricRules(team.workspace._id, new Date(Date.now() + 1000))).toBe(1);
  });

  it('METRIC_THRESHOLD fires with the overview value; the same condition evaluated twice at once fires once', async () => {
    const { team, p } = await followersTeam();
    const r = await rule(team, { kind: 'metric_threshold', metric: 'followers', direction: 'above', threshold: 1500, periodDays: 7, channels: ['in_app', 'webhook'] } as never);
    await endpointFor(team);
    const now = new Date();
    const fired = await Promise.all([evaluateMetricRules(team.workspace._id, now), evaluateMetricRules(team.workspace._id, now), evaluateMetricRules(team.workspace._id, new Date(now.getTime() + 1000))]);
    expect(fired.reduce((a, b) => a + b, 0)).toBe(1);
    const [event] = await AlertEventModel.find({ ruleId: r._id }).lean();
    const from = new Date(now.getTime() - 6 * DAY_MS).toISOString().slice(0, 10);
    const to = now.toISOString().slice(0, 10);
    const dash = await as(team, 'viewer')(`query($p: ID!) { overview(input: { range: { from: "${from}", to: "${to}" }, filter: { platformIds: [$p] } }) { followers { value previous } } }`, { p: p._id.toHexString() });
    expect(event).toMatchObject({ metric: 'followers', value: dash.body.data!.overview.followers.value, previousValue: dash.body.data!.overview.followers.previous, threshold: 1500, platformId: p._id });
    expect(event!.message).toContain('above your threshold of 1,500');
    expect(await NotificationModel.countDocuments({ eventId: event!._id })).toBe(3);
    expect(await WebhookDeliveryModel.countDocuments({ workspaceId: team.workspace._id, eventType: 'alert.triggered' })).toBe(1);
    const below = await rule(team, { kind: 'metric_threshold', metric: 'followers', direction: 'below', threshold: 1500, periodDays: 7, channels: ['in_app'] } as never);
    await evaluateMetricRules(team.workspace._id, now);
    expect(await AlertEventModel.countDocuments({ ruleId: below._id })).toBe(0);
  });

  it('METRIC_THRESHOLD fires on the crossing: not again while the value stays above (quiet period over), again after it fell below and rose', async () => {
    const { team, p } = await followersTeam();
    const r = await rule(team, { kind: 'metric_threshold', metric: 'followers', direction: 'above', threshold: 1500, periodDays: 7, quietHours: 1, channels: ['in_app'] } as never);
    const base = Date.now();
    const at = (s: number) => new Date(base + s * 1000);
    const quietOver = () => AlertQuietModel.updateMany({ ruleId: r._id }, { $set: { lastFiredAt: new Date(0) } });
    const today = new Date(Math.floor(base / DAY_MS) * DAY_MS);
    expect(await evaluateMetricRules(team.workspace._id, at(0))).toBe(1);
    await quietOver();
    expect(await evaluateMetricRules(team.workspace._id, at(1))).toBe(0); // still above: no new crossing
    await StatsModel.updateOne({ platformId: p._id, date: today }, { $set: { followers: 1400 } });
    expect(await evaluateMetricRules(team.workspace._id, at(2))).toBe(0); // below: the condition is off
    await StatsModel.updateOne({ platformId: p._id, date: today }, { $set: { followers: 1700 } });
    expect(await evaluateMetricRules(team.workspace._id, at(3))).toBe(1); // above again: a new crossing
    expect(await AlertEventModel.countDocuments({ ruleId: r._id })).toBe(2);
  });

  it('METRIC_CHANGE fires on the change against the previous period, in the chosen direction; the stats-updated event evaluates it', async () => {
    const { team, p } = await followersTeam();
    const up = await rule(team, { kind: 'metric_change', metric: 'followers', direction: 'up', threshold: 20, periodDays: 7, channels: ['in_app'] } as never);
    const down = await rule(team, { kind: 'metric_change', metric: 'followers', direction: 'down', threshold: 20, periodDays: 7, channels: ['in_app'] } as never);
    await announce(team.workspace._id, WebhookEventType.STATS_UPDATED, { platformId: p._id.toHexString() });
    const [event] = await AlertEventModel.find({ ruleId: up._id }).lean();
    expect(event!.value).toBeCloseTo(((1700 - 1350) / 1350) * 100, 5);
    expect(event!.message).toMatch(/Followers of the .* is up 25\.9 %/);
    expect(await AlertEventModel.countDocuments({ ruleId: down._id })).toBe(0);
  });
});

describe('quiet period and digest', () => {
  it('the same rule and account stay quiet for quietHours, then fire again (explicit clock)', async () => {
    const team = await createTeam();
    const p = await createPlatform(team.workspace._id);
    const r = await rule(team, { kind: 'sync_failed', channels: ['in_app'], quietHours: 24 } as never);
    const t0 = new Date('2026-03-01T10:00:00Z');
    await syncFailed(team, p._id, new Types.ObjectId(), t0);
    await syncFailed(team, p._id, new Types.ObjectId(), new Date(t0.getTime() + 23 * 3_600_000));
    expect(await AlertEventModel.countDocuments({ ruleId: r._id })).toBe(1);
    await syncFailed(team, p._id, new Types.ObjectId(), new Date(t0.getTime() + 24 * 3_600_000 + 1));
    expect(await AlertEventModel.countDocuments({ ruleId: r._id })).toBe(2);
  });

  it('a digest collects the alerts and sends one mail at the hour in the workspace timezone (New York, summer time), once', async () => {
    const team = await createTeam();
    await WorkspaceModel.updateOne({ _id: team.workspace._id }, { $set: { timezone: 'America/New_York' } });
    const [a, b] = [await createPlatform(team.workspace._id), await createPlatform(team.workspace._id)];
    await rule(team, { kind: 'sync_failed', channels: ['email'], emailDigest: true, digestHour: 9, recipients: 'chosen', recipientIds: [team.editor.user._id] } as never);
    const t = (iso: string) => new Date(iso);
    await syncFailed(team, a._id, new Types.ObjectId(), t('2026-07-10T02:00:00Z')); // 22:00 the day before in New York
    await syncFailed(team, b._id, new Types.ObjectId(), t('2026-07-10T11:00:00Z')); // 07:00 in New York
    expect(await alertMailsTo(team.editor.user.email)).toBe(0);
    // 09:00 EDT is 13:00 UTC.
    expect(await AlertMailModel.countDocuments({ workspaceId: team.workspace._id, dueAt: t('2026-07-10T13:00:00Z') })).toBe(2);
    await sendDueDigests(t('2026-07-10T12:59:00Z'));
    expect(await alertMailsTo(team.editor.user.email)).toBe(0);
    await Promise.all([sendDueDigests(t('2026-07-10T13:00:00Z')), sendDueDigests(t('2026-07-10T13:00:00Z'))]);
    await sendDueDigests(t('2026-07-10T13:15:00Z'));
    expect(await alertMailsTo(team.editor.user.email)).toBe(1);
    const mail = await MailMessageModel.findOne({ to: team.editor.user.email, kind: 'alert' }).lean();
    expect(mail!.subject).toContain('2 alerts');
    expect(await alertMailsTo(team.owner.user.email)).toBe(0);
  });
});

describe('notifications are per member', () => {
  it('each member sees and marks only their own; a removed member stops getting alerts and cannot read them', async () => {
    const team = await createTeam();
    const extra = await addMember(team, WorkspaceRole.EDITOR);
    const p = await createPlatform(team.workspace._id);
    await rule(team, { kind: 'sync_failed', channels: ['in_app', 'email'], emailDigest: true } as never);
    await syncFailed(team, p._id);

    const mine = await as(team, 'editor')(NOTIFICATIONS);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data!.unreadNotificationCount).toBe(1);
    const id = mine.body.data!.notifications.edges[0].node.id;
    expect((await as(team, 'viewer')(NOTIFICATIONS)).body.data!.notifications.totalCount).toBe(0);

    // Another member cannot mark it: NOT_FOUND, as for an id that does not exist.
    const foreign = await as(team, 'owner')(MARK, { ids: [id] });
    expect(errorOf(foreign.body)?.extensions?.code).toBe('NOT_FOUND');
    expect(errorOf(foreign.body)?.message).toBe(errorOf((await as(team, 'owner')(MARK, { ids: [new Types.ObjectId().toHexString()] })).body)?.message);
    expect((await as(team, 'editor')(NOTIFICATIONS)).body.data!.unreadNotificationCount).toBe(1);
    expect((await as(team, 'editor')(MARK, { ids: [id] })).body.data).toEqual({ markNotificationsRead: 1 });
    const after = await as(team, 'editor')(NOTIFICATIONS, { u: true });
    expect(after.body.data).toMatchObject({ unreadNotificationCount: 0, notifications: { totalCount: 0 } });
    expect((await as(team, 'owner')(MARK, { all: true })).body.data).toEqual({ markNotificationsRead: 1 });
    expect(errorOf((await as(team, 'owner')(MARK, {})).body)?.extensions?.code).toBe('BAD_USER_INPUT');

    // The extra editor leaves: their pending digest is dropped and later alerts skip them.
    await TeamMemberModel.updateOne({ workspaceId: team.workspace._id, userId: extra.user._id }, { $set: { isActive: false } });
    await syncFailed(team, (await createPlatform(team.workspace._id))._id);
    expect(await NotificationModel.countDocuments({ userId: extra.user._id })).toBe(1);
    await sendDueDigests(new Date(Date.now() + 2 * DAY_MS));
    expect(await alertMailsTo(extra.user.email)).toBe(0);
    expect(await alertMailsTo(team.editor.user.email)).toBe(1);
    const gone = await server.gql(NOTIFICATIONS, {}, extra.token, { 'x-workspace-id': team.workspaceId });
    expect(errorOf(gone.body)?.extensions?.code).toBe('NOT_FOUND');
  });

  it('alertEvents pages the history, newest first, within the workspace', async () => {
    const team = await createTeam();
    const other = await createTeam();
    const p = await createPlatform(team.workspace._id);
    const r = await rule(team, { kind: 'sync_failed', channels: ['in_app'], quietHours: 1 } as never);
    await rule(other, { kind: 'sync_failed', channels: ['in_app'] } as never);
    const t0 = Date.parse('2026-02-01T00:00:00Z');
    for (let i = 0; i < 3; i++) await syncFailed(team, p._id, new Types.ObjectId(), new Date(t0 + i * 2 * 3_600_000));
    const page = await as(team, 'viewer')('query($a: String) { alertEvents(first: 2, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { ruleId firedAt kind platformId } } } }');
    expect(page.body.data!.alertEvents.totalCount).toBe(3);
    expect(page.body.data!.alertEvents.edges.map((e: { node: { firedAt: string } }) => e.node.firedAt)).toEqual([new Date(t0 + 4 * 3_600_000).toISOString(), new Date(t0 + 2 * 3_600_000).toISOString()]);
    expect(page.body.data!.alertEvents.edges[0].node).toMatchObject({ ruleId: r._id.toHexString(), kind: 'SYNC_FAILED', platformId: p._id.toHexString() });
    const next = await as(team, 'viewer')('query($a: String) { alertEvents(first: 2, after: $a) { pageInfo { hasNextPage } edges { node { firedAt } } } }', { a: page.body.data!.alertEvents.pageInfo.endCursor });
    expect(next.body.data!.alertEvents).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { firedAt: new Date(t0).toISOString() } }] });
    expect((await server.gql('{ alertEvents { totalCount } }', {}, other.viewer.token, { 'x-workspace-id': other.workspaceId })).body.data!.alertEvents.totalCount).toBe(0);
  });
});
