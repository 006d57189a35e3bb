import type { Types } from 'mongoose';
import { withLease } from '../../lib/lease.js';

/**
 * Serialises, per user, every step that counts the connected accounts against the plan and then
 * changes them: connecting an account and changing the plan. Without it, two connects at the same
 * moment both see room for one more account and the plan's limit is passed.
 */
export function withPlatformSlots<T>(userId: Types.ObjectId, fn: () => Promise<T>): Promise<T> {
  return withLease(`platform-slots:${userId.toHexString()}`, fn);
}
