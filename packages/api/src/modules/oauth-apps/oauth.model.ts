import { API_SCOPES, isApiScope, OAUTH_ACCESS_TOKEN_PREFIX, OAUTH_REFRESH_TOKEN_PREFIX, type ApiScope } from '@soash/shared';
import OAuth2Server from '@node-oauth/oauth2-server';
import { Types } from 'mongoose';
import { OAuthAppModel, OAuthCodeModel, OAuthGrantModel, OAuthTokenModel, type OAuthApp } from './oauth.models.js';
import { matchesHash, randomSecret, sha256 } from './oauth-secrets.js';

/**
 * The storage side of the OAuth server: the model @node-oauth/oauth2-server calls (the library
 * runs the protocol: parameters, PKCE S256, code and refresh grants, error answers). Everything is
 * in MongoDB (oauth_apps, oauth_codes, oauth_grants, oauth_tokens) with codes and tokens stored as
 * SHA-256 hashes.
 *
 * Rules kept here, on top of the library's:
 * - every app must use PKCE (saveAuthorizationCode refuses a request without code_challenge);
 * - at the token and revocation endpoints a confidential app must authenticate with its secret and a
 *   public app must not send one (`phase` 'client': getClient checks; 'authorize': it only finds);
 * - an authorization code is spent once; presenting a spent code again revokes the grant made from it;
 * - a refresh token is spent once (rotation); presenting a spent one again revokes the whole grant
 *   (every token issued under it), since either the app or a thief holds a copy.
 */

/** What the library passes around as `user`: the granting user, the workspace, the grant (once made). */
export interface OAuthUser {
  id: string;
  workspaceId: string;
  grantId?: string;
}

export interface OAuthClient extends OAuth2Server.Client {
  id: string;
  appId: string;
  name: string;
  confidential: boolean;
  redirectUris: string[];
  scopes: ApiScope[];
  grants: string[];
}

export function clientOf(app: Pick<OAuthApp, '_id' | 'clientId' | 'name' | 'confidential' | 'redirectUris' | 'scopes'>): OAuthClient {
  return {
    id: app.clientId,
    appId: app._id.toHexString(),
    name: app.name,
    confidential: app.confidential,
    redirectUris: app.redirectUris,
    scopes: app.scopes,
    grants: ['authorization_code', 'refresh_token'],
  };
}

/** Ends a grant and every token issued under it. */
export async function revokeGrant(grantId: Types.ObjectId, reason: string, now = new Date()): Promise<void> {
  await OAuthGrantModel.updateOne({ _id: grantId, revokedAt: { $exists: false } }, { $set: { revokedAt: now, revokedReason: reason } });
  await OAuthTokenModel.updateMany({ grantId, revokedAt: { $exists: false } }, { $set: { revokedAt: now } });
}

/**
 * The scopes granted for a request: the app's registered scopes when none are asked for, else
 * the asked ones when every one is a known scope the app registered; otherwise false
 * (the library answers invalid_scope).
 */
export function grantableScopes(client: Pick<OAuthClient, 'scopes'>, requested: string[] | undefined): ApiScope[] | false {
  if (!requested || requested.length === 0) return [...client.scopes];
  const unique = [...new Set(requested)];
  if (!unique.every((s) => isApiScope(s) && client.scopes.includes(s))) return false;
  return API_SCOPES.filter((s) => unique.includes(s));
}

/**
 * HTTP Basic client credentials are form-encoded before base64 (RFC 6749 §2.3.1: a conformant
 * client sends `soashapp%5F…`), which the library's Basic parser leaves as is. Ours never contain
 * `%` or `+`, so decoding a value that came from the body changes nothing.
 */
