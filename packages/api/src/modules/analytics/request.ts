import { Types } from 'mongoose';
import type { SubscriptionTier } from '../../lib/graphql-enums.js';
import type { Context } from '../../server/context.js';
import { viewerOf } from '../../server/context.js';
import { assertWithinHistory, historyStart } from '../subscriptions/plan-limits.js';
import { profileOf, viewerUser } from '../users/users.service.js';
import type { AnalyticsReads } from './analytics.loader.js';
import { normalizeTimezone } from './scope.js';
import type { DateRangeInput } from './dto/analytics.inputs.js';
import { parseDay, startOfLocalDay } from '@soash/shared';

/** The viewer, their timezone and their plan: what every analytics service call starts from. */
export interface AnalyticsRequest {
  userId: Types.ObjectId;
  tz: string;
  /** The viewer's plan: its history limits every range (see assertRangeInHistory). */
  tier: SubscriptionTier;
  /** Reads shared by every field of one request (the follower history); absent outside a request. */
  reads?: AnalyticsReads;
}

/** The request of the signed-in viewer; `range`, when given, is checked against the plan's history. */
export async function analyticsRequest(ctx: Context, range?: DateRangeInput | null): Promise<AnalyticsRequest> {
  const viewer = viewerOf(ctx);
  const user = await viewerUser(ctx);
  // Primed by the same read as the account (users.loader.ts#viewerAccount).
  const tz = normalizeTimezone((await profileOf(ctx, user)).timezone);
  const req: AnalyticsRequest = { userId: new Types.ObjectId(viewer.id), tz, tier: user.subscriptionTier, reads: ctx.loaders.analyticsReads };
  if (range) assertRangeInHistory(req, range);
  return req;
}

/**
 * A range may not start before the plan's history (subscriptions/plan-limits.ts): its first day,
 * from local midnight in the viewer's timezone, is checked, so "the last N days" fits a plan of N
 * days in every timezone. Too early is LIMIT_EXCEEDED naming `range.from`; a malformed date is
 * left to parseRange.
 */
export function assertRangeInHistory(req: AnalyticsRequest, range: Pick<DateRangeInput, 'from'>, field = 'range'): void {
  const fromDay = parseDay(range.from);
  if (fromDay === undefined) return;
  assertWithinHistory({ subscriptionTier: req.tier }, new Date(startOfLocalDay(fromDay, req.tz)), `${field}.from`);
}

/** Whether data from `start` on is within the plan's history (for derived windows such as comparison periods). */
export function withinHistory(req: AnalyticsRequest, start: Date): boolean {
  const earliest = historyStart(req.tier);
  return !earliest || start.getTime() >= earliest.getTime();
}

/** The first instant of the plan's history, or null when unlimited. */
export function historyStartOf(req: AnalyticsRequest): Date | null {
  return historyStart(req.tier);
}
