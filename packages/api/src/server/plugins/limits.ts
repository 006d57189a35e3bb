import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ErrorCode } from '@soash/shared';
import { GraphQLError, Kind, visit, type DocumentNode, type GraphQLSchema, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import type { Context } from '../context.js';
import { MAX_COST_NODES, operationCost } from './cost.js';

/**
 * Resource limits on every GraphQL operation, all checked before anything executes:
 *
 * 1. tokens — while parsing (graphql-js `maxTokens`), so a huge document is never built;
 * 2. depth, aliases, directives — validation rules from graphql-armor;
 * 3. cost — graphql-query-complexity over the validated operation with its variables (cost.ts);
 * 4. introspection — allowed to everyone, to signed-in callers only, or to no one.
 *
 * A refusal is QUERY_TOO_COMPLEX (FORBIDDEN/UNAUTHENTICATED for introspection) with HTTP 400 and
 * `extensions` naming the limit: `{ limitedBy, limit, found }` or `{ limitedBy: 'cost', cost, limit }`.
 */
export type LimitName = 'cost' | 'depth' | 'aliases' | 'directives' | 'tokens' | 'nodes';

export type QueryLimits = Pick<
  Config,
  'GRAPHQL_MAX_COST' | 'GRAPHQL_MAX_DEPTH' | 'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_MAX_TOKENS' | 'GRAPHQL_MAX_DIRECTIVES' | 'introspection'
>;

const LABEL: Record<LimitName, string> = {
  cost: 'cost',
  depth: 'levels of nesting',
  aliases: 'aliases',
  directives: 'directives',
  tokens: 'tokens',
  nodes: 'selections (fragments expanded)',
};

export function queryTooComplex(limitedBy: LimitName, limit: number, found?: number): AppError {
  const message =
    limitedBy === 'cost'
      ? `Query too complex: its cost is ${found}, at most ${limit} is allowed. Ask for smaller pages or fewer fields.`
      : found === undefined
        ? `Query too complex: more than ${limit} ${LABEL[limitedBy]}.`
        : `Query too complex: ${found} ${LABEL[limitedBy]}, at most ${limit} allowed.`;
  const details = limitedBy === 'cost' ? { limitedBy, cost: found, limit } : { limitedBy, limit, ...(found === undefined ? {} : { found }) };
  return new AppError(ErrorCode.QUERY_TOO_COMPLEX, message, details);
}

/** The GraphQLError Apollo answers with status 400, carrying the AppError for format-error.ts. */
function requestError(err: AppError): GraphQLError {
  return new GraphQLError(err.message, { originalError: err, extensions: { code: err.code, http: { status: 400 } } });
}

/** armor's rules report through this instead of throwing, so the validation pass finishes normally. */
function armorReport(limitedBy: LimitName, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    const err = queryTooComplex(limitedBy, limit, found === undefined ? undefined : Number(found));
    context?.reportError(new GraphQLError(err.message, { originalError: err }));
  };
}

export function limitValidationRules(limits: QueryLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({ ...common, n: limits.GRAPHQL_MAX_DEPTH, ignoreIntrospection: true, onReject: [armorReport('depth', limits.GRAPHQL_MAX_DEPTH)] }),
    maxAliasesRule({ ...common, n: limits.GRAPHQL_MAX_ALIASES, onReject: [armorReport('aliases', limits.GRAPHQL_MAX_ALIASES)] }),
    maxDirectivesRule({ ...common, n: limits.GRAPHQL_MAX_DIRECTIVES, onReject: [armorReport('directives', limits.GRAPHQL_MAX_DIRECTIVES)] }),
  ] as ValidationRule[];
}

export function limitParseOptions(limits: QueryLimits): ParseOptions {
  return { maxTokens: limits.GRAPHQL_MAX_TOKENS };
}

/** graphql-js's message when `maxTokens` stops the parser. */
// (graphql 16 spells it "more that"; later versions may fix the typo.)
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/** A parse error that is the token limit, as the AppError to answer with (format-error.ts). */
export function tokenLimitError(message: string): AppError | undefined {
  const m = TOKEN_LIMIT.exec(message);
  return m ? queryTooComplex('tokens', Number(m[1])) : undefined;
}

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD]: (node) => {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

export interface OperationToCheck {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  signedIn: boolean;
}

/**
 * Introspection and cost checks of a parsed, validated operation (HTTP and WebSocket alike): the
 * AppError to refuse it with, or undefined when it may run.
 */
export function checkOperation(limits: QueryLimits, op: OperationToCheck): AppError | undefined {
  return assessOperation(limits, op).refused;
}

/** The calculated cost of each HTTP request's operation (set before execution), for the rate limit. */
export const operationCosts = new WeakMap<object, number>();

/** checkOperation, also telling the operation's cost when it could be calculated. */
export function assessOperation(limits: QueryLimits, op: OperationToCheck): { refused?: AppError; cost?: number } {
  if (limits.introspection !== 'on' && usesIntrospection(op.document)) {
    if (limits.introspection === 'off') return { refused: new AppError(ErrorCode.FORBIDDEN, 'Introspection is turned off on this server') };
    if (!op.signedIn) return { refused: new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to introspect the schema') };
  }
  let cost: number;
  try {
    cost = operationCost(op);
  } catch (e) {
    if (e instanceof GraphQLError && /maximum allowed number of nodes/.test(e.message)) return { refused: queryTooComplex('nodes', MAX_COST_NODES) };
    // Variables that do not fit the operation: execution answers them (BAD_USER_INPUT) without
    // running anything.
    return {};
  }
  return cost > limits.GRAPHQL_MAX_COST ? { refused: queryTooComplex('cost', limits.GRAPHQL_MAX_COST, cost), cost } : { cost };
}

/** Cost and introspection checks in Apollo, once the operation is known (variables included). */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request, contextValue }) {
          const { refused, cost } = assessOperation(limits, { schema, document, operationName, variables: request.variables, signedIn: !!contextValue.viewer });
          if (refused) throw requestError(refused);
          if (cost !== undefined) operationCosts.set(contextValue, cost);
        },
      };
    },
  };
}
