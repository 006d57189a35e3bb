import { MAX_OWNED_WORKSPACES, TIER_LIMITS, type SubscriptionTier, type TierLimits } from '@soash/shared';
import { limitExceeded } from '../../lib/errors.js';
import type { Context } from '../../server/context.js';
import type { User } from '../users/user.model.js';
import { viewerUser } from '../users/users.service.js';

/**
 * Plan limits, read only from TIER_LIMITS (packages/shared/src/tiers.ts), the one table of them.
 *
 * History: a plan with `historyDays` = N reaches back N whole days before today (UTC) plus one
 * day of slack, so that "the last N days" in any time zone is allowed: a range may start at
 * 00:00 UTC of the day N + 1 days before today, not earlier. A `from` before that is refused
 * with LIMIT_EXCEEDED; where `from` is optional and omitted, results start there instead.
 */
const DAY_MS = 24 * 3600 * 1000;

export function limitsOf(tier: SubscriptionTier): TierLimits {
  return TIER_LIMITS[tier];
}

/** The earliest instant the plan's history reaches, or null when it is unlimited. */
export function historyStart(tier: SubscriptionTier, now: Date = new Date()): Date | null {
  const days = TIER_LIMITS[tier].historyDays;
  if (days === null) return null;
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return new Date(today - (days + 1) * DAY_MS);
}

/**
 * Refuses a range that starts before the plan's history (LIMIT_EXCEEDED naming the limit, with
 * `{ limit, tier, field, earliest }`). Returns the earliest allowed instant (null: unlimited), which
 * callers use as the start when their `from` is optional and was omitted.
 */
export function assertWithinHistory(
  user: Pick<User, 'subscriptionTier'>,
  from: Date | null | undefined,
  field = 'from',
  now: Date = new Date(),
): Date | null {
  const tier = user.subscriptionTier;
  const earliest = historyStart(tier, now);
  if (earliest && from && from.getTime() < earliest.getTime()) {
    const limit = TIER_LIMITS[tier].historyDays!;
    throw limitExceeded(
      `Your ${tier} plan includes ${limit} days of history: ${field} must not be before ${earliest.toISOString()}; upgrade your plan to see older data`,
      { limit, tier, field, earliest: earliest.toISOString() },
    );
  }
  return earliest;
}

/** assertWithinHistory for the signed-in viewer (their plan comes from the per-request user loader). */
export async function assertViewerHistory(ctx: Context, from: Date | null | undefined, field = 'from'): Promise<Date | null> {
  return assertWithinHistory(await viewerUser(ctx), from, field);
}

/** How many workspaces an account on `tier` may own (the plan's maxWorkspaces, never above MAX_OWNED_WORKSPACES). */
export function workspaceLimitOf(tier: SubscriptionTier): number {
  return Math.min(TIER_LIMITS[tier].maxWorkspaces, MAX_OWNED_WORKSPACES);
}

/** The LIMIT_EXCEEDED error for a plan's owned-workspace limit: `{ limit: 'workspaces', max, tier }`. */
export function workspaceLimitError(tier: SubscriptionTier, message?: string) {
  const max = workspaceLimitOf(tier);
  return limitExceeded(
    message ?? `Your ${tier} plan allows you to own ${max} workspace${max === 1 ? '' : 's'}; delete one or upgrade your plan to create more`,
    { limit: 'workspaces', max, tier },
  );
}

/** The LIMIT_EXCEEDED error for a plan's connected-account limit. */
export function platformLimitError(tier: SubscriptionTier, limit: number, message?: string) {
  return limitExceeded(
    message ?? `Your ${tier} plan allows ${limit} connected account${limit === 1 ? '' : 's'}; disconnect one or upgrade your plan to connect more`,
    { limit, tier },
  );
}
