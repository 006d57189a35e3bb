import type { Config } from '../config.js';
import type { Viewer } from '../server/context.js';
import { verifyAccessToken } from './jwt.js';

export interface ViewerResult {
  viewer: Viewer | null;
  error?: string;
}

/**
 * Reads "Authorization: Bearer <access token>". No header → anonymous. A bad or expired token does
 * not fail the request by itself (public operations such as login still work); operations that
 * need a viewer answer UNAUTHENTICATED with the reason.
 */
export async function viewerFromAuthorization(config: Config, header: string | undefined): Promise<ViewerResult> {
  if (!header) return { viewer: null };
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) return { viewer: null, error: 'Authorization header must be "Bearer <access token>"' };
  const result = verifyAccessToken(config.jwtSecret, m[1]!);
  if (!result.ok) return { viewer: null, error: result.reason === 'expired' ? 'Access token expired' : 'Access token invalid' };
  return { viewer: { id: result.claims.sub, role: result.claims.role } };
}
