import { Types } from 'mongoose';
import type { Context } from '../../server/context.js';
import { viewerOf } from '../../server/context.js';

/** The viewer and their timezone: what every analytics service call starts from. */
export interface AnalyticsRequest {
  userId: Types.ObjectId;
  tz: string;
}

export async function analyticsRequest(ctx: Context): Promise<AnalyticsRequest> {
  const viewer = viewerOf(ctx);
  const tz = await ctx.loaders.timezoneByUser.load(viewer.id);
  return { userId: new Types.ObjectId(viewer.id), tz };
}
