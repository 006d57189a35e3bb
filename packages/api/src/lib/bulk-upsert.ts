import type { Model, mongo } from 'mongoose';
import { isDuplicateKeyError } from './errors.js';

/**
 * Bulk upserts on the driver, for the pull jobs' hot path. Mongoose's `Model.bulkWrite` casts every
 * operation against the schema (about 0.4 ms each); the ingest code builds documents that are
 * already typed (ObjectIds, Dates, numbers, plain subdocuments with exactly the schema's keys), so
 * they go to `Model.collection.bulkWrite` as they are. The model still owns the collection, its
 * schema and its indexes; what mongoose would add on the way is added here:
 * - the timestamps (`updatedAt` on every write, `createdAt` on insert), as `schemaOptions.timestamps`;
 * - no `undefined` values (mongoose drops them; the driver would store null).
 * Defaults the schema declares are the caller's to put in `setOnInsert` (a test compares the
 * stored documents with what mongoose's own bulkWrite stores).
 */
export interface UpsertOp {
  filter: Record<string, unknown>;
  set: Record<string, unknown>;
  setOnInsert?: Record<string, unknown>;
}

export interface UpsertResult {
  /** Index of the op → `_id` of the document it inserted (ops that matched an existing document are absent). */
  inserted: Map<number, unknown>;
  /** False when a duplicate-key race made the batch run twice: `inserted` is then incomplete. */
  complete: boolean;
}

function defined(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (v !== undefined) out[k] = v;
  return out;
}

export function toDriverOps(ops: UpsertOp[], now = new Date()): mongo.AnyBulkWriteOperation[] {
  return ops.map((op) => ({
    updateOne: {
      filter: op.filter,
      update: {
        $set: { ...defined(op.set), updatedAt: now },
        $setOnInsert: { ...defined(op.setOnInsert ?? {}), createdAt: now },
      },
      upsert: true,
    },
  }));
}

/**
 * Runs the upserts unordered. Two processes upserting the same new key at once can both try to
 * insert; the loser gets E11000, and running the same idempotent batch again turns those into updates.
 */
export async function bulkUpsertRaw(model: Pick<Model<unknown>, 'collection'>, ops: UpsertOp[]): Promise<UpsertResult> {
  if (!ops.length) return { inserted: new Map(), complete: true };
  const write = () => model.collection.bulkWrite(toDriverOps(ops), { ordered: false });
  try {
    const res = await write();
    return { inserted: new Map(Object.entries(res.upsertedIds).map(([i, id]) => [Number(i), id])), complete: true };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await write();
    return { inserted: new Map(), complete: false };
  }
}

export function isDuplicateKey(err: unknown): boolean {
  return isDuplicateKeyError(err) || !!(err as { writeErrors?: Array<{ code?: number }> })?.writeErrors?.every?.((e) => e.code === 11000);
}
