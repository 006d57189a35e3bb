import { SubscriptionTier } from './enums.js';

/**
 * The one table of subscription limits. `null` means unlimited.
 * The API enforces these; the web client only displays them.
 */
export interface TierLimits {
  /** Connected social accounts at once. */
  maxPlatforms: number | null;
  /** How far back analytics and backfills reach, in days. */
  historyDays: number | null;
  /** Monthly price in cents (used for referral commissions). */
  priceCents: number;
  /**
   * The partner API's cost-based rate limit (docs/partners.md): a bucket of `max` points per
   * API key and per signed-in user, refilling `restorePerSecond` points a second. `max` is at least
   * the largest cost one operation may have (GRAPHQL_MAX_COST, 2000 by default).
   */
  apiPoints: { max: number; restorePerSecond: number };
}

export const TIER_LIMITS: Readonly<Record<SubscriptionTier, TierLimits>> = {
  [SubscriptionTier.FREE]: { maxPlatforms: 2, historyDays: 90, priceCents: 0, apiPoints: { max: 10000, restorePerSecond: 100 } },
  [SubscriptionTier.PRO]: { maxPlatforms: 10, historyDays: 730, priceCents: 2900, apiPoints: { max: 25000, restorePerSecond: 250 } },
  [SubscriptionTier.ENTERPRISE]: { maxPlatforms: null, historyDays: null, priceCents: 19900, apiPoints: { max: 100000, restorePerSecond: 1000 } },
};

export function isPaidTier(tier: SubscriptionTier): boolean {
  return TIER_LIMITS[tier].priceCents > 0;
}
