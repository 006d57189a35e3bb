import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, SubscriptionTier, TIER_LIMITS } from '@soash/shared';
import { GraphQLError, Kind, type DocumentNode, type FieldNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode } from 'graphql';
import type { Config } from '../../config.js';
import { confirmViewer } from '../../auth/auth-checker.js';
import { AppError } from '../../lib/errors.js';
import type { Context } from '../context.js';
import { afterRefund, chargePoints, refundPoints, type BucketRule, type BucketState } from './points-bucket.js';
import { log } from '../../lib/logger.js';

/**
 * Cost-based rate limits (docs/partners.md#costs-and-limits). Each caller has a bucket of points
 * refilling at a steady rate (points-bucket.ts): an API key its own, a signed-in user theirs, an
 * anonymous client one per address. The size and refill rate are the plan's (the active
 * workspace's owner's plan; FREE for anonymous callers and users without a workspace), times
 * API_POINTS_SCALE: TIER_LIMITS `apiPoints` for API keys and anonymous callers, `sessionPoints`
 * for signed-in users.
 *
 * Before execution the operation is charged its calculated cost (cost.ts, at least 1); over the
 * limit it is refused with HTTP 429, RATE_LIMITED and `retryAfterSeconds`, and nothing runs. After
 * execution the difference to its actual cost (objects actually returned plus the declared cost of
 * the aggregations that answered) is refunded. Every response then carries
 * `extensions.cost { requested, actual, throttle { max, remaining, restoreRate } }` and
 * `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (epoch seconds when the bucket
 * is full again).
 */
export type RateLimitConfig = Pick<Config, 'API_POINTS_SCALE'>;

export interface Meter {
  bucket: string;
  rule: BucketRule;
  requested: number;
  actual?: number;
  state: BucketState;
}

/** The request's charge, for the `rateLimit` query and the response (set before execution). */
export const meters = new WeakMap<object, Meter>();

/** Who a bucket belongs to: an API key, a signed-in user (session token) or a client address. */
export type BucketHolder = 'api_key' | 'session' | 'anonymous';

export function ruleFor(config: RateLimitConfig, tier: SubscriptionTier, holder: BucketHolder = 'api_key'): BucketRule {
  const limits = TIER_LIMITS[tier];
  const { max, restorePerSecond } = holder === 'session' ? limits.sessionPoints : limits.apiPoints;
  return { max: max * config.API_POINTS_SCALE, restorePerSecond: restorePerSecond * config.API_POINTS_SCALE };
}

/** Whose bucket pays for the request, and by which plan's rule. */
async function bucketOf(config: RateLimitConfig, ctx: Context): Promise<{ bucket: string; rule: BucketRule }> {
  const viewer = ctx.viewer ? await confirmViewer(ctx).catch(() => null) : null;
  if (!viewer) return { bucket: `ip:${ctx.ip ?? 'unknown'}`, rule: ruleFor(config, SubscriptionTier.FREE, 'anonymous') };
  let tier: SubscriptionTier = SubscriptionTier.FREE;
  if (viewer.workspaceId) {
    const ws = await ctx.loaders.workspaceById.load(viewer.workspaceId);
    const owner = ws ? await ctx.loaders.userById.load(ws.ownerId.toHexString()) : null;
    if (owner?.subscriptionTier) tier = owner.subscriptionTier;
  }
  // Partner credentials (API keys, OAuth apps' tokens) draw on the plan's apiPoints, sessions on sessionPoints.
  if (viewer.apiKey) return { bucket: `key:${viewer.apiKey.id}`, rule: ruleFor(config, tier, 'api_key') };
  if (viewer.oauth) return { bucket: `oauth:${viewer.oauth.grantId}`, rule: ruleFor(config, tier, 'api_key') };
  return { bucket: `user:${viewer.id}`, rule: ruleFor(config, tier, 'session') };
}

/**
 * The root fields the operation selects (fragments at the root followed), by response key. With
 * `included`, a selection it refuses (a field, an inline fragment or a fragment spread) is left out
 * with everything under it.
 */
export function rootFields(document: DocumentNode, operationName: string | null | undefined, included: (node: SelectionNode) => boolean = () => true): FieldNode[] {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const out: FieldNode[] = [];
  const walk = (set: SelectionSetNode, depth: number) => {
    if (depth > 10) return;
    for (const s of set.selections) {
      if (!included(s)) continue;
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, depth + 1);
      else {
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet, depth + 1);
      }
    }
  };
  if (op) walk(op.selectionSet, 0);
  return out;
}

/**
 * The objects in `value` (lists are not objects; their items are), counted no further than `cap`:
 * the cost never exceeds what was charged, so the walk stops there. A loop over a stack rather
 * than a recursion of spreads: it runs on every response.
 */
function countObjects(value: unknown, cap: number): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length && n < cap) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    n++;
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return Math.min(n, cap);
}

/**
 * What the operation actually cost: every object in the answer counts 1 and each root field that
 * answered adds its declared cost (the analytics aggregations); never more than was requested.
 */
