import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { buildSchema, type PubSub } from 'type-graphql';
import { authChecker } from '../auth/auth-checker.js';
import { resolvers } from './resolvers.js';

let cached: Promise<GraphQLSchema> | undefined;

/**
 * Subscriptions read their events from MongoDB (`@Subscription({ subscribe })`), because API and
 * workers are separate processes; nothing publishes to in-memory topics. type-graphql still wants
 * a PubSub, so this one refuses topic-based subscriptions.
 */
const noTopics: PubSub = {
  publish: () => {
    throw new Error('in-memory topics are not used: subscriptions read from MongoDB');
  },
  subscribe: () => {
    throw new Error('in-memory topics are not used: subscriptions read from MongoDB');
  },
};

/** The GraphQL schema, built from the resolver classes (once per process). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    pubSub: noTopics,
    orphanedTypes: [],
  }).then((schema) => schema);
  return cached;
}

export { JSONResolver };

/** The SDL committed as packages/api/schema.graphql (sorted so diffs stay readable). */
export async function printAppSchema(): Promise<string> {
  const schema = await buildAppSchema();
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
