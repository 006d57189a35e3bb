import { Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { AnyCredential } from '../../auth/scope.js';
import { badInput } from '../../lib/errors.js';
import type { Context } from '../../server/context.js';
import { meters } from '../../server/plugins/rate-limit.js';

@ObjectType({ description: "The caller's cost-based rate limit (docs/partners.md#costs-and-limits), after this request's charge." })
export class RateLimit {
  @Field(() => Int, { description: 'Points the bucket holds when full.' })
  max: number;

  @Field(() => Int, { description: 'Points left now.' })
  remaining: number;

  @Field(() => Float, { description: 'Points that come back per second.' })
  restoreRate: number;

  @Field(() => Date, { description: 'When the bucket is full again.' })
  resetAt: Date;

  @Field(() => Int, { description: 'What this request was charged before running (its calculated cost).' })
  cost: number;
}

@Resolver()
export class RateLimitResolver {
  @AnyCredential()
  @Query(() => RateLimit, {
    description: "The caller's points budget: an API key's, a signed-in user's, or (without a credential) the client address's. Costs 1 point.",
  })
  rateLimit(@Ctx() ctx: Context): RateLimit {
    const meter = meters.get(ctx);
    // Every operation is metered before it runs, over HTTP and over WebSocket (rate-limit.ts).
    if (!meter) throw badInput('rateLimit: this request was not metered');
    const s = meter.state;
    return { max: s.max, remaining: s.remaining, restoreRate: s.restorePerSecond, resetAt: s.resetAt, cost: meter.requested };
  }
}
