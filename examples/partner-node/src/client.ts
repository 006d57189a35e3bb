import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** What every Soash response says about the caller's points budget (docs/partners.md#costs-and-limits). */
export interface Cost {
  requested: number;
  actual: number | null;
  throttle: { max: number; remaining: number; restoreRate: number };
}

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** A GraphQL error answer; switch on `code` (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, …), never on the message. */
export class SoashError extends Error {
  readonly code: string;
  readonly status: number;
  readonly errors: GraphQLErrorBody[];
  /** Seconds to wait before retrying (RATE_LIMITED: the Retry-After header). */
  readonly retryAfterSeconds?: number;

  constructor(status: number, errors: GraphQLErrorBody[], retryAfterSeconds?: number) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
    this.name = 'SoashError';
    this.status = status;
    this.errors = errors;
    this.code = errors[0]?.extensions?.code ?? 'INTERNAL';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface Result<T> {
  data: T;
  cost?: Cost;
  /** The X-RateLimit-* headers of the answer. */
  rateLimit: { limit?: number; remaining?: number; resetAt?: Date };
}

export interface ClientOptions {
  /** The instance's GraphQL endpoint, e.g. https://soash.example.com/graphql. */
  endpoint: string;
  /** An API key (`soash_…`) or an access token, sent as `Authorization: Bearer …`. */
  token?: string;
  /** Retries of an operation answered RATE_LIMITED, each after its Retry-After (default 2). */
  rateLimitRetries?: number;
  fetch?: typeof fetch;
}

const numberHeader = (h: Headers, name: string) => {
  const v = h.get(name);
  return v === null || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
};

/**
 * A plain GraphQL-over-HTTP client: one POST per operation with the document printed from its typed
 * node, so variables and results are checked by the compiler. Waits out a RATE_LIMITED answer
 * (Retry-After) a bounded number of times; every other error is thrown as a SoashError.
 */
export class SoashClient {
  constructor(private readonly options: ClientOptions) {}

  async request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
  ): Promise<Result<TData>> {
    const doFetch = this.options.fetch ?? fetch;
    for (let attempt = 0; ; attempt++) {
      const res = await doFetch(this.options.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
      });
      const body = (await res.json().catch(() => ({}))) as { data?: TData | null; errors?: GraphQLErrorBody[]; extensions?: { cost?: Cost } };
      const retryAfter = numberHeader(res.headers, 'retry-after');
      if (body.errors?.length || !body.data) {
        const err = new SoashError(res.status, body.errors ?? [], retryAfter);
        if (err.code === 'RATE_LIMITED' && attempt < (this.options.rateLimitRetries ?? 2)) {
          await new Promise((r) => setTimeout(r, (retryAfter ?? 1) * 1000));
          continue;
        }
        throw err;
      }
      const reset = numberHeader(res.headers, 'x-ratelimit-reset');
      return {
        data: body.data,
        cost: body.extensions?.cost,
        rateLimit: {
          limit: numberHeader(res.headers, 'x-ratelimit-limit'),
          remaining: numberHeader(res.headers, 'x-ratelimit-remaining'),
          resetAt: reset === undefined ? undefined : new Date(reset * 1000),
        },
      };
    }
  }
}