function formDecode(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export function createOAuthModel(phase: 'authorize' | 'client'): OAuth2Server.AuthorizationCodeModel & OAuth2Server.RefreshTokenModel {
  return {
    async getClient(rawClientId: string, rawClientSecret: string | null | undefined) {
      const clientId = formDecode(rawClientId);
      const clientSecret = formDecode(rawClientSecret);
      if (!clientId) return null;
      const app = await OAuthAppModel.findOne({ clientId }).select('+secretHash').lean();
      if (!app) return null;
      if (phase === 'client') {
        if (app.confidential && !(clientSecret && matchesHash(clientSecret, app.secretHash))) return null;
        if (!app.confidential && clientSecret) return null;
      }
      return clientOf(app);
    },

    async validateScope(_user: OAuth2Server.User, client: OAuth2Server.Client, scope?: string[]) {
      return grantableScopes(client as OAuthClient, scope);
    },

    async generateAccessToken() {
      return randomSecret(OAUTH_ACCESS_TOKEN_PREFIX);
    },

    async generateRefreshToken() {
      return randomSecret(OAUTH_REFRESH_TOKEN_PREFIX);
    },

    async saveAuthorizationCode(code, client, user) {
      if (!code.codeChallenge) throw new OAuth2Server.InvalidRequestError('Missing parameter: `code_challenge` (PKCE with S256 is required)');
      const u = user as OAuthUser;
      await OAuthCodeModel.create({
        codeHash: sha256(code.authorizationCode),
        appId: new Types.ObjectId((client as OAuthClient).appId),
        userId: new Types.ObjectId(u.id),
        workspaceId: new Types.ObjectId(u.workspaceId),
        scopes: (code.scope ?? []).filter(isApiScope),
        redirectUri: code.redirectUri,
        codeChallenge: code.codeChallenge,
        codeChallengeMethod: code.codeChallengeMethod ?? 'S256',
        expiresAt: code.expiresAt,
      });
      return { ...code, client, user };
    },

    async getAuthorizationCode(authorizationCode: string) {
      const codeHash = sha256(authorizationCode);
      const code = await OAuthCodeModel.findOne({ codeHash }).lean();
      if (!code) return null;
      if (code.usedAt) {
        // A replayed code: whatever was issued from it is no longer trusted (RFC 6749 §4.1.2).
        const grant = await OAuthGrantModel.findOne({ codeHash }).select('_id').lean();
        if (grant) await revokeGrant(grant._id, 'authorization code reused');
        return null;
      }
      const app = await OAuthAppModel.findById(code.appId).lean();
      if (!app) return null;
      const user: OAuthUser = { id: code.userId.toHexString(), workspaceId: code.workspaceId.toHexString() };
      return {
        authorizationCode,
        expiresAt: code.expiresAt,
        redirectUri: code.redirectUri,
        scope: code.scopes,
        client: clientOf(app),
        user,
        codeChallenge: code.codeChallenge,
        codeChallengeMethod: code.codeChallengeMethod,
      };
    },

    async revokeAuthorizationCode(code) {
      // Conditional: of two concurrent exchanges of one code, one wins.
      const res = await OAuthCodeModel.updateOne({ codeHash: sha256(code.authorizationCode), usedAt: { $exists: false } }, { $set: { usedAt: new Date() } });
      return res.modifiedCount === 1;
    },

    async saveToken(token, client, user) {
      const u = user as OAuthUser;
      const scopes = (token.scope ?? []).filter(isApiScope);
      let grantId: Types.ObjectId;
      if (token.authorizationCode) {
        const grant = await OAuthGrantModel.create({
          appId: new Types.ObjectId((client as OAuthClient).appId),
          userId: new Types.ObjectId(u.id),
          workspaceId: new Types.ObjectId(u.workspaceId),
          scopes,
          codeHash: sha256(token.authorizationCode as string),
        });
        grantId = grant._id;
      } else {
        if (!u.grantId) throw new OAuth2Server.InvalidGrantError('Invalid grant: refresh token is invalid');
        grantId = new Types.ObjectId(u.grantId);
      }
      await OAuthTokenModel.create({
        grantId,
        accessTokenHash: sha256(token.accessToken),
        accessTokenExpiresAt: token.accessTokenExpiresAt,
        refreshTokenHash: token.refreshToken ? sha256(token.refreshToken) : undefined,
        refreshTokenExpiresAt: token.refreshTokenExpiresAt,
        scopes,
      });
      return { ...token, client, user: { ...u, grantId: grantId.toHexString() } };
    },

    async getAccessToken(accessToken: string) {
      const token = await OAuthTokenModel.findOne({ accessTokenHash: sha256(accessToken), revokedAt: { $exists: false } }).lean();
      if (!token) return null;
      const grant = await OAuthGrantModel.findOne({ _id: token.grantId, revokedAt: { $exists: false } }).lean();
      const app = grant && (await OAuthAppModel.findById(grant.appId).lean());
      if (!grant || !app) return null;
      const user: OAuthUser = { id: grant.userId.toHexString(), workspaceId: grant.workspaceId.toHexString(), grantId: grant._id.toHexString() };
      return { accessToken, accessTokenExpiresAt: token.accessTokenExpiresAt, scope: token.scopes, client: clientOf(app), user };
    },

    async getRefreshToken(refreshToken: string) {
      const token = await OAuthTokenModel.findOne({ refreshTokenHash: sha256(refreshToken) }).lean();
      if (!token) return null;
      if (token.rotatedAt && !token.revokedAt) {
        // Reuse of a spent refresh token: end the whole family.
        await revokeGrant(token.grantId, 'refresh token reused');
        return null;
      }
      if (token.revokedAt) return null;
      const grant = await OAuthGrantModel.findOne({ _id: token.grantId, revokedAt: { $exists: false } }).lean();
      const app = grant && (await OAuthAppModel.findById(grant.appId).lean());
      if (!grant || !app) return null;
      const user: OAuthUser = { id: grant.userId.toHexString(), workspaceId: grant.workspaceId.toHexString(), grantId: grant._id.toHexString() };
      return { refreshToken, refreshTokenExpiresAt: token.refreshTokenExpiresAt, scope: token.scopes, client: clientOf(app), user };
    },

    async revokeToken(token) {
      // Spends the refresh token (rotation); conditional so that of two concurrent refreshes one wins.
      const res = await OAuthTokenModel.updateOne(
        { refreshTokenHash: sha256(token.refreshToken), rotatedAt: { $exists: false }, revokedAt: { $exists: false } },
        { $set: { rotatedAt: new Date() } },
      );
      return res.modifiedCount === 1;
    },
  };
}
