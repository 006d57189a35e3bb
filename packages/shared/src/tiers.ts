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
}

export const TIER_LIMITS: Readonly<Record<SubscriptionTier, TierLimits>> = {
  [SubscriptionTier.FREE]: { maxPlatforms: 2, historyDays: 90, priceCents: 0 },
  [SubscriptionTier.PRO]: { maxPlatforms: 10, historyDays: 730, priceCents: 2900 },
  [SubscriptionTier.ENTERPRISE]: { maxPlatforms: null, historyDays: null, priceCents: 19900 },
};

export function isPaidTier(tier: SubscriptionTier): boolean {
  return TIER_LIMITS[tier].priceCents > 0;
}
