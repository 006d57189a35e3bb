import { Client, fetchExchange } from 'urql';
import { graphql } from '../../gql';
import { RefreshRejectedError, type RefreshFn } from './session';

const RefreshSessionMutation = graphql(`
  mutation RefreshSession($token: String!) {
    refreshToken(token: $token) {
      accessToken
      accessTokenExpiresAt
      refreshToken
    }
  }
`);

/** Codes with which the API refuses a refresh token for good. */
const REJECTING = new Set(['UNAUTHENTICATED', 'BAD_USER_INPUT']);

/**
 * The refresh call, on a client of its own (no auth exchange, no cache), so that it can run
 * while the app's client holds its operations back.
 */
export function createRefresher(url: string, timeoutMs = 20_000): RefreshFn {
  const client = new Client({
    url,
    preferGetMethod: false,
    requestPolicy: 'network-only',
    exchanges: [fetchExchange],
    fetchOptions: () => (typeof AbortSignal !== 'undefined' && 'timeout' in AbortSignal ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
  });
  return async (token) => {
    const result = await client.mutation(RefreshSessionMutation, { token }).toPromise();
    const payload = result.data?.refreshToken;
    if (payload) return payload;
    const rejected = result.error?.graphQLErrors.find((e) => REJECTING.has(String(e.extensions?.code)));
    if (rejected) throw new RefreshRejectedError(rejected.message);
    throw result.error ?? new Error('The sign-in could not be renewed');
  };
}
