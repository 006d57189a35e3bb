import { RefreshRejectedError, type RefreshFn, type TokenPair } from './session';

/** The API's session endpoint: the only path the httpOnly refresh-token cookie is sent to. */
export const REFRESH_PATH = '/auth/refresh';
/** Required by that endpoint (a cross-site form cannot send it). */
export const CSRF_HEADERS = { 'X-Soash-CSRF': '1' } as const;

/** Statuses with which the API refuses the session for good. */
const REJECTING = new Set([401, 403]);

function timeout(ms: number): { signal?: AbortSignal } {
  return typeof AbortSignal !== 'undefined' && 'timeout' in AbortSignal ? { signal: AbortSignal.timeout(ms) } : {};
}

/**
 * The refresh call: POST /auth/refresh with the cookie (sent by the browser, never read here). The
 * API answers a new access token and sets the next refresh token as the cookie.
 */
export function createRefresher(url = REFRESH_PATH, timeoutMs = 20_000, fetchFn: typeof fetch = (...a) => fetch(...a)): RefreshFn {
  return async () => {
    const res = await fetchFn(url, { method: 'POST', credentials: 'same-origin', headers: CSRF_HEADERS, ...timeout(timeoutMs) });
    if (res.ok) {
      const body = (await res.json()) as TokenPair;
      return { accessToken: body.accessToken, accessTokenExpiresAt: body.accessTokenExpiresAt };
    }
    const message = await res
      .json()
      .then((b: { error?: { message?: string } }) => b.error?.message)
      .catch(() => undefined);
    if (REJECTING.has(res.status)) throw new RefreshRejectedError(message ?? 'The sign-in has ended');
    throw new Error(message ?? `The sign-in could not be renewed (HTTP ${res.status})`);
  };
}

/** Ends the session on the server and removes its cookie (sign-out). */
export async function endServerSession(url = REFRESH_PATH, fetchFn: typeof fetch = (...a) => fetch(...a)): Promise<void> {
  await fetchFn(url, { method: 'DELETE', credentials: 'same-origin', headers: CSRF_HEADERS, ...timeout(10_000) });
}
