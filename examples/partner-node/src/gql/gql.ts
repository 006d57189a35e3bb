/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query PartnerOverview($from: String!, $to: String!) {\n    overview(input: { range: { from: $from, to: $to } }) {\n      range {\n        from\n        to\n      }\n      posts {\n        value\n        previous\n      }\n      engagements {\n        value\n        previous\n      }\n      engagementRate {\n        value\n      }\n      followers {\n        value\n      }\n    }\n  }\n": typeof types.PartnerOverviewDocument,
    "\n  query PostsPage($first: Int!, $after: String) {\n    activities(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          publishedAt\n          engagementRate\n          rateLabel\n          engagement {\n            total\n          }\n          platform {\n            type\n          }\n        }\n      }\n    }\n  }\n": typeof types.PostsPageDocument,
    "\n  query PartnerRateLimit {\n    rateLimit {\n      max\n      remaining\n      restoreRate\n      resetAt\n      cost\n    }\n  }\n": typeof types.PartnerRateLimitDocument,
    "\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      accessToken\n    }\n  }\n": typeof types.AdminLoginDocument,
    "\n  mutation AdminCreateApiKey($name: String!, $scopes: [ApiScope!]!) {\n    createApiKey(input: { name: $name, scopes: $scopes }) {\n      secret\n      apiKey {\n        id\n        prefix\n        scopes\n        status\n      }\n    }\n  }\n": typeof types.AdminCreateApiKeyDocument,
    "\n  query AdminSyncState {\n    platforms {\n      id\n      type\n      lastSyncedAt\n    }\n    activities(first: 1) {\n      totalCount\n    }\n  }\n": typeof types.AdminSyncStateDocument,
    "\n  query PartnerPlatforms {\n    platforms {\n      id\n    }\n  }\n": typeof types.PartnerPlatformsDocument,
    "query PartnerBudgetProbe { rateLimit { remaining max } }": typeof types.PartnerBudgetProbeDocument,
    "\n  mutation PartnerCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n        events\n      }\n    }\n  }\n": typeof types.PartnerCreateWebhookEndpointDocument,
    "\n  mutation PartnerSyncPlatform($id: ID!) {\n    syncPlatform(id: $id) {\n      id\n    }\n  }\n": typeof types.PartnerSyncPlatformDocument,
};
const documents: Documents = {
    "\n  query PartnerOverview($from: String!, $to: String!) {\n    overview(input: { range: { from: $from, to: $to } }) {\n      range {\n        from\n        to\n      }\n      posts {\n        value\n        previous\n      }\n      engagements {\n        value\n        previous\n      }\n      engagementRate {\n        value\n      }\n      followers {\n        value\n      }\n    }\n  }\n": types.PartnerOverviewDocument,
    "\n  query PostsPage($first: Int!, $after: String) {\n    activities(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          publishedAt\n          engagementRate\n          rateLabel\n          engagement {\n            total\n          }\n          platform {\n            type\n          }\n        }\n      }\n    }\n  }\n": types.PostsPageDocument,
    "\n  query PartnerRateLimit {\n    rateLimit {\n      max\n      remaining\n      restoreRate\n      resetAt\n      cost\n    }\n  }\n": types.PartnerRateLimitDocument,
    "\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      accessToken\n    }\n  }\n": types.AdminLoginDocument,
    "\n  mutation AdminCreateApiKey($name: String!, $scopes: [ApiScope!]!) {\n    createApiKey(input: { name: $name, scopes: $scopes }) {\n      secret\n      apiKey {\n        id\n        prefix\n        scopes\n        status\n      }\n    }\n  }\n": types.AdminCreateApiKeyDocument,
    "\n  query AdminSyncState {\n    platforms {\n      id\n      type\n      lastSyncedAt\n    }\n    activities(first: 1) {\n      totalCount\n    }\n  }\n": types.AdminSyncStateDocument,
    "\n  query PartnerPlatforms {\n    platforms {\n      id\n    }\n  }\n": types.PartnerPlatformsDocument,
    "query PartnerBudgetProbe { rateLimit { remaining max } }": types.PartnerBudgetProbeDocument,
    "\n  mutation PartnerCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n        events\n      }\n    }\n  }\n": types.PartnerCreateWebhookEndpointDocument,
    "\n  mutation PartnerSyncPlatform($id: ID!) {\n    syncPlatform(id: $id) {\n      id\n    }\n  }\n": types.PartnerSyncPlatformDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerOverview($from: String!, $to: String!) {\n    overview(input: { range: { from: $from, to: $to } }) {\n      range {\n        from\n        to\n      }\n      posts {\n        value\n        previous\n      }\n      engagements {\n        value\n        previous\n      }\n      engagementRate {\n        value\n      }\n      followers {\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  query PartnerOverview($from: String!, $to: String!) {\n    overview(input: { range: { from: $from, to: $to } }) {\n      range {\n        from\n        to\n      }\n      posts {\n        value\n        previous\n      }\n      engagements {\n        value\n        previous\n      }\n      engagementRate {\n        value\n      }\n      followers {\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostsPage($first: Int!, $after: String) {\n    activities(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          publishedAt\n          engagementRate\n          rateLabel\n          engagement {\n            total\n          }\n          platform {\n            type\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PostsPage($first: Int!, $after: String) {\n    activities(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          publishedAt\n          engagementRate\n          rateLabel\n          engagement {\n            total\n          }\n          platform {\n            type\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerRateLimit {\n    rateLimit {\n      max\n      remaining\n      restoreRate\n      resetAt\n      cost\n    }\n  }\n"): (typeof documents)["\n  query PartnerRateLimit {\n    rateLimit {\n      max\n      remaining\n      restoreRate\n      resetAt\n      cost\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      accessToken\n    }\n  }\n"): (typeof documents)["\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      accessToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateApiKey($name: String!, $scopes: [ApiScope!]!) {\n    createApiKey(input: { name: $name, scopes: $scopes }) {\n      secret\n      apiKey {\n        id\n        prefix\n        scopes\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateApiKey($name: String!, $scopes: [ApiScope!]!) {\n    createApiKey(input: { name: $name, scopes: $scopes }) {\n      secret\n      apiKey {\n        id\n        prefix\n        scopes\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminSyncState {\n    platforms {\n      id\n      type\n      lastSyncedAt\n    }\n    activities(first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query AdminSyncState {\n    platforms {\n      id\n      type\n      lastSyncedAt\n    }\n    activities(first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerPlatforms {\n    platforms {\n      id\n    }\n  }\n"): (typeof documents)["\n  query PartnerPlatforms {\n    platforms {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PartnerBudgetProbe { rateLimit { remaining max } }"): (typeof documents)["query PartnerBudgetProbe { rateLimit { remaining max } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PartnerCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n        events\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PartnerCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n        events\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PartnerSyncPlatform($id: ID!) {\n    syncPlatform(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PartnerSyncPlatform($id: ID!) {\n    syncPlatform(id: $id) {\n      id\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;