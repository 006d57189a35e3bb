import { activityLoaders } from '../modules/activities/activities.loader.js';
import { analyticsLoaders } from '../modules/analytics/analytics.loader.js';
import { categoryLoaders } from '../modules/categories/categories.loader.js';
import { platformLoaders } from '../modules/platforms/platforms.loader.js';
import { referralLoaders } from '../modules/referrals/referrals.loader.js';
import { statsLoaders } from '../modules/stats/stats.loader.js';
import { userLoaders } from '../modules/users/users.loader.js';

/**
 * Per-request DataLoaders, one factory per module. Created fresh for every request so cached
 * documents and permissions never leak between callers.
 */
export function createLoaders() {
  return {
    ...platformLoaders(),
    ...statsLoaders(),
    ...userLoaders(),
    ...activityLoaders(),
    ...categoryLoaders(),
    ...referralLoaders(),
    ...analyticsLoaders(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
