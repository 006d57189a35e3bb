import { ErrorCode } from '@soash/shared';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { Context as WsContext, SubscribePayload } from 'graphql-ws';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { assessOperation, limitValidationRules, tokenLimitError, type QueryLimits } from './limits.js';

export type SocketLimits = QueryLimits &
  Pick<Config, 'WS_MAX_SUBSCRIPTIONS_PER_SOCKET' | 'WS_MAX_SUBSCRIPTIONS_PER_USER' | 'WS_IDLE_TIMEOUT_SECONDS'>;

/** Close code and reason for a socket that held no operation for WS_IDLE_TIMEOUT_SECONDS. */
export const IDLE_CLOSE = { code: 1000, reason: 'Idle timeout' } as const;

interface SocketState {
  /** Operation id → the user it counts against (undefined when anonymous). */
  operations: Map<string, string | undefined>;
  idle?: NodeJS.Timeout;
}

interface Closable {
  close(code: number, reason: string): void;
}

/**
 * The subscription's event stream, ending at once when the client cancels or the socket closes.
 * A plain async generator only sees return() at its next yield, so a stream waiting for its next
 * event would keep its slot (and the socket's close would wait for it).
 */
function endingPromptly<T>(source: AsyncIterable<T>, onEnd: () => void): AsyncGenerator<T> {
  const inner = source[Symbol.asyncIterator]();
  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  let ended = false;
  let stop!: (r: IteratorResult<T>) => void;
  const stopped = new Promise<IteratorResult<T>>((resolve) => (stop = resolve));
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
    stop(done);
    // The source finishes on its own time; nobody waits for it.
    void inner.return?.()?.catch(() => undefined);
  };
  const stream: AsyncGenerator<T> = {
    next: async () => {
      if (ended) return done;
      const r = await Promise.race([inner.next(), stopped]);
      if (r.done) end();
      return r;
    },
    return: async () => {
      end();
      return done;
    },
    throw: async (e: unknown) => {
      end();
      throw e;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}

/** graphql-ws reports these in its error message; format-error.ts finds the AppError inside. */
const refuse = (err: AppError): readonly GraphQLError[] => [new GraphQLError(err.message, { originalError: err })];

/**
 * Limits of GraphQL over WebSocket (graphql-ws), which does not pass through Apollo:
 *
 * - the same document limits as HTTP (tokens, depth, aliases, directives, cost, introspection);
 * - at most WS_MAX_SUBSCRIPTIONS_PER_SOCKET operations at once on one socket and
 *   WS_MAX_SUBSCRIPTIONS_PER_USER over all of one user's sockets (counted in this process);
 *   one more is LIMIT_EXCEEDED with `limit`;
 * - a socket that holds no operation for WS_IDLE_TIMEOUT_SECONDS is closed (1000 "Idle timeout";
 *   graphql-ws clients reconnect lazily on their next subscribe).
 */
export function socketLimits(
  limits: SocketLimits,
  schema: GraphQLSchema,
  viewerIdOf: (ctx: WsContext) => Promise<string | undefined>,
  /**
   * Charges the operation's cost to the caller's rate-limit bucket (rate-limit.ts): `error` refuses
   * it; `contextValue` is the context it was charged in, which it then executes with.
   */
  charge?: (ctx: WsContext, cost: number) => Promise<{ error: AppError } | { contextValue: unknown }>,
) {
  const sockets = new WeakMap<WsContext, SocketState>();
  const perUser = new Map<string, number>();
  const rules = [...specifiedRules, ...limitValidationRules(limits)];

  const stateOf = (ctx: WsContext): SocketState => {
    let s = sockets.get(ctx);
    if (!s) sockets.set(ctx, (s = { operations: new Map() }));
    return s;
  };
  const armIdle = (ctx: WsContext, s: SocketState) => {
    clearTimeout(s.idle);
    s.idle = setTimeout(() => {
      (ctx.extra as { socket?: Closable }).socket?.close(IDLE_CLOSE.code, IDLE_CLOSE.reason);
    }, limits.WS_IDLE_TIMEOUT_SECONDS * 1000);
    s.idle.unref();
  };
  const release = (ctx: WsContext, id: string) => {
    const s = sockets.get(ctx);
    if (!s || !s.operations.has(id)) return;
    const userId = s.operations.get(id);
    s.operations.delete(id);
    if (userId) {
      const left = (perUser.get(userId) ?? 1) - 1;
      if (left > 0) perUser.set(userId, left);
      else perUser.delete(userId);
    }
    if (s.operations.size === 0) armIdle(ctx, s);
  };

  return {
    /** Operations a user holds open in this process. */
    activeFor: (userId: string): number => perUser.get(userId) ?? 0,

    onConnect(ctx: WsContext): void {
      armIdle(ctx, stateOf(ctx));
    },

    async onSubscribe(ctx: WsContext, id: string, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> {
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: limits.GRAPHQL_MAX_TOKENS });
      } catch (e) {
        const message = e instanceof Error ? e.message : 'Syntax Error';
        return refuse(tokenLimitError(message) ?? new AppError(ErrorCode.BAD_USER_INPUT, message));
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length) return invalid;
      const userId = await viewerIdOf(ctx);
      const variables = payload.variables ?? undefined;
      const { refused, cost } = assessOperation(limits, { schema, document, operationName: payload.operationName, variables, signedIn: !!userId });
      if (refused) return refuse(refused);

      const s = stateOf(ctx);
      if (s.operations.size >= limits.WS_MAX_SUBSCRIPTIONS_PER_SOCKET) {
        const limit = limits.WS_MAX_SUBSCRIPTIONS_PER_SOCKET;
        return refuse(new AppError(ErrorCode.LIMIT_EXCEEDED, `At most ${limit} subscriptions at once on one connection`, { limit }));
      }
      if (userId && (perUser.get(userId) ?? 0) >= limits.WS_MAX_SUBSCRIPTIONS_PER_USER) {
        const limit = limits.WS_MAX_SUBSCRIPTIONS_PER_USER;
        return refuse(new AppError(ErrorCode.LIMIT_EXCEEDED, `At most ${limit} subscriptions at once per user`, { limit }));
      }
      const paid = cost !== undefined && charge ? await charge(ctx, cost) : undefined;
      if (paid && 'error' in paid) return refuse(paid.error);
      s.operations.set(id, userId);
      if (userId) perUser.set(userId, (perUser.get(userId) ?? 0) + 1);
      clearTimeout(s.idle);
      // With a contextValue, graphql-ws does not build another context (the charge is on this one).
      return { schema, document, operationName: payload.operationName, variableValues: variables, ...(paid ? { contextValue: paid.contextValue } : {}) };
    },

    /** Subscriptions' streams release their slot the moment they end or are cancelled. */
    onOperation(ctx: WsContext, id: string, result: unknown): AsyncGenerator<unknown> | undefined {
      if (typeof Object(result)[Symbol.asyncIterator] !== 'function') return undefined;
      return endingPromptly(result as AsyncIterable<unknown>, () => release(ctx, id));
    },

    /** The operation ended (completed, failed or cancelled by the client). */
    onDone(ctx: WsContext, id: string): void {
      release(ctx, id);
    },

    onClose(ctx: WsContext): void {
      const s = sockets.get(ctx);
      if (!s) return;
      for (const id of [...s.operations.keys()]) release(ctx, id);
      clearTimeout(s.idle);
    },
  };
}
