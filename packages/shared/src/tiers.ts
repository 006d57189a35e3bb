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
  /**
   * Workspaces one account may own at once (agency: one login, many brands). Free: the personal
   * workspace and one more (e.g. one taken over by transfer). Every plan stays at or below
   * MAX_OWNED_WORKSPACES, the ceiling for any account.
   */
  maxWorkspaces: number;
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
  [SubscriptionTier.FREE]: { maxPlatforms: 2, historyDays: 90, maxWorkspaces: 2, priceCents: 0, apiPoints: { max: 10000, restorePerSecond: 100 } },
  [SubscriptionTier.PRO]: { maxPlatforms: 10, historyDays: 730, maxWorkspaces: 10, priceCents: 2900, apiPoints: { max: 25000, restorePerSecond: 250 } },
  [SubscriptionTier.ENTERPRISE]: { maxPlatforms: null, historyDays: null, maxWorkspaces: 50, priceCents: 19900, apiPoints: { max: 100000, restorePerSecond: 1000 } },
};

/** The most workspaces any one account may own, whatever its plan. */
export const MAX_OWNED_WORKSPACES = 50;

export function isPaidTier(tier: SubscriptionTier): boolean {
  return TIER_LIMITS[tier].priceCents > 0;
}
