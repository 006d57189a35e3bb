import type { FollowerHistory } from './followers.js';

/** Reads the analytics fields of one request share (followers.ts#followerHistoryFor). */
export interface AnalyticsReads {
  /** Follower histories by scope and days. */
  followerHistory: Map<string, Promise<FollowerHistory>>;
}

export function analyticsLoaders() {
  return {
    /** Per request, like every loader: never shared between callers. */
    analyticsReads: { followerHistory: new Map() } as AnalyticsReads,
  };
}
