import { authExchange } from '@urql/exchange-auth';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, getOperationName, subscriptionExchange, type CombinedError, type Operation } from 'urql';
import type { Session } from './auth/session';
import { connection } from './connection';
import { workspaceChoice, type WorkspaceChoice } from './workspace';

/** Operations that work without a session: an UNAUTHENTICATED answer to them is not a stale token. */
export const PUBLIC_OPERATIONS = new Set(['Login', 'Register', 'RequestPasswordReset', 'ResetPassword', 'VerifyEmail', 'AppHealth', 'SharedReport']);

/** Asks the API to set the refresh token as an httpOnly cookie (see lib/auth/refresh.ts). */
export const SESSION_MODE_HEADER = 'X-Soash-Session';

export function isPublicOperation(operation: Operation): boolean {
  return PUBLIC_OPERATIONS.has(getOperationName(operation.query) ?? '');
}

export function isAuthError(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/**
 * The urql auth exchange wired to the session: adds the bearer token, refreshes ahead of expiry
 * (willAuthError) and after an UNAUTHENTICATED answer (didAuthError, retried once). Refreshes are
 * single-flight in the session itself.
 */
export function sessionAuthExchange(session: Session) {
  return authExchange(async (utils) => ({
    addAuthToOperation(operation) {
      const token = session.currentAccessToken;
      return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
    },
    willAuthError(operation) {
      if (isPublicOperation(operation)) return false;
      return session.isSignedIn && !session.hasFreshAccessToken();
    },
    didAuthError(error, operation) {
      return !isPublicOperation(operation) && session.isSignedIn && isAuthError(error);
    },
    async refreshAuth() {
      await session.refresh();
    },
  }));
}

function defaultWsUrl(path: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${path}`;
}

export interface AppClient {
  client: Client;
  dispose(): void;
}

/**
 * The GraphQL client: document cache, auth, HTTP for queries and mutations (POST keeps Apollo's
 * CSRF protection happy), graphql-ws for subscriptions with the access token in connectionParams.
 */
export function createClient(session: Session, opts: { url?: string; wsUrl?: string; workspace?: WorkspaceChoice } = {}): AppClient {
  const url = opts.url ?? '/graphql';
  const workspace = opts.workspace ?? workspaceChoice;
  let ws: WsClient | null = null;
  let wsToken: string | null = null;
  const wsClient = (): WsClient => {
    ws ??= createWsClient({
      url: opts.wsUrl ?? defaultWsUrl(url),
      lazy: true,
      retryAttempts: 5,
      connectionParams: async () => {
        wsToken = await session.getAccessToken();
        const workspaceId = workspace.get();
        return { ...(wsToken ? { authorization: `Bearer ${wsToken}` } : {}), ...(workspaceId ? { workspaceId } : {}) };
      },
    });
    return ws;
  };
  // The socket authenticates once, when it connects: reconnect (and resubscribe) with a new token.
  const unsubscribe = session.onTokenChange(() => {
    if (ws && wsToken && session.currentAccessToken !== wsToken) ws.terminate();
  });

  const client = new Client({
    url,
    preferGetMethod: false,
    // Sign-in operations then keep the refresh token in an httpOnly cookie instead of answering it;
    // every request names the chosen workspace (lib/workspace.ts).
    fetchOptions: () => ({ headers: { [SESSION_MODE_HEADER]: 'cookie', ...workspace.headers() } }),
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      sessionAuthExchange(session),
      // Network errors become one "cannot reach the server" banner with a retry (AppShell).
      connection.exchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const dispose = wsClient().subscribe(input, sink);
              return { unsubscribe: dispose };
            },
          };
        },
      }),
    ],
  });
  return {
    client,
    dispose() {
      unsubscribe();
      void ws?.dispose();
      ws = null;
    },
  };
}
