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
 * can never both take the last points. A bucket that has been idle (`tat` in the past) is first
 * brought up to `now` (only ever forward), so idle time refills it up to `max` and no further.
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

/** Brings an idle bucket's `tat` up to now (never backwards), creating it when missing. */
async function catchUp(key: string, rule: BucketRule, now: number): Promise<void> {
  try {
    await PointBucketModel.updateOne({ _id: key, tat: { $lt: now } }, { $set: { tat: now, expiresAt: expiry(rule, now) } }, { upsert: true });
  } catch (err) {
    // The bucket exists and is not idle (the upsert's insert hit its _id): nothing to catch up.
    if ((err as { code?: number }).code !== 11000) throw err;
  }
}

/** Takes `cost` points from `key`'s bucket, or says when they will be there. */
export async function chargePoints(key: string, rule: BucketRule, cost: number, now = Date.now()): Promise<ChargeResult> {
  await catchUp(key, rule, now);
  const step = cost * msPerPoint(rule);
  const ceiling = now + (rule.max - cost) * msPerPoint(rule);
  const after = await PointBucketModel.findOneAndUpdate(
    { _id: key, tat: { $lte: ceiling } },
    { $inc: { tat: step }, $set: { expiresAt: expiry(rule, now) } },
    { returnDocument: 'after', lean: true },
  );
  if (after) return { ok: true, ...stateOf(rule, after.tat, now) };
  const current = await PointBucketModel.findById(key).lean();
  const tat = current?.tat ?? now;
  const retryAfterSeconds = Math.max(1, Math.ceil((tat - ceiling) / 1000));
  return { ok: false, retryAfterSeconds, ...stateOf(rule, tat, now) };
}

/** Gives back `points` charged earlier (never filling the bucket beyond full). */
export async function refundPoints(key: string, rule: BucketRule, points: number, now = Date.now()): Promise<BucketState> {
  if (points <= 0) return peekPoints(key, rule, now);
  const after = await PointBucketModel.findOneAndUpdate({ _id: key }, { $inc: { tat: -points * msPerPoint(rule) } }, { returnDocument: 'after', lean: true });
  return stateOf(rule, after?.tat ?? now, now);
}

/** The bucket as it is now, without charging. */
export async function peekPoints(key: string, rule: BucketRule, now = Date.now()): Promise<BucketState> {
  const current = await PointBucketModel.findById(key).lean();
  return stateOf(rule, current?.tat ?? now, now);
}
