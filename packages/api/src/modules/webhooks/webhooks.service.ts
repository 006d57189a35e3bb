import { randomBytes } from 'node:crypto';
import { WEBHOOK_ENDPOINTS_PER_WORKSPACE, WEBHOOK_SECRET_PREFIX, WEBHOOK_TEST_EVENT, WorkspaceRole, type WebhookEventType } from '@soash/shared';
import { Types } from 'mongoose';
import type { Config } from '../../config.js';
import { encryptSecret } from '../../lib/crypto.js';
import { badInput, limitExceeded, notFound } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import { viewerOf, type Context } from '../../server/context.js';
import { assertRole, workspaceScope } from '../workspaces/access.js';
import type { CreateWebhookEndpointInput, NewWebhookEndpoint, UpdateWebhookEndpointInput, WebhookDeliveriesArgs } from './dto/webhook.inputs.js';
import { parseAllowlist, parseTargetUrl, resolveTarget, TargetRefused, type Resolver } from './ssrf.js';
import { WebhookDeliveryModel, type WebhookDelivery } from './webhook-delivery.model.js';
import { WebhookEndpointModel, type WebhookEndpoint } from './webhook-endpoint.model.js';
import { clearDisabledNotice } from './webhooks.delivery.js';
import { eventBody, newMessageId, queueDelivery } from './webhooks.emit.js';

/** Owners and admins manage the workspace's webhooks (the resolvers' @MinRole says the same). */
function managerScope(ctx: Context): { workspaceId: Types.ObjectId } {
  const viewer = viewerOf(ctx);
  assertRole(viewer, WorkspaceRole.ADMIN);
  return workspaceScope(viewer);
}

/** A new signing secret: `whsec_` and the base64 of 32 random bytes (Standard Webhooks). */
export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** Tests replace DNS here (a host name that resolves to a private address). */
let resolver: Resolver | undefined;
export function useResolverForTests(r: Resolver | undefined): void {
  resolver = r;
}

/** The URL, normalised, once the SSRF guard accepts it; BAD_USER_INPUT on `url` otherwise. */
async function checkedUrl(config: Config, raw: string): Promise<string> {
  try {
    const url = parseTargetUrl(raw.trim());
    await resolveTarget(url, parseAllowlist(config.WEBHOOK_ALLOWED_HOSTS), resolver);
    return url.toString();
  } catch (err) {
    if (err instanceof TargetRefused) throw badInput(err.message, 'url');
    throw err;
  }
}

function uniqueEvents(events: readonly WebhookEventType[]): WebhookEventType[] {
  const out = [...new Set(events)];
  if (!out.length) throw badInput('events must name at least one event', 'events');
  return out;
}

/** The workspace's endpoints, newest first. */
export function listEndpoints(ctx: Context): Promise<WebhookEndpoint[]> {
  return WebhookEndpointModel.find(managerScope(ctx)).sort({ createdAt: -1, _id: -1 }).limit(WEBHOOK_ENDPOINTS_PER_WORKSPACE * 2).lean<WebhookEndpoint[]>();
}

async function findEndpoint(ctx: Context, id: string, field = 'id'): Promise<WebhookEndpoint> {
  const endpoint = await WebhookEndpointModel.findOne({ ...managerScope(ctx), _id: toObjectId(id, field) }).lean<WebhookEndpoint>();
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}

export async function createEndpoint(ctx: Context, input: CreateWebhookEndpointInput): Promise<NewWebhookEndpoint> {
  const scope = managerScope(ctx);
  const events = uniqueEvents(input.events);
  const url = await checkedUrl(ctx.config, input.url);
  const count = await WebhookEndpointModel.countDocuments(scope);
  if (count >= WEBHOOK_ENDPOINTS_PER_WORKSPACE) {
    throw limitExceeded(`A workspace may have at most ${WEBHOOK_ENDPOINTS_PER_WORKSPACE} webhook endpoints; delete one first`, { limit: WEBHOOK_ENDPOINTS_PER_WORKSPACE });
  }
  const secret = newWebhookSecret();
  const doc = await WebhookEndpointModel.create({
    ...scope,
    url,
    events,
    description: (input.description ?? '').trim(),
    enabled: true,
    secretEnc: encryptSecret(secret),
    createdBy: new Types.ObjectId(viewerOf(ctx).id),
  });
  const { secretEnc: _s, ...endpoint } = doc.toObject() as WebhookEndpoint;
  return { endpoint: endpoint as WebhookEndpoint, secret };
}

