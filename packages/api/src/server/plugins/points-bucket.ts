import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';

/**
 * A bucket of points per credential, in MongoDB so that every API process draws from the same one.
 *
 * The bucket is kept as one number per caller, its theoretical arrival time (`tat`, in ms): the
 * moment the bucket is full again. That is the generic cell rate algorithm, a leaky bucket kept as
 * a single time stamp: with `max` points refilling at `restorePerSecond`, one point is worth
 * `msPerPoint = 1000 / restorePerSecond`, and at any moment
 *
 *     remaining = max − max(0, tat − now) / msPerPoint.
 *
 * Charging `cost` moves `tat` forward by `cost × msPerPoint`, allowed while the bucket would not
 * go below zero (`tat + cost × msPerPoint ≤ now + max × msPerPoint`); refunding moves it back.
 * Every change is one atomic single-document update ($inc with a condition, no read first and no
 * update pipeline, so it runs identically on the offline stand-in): two processes charging at once
 * can never both take the last points. A bucket that has been idle (`tat` in the past) is full: its
 * charge sets `tat` to `now` plus the cost in one conditional write (only ever forward), so idle
 * time refills it up to `max` and no further.
 *
 * No maintained library fits: rate-limiter-flexible's MongoDB store counts points per fixed window
 * (all points come back at once when the window ends) rather than refilling steadily.
 */
@modelOptions({ schemaOptions: { versionKey: false, collection: 'api_point_buckets' } })
@index({ expiresAt: 1 }, { expireAfterSeconds: 0 })
class PointBucket {
  /** `key:<api key id>`, `user:<user id>` or `ip:<address>`. */
  @prop({ type: () => String })
  _id: string;

  /** When the bucket is full again, in ms since the epoch. */
  @prop({ type: () => Number, required: true })
  tat: number;

  /** Idle buckets are deleted (a full bucket needs no document). */
  @prop({ type: () => Date, required: true })
  expiresAt: Date;
}

export const PointBucketModel = getModelForClass(PointBucket);

export interface BucketRule {
  max: number;
  restorePerSecond: number;
}

export interface BucketState {
  max: number;
  restorePerSecond: number;
  /** Points left now. */
  remaining: number;
  /** When the bucket is full again. */
  resetAt: Date;
}

export type ChargeResult = ({ ok: true } | { ok: false; retryAfterSeconds: number }) & BucketState;

const msPerPoint = (rule: BucketRule) => 1000 / rule.restorePerSecond;

function stateOf(rule: BucketRule, tat: number, now: number): BucketState {
  const owed = Math.max(0, tat - now) / msPerPoint(rule);
  return { max: rule.max, restorePerSecond: rule.restorePerSecond, remaining: Math.max(0, Math.floor(rule.max - owed)), resetAt: new Date(Math.max(tat, now)) };
}

const expiry = (rule: BucketRule, now: number) => new Date(now + rule.max * msPerPoint(rule) + 3_600_000);

/**
 * Sets an idle bucket's `tat` (one in the past, or no bucket yet) to `tat`, in one write: true when
 * it was idle, false when it is not (the upsert's insert hit the existing bucket's _id).
 */
async function setIfIdle(key: string, tat: number, expiresAt: Date, now: number): Promise<boolean> {
  try {
    await PointBucketModel.updateOne({ _id: key, tat: { $lt: now } }, { $set: { tat, expiresAt } }, { upsert: true });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    return false;
  }
}

/**
 * The last `tat` this process saw per bucket: only a hint of which write to try first (a bucket
 * charged a moment ago is most likely still busy), never trusted for the outcome — every write is
 * conditional on the stored `tat`, so a stale hint (another process charged or the bucket went
 * idle) costs one more command, nothing else. Bounded: the oldest entries go first.
 */
const lastTat = new Map<string, number>();
const HINTS = 10_000;

function remember(key: string, tat: number): void {
  lastTat.delete(key);
  lastTat.set(key, tat);
  if (lastTat.size > HINTS) lastTat.delete(lastTat.keys().next().value!);
}

/**
 * Takes `cost` points from `key`'s bucket, or says when they will be there. An idle bucket is full,
 * so it takes any cost up to `max` in the one write that brings it up to now (the usual case: the
 * web app's requests come seconds apart and the bucket refills in milliseconds); a busy one is
 * charged by the conditional `$inc`. Which of the two is tried first follows what this process
 * last saw of the bucket, so a charge is one command whenever that is still true (a page's burst
 * of requests finds the bucket busy after the first).
 */
export async function chargePoints(key: string, rule: BucketRule, cost: number, now = Date.now()): Promise<ChargeResult> {
  const step = cost * msPerPoint(rule);
  const ceiling = now + (rule.max - cost) * msPerPoint(rule);
  const busy = (tat: Record<string, number>) =>
    PointBucketModel.findOneAndUpdate({ _id: key, tat }, { $inc: { tat: step }, $set: { expiresAt: expiry(rule, now) } }, { returnDocument: 'after', lean: true });
  const hint = lastTat.get(key);
  if (cost <= rule.max && hint !== undefined && hint >= now) {
    // Busy as far as this process knows: the `$inc`, only while it is busy (`tat` not in the past).
    const after = await busy({ $gte: now, $lte: ceiling });
    if (after) {
      remember(key, after.tat);
      return { ok: true, ...stateOf(rule, after.tat, now) };
    }
  }
  if (cost <= rule.max) {
    if (await setIfIdle(key, now + step, expiry(rule, now), now)) {
      remember(key, now + step);
      return { ok: true, ...stateOf(rule, now + step, now) };
    }
  } else await setIfIdle(key, now, expiry(rule, now), now);
  const after = await busy({ $lte: ceiling });
  if (after) {
    remember(key, after.tat);
    return { ok: true, ...stateOf(rule, after.tat, now) };
  }
  const current = await PointBucketModel.findById(key).lean();
  const tat = current?.tat ?? now;
  remember(key, tat);
  const retryAfterSeconds = Math.max(1, Math.ceil((tat - ceiling) / 1000));
  return { ok: false, retryAfterSeconds, ...stateOf(rule, tat, now) };
}

/** Gives back `points` charged earlier (never filling the bucket beyond full). */
export async function refundPoints(key: string, rule: BucketRule, points: number, now = Date.now()): Promise<BucketState> {
  if (points <= 0) return peekPoints(key, rule, now);
  const after = await PointBucketModel.findOneAndUpdate({ _id: key }, { $inc: { tat: -points * msPerPoint(rule) } }, { returnDocument: 'after', lean: true });
  if (after) remember(key, after.tat);
  return stateOf(rule, after?.tat ?? now, now);
}

/**
 * The state after refunding `points` from `state` (the state a charge returned), as this process
 * knows it: what the response's headers show while the refund itself is written without waiting
 * for it. Another process's charge in between is not in it, so `remaining` can be a little high
 * there; the stored bucket is always right.
 */
export function afterRefund(rule: BucketRule, state: BucketState, points: number, now = Date.now()): BucketState {
  const resetAt = Math.max(now, state.resetAt.getTime() - Math.max(0, points) * msPerPoint(rule));
  return stateOf(rule, resetAt, now);
}

/** The bucket as it is now, without charging. */
export async function peekPoints(key: string, rule: BucketRule, now = Date.now()): Promise<BucketState> {
  const current = await PointBucketModel.findById(key).lean();
  return stateOf(rule, current?.tat ?? now, now);
}
