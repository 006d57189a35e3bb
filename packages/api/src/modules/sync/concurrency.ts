import { setTimeout as sleep } from 'node:timers/promises';
import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError } from '../../lib/errors.js';

/**
 * Per-platform concurrency limits that hold across every worker process: each platform type has
 * N slot documents; a pull leases one (holder + expiry) with an atomic findOneAndUpdate and gives
 * it back when done. A worker that dies leaves a lease that simply expires.
 */
@modelOptions({ schemaOptions: { versionKey: false, collection: 'connector_slots' } })
@index({ pool: 1, index: 1 }, { unique: true })
class ConnectorSlot {
  @prop({ type: () => String, required: true })
  pool: string;

  @prop({ type: () => Number, required: true })
  index: number;

  @prop({ type: () => String })
  holder?: string | null;

  @prop({ type: () => Date })
  expiresAt?: Date | null;
}

export const ConnectorSlotModel = getModelForClass(ConnectorSlot);

export interface SlotLease {
  renew(): Promise<void>;
  release(): Promise<void>;
}

const prepared = new Map<string, number>();

async function preparePool(pool: string, limit: number): Promise<void> {
  if ((prepared.get(pool) ?? 0) >= limit) return;
  for (let i = 0; i < limit; i++) {
    try {
      await ConnectorSlotModel.updateOne({ pool, index: i }, { $setOnInsert: { holder: null, expiresAt: null } }, { upsert: true });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  prepared.set(pool, limit);
}

export interface AcquireOptions {
  leaseMs?: number;
  /** How long to wait for a free slot before giving up (null is returned). */
  waitMs?: number;
  pollMs?: number;
  onWait?: () => Promise<void>;
}

export async function acquireSlot(pool: string, limit: number, opts: AcquireOptions = {}): Promise<SlotLease | null> {
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const holder = randomUUID();
  await preparePool(pool, limit);
  const deadline = Date.now() + (opts.waitMs ?? 60_000);
  let waited = false;
  for (;;) {
    const now = new Date();
    const slot = await ConnectorSlotModel.findOneAndUpdate(
      { pool, index: { $lt: limit }, $or: [{ holder: null }, { expiresAt: null }, { expiresAt: { $lte: now } }] },
      { $set: { holder, expiresAt: new Date(now.getTime() + leaseMs) } },
      { returnDocument: 'after' },
    ).lean();
    if (slot) {
      const filter = { _id: slot._id, holder };
      return {
        renew: async () => {
          await ConnectorSlotModel.updateOne(filter, { $set: { expiresAt: new Date(Date.now() + leaseMs) } });
        },
        release: async () => {
          await ConnectorSlotModel.updateOne(filter, { $set: { holder: null, expiresAt: null } });
        },
      };
    }
    if (Date.now() >= deadline) return null;
    if (!waited) {
      waited = true;
      await opts.onWait?.();
    }
    await sleep(opts.pollMs ?? 250);
  }
}
