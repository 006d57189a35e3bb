import type { Model, Types } from 'mongoose';
import { notFound } from './errors.js';
import { toObjectId } from './ids.js';

/**
 * Loads a document the viewer owns. A missing id and another user's id answer the same
 * NOT_FOUND, so ids never reveal that something exists.
 */
export async function findOwned<T extends { userId: Types.ObjectId }>(
  model: Model<T>,
  id: string | Types.ObjectId,
  userId: string | Types.ObjectId,
  what: string,
  field = 'id',
): Promise<T> {
  const doc = await model.findOne({ _id: toObjectId(id, field), userId: toObjectId(userId, 'userId') }).lean<T>();
  if (!doc) throw notFound(what);
  return doc;
}
