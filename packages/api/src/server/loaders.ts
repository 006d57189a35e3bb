import type { WorkspaceOf } from '../lib/loader.js';
import { activityLoaders } from '../modules/activities/activities.loader.js';
import { analyticsLoaders } from '../modules/analytics/analytics.loader.js';
import { categoryLoaders } from '../modules/categories/categories.loader.js';
import { platformLoaders } from '../modules/platforms/platforms.loader.js';
import { referralLoaders } from '../modules/referrals/referrals.loader.js';
import { statsLoaders } from '../modules/stats/stats.loader.js';
import { userLoaders } from '../modules/users/users.loader.js';
import { workspaceLoaders } from '../modules/workspaces/workspaces.loader.js';

/**
 * Per-request DataLoaders, one factory per module. Created fresh for every request so cached
 * documents and permissions never leak between callers; loaders of workspace documents read only
 * the request's active workspace (`workspaceOf`, resolved by the auth check before any field runs).
 */
export function createLoaders(workspaceOf: WorkspaceOf) {
  const workspaces = workspaceLoaders();
  const platforms = platformLoaders(workspaceOf);
  return {
    ...platforms,
    ...statsLoaders(workspaceOf),
    ...userLoaders(workspaces.membershipsByUser, workspaces.workspaceById),
    ...activityLoaders(workspaceOf),
    ...categoryLoaders(workspaceOf),
    ...referralLoaders(),
    ...analyticsLoaders(platforms.workspacePlatforms),
    ...workspaces,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
