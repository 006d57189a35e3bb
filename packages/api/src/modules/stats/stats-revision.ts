import { Types } from 'mongoose';
import { log } from '../../lib/logger.js';
import { PlatformModel } from '../platforms/platform.model.js';

/**
 * Each account's stats revision (Platform.statsRevision): raised after every write to the
 * account's daily stats rows (insert, update, delete), so that what was computed from those rows
 * can be kept across requests and trusted exactly while the revision read with the accounts is the
 * one it was computed under (analytics/followers.ts keeps follower histories so).
 *
 * The rule that makes it safe: the revision is raised *after* the rows are written, and a reader
 * reads the revision *before* the rows. A reader that then sees rows older than a write has read
 * the revision before that write was done, and the write's raise replaces it. A writer that dies
 * between its write and its raise leaves the revision behind its rows; what a reader keeps is
 * therefore also kept for a bounded time only (followers.ts#HISTORY_KEPT_MS).
 *
 * Writes through the model (StatsModel.insertMany, create, updateOne, deleteMany, …) raise it
 * by themselves (stats.model.ts registers the hooks); a write on the driver (`StatsModel.collection`,
 * the ingestion's bulk upsert) calls `raiseStatsRevision` after it.
 */
export type RevisionTarget = { platformIds: Types.ObjectId[] } | { workspaceIds: Types.ObjectId[] } | { all: true };

export async function raiseStatsRevision(target: RevisionTarget): Promise<void> {
  if ('platformIds' in target && !target.platformIds.length) return;
  if ('workspaceIds' in target && !target.workspaceIds.length) return;
  const filter =
    'platformIds' in target ? { _id: { $in: target.platformIds } } : 'workspaceIds' in target ? { workspaceId: { $in: target.workspaceIds } } : {};
  await PlatformModel.updateMany(filter, { $inc: { statsRevision: 1 } });
}

/** The ids a filter value names: an ObjectId, or `{ $in: [...] }` / `{ $eq: id }` of them; else undefined. */
function idsOf(value: unknown): Types.ObjectId[] | undefined {
  const one = (v: unknown) => (v instanceof Types.ObjectId ? v : typeof v === 'string' && Types.ObjectId.isValid(v) && v.length === 24 ? new Types.ObjectId(v) : undefined);
  const single = one(value);
  if (single) return [single];
  if (value && typeof value === 'object') {
    const ops = value as Record<string, unknown>;
    const keys = Object.keys(ops);
    if (keys.length === 1 && keys[0] === '$eq') return idsOf(ops.$eq);
    if (keys.length === 1 && keys[0] === '$in' && Array.isArray(ops.$in)) {
      const ids = ops.$in.map(one);
      return ids.every((id): id is Types.ObjectId => id !== undefined) ? ids : undefined;
    }
  }
  return undefined;
}

const OWNER_FIELDS = ['platformId', 'workspaceId'];

/** Whether an update (operators, a replacement or a pipeline) sets a row's account or workspace. */
function movesRows(update: unknown): boolean {
  if (!update || typeof update !== 'object') return false;
  const parts = Array.isArray(update) ? update : [update];
  return parts.some((part) =>
    Object.entries(part as Record<string, unknown>).some(([k, v]) => OWNER_FIELDS.includes(k) || (k.startsWith('$') && v !== null && typeof v === 'object' && OWNER_FIELDS.some((f) => f in (v as object)))),
  );
}

/**
 * The accounts a write with this filter (and update) may touch, as narrowly as the filter says:
 * by `platformId`, else by `workspaceId`, else every account. An update that moves rows to another
 * account or workspace touches every account (none is sent; the answer is merely safe).
 */
export function revisionTargetOf(filter: Record<string, unknown> | undefined, update?: unknown): RevisionTarget {
  if (movesRows(update)) return { all: true };
  const platformIds = idsOf(filter?.platformId);
  if (platformIds) return { platformIds };
  const workspaceIds = idsOf(filter?.workspaceId);
  if (workspaceIds) return { workspaceIds };
  return { all: true };
}

/** The accounts of the rows of an insert. */
export function revisionTargetOfDocs(docs: ReadonlyArray<{ platformId?: unknown; workspaceId?: unknown }>): RevisionTarget {
  return mergeTargets(docs.map((d) => revisionTargetOf({ platformId: d.platformId, workspaceId: d.workspaceId })));
}

/** Merges targets: the narrowest one that covers them all. */
export function mergeTargets(targets: RevisionTarget[]): RevisionTarget {
  if (!targets.length) return { platformIds: [] };
  if (targets.some((t) => 'all' in t)) return { all: true };
  const unique = (ids: Types.ObjectId[]) => [...new Map(ids.map((id) => [id.toHexString(), id])).values()];
  if (targets.every((t) => 'platformIds' in t)) return { platformIds: unique(targets.flatMap((t) => ('platformIds' in t ? t.platformIds : []))) };
  if (targets.every((t) => 'workspaceIds' in t)) return { workspaceIds: unique(targets.flatMap((t) => ('workspaceIds' in t ? t.workspaceIds : []))) };
  // Accounts and workspaces mixed: every account (only a maintenance write is this wide).
  return { all: true };
}

/** A hook's raise: a failed raise is logged, never reported as the write's failure (the write is done). */
export function raiseAfterWrite(target: RevisionTarget): Promise<void> {
  return raiseStatsRevision(target).catch((err) => log.warn('stats revision not raised; kept follower histories expire on their own', { error: (err as Error).message }));
}
