import { TIER_LIMITS } from '@soash/shared';
import { conflict, unauthenticated } from '../../lib/errors.js';
import { SubscriptionStatus, SubscriptionTier } from '../../lib/graphql-enums.js';
import type { Context } from '../../server/context.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { convertReferral } from '../referrals/referrals.service.js';
import { UserModel, type User } from '../users/user.model.js';
import { ownedWorkspaceIds } from '../workspaces/workspaces.service.js';
import { viewerUser } from '../users/users.service.js';
import { paymentProvider, type PaidInvoice } from './payment-provider.js';
import type { Billing, Plan } from './plan.model.js';
import { platformLimitError, workspaceLimitError, workspaceLimitOf } from './plan-limits.js';
import { withPlatformSlots } from './platform-slots.js';

/** Every plan with its limits, cheapest first (from TIER_LIMITS). */
export function listPlans(): Plan[] {
  return Object.values(SubscriptionTier).map((tier) => planOf({ subscriptionTier: tier }));
}

/** Whether plan changes are charged here (the built-in provider charges nothing). */
export function billing(): Billing {
  const p = paymentProvider();
  return { charges: p.charges, provider: p.name };
}

export function planOf(user: Pick<User, 'subscriptionTier'>): Plan {
  return { tier: user.subscriptionTier, ...TIER_LIMITS[user.subscriptionTier] };
}

/**
 * Moving to a plan that allows fewer owned workspaces, or fewer connected accounts, than the user has is refused
 * (LIMIT_EXCEEDED naming the limit): nothing is disconnected behind the user's back, and every
 * account stays within its plan, which is what the connect-time check relies on.
 */
async function assertPlatformsFit(user: User, tier: SubscriptionTier): Promise<void> {
  const owned = await ownedWorkspaceIds(user._id);
  const maxOwned = workspaceLimitOf(tier);
  if (owned.length > maxOwned) {
    throw workspaceLimitError(
      tier,
      `The ${tier} plan allows you to own ${maxOwned} workspace${maxOwned === 1 ? '' : 's'} and you own ${owned.length}; delete ${owned.length - maxOwned} or transfer their ownership before changing to it`,
    );
  }
  const limit = TIER_LIMITS[tier].maxPlatforms;
  if (limit === null) return;
  // Every workspace the user owns runs on this plan: its account limit counts them all.
  const connected = await PlatformModel.countDocuments({ workspaceId: { $in: owned } });
  if (connected > limit) {
    throw platformLimitError(
      tier,
      limit,
      `The ${tier} plan allows ${limit} connected account${limit === 1 ? '' : 's'} and you have ${connected}; disconnect ${connected - limit} before changing to it`,
    );
  }
}

/**
 * Changes the viewer's plan: checks the new plan's limits, asks the payment provider (a no-op
 * one unless a real provider is installed), records the tier, then converts a pending referral
 * when the provider reports the change as paid.
 */
export async function changeSubscription(ctx: Context, tier: SubscriptionTier): Promise<User> {
  const user = await viewerUser(ctx);
  // Nothing to change (and nothing charged). A payment that settles later reaches the referral
  // program through reportInvoicePaid.
  if (user.subscriptionTier === tier && user.subscriptionStatus === SubscriptionStatus.ACTIVE) return user;
  // Under the user's platform-slot lease: no account can be connected between the check and the change.
  let invoice: PaidInvoice | undefined;
  const updated = await withPlatformSlots(user._id, async () => {
    await assertPlatformsFit(user, tier);
    ({ invoice } = await paymentProvider().changePlan({
      userId: user._id.toHexString(),
      email: user.email,
      fromTier: user.subscriptionTier,
      toTier: tier,
      priceCents: TIER_LIMITS[tier].priceCents,
    }));
    // Conditional on the tier read above: of two concurrent changes, one wins and the other is told.
    return UserModel.findOneAndUpdate(
      { _id: user._id, subscriptionTier: user.subscriptionTier },
      { $set: { subscriptionTier: tier, subscriptionStatus: SubscriptionStatus.ACTIVE } },
      { returnDocument: 'after' },
    ).lean<User>();
  });
  if (!updated) {
    if (!(await UserModel.exists({ _id: user._id }))) throw unauthenticated('Account no longer exists');
    throw conflict('Your plan was changed by another request at the same time; reload and try again');
  }
  ctx.loaders.userById.clear(user._id.toHexString()).prime(user._id.toHexString(), updated);
  // A commission only from a paid invoice (the built-in provider reports none).
  await convertReferral(ctx.config, user._id, tier, invoice);
  return updated;
}
