import { Types } from 'mongoose';
import { notFound } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import type { Context } from '../../server/context.js';
import { viewerOf } from '../../server/context.js';
import { PlatformModel, type Platform } from './platform.model.js';

/** The viewer's connected accounts, oldest first. */
export async function listPlatforms(ctx: Context): Promise<Platform[]> {
  const viewer = viewerOf(ctx);
  return PlatformModel.find({ userId: new Types.ObjectId(viewer.id) }).sort({ createdAt: 1, _id: 1 }).lean<Platform[]>();
}

/** One of the viewer's accounts; another user's id answers NOT_FOUND like a missing one. */
export async function getPlatform(ctx: Context, id: string | Types.ObjectId, field = 'id'): Promise<Platform> {
  const viewer = viewerOf(ctx);
  const platform = await ctx.loaders.platformById.load(toObjectId(id, field).toHexString());
  if (!platform || platform.userId.toHexString() !== viewer.id) throw notFound('Platform');
  return platform;
}
