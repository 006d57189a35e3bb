import type DataLoader from 'dataloader';
import type { Types } from 'mongoose';
import type { PlatformType } from '@soash/shared';
import { PlatformModel } from '../platforms/platform.model.js';
import type { FollowerHistory } from './followers.js';
import type { Scope } from './scope.js';

/**
 * An account of a scope as the analytics read it: its platform (the metric model), profile
 * follower count and names (the per-account rows).
 */
export interface ScopePlatform {
  _id: Types.ObjectId;
  type: PlatformType;
  followerCount?: number | null;
  username?: string | null;
  displayName?: string | null;
  /** Which days may hold a follower count (platform.model.ts); trusted only with followerDaysKnown. */
  followersFrom?: Date;
  followersTo?: Date;
  followerDaysKnown?: boolean;
  /** Raised after every write to the account's stats rows (stats/stats-revision.ts). */
  statsRevision?: number;
}

/** Reads the analytics fields of one request share (followers.ts#followerHistoryFor, scopePlatforms). */
export interface AnalyticsReads {
  /** Follower histories by scope and days. */
  followerHistory: Map<string, Promise<FollowerHistory>>;
  /** The scope's accounts, by scope (a subset of the workspace's). */
  platforms: Map<string, Promise<ScopePlatform[]>>;
  /** All of a workspace's accounts, the request's one read of them (platforms.loader.ts). */
  workspace?: (workspaceId: Types.ObjectId) => Promise<ScopePlatform[]>;
}

export function analyticsLoaders(workspacePlatforms?: Pick<DataLoader<string, ScopePlatform[]>, 'load'>) {
  return {
    /** Per request, like every loader: never shared between callers. */
    analyticsReads: {
      followerHistory: new Map(),
      platforms: new Map(),
      ...(workspacePlatforms ? { workspace: (id: Types.ObjectId) => workspacePlatforms.load(id.toHexString()) } : {}),
    } as AnalyticsReads,
  };
}

/**
 * The accounts of a scope (one small query), oldest connection first, read once per request and
 * scope: the rate model, the follower history and the per-account rows of every field of the
 * request share it. Outside a request, read each time.
 */
export function scopePlatforms(req: { reads?: AnalyticsReads }, scope: Pick<Scope, 'workspaceId' | 'platformIds'>): Promise<ScopePlatform[]> {
  const read = () =>
    PlatformModel.find({ workspaceId: scope.workspaceId, ...(scope.platformIds ? { _id: { $in: scope.platformIds } } : {}) }, { type: 1, followerCount: 1, username: 1, displayName: 1, followersFrom: 1, followersTo: 1, followerDaysKnown: 1, statsRevision: 1 })
      .sort({ createdAt: 1, _id: 1 })
      .lean<ScopePlatform[]>()
      .exec();
  const reads = req.reads;
  if (!reads) return read();
  // The whole workspace: the request's one read of its accounts, shared beyond the analytics.
  if (!scope.platformIds && reads.workspace) return reads.workspace(scope.workspaceId);
  const key = `${scope.workspaceId.toHexString()}|${(scope.platformIds ?? []).map((id) => id.toHexString()).sort().join(',')}`;
  let p = reads.platforms.get(key);
  if (!p) {
    p = read();
    reads.platforms.set(key, p);
    // A failed read is not kept (the next field tries again).
    p.catch(() => reads.platforms.delete(key));
  }
  return p;
}
