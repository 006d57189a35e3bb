import type { QueryFilter, Model, SortOrder } from 'mongoose';
import { Types } from 'mongoose';
import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { badInput } from './errors.js';

/**
 * Relay-style cursor connections with keyset pagination: the cursor holds the sort value and the
 * _id of the last row, so pages stay stable when documents are inserted meanwhile.
 */
export const MAX_PAGE_SIZE = 100;

/** Sort order of a list; the values are what `paginate` takes. */
export const SortDirection = { ASC: 'asc', DESC: 'desc' } as const;
export type SortDirection = (typeof SortDirection)[keyof typeof SortDirection];
registerEnumType(SortDirection, { name: 'SortDirection' });

export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /**
   * Counted only when read: GraphQL reads it only for a query that selects `totalCount`, so a page
   * without it costs no count (which on a large filter is the most expensive part of a page).
   */
  readonly totalCount: Promise<number>;
}

/** Builds `<Name>Edge` and `<Name>Connection` GraphQL types for a node type. */
export function connectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.' })
    totalCount: number;
  }
  return ConnectionType;
}

type CursorValue = string | number | boolean | null | Date;

interface CursorPayload {
  v: CursorValue;
  d?: 1;
  id: string;
}

export function encodeCursor(value: CursorValue, id: Types.ObjectId | string): string {
  const payload: CursorPayload = value instanceof Date ? { v: value.toISOString(), d: 1, id: String(id) } : { v: value, id: String(id) };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(cursor: string): { value: CursorValue; id: Types.ObjectId } {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
    if (!p || typeof p !== 'object' || !Types.ObjectId.isValid(p.id)) throw new Error('bad');
    const value = p.d ? new Date(p.v as string) : p.v;
    if (value instanceof Date && Number.isNaN(value.getTime())) throw new Error('bad');
    return { value, id: new Types.ObjectId(p.id) };
  } catch {
    throw badInput('after: not a cursor from this list', 'after');
  }
}

function getPath(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), doc);
}

export interface PaginateOptions<T> {
  model: Model<T>;
  filter: QueryFilter<T>;
  /** Field to sort by (dotted paths allowed); ties break on _id in the same direction. */
  sortField: string;
  direction: 'asc' | 'desc';
  first?: number;
  after?: string;
}

/**
 * Keyset pagination over `model`. Documents missing the sort field sort as null: MongoDB puts
 * null/missing lowest, which the cursor conditions below respect.
 */
export async function paginate<T>(opts: PaginateOptions<T>): Promise<Connection<T>> {
  const first = opts.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  const dir: SortOrder = opts.direction === 'asc' ? 1 : -1;
  const f = opts.sortField;
  let pageFilter: QueryFilter<T> = opts.filter;
  if (opts.after) {
    const { value, id } = decodeCursor(opts.after);
    const cmp = dir === 1 ? '$gt' : '$lt';
    let conditions: Record<string, unknown>[];
    if (value === null) {
      // Null sorts lowest: ascending, everything non-null comes after; descending, nothing but more nulls.
      conditions = dir === 1 ? [{ [f]: { $ne: null } }, { [f]: null, _id: { $gt: id } }] : [{ [f]: null, _id: { $lt: id } }];
    } else {
      conditions = [{ [f]: { [cmp]: value } }, { [f]: value, _id: { [cmp]: id } }];
      if (dir === -1) conditions.push({ [f]: null });
    }
    pageFilter = { $and: [opts.filter, { $or: conditions }] } as QueryFilter<T>;
  }
  const docs = await opts.model
    .find(pageFilter)
    .sort({ [f]: dir, _id: dir } as Record<string, SortOrder>)
    .limit(first + 1)
    .lean<T[]>();
  const hasNextPage = docs.length > first;
  const page = docs.slice(0, first);
  const edges = page.map((node) => {
    const raw = getPath(node, f);
    return { node, cursor: encodeCursor((raw ?? null) as CursorValue, (node as { _id: Types.ObjectId })._id) };
  });
  const { model, filter } = opts;
  let count: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      return (count ??= model.countDocuments(filter).exec());
    },
  };
}
