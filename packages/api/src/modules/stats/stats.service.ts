import { badInput } from '../../lib/errors.js';
import type { Context } from '../../server/context.js';
import { getPlatform } from '../platforms/platforms.service.js';
import { assertViewerHistory } from '../subscriptions/plan-limits.js';
import { StatsModel, type Stats } from './stats.model.js';

/** Longest range one stats query may cover. */
export const MAX_STATS_RANGE_DAYS = 3 * 366;

/** Daily metrics of one of the viewer's accounts for days in [from, to], oldest first; `from` within the plan's history. */
export async function listStats(ctx: Context, platformId: string, from: Date, to: Date): Promise<Stats[]> {
  if (from > to) throw badInput('to must not be before from', 'to');
  if (to.getTime() - from.getTime() > MAX_STATS_RANGE_DAYS * 24 * 3600 * 1000) {
    throw badInput('The range from..to may cover at most 3 years', 'to');
  }
  const platform = await getPlatform(ctx, platformId, 'platformId');
  await assertViewerHistory(ctx, from);
  return StatsModel.find({ platformId: platform._id, date: { $gte: from, $lte: to } })
    .sort({ date: 1 })
    .lean<Stats[]>();
}
