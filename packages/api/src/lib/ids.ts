import { Types } from 'mongoose';
import { badInput } from './errors.js';

/** Parses an ID argument; a malformed one is BAD_USER_INPUT naming the argument. */
export function toObjectId(id: string | Types.ObjectId, field = 'id'): Types.ObjectId {
  if (id instanceof Types.ObjectId) return id;
  if (typeof id !== 'string' || !/^[0-9a-fA-F]{24}$/.test(id)) throw badInput(`${field} is not a valid ID`, field);
  return new Types.ObjectId(id);
}

export function toObjectIds(ids: readonly string[], field = 'ids'): Types.ObjectId[] {
  return ids.map((id) => toObjectId(id, field));
}
