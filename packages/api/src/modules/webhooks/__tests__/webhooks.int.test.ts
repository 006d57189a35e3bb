import { ApiScope, WEBHOOK_DISABLE_AFTER_MS, WEBHOOK_RETRY_SCHEDULE_MS, WebhookEventType } from '@soash/shared';
import mongoose, { Types } from 'mongoose';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latestMailText } from '../../../../test/helpers/auth.js';
import { useTestServer } from '../../../../test/helpers/server.js';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { AiInsightModel } from '../../insights/insight.model.js';
import { createTeam, type Team } from '../../workspaces/__tests__/team-fixtures.js';
import { EMPTY_ALLOWLIST } from '../ssrf.js';
import { WebhookDeliveryModel } from '../webhook-delivery.model.js';
import { WebhookEndpointModel } from '../webhook-endpoint.model.js';
import { useWebhookConfig, webhookSettings } from '../webhooks.config.js';
import { attemptDelivery, disabledNoticeKey } from '../webhooks.delivery.js';
import { DELIVER_JOB, emitWebhookEvent } from '../webhooks.emit.js';
import { useResolverForTests } from '../webhooks.service.js';
import { startReceiver, type Receiver } from './receiver.js';

const server = useTestServer({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
  useWebhookConfig(server.config);
});
afterAll(async () => {
  useResolverForTests(undefined);
  await receiver.close();
});
beforeEach(() => {
  receiver.script = [200];
});

