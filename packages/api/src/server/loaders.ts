import { analyticsLoaders } from '../modules/analytics/analytics.loader.js';
import { platformLoaders } from '../modules/platforms/platforms.loader.js';
import { statsLoaders } from '../modules/stats/stats.loader.js';

/**
 * Per-request DataLoaders, one factory per module. Created fresh for every request so cached
 * documents and permissions never leak between callers.
 */
export function createLoaders() {
  return {
    ...platformLoaders(),
    ...statsLoaders(),
    ...analyticsLoaders(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
