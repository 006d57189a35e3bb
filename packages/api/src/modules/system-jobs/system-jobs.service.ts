import { workspaceIdOf } from '../workspaces/access.js';
import type { JobStatus } from '../../lib/graphql-enums.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import { viewerOf, type Context } from '../../server/context.js';
import type { Platform } from '../platforms/platform.model.js';
import { getPlatform } from '../platforms/platforms.service.js';
import { SystemJobModel, type SystemJob } from './system-job.model.js';

/** The viewer's job runs, newest first; optionally of one account and/or in one status. */
export async function listSystemJobs(
  ctx: Context,
  args: { platformId?: string | null; status?: JobStatus | null; first?: number; after?: string },
): Promise<Connection<SystemJob>> {
  const viewer = viewerOf(ctx);
  const filter: Record<string, unknown> = { workspaceId: workspaceIdOf(viewer) };
  if (args.platformId != null) filter.platformId = (await getPlatform(ctx, args.platformId, 'platformId'))._id;
  if (args.status) filter.status = args.status;
  return paginate({ model: SystemJobModel, filter, sortField: 'createdAt', direction: 'desc', first: args.first, after: args.after });
}

/** The account a run was for, if it still exists. */
export async function platformOfJob(ctx: Context, job: SystemJob): Promise<Platform | null> {
  if (!job.platformId) return null;
  const platform = await ctx.loaders.platformById.load(job.platformId.toHexString());
  return platform && platform.workspaceId.toHexString() === viewerOf(ctx).workspaceId ? platform : null;
}