const ENDPOINT_FIELDS = 'id url events description enabled failingSince disabledAt disabledReason secretRotatedAt';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT_FIELDS} } } }`;
const LIST = `{ webhookEndpoints { ${ENDPOINT_FIELDS} } }`;
const DELIVERY_FIELDS = 'id eventType messageId payload status attemptCount nextAttemptAt responseStatus durationMs responseBody error attempts { at responseStatus durationMs error }';
const DELIVERIES = `query($endpointId: ID!, $first: Int, $after: String) {
  webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${DELIVERY_FIELDS} } } }
}`;

type Who = 'owner' | 'admin' | 'editor' | 'viewer';
const as = (team: Team, who: Who) => (query: string, variables: Record<string, unknown> = {}) => server.gql(query, variables, team[who].token, { 'x-workspace-id': team.workspaceId });

async function createEndpoint(team: Team, events: string[] = ['SYNC_COMPLETED'], url = receiver.url) {
  const res = await as(team, 'owner')(CREATE, { input: { url, events, description: 'partner app' } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.createWebhookEndpoint as { secret: string; endpoint: { id: string; url: string; events: string[]; enabled: boolean } };
}

interface QueuedAttempt {
  deliveryId: string;
  attempt: number;
  nextRunAt: Date;
}

/** The webhook attempts Agenda holds, in run order (this suite's scheduler queues them and never runs them). */
async function queuedAttempts(): Promise<QueuedAttempt[]> {
  const jobs = await mongoose.connection.db!.collection(JOBS_COLLECTION).find({ name: DELIVER_JOB, lastRunAt: null }).sort({ nextRunAt: 1 }).toArray();
  return jobs.map((j) => ({ deliveryId: j.data.deliveryId as string, attempt: j.data.attempt as number, nextRunAt: j.nextRunAt as Date }));
}

/** Runs a queued attempt the way the worker would, at the job's time (the job's clock), and marks the job run. */
async function runQueued(deliveryId: string, settings = webhookSettings()) {
  const job = (await queuedAttempts()).find((j) => j.deliveryId === deliveryId);
  expect(job, `an attempt of ${deliveryId} is queued`).toBeDefined();
  await mongoose.connection.db!.collection(JOBS_COLLECTION).updateOne({ name: DELIVER_JOB, 'data.deliveryId': deliveryId, 'data.attempt': job!.attempt }, { $set: { lastRunAt: new Date() } });
  return { job: job!, outcome: await attemptDelivery(deliveryId, job!.attempt, job!.nextRunAt, settings) };
}

async function onlyDelivery(endpointId: string) {
  const d = await WebhookDeliveryModel.find({ endpointId: new Types.ObjectId(endpointId) }).sort({ createdAt: -1 }).lean();
  return d;
}

describe('webhooks: successful cases', () => {
  it('an owner creates an endpoint: a whsec_ secret shown once, stored encrypted', async () => {
    const team = await createTeam();
    const { secret, endpoint } = await createEndpoint(team, ['SYNC_COMPLETED', 'SYNC_FAILED', 'SYNC_COMPLETED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(endpoint).toMatchObject({ url: receiver.url, events: ['SYNC_COMPLETED', 'SYNC_FAILED'], enabled: true, description: 'partner app' });
    const stored = await WebhookEndpointModel.findById(endpoint.id).select('+secretEnc').lean();
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
    const listed = await as(team, 'admin')(LIST);
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data!.webhookEndpoints).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6));
  });

  it('emitWebhookEvent delivers a signed event to each subscribed endpoint; standardwebhooks verifies it', async () => {
    const team = await createTeam();
    const a = await createEndpoint(team, ['SYNC_COMPLETED']);
    const b = await createEndpoint(team, ['SYNC_FAILED']);
    const n = await emitWebhookEvent(team.workspace._id, WebhookEventType.SYNC_COMPLETED, { platformId: 'p1', kind: 'stats' });
    expect(n).toBe(1);
    expect(await onlyDelivery(b.endpoint.id)).toHaveLength(0);
    const [delivery] = await onlyDelivery(a.endpoint.id);
    const before = receiver.received.length;
    const { outcome } = await runQueued(delivery!._id.toHexString());
    expect(outcome.status).toBe('succeeded');
    const got = receiver.received[before]!;
    const verified = new Webhook(a.secret).verify(got.body, got.headers as Record<string, string>) as { type: string; timestamp: string; data: unknown };
    expect(verified).toMatchObject({ type: 'sync.completed', data: { platformId: 'p1', kind: 'stats' } });
    expect(got.headers['webhook-id']).toBe(delivery!.messageId);
    expect(got.headers['webhook-id']).toMatch(/^msg_/);

    const res = await as(team, 'owner')(DELIVERIES, { endpointId: a.endpoint.id });
    expect(res.body.errors).toBeUndefined();
    const node = res.body.data!.webhookDeliveries.edges[0].node;
    expect(node).toMatchObject({ eventType: 'sync.completed', status: 'SUCCEEDED', attemptCount: 1, responseStatus: 200, responseBody: 'ok', nextAttemptAt: null, error: null });
    expect(node.attempts).toHaveLength(1);
    expect(node.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('retries with back-off through Agenda: fails twice, then 200; the same webhook-id every time', async () => {
    const team = await createTeam();
    const { secret, endpoint } = await createEndpoint(team);
    receiver.script = [500, 503, 200];
    const before = receiver.received.length;
    await emitWebhookEvent(team.workspace._id, WebhookEventType.SYNC_COMPLETED, { platformId: 'p2' });
    const [delivery] = await onlyDelivery(endpoint.id);
    const id = delivery!._id.toHexString();

    const first = await runQueued(id);
    expect(first.outcome.status).toBe('pending');
    const second = await runQueued(id);
    expect(second.job.attempt).toBe(2);
    expect(second.job.nextRunAt.getTime() - first.job.nextRunAt.getTime()).toBe(WEBHOOK_RETRY_SCHEDULE_MS[0]);
    expect(second.outcome.status).toBe('pending');
    const third = await runQueued(id);
    expect(third.job.attempt).toBe(3);
    expect(third.job.nextRunAt.getTime() - second.job.nextRunAt.getTime()).toBe(WEBHOOK_RETRY_SCHEDULE_MS[1]);
    expect(third.outcome.status).toBe('succeeded');
    expect((await queuedAttempts()).filter((j) => j.deliveryId === id)).toHaveLength(0);

    const got = receiver.received.slice(before);
    expect(got).toHaveLength(3);
    expect(new Set(got.map((g) => g.headers['webhook-id']))).toEqual(new Set([delivery!.messageId]));
    for (const g of got) expect(() => new Webhook(secret).verify(g.body, g.headers as Record<string, string>)).not.toThrow();
    const stored = await WebhookDeliveryModel.findById(id).lean();
    expect(stored).toMatchObject({ status: 'succeeded', attemptCount: 3, responseStatus: 200 });
    expect(stored!.attempts.map((a) => a.responseStatus)).toEqual([500, 503, 200]);
    const ep = await WebhookEndpointModel.findById(endpoint.id).lean();
    expect(ep!.failingSince).toBeUndefined();
    expect(ep!.lastSuccessAt).toBeInstanceOf(Date);
  });

  it('an endpoint failing for a day is disabled, its owner and admins told (mail and notice); enabling it clears that', async () => {
    const team = await createTeam();
    const { endpoint } = await createEndpoint(team);
    receiver.script = [500];
    await emitWebhookEvent(team.workspace._id, WebhookEventType.SYNC_COMPLETED, { platformId: 'p3' });
    const [delivery] = await onlyDelivery(endpoint.id);
    const id = delivery!._id.toHexString();
    let startedAt: Date | undefined;
    let last;
    for (let i = 0; i < 20; i++) {
      last = await runQueued(id);
      startedAt ??= last.job.nextRunAt;
      if (last.outcome.status !== 'pending') break;
    }
    expect(last!.outcome).toMatchObject({ status: 'failed', endpointDisabled: true });
    expect(last!.job.nextRunAt.getTime() - startedAt!.getTime()).toBeGreaterThanOrEqual(WEBHOOK_DISABLE_AFTER_MS);
    expect(last!.job.attempt).toBe(WEBHOOK_RETRY_SCHEDULE_MS.length + 1);
    const ep = await WebhookEndpointModel.findById(endpoint.id).lean();
    expect(ep).toMatchObject({ enabled: false, disabledReason: 'Every delivery attempt failed for a day' });
    expect(await AiInsightModel.exists({ workspaceId: team.workspace._id, key: disabledNoticeKey(ep!._id) })).toBeTruthy();
    for (const who of ['owner', 'admin'] as const) expect(await latestMailText(team[who].user.email, 'notice')).toContain(endpoint.url);
    await expect(latestMailText(team.editor.user.email, 'notice')).rejects.toThrow();

    // Disabled: no new deliveries.
    expect(await emitWebhookEvent(team.workspace._id, WebhookEventType.SYNC_COMPLETED, {})).toBe(0);

    const res = await as(team, 'admin')(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: true }) { ${ENDPOINT_FIELDS} } }`, { id: endpoint.id });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.updateWebhookEndpoint).toMatchObject({ enabled: true, disabledAt: null, failingSince: null, disabledReason: null });
    expect(await AiInsightModel.exists({ workspaceId: team.workspace._id, key: disabledNoticeKey(ep!._id) })).toBeFalsy();
  });

  it('replays a failed delivery (same webhook-id and body) and sends a test ping', async () => {
    const team = await createTeam();
    const { secret, endpoint } = await createEndpoint(team);
    // A delivery that failed for good: one attempt, then the schedule is cut short.
    receiver.script = [500];
    await emitWebhookEvent(team.workspace._id, WebhookEventType.SYNC_COMPLETED, { platformId: 'p4' });
    const [failed] = await onlyDelivery(endpoint.id);
    await runQueued(failed!._id.toHexString());
    await WebhookDeliveryModel.updateOne({ _id: failed!._id }, { $set: { status: 'failed' } });

    receiver.script = [200];
    const replay = await as(team, 'owner')(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { ${DELIVERY_FIELDS} } }`, { id: failed!._id.toHexString() });
    expect(replay.body.errors).toBeUndefined();
    const r = replay.body.data!.replayWebhookDelivery;
    expect(r).toMatchObject({ status: 'PENDING', messageId: failed!.messageId, payload: failed!.payload, attemptCount: 0 });
    const before = receiver.received.length;
    expect((await runQueued(r.id)).outcome.status).toBe('succeeded');
    expect(receiver.received[before]!.headers['webhook-id']).toBe(failed!.messageId);

    const ping = await as(team, 'owner')(`mutation($id: ID!) { sendTestWebhook(endpointId: $id) { ${DELIVERY_FIELDS} } }`, { id: endpoint.id });
    expect(ping.body.errors).toBeUndefined();
    expect((await runQueued(ping.body.data!.sendTestWebhook.id)).outcome.status).toBe('succeeded');
    const got = receiver.received.at(-1)!;
    expect(new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });

    const page1 = await as(team, 'owner')(DELIVERIES, { endpointId: endpoint.id, first: 2 });
    expect(page1.body.data!.webhookDeliveries).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(page1.body.data!.webhookDeliveries.edges.map((e: { node: { eventType: string } }) => e.node.eventType)).toEqual(['webhook.test', 'sync.completed']);
    const page2 = await as(team, 'owner')(DELIVERIES, { endpointId: endpoint.id, first: 2, after: page1.body.data!.webhookDeliveries.pageInfo.endCursor });
    expect(page2.body.data!.webhookDeliveries.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([failed!._id.toHexString()]);
  });

  it('rotating the secret signs the next attempt with the new secret only', async () => {
    const team = await createTeam();
    const { secret: old, endpoint } = await createEndpoint(team);
    const res = await as(team, 'owner')(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { secretRotatedAt } } }`, { id: endpoint.id });
    expect(res.body.errors).toBeUndefined();
    const fresh = res.body.data!.rotateWebhookSecret.secret as string;
    expect(fresh).not.toBe(old);
    await emitWebhookEvent(team.workspace._id, WebhookEventType.SYNC_COMPLETED, {});
    const [d] = await onlyDelivery(endpoint.id);
    await runQueued(d!._id.toHexString());
    const got = receiver.received.at(-1)!;
    expect(() => new Webhook(fresh).verify(got.body, got.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(old).verify(got.body, got.headers as Record<string, string>)).toThrow();
  });

  it('an API key with webhooks:write manages webhooks; updating events and deleting work', async () => {
    const team = await createTeam();
    const key = await as(team, 'admin')(`mutation { createApiKey(input: { name: "hooks", scopes: [WEBHOOKS_WRITE] }) { secret } }`);
    const secret = key.body.data!.createApiKey.secret as string;
    const created = await server.gql(CREATE, { input: { url: receiver.url, events: ['INSIGHT_CREATED'] } }, secret);
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data!.createWebhookEndpoint.endpoint.id as string;
    const upd = await server.gql(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { events: [STATS_UPDATED, PLATFORM_NEEDS_REAUTH], description: "x" }) { events description } }`, { id }, secret);
    expect(upd.body.data!.updateWebhookEndpoint).toEqual({ events: ['STATS_UPDATED', 'PLATFORM_NEEDS_REAUTH'], description: 'x' });
    expect(await emitWebhookEvent(team.workspace._id, WebhookEventType.INSIGHT_CREATED, {})).toBe(0);
    expect(await emitWebhookEvent(team.workspace._id, WebhookEventType.STATS_UPDATED, {})).toBe(1);
    const del = await server.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id }, secret);
    expect(del.body.data).toEqual({ deleteWebhookEndpoint: true });
    expect(await WebhookEndpointModel.exists({ _id: id })).toBeNull();
    expect(await WebhookDeliveryModel.countDocuments({ endpointId: new Types.ObjectId(id) })).toBe(0);
  });
});

describe('webhooks: failing cases', () => {
  it('editors, viewers and keys without webhooks:write are refused', async () => {
    const team = await createTeam();
    for (const who of ['editor', 'viewer'] as const) {
      const res = await as(team, who)(LIST);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const key = await as(team, 'owner')(`mutation { createApiKey(input: { name: "read", scopes: [PLATFORMS_READ] }) { secret } }`);
    const res = await server.gql(LIST, {}, key.body.data!.createApiKey.secret);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: ApiScope.WEBHOOKS_WRITE });
  });

  it("another workspace's endpoint or delivery is NOT_FOUND", async () => {
    const mine = await createTeam();
    const theirs = await createTeam();
    const { endpoint } = await createEndpoint(theirs);
    await emitWebhookEvent(theirs.workspace._id, WebhookEventType.SYNC_COMPLETED, {});
    const [d] = await onlyDelivery(endpoint.id);
    for (const [q, v] of [
      [DELIVERIES, { endpointId: endpoint.id }],
      [`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: endpoint.id }],
      [`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: endpoint.id }],
      [`mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }`, { id: endpoint.id }],
      [`mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }`, { id: d!._id.toHexString() }],
      [`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: false }) { id } }`, { id: endpoint.id }],
    ] as const) {
      const res = await as(mine, 'owner')(q, v);
      expect(res.body.errors?.[0]?.extensions?.code, q).toBe('NOT_FOUND');
    }
    expect(await WebhookEndpointModel.findById(endpoint.id).lean()).toMatchObject({ enabled: true });
  });

  it('bad URLs, no events and unknown events are BAD_USER_INPUT, and nothing is stored', async () => {
    const team = await createTeam();
    for (const [url, message] of [
      ['not a url', /Not a URL/],
      ['ftp://example.com/x', /https/],
      ['https://user:secret@example.com/x', /user name or password/],
    ] as const) {
      const res = await as(team, 'owner')(CREATE, { input: { url, events: ['SYNC_COMPLETED'] } });
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
      expect(res.body.errors?.[0]?.message).toMatch(message);
    }
    const none = await as(team, 'owner')(CREATE, { input: { url: receiver.url, events: [] } });
    expect(none.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await as(team, 'owner')(CREATE, { input: { url: receiver.url, events: ['SYNC_EXPLODED'] } });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await WebhookEndpointModel.countDocuments({ workspaceId: team.workspace._id })).toBe(0);
  });

  it('SSRF: private, loopback, link-local, CGNAT, multicast, unique-local and IPv4-mapped targets are refused at create and update time', async () => {
    const team = await createTeam();
    const targets = [
      'http://10.0.0.5/x',
      'http://192.168.0.1/x',
      'http://172.20.1.1/x',
      'http://127.0.0.2:8080/x',
      'http://169.254.169.254/latest/meta-data',
      'http://100.100.100.100/x',
      'http://224.0.0.1/x',
      'http://[::1]/x',
      'http://[fe80::1]/x',
      'http://[fd00::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://0.0.0.0/x',
    ];
    for (const url of targets) {
      const res = await as(team, 'owner')(CREATE, { input: { url, events: ['SYNC_COMPLETED'] } });
      expect(res.body.errors?.[0]?.extensions, url).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
      expect(res.body.errors?.[0]?.message).toMatch(/public addresses only/);
    }
    // A host name resolving to a private address is refused the same way.
    useResolverForTests(async () => [{ address: '10.9.9.9', family: 4 }]);
    try {
      const res = await as(team, 'owner')(CREATE, { input: { url: 'https://hooks.partner.example/x', events: ['SYNC_COMPLETED'] } });
      expect(res.body.errors?.[0]?.message).toMatch(/resolves to 10\.9\.9\.9, a private network address/);
    } finally {
      useResolverForTests(undefined);
    }
    const { endpoint } = await createEndpoint(team);
    const upd = await as(team, 'owner')(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { url: "http://169.254.169.254/" }) { url } }`, { id: endpoint.id });
    expect(upd.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(await WebhookEndpointModel.countDocuments({ workspaceId: team.workspace._id })).toBe(1);
  });

  it('SSRF: checked again at send time (an allowlist entry removed later: the attempt is refused, nothing is sent)', async () => {
    const team = await createTeam();
    const { endpoint } = await createEndpoint(team);
    await emitWebhookEvent(team.workspace._id, WebhookEventType.SYNC_COMPLETED, {});
    const [d] = await onlyDelivery(endpoint.id);
    const before = receiver.received.length;
    const { outcome } = await runQueued(d!._id.toHexString(), { ...webhookSettings(), allow: EMPTY_ALLOWLIST });
    expect(outcome.status).toBe('pending');
    expect(receiver.received.length).toBe(before);
    const stored = await WebhookDeliveryModel.findById(d!._id).lean();
    expect(stored!.error).toMatch(/loopback address; webhooks are sent to public addresses only/);
    expect(stored!.responseStatus).toBeUndefined();
  });
});
