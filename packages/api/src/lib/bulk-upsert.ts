import { Types, type Model, type mongo } from 'mongoose';
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
  /** False for an update of a document that must already exist (nothing is inserted when it does not). */
  upsert?: false;
}

/**
 * For a batch whose keys are most likely new (an account's first backfill): its documents are
 * inserted whole, which is cheaper than an upsert (no match stage, no update paths); a key that
 * was stored after all (a retried run, a story polled before) is upserted as usual, and `newKeys`
 * is cleared so the rest of the run upserts directly.
 */
export interface InsertHint {
  newKeys: boolean;
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
        ...(op.upsert === false ? {} : { $setOnInsert: { ...defined(op.setOnInsert ?? {}), createdAt: now } }),
      },
      upsert: op.upsert ?? true,
    },
  }));
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = doc;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    at = (at[part] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  at[parts.at(-1)!] = value;
}

/**
 * The document an upsert inserts: the filter's equality fields, then `$set` and `$setOnInsert`
 * (dotted paths become subdocuments), the timestamps and a fresh `_id`.
 */
export function insertedDocument(op: UpsertOp, now: Date): Record<string, unknown> {
  const doc: Record<string, unknown> = { _id: new Types.ObjectId() };
  for (const part of [op.filter, defined(op.set), defined(op.setOnInsert ?? {}), { createdAt: now, updatedAt: now }]) {
    for (const [k, v] of Object.entries(part)) setPath(doc, k, v);
  }
  return doc;
}

function writeErrorsOf(err: unknown): Array<{ index: number; code?: number }> | undefined {
  const list = (err as { writeErrors?: unknown })?.writeErrors;
  if (!list) return undefined;
  return (Array.isArray(list) ? list : [list]) as Array<{ index: number; code?: number }>;
}

/** Inserts the batch whole; the ops whose key was already stored are upserted. */
async function insertFirst(model: Pick<Model<unknown>, 'collection'>, ops: UpsertOp[], hint: InsertHint): Promise<UpsertResult> {
  const now = new Date();
  const docs = ops.map((op) => insertedDocument(op, now));
  let failed: number[] = [];
  try {
    await model.collection.bulkWrite(
      docs.map((document) => ({ insertOne: { document } })),
      { ordered: false },
    );
  } catch (err) {
    const errors = writeErrorsOf(err);
    if (!errors?.length || !errors.every((e) => e.code === 11000)) throw err;
    failed = errors.map((e) => e.index);
  }
  const inserted = new Map<number, unknown>();
  const skip = new Set(failed);
  docs.forEach((d, i) => {
    if (!skip.has(i)) inserted.set(i, d._id);
  });
  if (!failed.length) return { inserted, complete: true };
  hint.newKeys = false;
  const rest = await bulkUpsertRaw(model, failed.map((i) => ops[i]!));
  rest.inserted.forEach((id, j) => inserted.set(failed[j]!, id));
  return { inserted, complete: rest.complete };
}

/**
 * Runs the upserts unordered. Two processes upserting the same new key at once can both try to
 * insert; the loser gets E11000, and running the same idempotent batch again turns those into updates.
 */
export async function bulkUpsertRaw(model: Pick<Model<unknown>, 'collection'>, ops: UpsertOp[], hint?: InsertHint): Promise<UpsertResult> {
  if (!ops.length) return { inserted: new Map(), complete: true };
  if (hint?.newKeys) return insertFirst(model, ops, hint);
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
