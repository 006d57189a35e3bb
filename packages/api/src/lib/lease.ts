import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { randomBytes } from 'node:crypto';
import { isDuplicateKeyError, rateLimited } from './errors.js';

/**
 * Short leases in MongoDB: a mutual exclusion that holds across any number of API processes, for
 * the few check-then-write steps that no unique index can guard (and without transactions, see
 * docs/database.md). A lease ends when its holder is done, or by itself after `ttlMs` if the holder
 * died; the acquire treats an expired lease as free, so the TTL index is only housekeeping.
 */
@modelOptions({ schemaOptions: { versionKey: false, collection: 'leases' } })
@index({ expiresAt: 1 }, { expireAfterSeconds: 0 })
class Lease {
  @prop({ type: () => String, required: true })
  _id: string;

  @prop({ type: () => String, required: true })
  holder: string;

  @prop({ type: () => Date, required: true })
  expiresAt: Date;
}

export const LeaseModel = getModelForClass(Lease);

export interface LeaseOptions {
  /** How long the lease lasts if its holder never releases it. */
  ttlMs?: number;
  /** How long to wait for a busy lease before answering RATE_LIMITED. */
  waitMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` while holding the lease `key`; callers of the same key run one at a time. */
export async function withLease<T>(key: string, fn: () => Promise<T>, opts: LeaseOptions = {}): Promise<T> {
  const ttlMs = opts.ttlMs ?? 15_000;
  const deadline = Date.now() + (opts.waitMs ?? 10_000);
  const holder = randomBytes(9).toString('base64url');
  for (;;) {
    const now = new Date();
    try {
      // Matches a free (expired) lease, or inserts one; a held lease makes the insert collide.
      await LeaseModel.updateOne({ _id: key, expiresAt: { $lte: now } }, { $set: { holder, expiresAt: new Date(now.getTime() + ttlMs) } }, { upsert: true });
      break;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    if (Date.now() >= deadline) throw rateLimited('Another change of the same kind is in progress; try again in a moment', 1);
    await sleep(20 + Math.floor(Math.random() * 40));
  }
  try {
    return await fn();
  } finally {
    await LeaseModel.deleteOne({ _id: key, holder });
  }
}
