import { rateLimited } from '../../lib/errors.js';
import { LoginThrottleModel } from './login-throttle.model.js';

/**
 * Sign-in back-off per (email, client address) instead of a lockout per email. A lockout per email
 * lets anyone lock a user out by failing on purpose; here failures only slow down the address they
 * come from: after `freeFailures` failures in a row, that address waits 1 s, 2 s, 4 s, … (at most
 * `maxDelaySeconds`) before its next attempt for that email. The owner, from their own address,
 * is not affected, and a success clears the pair. Guessing across many emails from one address is
 * bounded by the per-address limit in auth.service.ts.
 */
export const LOGIN_BACKOFF = {
  freeFailures: 3,
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  /** A pair with no failure for this long starts over. */
  forgetAfterSeconds: 24 * 3600,
};

/** Seconds to wait after the n-th failure in a row (0 while within the free failures). */
export function backoffSeconds(failures: number, rules = LOGIN_BACKOFF): number {
  const over = failures - rules.freeFailures;
  if (over <= 0) return 0;
  return Math.min(rules.maxDelaySeconds, rules.baseDelaySeconds * 2 ** Math.min(over - 1, 30));
}

/** RATE_LIMITED with retryAfterSeconds while the pair is waiting; checked before the password. */
export async function assertLoginAllowed(key: string, now = new Date()): Promise<void> {
  const pair = await LoginThrottleModel.findOne({ key }).lean();
  if (pair?.nextAttemptAt && pair.nextAttemptAt > now) {
    const retryAfterSeconds = Math.max(1, Math.ceil((pair.nextAttemptAt.getTime() - now.getTime()) / 1000));
    throw rateLimited(`Too many failed sign-ins for this email from this address; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
}

/** Counts a failure of the pair (one atomic update) and sets when it may try next. */
export async function recordLoginFailure(key: string, now = new Date()): Promise<void> {
  const expiresAt = new Date(now.getTime() + LOGIN_BACKOFF.forgetAfterSeconds * 1000);
  // A pair quiet for forgetAfterSeconds starts over (the TTL index removes it too, eventually).
  await LoginThrottleModel.deleteOne({ key, expiresAt: { $lte: now } });
  let doc;
  try {
    doc = await LoginThrottleModel.findOneAndUpdate({ key }, { $inc: { failures: 1 }, $set: { expiresAt } }, { upsert: true, returnDocument: 'after', lean: true });
  } catch (err) {
    // Two first failures raced on the upsert; the loser counts as an update.
    if ((err as { code?: number }).code !== 11000) throw err;
    doc = await LoginThrottleModel.findOneAndUpdate({ key }, { $inc: { failures: 1 }, $set: { expiresAt } }, { returnDocument: 'after', lean: true });
  }
  const wait = backoffSeconds(doc?.failures ?? 1);
  if (wait > 0) await LoginThrottleModel.updateOne({ key }, { $max: { nextAttemptAt: new Date(now.getTime() + wait * 1000) } });
}

/** A successful sign-in clears the pair's failures. */
export async function clearLoginFailures(key: string): Promise<void> {
  await LoginThrottleModel.deleteOne({ key });
}