export function actualCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, data: Record<string, unknown> | null | undefined, requested: number): number {
  if (!data) return Math.min(requested, 1);
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  const root = op?.operation === 'mutation' ? schema.getMutationType() : op?.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  let declared = 0;
  for (const f of rootFields(document, operationName)) {
    const key = f.alias?.value ?? f.name.value;
    const complexity = root?.getFields()[f.name.value]?.extensions?.complexity;
    if (data[key] !== null && data[key] !== undefined && typeof complexity === 'number') declared += complexity;
  }
  return Math.max(1, Math.min(requested, countObjects(Object.values(data), Math.max(0, requested - declared)) + declared));
}

function rateLimitedError(meter: Meter, retryAfterSeconds: number): GraphQLError {
  const err = new AppError(
    ErrorCode.RATE_LIMITED,
    `Rate limit: this operation costs ${meter.requested} points and ${meter.state.remaining} of ${meter.state.max} are left; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds, cost: meter.requested, remaining: meter.state.remaining },
  );
  const headers = new Map([['retry-after', String(retryAfterSeconds)]]);
  return new GraphQLError(err.message, { originalError: err, extensions: { code: err.code, http: { status: 429, headers } } });
}

/** An operation that costs more than the bucket can ever hold would wait forever: say so instead. */
function tooCostly(requested: number, max: number): GraphQLError {
  const err = new AppError(ErrorCode.LIMIT_EXCEEDED, `This operation costs ${requested} points, more than the ${max} your rate limit holds; ask for smaller pages or fewer fields`, {
    limit: max,
    cost: requested,
  });
  return new GraphQLError(err.message, { originalError: err, extensions: { code: err.code, http: { status: 400 } } });
}

export function costExtension(meter: Meter) {
  return {
    requested: meter.requested,
    actual: meter.actual ?? null,
    throttle: { max: meter.state.max, remaining: meter.state.remaining, restoreRate: meter.state.restorePerSecond },
  };
}

/**
 * Charges an operation over WebSocket (graphql-ws does not pass through Apollo): the same bucket
 * and rule as over HTTP, charged its calculated cost before it runs. There is no refund (the
 * answer is streamed), and no headers; a refusal is RATE_LIMITED or LIMIT_EXCEEDED as over HTTP.
 * A paid operation's meter is kept on `ctx` (the context it then executes with), so the
 * `rateLimit` query answers the caller's budget over WebSocket too.
 */
export async function chargeSocketOperation(config: RateLimitConfig, ctx: Context, cost: number): Promise<AppError | undefined> {
  const requested = Math.max(1, cost);
  const { bucket, rule } = await bucketOf(config, ctx);
  if (requested > rule.max) return tooCostly(requested, rule.max).originalError as AppError;
  const charged = await chargePoints(bucket, rule, requested);
  const meter: Meter = { bucket, rule, requested, state: charged };
  if (charged.ok) {
    meters.set(ctx, meter);
    return undefined;
  }
  return rateLimitedError(meter, charged.retryAfterSeconds).originalError as AppError;
}

/** Charges and refunds every HTTP operation; needs the cost recorded by queryLimitsPlugin. */
export function rateLimitPlugin(config: RateLimitConfig, costOf: (ctx: object) => number | undefined): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          // No cost: the limits refused the operation (they run first), or its variables do not
          // fit and execution will refuse it; either way nothing runs, so nothing is charged.
          const cost = costOf(contextValue);
          if (cost === undefined) return;
          const requested = Math.max(1, cost);
          const { bucket, rule } = await bucketOf(config, contextValue);
          if (requested > rule.max) throw tooCostly(requested, rule.max);
          const charged = await chargePoints(bucket, rule, requested);
          const meter: Meter = { bucket, rule, requested, state: charged };
          meters.set(contextValue, meter);
          if (!charged.ok) {
            meter.actual = 0;
            throw rateLimitedError(meter, charged.retryAfterSeconds);
          }
        },
        async willSendResponse({ contextValue, response, document, operationName, schema }) {
          const meter = meters.get(contextValue);
          if (!meter) return;
          if (meter.actual === undefined && response.body.kind === 'single' && document) {
            meter.actual = actualCost(schema, document, operationName, response.body.singleResult.data as Record<string, unknown> | null, meter.requested);
            // Nothing to give back: the state after the charge stands (no read just for the headers).
            // A refund is written without holding the response for it: the headers show the
            // charge's state plus the refund. It is sent before the response, so the caller's next
            // request finds it done; were it still on its way, that one request would be charged
            // strictly, never leniently.
            if (meter.actual < meter.requested) {
              const points = meter.requested - meter.actual;
              meter.state = afterRefund(meter.rule, meter.state, points);
              refundPoints(meter.bucket, meter.rule, points).catch((err) => log.warn('rate-limit refund failed', { bucket: meter.bucket, error: (err as Error).message }));
            }
          }
          response.http.headers.set('x-ratelimit-limit', String(meter.state.max));
          response.http.headers.set('x-ratelimit-remaining', String(meter.state.remaining));
          response.http.headers.set('x-ratelimit-reset', String(Math.ceil(meter.state.resetAt.getTime() / 1000)));
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: costExtension(meter) };
          }
        },
      };
    },
  };
}
