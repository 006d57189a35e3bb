import { isApiScope, OAUTH_ACCESS_TOKEN_PREFIX, Role } from '@soash/shared';
import type { ViewerResult } from '../../auth/viewer.js';
import { OAuthAppModel, OAuthGrantModel, OAuthTokenModel } from './oauth.models.js';
import { sha256 } from './oauth-secrets.js';

/** A grant's last use is written at most this often. */
export const GRANT_LAST_USED_EVERY_MS = 60_000;

export function looksLikeOAuthAccessToken(token: string): boolean {
  return token.startsWith(OAUTH_ACCESS_TOKEN_PREFIX);
}

/**
 * The viewer an OAuth access token stands for, or why it is refused: the token must be known, not
 * expired or revoked, its grant not revoked and its app still registered. The viewer is the user
 * who granted it, acting in the granted workspace with the token's scopes; their membership and
 * current role there are confirmed per request by the auth checker (as for an API key), so the
 * token dies with the membership and never exceeds the role.
 */
export async function authenticateOAuthToken(token: string, now = new Date()): Promise<ViewerResult> {
  const found = await OAuthTokenModel.findOne({ accessTokenHash: sha256(token) }).lean();
  if (!found) return { viewer: null, error: 'OAuth access token invalid' };
  if (found.revokedAt) return { viewer: null, error: 'OAuth access token revoked' };
  if (found.accessTokenExpiresAt <= now) return { viewer: null, error: 'OAuth access token expired' };
  const grant = await OAuthGrantModel.findById(found.grantId).lean();
  if (!grant || grant.revokedAt) return { viewer: null, error: 'OAuth access token revoked' };
  if (!(await OAuthAppModel.exists({ _id: grant.appId }))) return { viewer: null, error: 'OAuth access token revoked' };
  if (!grant.lastUsedAt || now.getTime() - grant.lastUsedAt.getTime() >= GRANT_LAST_USED_EVERY_MS) {
    await OAuthGrantModel.updateOne(
      { _id: grant._id, $or: [{ lastUsedAt: { $exists: false } }, { lastUsedAt: { $lte: new Date(now.getTime() - GRANT_LAST_USED_EVERY_MS) } }] },
      { $set: { lastUsedAt: now } },
    );
  }
  return {
    viewer: {
      id: grant.userId.toHexString(),
      role: Role.USER,
      credential: 'oauth',
      scopes: found.scopes.filter(isApiScope),
      oauth: { grantId: grant._id.toHexString(), appId: grant.appId.toHexString(), workspaceId: grant.workspaceId.toHexString() },
    },
  };
}