export async function updateEndpoint(ctx: Context, id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
  const endpoint = await findEndpoint(ctx, id);
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  if (input.url !== undefined && input.url !== null) $set.url = await checkedUrl(ctx.config, input.url);
  if (input.events !== undefined && input.events !== null) $set.events = uniqueEvents(input.events);
  if (input.description !== undefined && input.description !== null) $set.description = input.description.trim();
  if (input.enabled === true) {
    $set.enabled = true;
    // Enabled again: a fresh start (a day of new failures before it is disabled again).
    Object.assign($unset, { disabledAt: 1, disabledReason: 1, failingSince: 1 });
  } else if (input.enabled === false) {
    $set.enabled = false;
    $set.disabledAt = new Date();
    $set.disabledReason = 'Disabled by a member';
  }
  const updated = await WebhookEndpointModel.findOneAndUpdate(
    { _id: endpoint._id, workspaceId: endpoint.workspaceId },
    { ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($unset).length ? { $unset } : {}) },
    { returnDocument: 'after' },
  ).lean<WebhookEndpoint>();
  if (!updated) throw notFound('Webhook endpoint');
  if (input.enabled === true) await clearDisabledNotice(updated);
  return updated;
}

/** Deletes the endpoint and its delivery log; its pending attempts find nothing to send. */
export async function deleteEndpoint(ctx: Context, id: string): Promise<boolean> {
  const endpoint = await findEndpoint(ctx, id);
  await WebhookEndpointModel.deleteOne({ _id: endpoint._id, workspaceId: endpoint.workspaceId });
  await WebhookDeliveryModel.deleteMany({ endpointId: endpoint._id, workspaceId: endpoint.workspaceId });
  await clearDisabledNotice(endpoint);
  return true;
}

/** A new secret, at once (the old one stops signing with the next attempt). */
export async function rotateSecret(ctx: Context, id: string): Promise<NewWebhookEndpoint> {
  const endpoint = await findEndpoint(ctx, id);
  const secret = newWebhookSecret();
  const updated = await WebhookEndpointModel.findOneAndUpdate(
    { _id: endpoint._id, workspaceId: endpoint.workspaceId },
    { $set: { secretEnc: encryptSecret(secret), secretRotatedAt: new Date() } },
    { returnDocument: 'after' },
  ).lean<WebhookEndpoint>();
  if (!updated) throw notFound('Webhook endpoint');
  return { endpoint: updated, secret };
}

/** An endpoint's deliveries, newest first. */
export async function listDeliveries(ctx: Context, args: WebhookDeliveriesArgs): Promise<Connection<WebhookDelivery>> {
  const endpoint = await findEndpoint(ctx, args.endpointId, 'endpointId');
  return paginate<WebhookDelivery>({
    model: WebhookDeliveryModel as never,
    filter: { workspaceId: endpoint.workspaceId, endpointId: endpoint._id },
    sortField: 'createdAt',
    direction: 'desc',
    first: args.first,
    after: args.after,
  });
}

/** Sends a delivery's message again, as a new delivery with the same webhook-id and body. */
export async function replayDelivery(ctx: Context, id: string): Promise<WebhookDelivery> {
  const scope = managerScope(ctx);
  const original = await WebhookDeliveryModel.findOne({ ...scope, _id: toObjectId(id, 'id') }).lean<WebhookDelivery>();
  if (!original) throw notFound('Webhook delivery');
  const endpoint = await WebhookEndpointModel.findOne({ ...scope, _id: original.endpointId }, { _id: 1, workspaceId: 1, enabled: 1 }).lean();
  if (!endpoint) throw notFound('Webhook endpoint');
  if (!endpoint.enabled && original.eventType !== WEBHOOK_TEST_EVENT) throw badInput('The endpoint is disabled; enable it before replaying deliveries', 'id');
  return queueDelivery(endpoint, { eventType: original.eventType, messageId: original.messageId, payload: original.payload }, { replayOf: original._id });
}

/** A `webhook.test` delivery to one endpoint (tried once, even when the endpoint is disabled). */
export async function sendTestWebhook(ctx: Context, endpointId: string): Promise<WebhookDelivery> {
  const endpoint = await findEndpoint(ctx, endpointId, 'endpointId');
  const now = new Date();
  const payload = eventBody(WEBHOOK_TEST_EVENT, { endpointId: endpoint._id.toHexString(), message: 'A test delivery from Soash' }, now);
  return queueDelivery(endpoint, { eventType: WEBHOOK_TEST_EVENT, messageId: newMessageId(), payload }, { now });
}
