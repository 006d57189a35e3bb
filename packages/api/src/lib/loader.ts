import DataLoader from 'dataloader';
import type { Model, Types } from 'mongoose';

/**
 * A per-request loader of documents by id: one `$in` query per batch, results in key order
 * (null for ids that do not exist), keys as hex strings.
 */
export function byIdLoader<T extends { _id: Types.ObjectId }>(model: Model<T>, projection?: Record<string, 0 | 1>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const docs = await model.find({ _id: { $in: ids as string[] } }, projection).lean<T[]>();
    const byId = new Map(docs.map((d) => [d._id.toHexString(), d]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The active workspace of the request a loader serves (read at batch time, after the auth check). */
export type WorkspaceOf = () => string | undefined;

/**
 * byIdLoader within the request's active workspace: ids of another workspace (or any id when the
 * request has none) load as null, exactly like missing ids, so a batched field never mixes workspaces.
 */
export function byIdInWorkspaceLoader<T extends { _id: Types.ObjectId }>(model: Model<T>, workspaceOf: WorkspaceOf): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const ws = workspaceOf();
    if (!ws) return ids.map(() => null);
    const docs = await model.find({ _id: { $in: ids as string[] }, workspaceId: ws }).lean<T[]>();
    const byId = new Map(docs.map((d) => [d._id.toHexString(), d]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** A per-request loader of the documents that reference each key through `field` (one-to-many). */
export function byFieldLoader<T>(
  model: Model<T>,
  field: string,
  opts: { sort?: Record<string, 1 | -1>; extraFilter?: Record<string, unknown> } = {},
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const docs = await model
      .find({ ...opts.extraFilter, [field]: { $in: keys as string[] } })
      .sort(opts.sort ?? { _id: 1 })
      .lean<T[]>();
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const d of docs) {
      const v = (d as Record<string, unknown>)[field];
      const values = Array.isArray(v) ? v : [v];
      for (const key of values) groups.get(String(key))?.push(d);
    }
    return keys.map((k) => groups.get(k)!);
  });
}
