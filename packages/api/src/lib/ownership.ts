import type { Model, Types } from 'mongoose';
import { notFound } from './errors.js';
import { toObjectId } from './ids.js';

/**
 * Loads a document of the viewer's active workspace. A missing id and another workspace's id answer
 * the same NOT_FOUND, so ids never reveal that something exists.
 */
export async function findOwned<T extends { workspaceId: Types.ObjectId }>(
  model: Model<T>,
  id: string | Types.ObjectId,
  workspaceId: string | Types.ObjectId,
  what: string,
  field = 'id',
): Promise<T> {
  const doc = await model.findOne({ _id: toObjectId(id, field), workspaceId: toObjectId(workspaceId, 'workspaceId') }).lean<T>();
  if (!doc) throw notFound(what);
  return doc;
}
