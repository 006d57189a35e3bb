import { Field, ID, ObjectType } from 'type-graphql';
import { PlatformStatus, PlatformType } from '../../lib/graphql-enums.js';
import { PostReadBudget } from './post-read-usage.model.js';
import { RateLimitBudget } from './rate-limit-budget.model.js';

@ObjectType({ description: 'How well Soash can keep reading a connected account.' })
export class ConnectorHealth {
  @Field(() => ID)
  platformId: string;

  @Field(() => PlatformType)
  type: PlatformType;

  @Field(() => Boolean)
  sandbox: boolean;

  @Field(() => PlatformStatus)
  status: PlatformStatus;

  @Field(() => Boolean, { description: 'Active, syncing, and no error since the last successful sync.' })
  healthy: boolean;

  @Field(() => Date, { nullable: true, description: 'When the access token expires (null: it does not, or sandbox).' })
  tokenExpiresAt?: Date;

  @Field(() => Date, { nullable: true, description: 'When the refresh grant expires, if the platform said.' })
  refreshTokenExpiresAt?: Date;

  @Field(() => Boolean, { description: 'Soash can renew access without the user.' })
  canRefresh: boolean;

  @Field(() => Date, { nullable: true, description: 'Last successful sync.' })
  lastSyncedAt?: Date;

  @Field(() => String, { nullable: true })
  lastError?: string;

  @Field(() => Date, { nullable: true })
  lastErrorAt?: Date;

  @Field(() => RateLimitBudget, { nullable: true, description: 'Rate-limit budget left, when the platform reports it.' })
  rateLimit?: RateLimitBudget;

  @Field(() => Date, { nullable: true, description: 'The user must connect the account again by then (null: not foreseeable).' })
  needsReauthBy?: Date;

  @Field(() => String, { description: 'The platform API version Soash calls for this account (a setting, see docs/connectors.md).' })
  apiVersion: string;

  @Field(() => Date, { nullable: true, description: 'When that API version stops working, where the platform publishes it (Graph API, LinkedIn).' })
  apiVersionSunsetsAt?: Date;

  @Field(() => PostReadBudget, { nullable: true, description: 'Billed post reads this month against the monthly budget (X only).' })
  postReads?: PostReadBudget;

  @Field(() => [String], { description: 'Things the user should know or do, in words.' })
  warnings: string[];
}
