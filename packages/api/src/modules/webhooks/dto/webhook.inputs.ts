import { WebhookEventType } from '@soash/shared';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import '../../../lib/graphql-enums.js';
import { PageArgs } from '../../../lib/pagination.js';
import { WEBHOOK_URL_MAX } from '../ssrf.js';
import { WebhookEndpoint } from '../webhook-endpoint.model.js';

export const WEBHOOK_DESCRIPTION_MAX = 500;

@InputType({ description: 'A new webhook endpoint of the active workspace.' })
export class CreateWebhookEndpointInput {
  @Field(() => String, { description: 'Where events are POSTed: an https:// (or http://) URL whose host resolves to public addresses.' })
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX, { message: `url must be at most ${WEBHOOK_URL_MAX} characters long` })
  url: string;

  @Field(() => [WebhookEventType], { description: 'The events to deliver; at least one.' })
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(50, { message: 'events must name at most 50 events' })
  events: WebhookEventType[];

  @Field(() => String, { nullable: true, description: `What the endpoint is for (at most ${WEBHOOK_DESCRIPTION_MAX} characters).` })
  @IsOptional()
  @IsString()
  @MaxLength(WEBHOOK_DESCRIPTION_MAX, { message: `description must be at most ${WEBHOOK_DESCRIPTION_MAX} characters long` })
  description?: string | null;
}

@InputType({ description: 'Changes to a webhook endpoint; omitted fields stay as they are.' })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX, { message: `url must be at most ${WEBHOOK_URL_MAX} characters long` })
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(50, { message: 'events must name at most 50 events' })
  events?: WebhookEventType[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(WEBHOOK_DESCRIPTION_MAX, { message: `description must be at most ${WEBHOOK_DESCRIPTION_MAX} characters long` })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false stops deliveries; true resumes them (and clears a disabling after failures).' })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean | null;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID)
  endpointId: string;
}

@ObjectType({ description: 'An endpoint just created or given a new secret, with the secret: shown this once.' })
export class NewWebhookEndpoint {
  @Field(() => WebhookEndpoint)
  endpoint: WebhookEndpoint;

  @Field(() => String, { description: 'The signing secret (whsec_…, Standard Webhooks). Store it now: it is not shown again.' })
  secret: string;
}
