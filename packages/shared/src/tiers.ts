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
  /** Scheduled report deliveries (report schedules) one workspace may keep, counted over all its reports. */
  maxReportSchedules: number;
  /** Monthly price in cents (used for referral commissions). */
  priceCents: number;
  /**
   * The partner API's cost-based rate limit (docs/partners.md#costs-and-limits): a bucket of `max`
   * points per API key (and per client address without a credential), refilling
   * `restorePerSecond` points a second. `max` is at least the largest cost one operation may have
   * (GRAPHQL_MAX_COST, 2000 by default).
   */
  apiPoints: { max: number; restorePerSecond: number };
  /**
   * The same for each signed-in user (a session token: the web app, GraphiQL). Twice a key's: one
   * dashboard page opens a dozen analytics aggregations at once, where a partner integration
   * reads steadily and can pace itself by `extensions.cost`.
   */
  sessionPoints: { max: number; restorePerSecond: number };
}

export const TIER_LIMITS: Readonly<Record<SubscriptionTier, TierLimits>> = {
  [SubscriptionTier.FREE]: { maxPlatforms: 2, historyDays: 90, maxWorkspaces: 2, maxReportSchedules: 1, priceCents: 0, apiPoints: { max: 10000, restorePerSecond: 100 }, sessionPoints: { max: 20000, restorePerSecond: 200 } },
  [SubscriptionTier.PRO]: { maxPlatforms: 10, historyDays: 730, maxWorkspaces: 10, maxReportSchedules: 25, priceCents: 2900, apiPoints: { max: 25000, restorePerSecond: 250 }, sessionPoints: { max: 50000, restorePerSecond: 500 } },
  [SubscriptionTier.ENTERPRISE]: { maxPlatforms: null, historyDays: null, maxWorkspaces: 50, maxReportSchedules: 100, priceCents: 19900, apiPoints: { max: 100000, restorePerSecond: 1000 }, sessionPoints: { max: 200000, restorePerSecond: 2000 } },
};

/** The most workspaces any one account may own, whatever its plan. */
export const MAX_OWNED_WORKSPACES = 50;

export function isPaidTier(tier: SubscriptionTier): boolean {
  return TIER_LIMITS[tier].priceCents > 0;
}
