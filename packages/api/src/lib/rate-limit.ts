import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { rateLimited } from './errors.js';

/**
 * Fixed-window counters in MongoDB, so limits hold across any number of API processes.
 * Each window is its own document (key + window start); old ones expire by TTL.
 */
@modelOptions({ schemaOptions: { versionKey: false, collection: 'rate_limits' } })
@index({ key: 1, windowStart: 1 }, { unique: true })
@index({ expiresAt: 1 }, { expireAfterSeconds: 0 })
class RateLimitWindow {
  @prop({ type: () => String, required: true })
  key: string;

  @prop({ type: () => Date, required: true })
  windowStart: Date;

  @prop({ type: () => Number, required: true, default: 0 })
  count: number;

  @prop({ type: () => Date, required: true })
  expiresAt: Date;
}

export const RateLimitModel = getModelForClass(RateLimitWindow);

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/**
 * Counts one use of `key`; throws RATE_LIMITED (with retryAfterSeconds) once the window's limit
 * is passed. `what` names the limited action in the message.
 */
export async function consumeRateLimit(key: string, rule: RateLimitRule, what: string, now = new Date()): Promise<void> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const expiresAt = new Date(windowStart.getTime() + windowMs * 2);
  let doc;
  try {
    doc = await RateLimitModel.findOneAndUpdate(
      { key, windowStart },
      { $inc: { count: 1 }, $setOnInsert: { expiresAt } },
      { upsert: true, returnDocument: 'after', lean: true },
    );
  } catch (err) {
    // Two first uses raced on the upsert; the loser retries as an update.
    if ((err as { code?: number }).code !== 11000) throw err;
    doc = await RateLimitModel.findOneAndUpdate({ key, windowStart }, { $inc: { count: 1 } }, { returnDocument: 'after', lean: true });
  }
  if (doc && doc.count > rule.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    throw rateLimited(`Too many ${what}; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
}
