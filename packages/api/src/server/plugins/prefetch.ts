import type { ApolloServerPlugin } from '@apollo/server';
import { getArgumentValues, getDirectiveValues, getVariableValues, GraphQLIncludeDirective, GraphQLSkipDirective, type FieldNode, type GraphQLField, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, type SelectionNode } from 'graphql';
import { confirmViewer } from '../../auth/auth-checker.js';
import type { Context, Viewer } from '../context.js';
import { operationCosts } from './limits.js';
import { rootFields } from './rate-limit.js';

/**
 * Reads an operation is known to need, started while the request waits for its rate-limit charge
 * instead of after it. A root field names them in its extensions (`@Extensions({ prefetch: [...] })`);
 * each name is a function registered by its module that starts the read through the request's
 * loaders, where the resolver then finds it. It is called once per root field that names it, with
 * that field's arguments as GraphQL coerced them (literals and variables; a field whose arguments
 * do not coerce prefetches nothing, and its resolver reports the error as always). Only the
 * caller's own data is read (through their confirmed viewer), nothing is returned from here, and a
 * refused or failed request merely discards the read.
 */
export type Prefetch = (ctx: Context, viewer: Viewer, args: Record<string, unknown>) => Promise<unknown> | undefined;

const registered = new Map<string, Prefetch>();

export function registerPrefetch(name: string, fn: Prefetch): void {
  registered.set(name, fn);
}

interface Wanted {
  fn: Prefetch;
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
}

/** The registered prefetches of the operation's root fields, one per field that names each. */
function wanted(root: GraphQLObjectType | null | undefined, nodes: FieldNode[]): Wanted[] {
  const out: Wanted[] = [];
  if (!root) return out;
  const fields = root.getFields();
  for (const node of nodes) {
    const field = fields[node.name.value];
    const list = field?.extensions?.prefetch;
    if (!field || !Array.isArray(list)) continue;
    for (const p of list) {
      const fn = typeof p === 'string' ? registered.get(p) : undefined;
      if (fn) out.push({ fn, field, node });
    }
  }
  return out;
}

/** The operation's variables as execution will see them, or undefined when they do not coerce. */
function variablesOf(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  return coerced.errors ? undefined : coerced.coerced;
}

/**
 * Whether execution will run a selection: not left out by `@skip(if: true)` or `@include(if: false)`
 * on it (a field, an inline fragment or a fragment spread; a directive that does not coerce counts
 * as leaving it out, and execution then reports it).
 */
function runs(node: SelectionNode, variables: Record<string, unknown>): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  } catch {
    return false;
  }
}

/** A field's arguments as execution will see them, or undefined when they do not coerce. */
function argumentsOf(w: Wanted, variables: Record<string, unknown>): Record<string, unknown> | undefined {
  try {
    return getArgumentValues(w.field, w.node, variables);
  } catch {
    return undefined;
  }
}

export function prefetchPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // Runs beside the rate limit's didResolveOperation (Apollo starts those in plugin order and
        // awaits them together, after the limits'): the charge and these reads overlap; the
        // resolvers run after both.
        async didResolveOperation({ contextValue, document, operationName, schema, operation, request }) {
          if (!contextValue.viewer || operation?.operation !== 'query') return;
          // Only an operation the limits admitted (they run first and record its cost): a refused
          // one reads nothing at all, as before the charge.
          if (operationCosts.get(contextValue) === undefined) return;
          // The variables are coerced once, and only when a directive or a prefetch needs them.
          let coerced: { values: Record<string, unknown> | undefined } | undefined;
          const variablesNow = () => (coerced ??= { values: variablesOf(schema, operation, request.variables) }).values;
          // Only the root fields execution will run: `@skip`/`@include` followed through fragments.
          const calls = wanted(schema.getQueryType(), rootFields(document, operationName, (node) => !node.directives?.length || runs(node, variablesNow() ?? {})));
          if (!calls.length) return;
          const variables = variablesNow();
          if (!variables) return;
          confirmViewer(contextValue)
            .then((viewer) => {
              for (const w of calls) {
                const args = argumentsOf(w, variables);
                if (!args) continue;
                try {
                  w.fn(contextValue, viewer, args)?.catch(() => undefined);
                } catch {
                  // A prefetch that cannot start (input its resolver will refuse) reads nothing.
                }
              }
            })
            .catch(() => undefined);
        },
      };
    },
  };
}
