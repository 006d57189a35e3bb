import { Field, Float, Int, ObjectType } from 'type-graphql';
import { SubscriptionTier } from '../../lib/graphql-enums.js';

@ObjectType({ description: 'A bucket of points (per API key, or per signed-in user), refilling steadily.' })
export class ApiPoints {
  @Field(() => Int, { description: 'Points the bucket holds when full.' })
  max: number;

  @Field(() => Float, { description: 'Points that come back per second.' })
  restorePerSecond: number;
}

/** A subscription plan and its limits, as in TIER_LIMITS. Not stored: built from that table. */
@ObjectType({ description: 'A subscription plan and its limits. null means unlimited.' })
export class Plan {
  @Field(() => SubscriptionTier)
  tier: SubscriptionTier;

  @Field(() => Int, { nullable: true, description: 'Connected social accounts at once (null: unlimited).' })
  maxPlatforms: number | null;

  @Field(() => Int, { nullable: true, description: 'Days of history analytics and post lists reach back (null: unlimited).' })
  historyDays: number | null;

  @Field(() => Int, { description: 'Workspaces one account may own at once; the other limits count across all of them.' })
  maxWorkspaces: number;

  @Field(() => Int, { description: 'Report schedules (scheduled PDF deliveries) one workspace may keep.' })
  maxReportSchedules: number;

  @Field(() => Int, { description: 'Monthly price in cents.' })
  priceCents: number;

  @Field(() => ApiPoints, { description: "The API's cost-based rate limit of each API key (and each client address without a credential) on this plan (docs/partners.md), before API_POINTS_SCALE." })
  apiPoints: ApiPoints;

  @Field(() => ApiPoints, { description: "The API's cost-based rate limit of each signed-in user on this plan (docs/partners.md), before API_POINTS_SCALE." })
  sessionPoints: ApiPoints;
}

@ObjectType({ description: 'How this server bills plan changes (what the web app tells the user before a change).' })
export class Billing {
  @Field(() => Boolean, { description: 'Whether plan changes are charged. False: no payment provider is installed and every plan change is free.' })
  charges: boolean;

  @Field(() => String, { description: 'The payment provider ("none" for the built-in one that charges nothing).' })
  provider: string;
}
