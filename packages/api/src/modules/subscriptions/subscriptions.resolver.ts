import { AnyCredential, SessionOnly } from '../../auth/scope.js';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SubscriptionTier } from '../../lib/graphql-enums.js';
import type { Context } from '../../server/context.js';
import { User } from '../users/user.model.js';
import { Billing, Plan } from './plan.model.js';
import { billing, changeSubscription, listPlans, planOf } from './subscriptions.service.js';

@Resolver(() => User)
export class SubscriptionsResolver {
  @AnyCredential()
  @Query(() => [Plan], { description: 'Every subscription plan with its limits and price, cheapest first.' })
  plans(): Plan[] {
    return listPlans();
  }

  @AnyCredential()
  @Query(() => Billing, { description: 'Whether plan changes are charged on this server, and by which provider.' })
  billing(): Billing {
    return billing();
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => User, {
    description: "Changes the viewer's plan. Moving to a plan with fewer connected accounts than the viewer has is LIMIT_EXCEEDED.",
  })
  changeSubscription(@Arg('tier', () => SubscriptionTier) tier: SubscriptionTier, @Ctx() ctx: Context): Promise<User> {
    return changeSubscription(ctx, tier);
  }

  @FieldResolver(() => Plan, { description: "The limits of the user's current plan." })
  plan(@Root() user: User): Plan {
    return planOf(user);
  }
}
