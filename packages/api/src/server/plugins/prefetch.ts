import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLObjectType } from 'graphql';
import { confirmViewer } from '../../auth/auth-checker.js';
import type { Context, Viewer } from '../context.js';
import { operationCosts } from './limits.js';
import { rootFields } from './rate-limit.js';

/**
 * Reads an operation is known to need, started while the request waits for its rate-limit charge
 * instead of after it. A root field names them in its extensions (`@Extensions({ prefetch: [...] })`);
 * each name is a function registered by its module that starts the read through the request's
 * loaders, where the resolver then finds it. Only the caller's own data is read (through their
 * confirmed viewer), nothing is returned from here, and a refused or failed request merely
 * discards the read.
 */
export type Prefetch = (ctx: Context, viewer: Viewer) => Promise<unknown> | undefined;

const registered = new Map<string, Prefetch>();

export function registerPrefetch(name: string, fn: Prefetch): void {
  registered.set(name, fn);
}

/** The prefetch names of the operation's root fields. */
function wanted(root: GraphQLObjectType | null | undefined, names: string[]): Set<string> {
  const out = new Set<string>();
  if (!root) return out;
  const fields = root.getFields();
  for (const name of names) {
    const list = fields[name]?.extensions?.prefetch;
    if (Array.isArray(list)) for (const p of list) if (typeof p === 'string') out.add(p);
  }
  return out;
}

export function prefetchPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // Runs beside the rate limit's didResolveOperation (Apollo starts those in plugin order and
        // awaits them together, after the limits'): the charge and these reads overlap; the
        // resolvers run after both.
        async didResolveOperation({ contextValue, document, operationName, schema, operation }) {
          if (!contextValue.viewer || operation?.operation !== 'query') return;
          // Only an operation the limits admitted (they run first and record its cost): a refused
          // one reads nothing at all, as before the charge.
          if (operationCosts.get(contextValue) === undefined) return;
          const names = wanted(schema.getQueryType(), rootFields(document, operationName).map((f) => f.name.value));
          if (!names.size) return;
          confirmViewer(contextValue)
            .then((viewer) => {
              for (const name of names) registered.get(name)?.(contextValue, viewer)?.catch(() => undefined);
            })
            .catch(() => undefined);
        },
      };
    },
  };
}
