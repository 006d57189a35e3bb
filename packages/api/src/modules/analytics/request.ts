import { workspaceNotFound } from '../workspaces/access.js';
import { Types } from 'mongoose';
import type { SubscriptionTier } from '../../lib/graphql-enums.js';
import type { Context } from '../../server/context.js';
import { viewerOf } from '../../server/context.js';
import { assertWithinHistory, historyStart } from '../subscriptions/plan-limits.js';
import { activeWorkspace } from '../workspaces/workspaces.service.js';
import type { Workspace } from '../workspaces/workspace.model.js';
import type { AnalyticsReads } from './analytics.loader.js';
import { normalizeTimezone } from './scope.js';
import type { DateRangeInput } from './dto/analytics.inputs.js';
import { parseDay, startOfLocalDay } from '@soash/shared';

/** The workspace, its timezone and its owner's plan: what every analytics service call starts from. */
export interface AnalyticsRequest {
  workspaceId: Types.ObjectId;
  /** The user asking (who a download ticket belongs to); absent outside a request. */
  viewerId?: Types.ObjectId;
  tz: string;
  /** The plan of the workspace's owner: its history limits every range (see assertRangeInHistory). */
  tier: SubscriptionTier;
  /** Reads shared by every field of one request (the follower history); absent outside a request. */
  reads?: AnalyticsReads;
}

/**
 * The request of the signed-in viewer in their active workspace: the workspace's timezone and its
 * owner's plan; `range`, when given, is checked against the plan's history.
 */
export async function analyticsRequest(ctx: Context, range?: DateRangeInput | null): Promise<AnalyticsRequest> {
  const viewer = viewerOf(ctx);
  const workspace = await activeWorkspace(ctx);
  return workspaceAnalyticsRequest(ctx, workspace, range, new Types.ObjectId(viewer.id));
}

/**
 * The request for a given workspace (the viewer's, or the one a share link belongs to): its timezone
 * and its owner's plan, whose history limits `range` when given.
 */
export async function workspaceAnalyticsRequest(
  ctx: Pick<Context, 'loaders'>,
  workspace: Pick<Workspace, '_id' | 'ownerId' | 'timezone'>,
  range?: DateRangeInput | null,
  viewerId?: Types.ObjectId,
): Promise<AnalyticsRequest> {
  // The owner is usually the viewer, whose account the request has already read (userById is primed).
  const owner = await ctx.loaders.userById.load(workspace.ownerId.toHexString());
  if (!owner) throw workspaceNotFound();
  const req: AnalyticsRequest = {
    workspaceId: workspace._id,
    viewerId,
    tz: normalizeTimezone(workspace.timezone),
    tier: owner.subscriptionTier,
    reads: ctx.loaders.analyticsReads,
  };
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
