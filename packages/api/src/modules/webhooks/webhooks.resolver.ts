import { ApiScope, WorkspaceRole } from '@soash/shared';
import { Arg, Args, Ctx, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { MinRole } from '../../auth/min-role.js';
import { Scope } from '../../auth/scope.js';
import { connectionType, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { CreateWebhookEndpointInput, NewWebhookEndpoint, UpdateWebhookEndpointInput, WebhookDeliveriesArgs } from './dto/webhook.inputs.js';
import { WebhookDelivery } from './webhook-delivery.model.js';
import { WebhookEndpoint } from './webhook-endpoint.model.js';
import * as webhooks from './webhooks.service.js';

@ObjectType()
export class WebhookDeliveryConnection extends connectionType(WebhookDelivery, 'WebhookDelivery') {}

/** Webhooks are managed by owners and admins, signed in or with an API key that has webhooks:write. */
@Resolver(() => WebhookEndpoint)
export class WebhooksResolver {
  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.WEBHOOKS_WRITE)
  @Query(() => [WebhookEndpoint], { description: "The active workspace's webhook endpoints, newest first. Owners and admins." })
  webhookEndpoints(@Ctx() ctx: Context): Promise<WebhookEndpoint[]> {
    return webhooks.listEndpoints(ctx);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.WEBHOOKS_WRITE)
  @Query(() => WebhookDeliveryConnection, { description: "An endpoint's deliveries, newest first. Owners and admins." })
  webhookDeliveries(@Args(() => WebhookDeliveriesArgs) args: WebhookDeliveriesArgs, @Ctx() ctx: Context): Promise<Connection<WebhookDelivery>> {
    return webhooks.listDeliveries(ctx, args);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.WEBHOOKS_WRITE)
  @Mutation(() => NewWebhookEndpoint, { description: 'Creates a webhook endpoint; its signing secret is in this answer only. Owners and admins.' })
  createWebhookEndpoint(@Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput, @Ctx() ctx: Context): Promise<NewWebhookEndpoint> {
    return webhooks.createEndpoint(ctx, input);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.WEBHOOKS_WRITE)
  @Mutation(() => WebhookEndpoint, { description: "Changes an endpoint's URL, events, description or whether it is enabled. Owners and admins." })
  updateWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpoint> {
    return webhooks.updateEndpoint(ctx, id, input);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.WEBHOOKS_WRITE)
  @Mutation(() => Boolean, { description: 'Deletes an endpoint and its delivery log. Owners and admins.' })
  deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return webhooks.deleteEndpoint(ctx, id);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.WEBHOOKS_WRITE)
  @Mutation(() => NewWebhookEndpoint, { description: 'Gives an endpoint a new signing secret (shown once), used from the next attempt on. Owners and admins.' })
  rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<NewWebhookEndpoint> {
    return webhooks.rotateSecret(ctx, id);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.WEBHOOKS_WRITE)
  @Mutation(() => WebhookDelivery, { description: 'Sends a delivery again (a new delivery, same webhook-id and body). Owners and admins.' })
  replayWebhookDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<WebhookDelivery> {
    return webhooks.replayDelivery(ctx, id);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.WEBHOOKS_WRITE)
  @Mutation(() => WebhookDelivery, { description: 'Queues a webhook.test delivery to the endpoint (one attempt). Owners and admins.' })
  sendTestWebhook(@Arg('endpointId', () => ID) endpointId: string, @Ctx() ctx: Context): Promise<WebhookDelivery> {
    return webhooks.sendTestWebhook(ctx, endpointId);
  }
}
