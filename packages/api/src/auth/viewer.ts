import type { Config } from '../config.js';
import { authenticateApiKey } from '../modules/api-keys/api-keys.auth.js';
import type { Viewer } from '../server/context.js';
import { verifyAccessToken } from './jwt.js';
import { looksLikeApiKey } from '../modules/api-keys/api-key-token.js';
import { authenticateOAuthToken, looksLikeOAuthAccessToken } from '../modules/oauth-apps/oauth.auth.js';

export interface ViewerResult {
  viewer: Viewer | null;
  error?: string;
}

/** Where a request came from, recorded as an API key's last use. */
export interface RequestOrigin {
  ip?: string;
  userAgent?: string;
}

/**
 * Reads "Authorization: Bearer <access token | API key>". No header → anonymous. A bad or expired
 * credential does not fail the request by itself (public operations such as login still work);
 * operations that need a viewer answer UNAUTHENTICATED with the reason. A bearer token with the
 * `soash_` prefix is an API key (modules/api-keys/api-keys.auth.ts): the viewer is then the key's
 * creator acting in the key's workspace with the key's scopes, confirmed per request by the auth
 * checker like a session. A token with the `soasho_` prefix is an OAuth access token
 * (modules/oauth-apps/oauth.auth.ts): the viewer is the user who granted it, in the granted
 * workspace, with the granted scopes, confirmed the same way.
 */
export async function viewerFromAuthorization(config: Config, header: string | undefined, origin: RequestOrigin = {}): Promise<ViewerResult> {
  if (!header) return { viewer: null };
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) return { viewer: null, error: 'Authorization header must be "Bearer <access token or API key>"' };
  const token = m[1]!;
  if (looksLikeApiKey(token)) return authenticateApiKey(token, origin);
  if (looksLikeOAuthAccessToken(token)) return authenticateOAuthToken(token);
  const result = verifyAccessToken(config.jwtSecret, token);
  if (!result.ok) return { viewer: null, error: result.reason === 'expired' ? 'Access token expired' : 'Access token invalid' };
  return { viewer: { id: result.claims.sub, role: result.claims.role, credential: 'session' } };
}
