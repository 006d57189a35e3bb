import {
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * The calculated cost of an operation, before it runs (graphql-query-complexity walks the
 * document with the schema; the estimator below prices each field):
 *
 * - a scalar or enum field costs 0 (it comes with its object), `__typename` too;
 * - every object in the answer costs 1 plus its selection, so an object field costs 1 + selection
 *   and a list costs items × (1 + selection);
 * - a field declared with type-graphql's `complexity` (the analytics aggregations, see
 *   ANALYTICS_COST) costs that much more, once;
 * - the items of a paginated field are its page size: the `first` or `limit` argument (also
 *   `input.limit`), or the argument's default, or DEFAULT_PAGE_SIZE; a list without a page
 *   argument counts UNPAGED_LIST_SIZE items (a connection's `edges`/`nodes` count as one: the
 *   page size is already on the connection);
 * - `__schema` and `__type` cost INTROSPECTION_COST each, whatever they select (their answer is
 *   bounded by the schema, not by data).
 *
 * The same number is what a cost-based rate limit charges, so this is the one place that prices
 * an operation.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const UNPAGED_LIST_SIZE = 10;
export const INTROSPECTION_COST = 50;
/** type-graphql `complexity` of a query that aggregates over a date range. */
export const ANALYTICS_COST = 100;

const PAGE_ARGS = ['first', 'limit'] as const;

function pageSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | undefined {
  for (const name of PAGE_ARGS) {
    if (typeof args[name] === 'number') return Math.max(0, args[name] as number);
    const def = field.args.find((a) => a.name === name);
    if (def) return typeof def.defaultValue === 'number' ? def.defaultValue : DEFAULT_PAGE_SIZE;
  }
  const input = args.input as Record<string, unknown> | undefined;
  if (input && typeof input.limit === 'number') return Math.max(0, input.limit);
  return undefined;
}

/** `edges` and `nodes` of a connection: their count is the connection's page size, counted there. */
function isConnectionList(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): boolean {
  return parent.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes');
}

export const costEstimator: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
  if (field.name === '__typename') return 0;
  if (field.name === '__schema' || field.name === '__type') return INTROSPECTION_COST;
  const declared = field.extensions?.complexity;
  if (isLeafType(getNamedType(field.type))) return typeof declared === 'number' ? declared : 0;
  const extra = typeof declared === 'number' ? declared : 0;
  const items = pageSize(field, args) ?? (isListType(getNullableType(field.type)) && !isConnectionList(parent, field) ? UNPAGED_LIST_SIZE : 1);
  return extra + items * (1 + childComplexity);
};

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
}

/** Most selection nodes the analysis walks (fragments expanded) before giving up on a document. */
export const MAX_COST_NODES = 10_000;

/**
 * The calculated cost of the document's operation (the named one, or the only one). Throws a
 * GraphQLError when the variables do not fit the operation or the document expands to more than
 * MAX_COST_NODES selections.
 */
export function operationCost({ schema, document, operationName, variables }: CostInput): number {
  return getComplexity({
    schema,
    query: document,
    ...(operationName ? { operationName } : {}),
    variables: variables ?? {},
    estimators: [costEstimator],
    maxQueryNodes: MAX_COST_NODES,
  });
}
