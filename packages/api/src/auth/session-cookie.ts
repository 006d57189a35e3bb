import { parse, serialize } from 'cookie';
import type { Config } from '../config.js';

/**
 * The web app's refresh token lives in a cookie the page's scripts cannot read:
 *
 * - `HttpOnly`: no script (and so no injected script) can read or exfiltrate it;
 * - `SameSite=Strict`: the browser never sends it with a request started by another site;
 * - `Path=/auth/refresh`: it is sent to the refresh endpoint only, never with GraphQL requests;
 * - `Secure` whenever PUBLIC_URL is https.
 *
 * The refresh endpoint also requires the `X-Soash-CSRF: 1` header, which a cross-site form or
 * image cannot send and a cross-origin script can send only after a CORS preflight that only the
 * configured origins pass, and it refuses an `Origin` that is not one of them. Partner and
 * GraphiQL clients without cookies keep using the `refreshToken(token:)` mutation.
 */
export const REFRESH_COOKIE = 'soash_refresh';
export const REFRESH_PATH = '/auth/refresh';
export const CSRF_HEADER = 'x-soash-csrf';
/** Sent by the web app with GraphQL requests: session-issuing mutations then set the cookie instead of answering the token. */
export const SESSION_MODE_HEADER = 'x-soash-session';

type CookieConfig = Pick<Config, 'publicUrl'>;

function secure(config: CookieConfig): boolean {
  return config.publicUrl.startsWith('https:');
}

/** The Set-Cookie value carrying a refresh token until it expires. */
export function refreshCookie(config: CookieConfig, token: string, expiresAt: Date): string {
  return serialize(REFRESH_COOKIE, token, { httpOnly: true, secure: secure(config), sameSite: 'strict', path: REFRESH_PATH, expires: expiresAt });
}

/** The Set-Cookie value that removes it. */
export function clearedRefreshCookie(config: CookieConfig): string {
  return serialize(REFRESH_COOKIE, '', { httpOnly: true, secure: secure(config), sameSite: 'strict', path: REFRESH_PATH, expires: new Date(0) });
}

/** The refresh token from a Cookie header, if one is there. */
export function refreshTokenFromCookies(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = parse(header)[REFRESH_COOKIE];
  return value ? value : undefined;
}

/** The two names of this machine's loopback address that browsers treat as different origins. */
const LOOPBACK_TWIN: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };

/**
 * The origins the web app may run on (PUBLIC_URL, WEB_APP_URL, CORS_ORIGINS). A loopback origin
 * also allows its twin (`http://localhost:4000` ⇄ `http://127.0.0.1:4000`): both name this machine,
 * and the default PUBLIC_URL says localhost while the server prints and listens on 127.0.0.1, so
 * without the twin every reload there would be refused its session.
 */
export function allowedOrigins(config: Pick<Config, 'publicUrl' | 'webAppUrl' | 'corsOrigins'>): Set<string> {
  const origins = new Set<string>();
  for (const u of [config.publicUrl, config.webAppUrl, ...config.corsOrigins]) {
    try {
      const url = new URL(u);
      origins.add(url.origin);
      const twin = LOOPBACK_TWIN[url.hostname];
      if (twin) {
        url.hostname = twin;
        origins.add(url.origin);
      }
    } catch {
      /* not a URL: not an origin */
    }
  }
  return origins;
}
