import OAuth2Server from '@node-oauth/oauth2-server';
import { OAUTH_ACCESS_TOKEN_SECONDS, OAUTH_CODE_SECONDS, OAUTH_REFRESH_TOKEN_SECONDS } from '@soash/shared';
import cors from 'cors';
import express, { type Express, type Request, type Response } from 'express';
import { Types } from 'mongoose';
import { viewerFromAuthorization } from '../../auth/viewer.js';
import type { Config } from '../../config.js';
import { log } from '../../lib/logger.js';
import { TeamMemberModel } from '../workspaces/team-member.model.js';
import { UserModel } from '../users/user.model.js';
import { createOAuthModel, revokeGrant, type OAuthUser } from './oauth.model.js';
import { OAuthGrantModel, OAuthTokenModel } from './oauth.models.js';
import { sha256 } from './oauth-secrets.js';

/**
 * The OAuth 2.0 endpoints for third-party apps (docs/partners.md, "OAuth apps"). The protocol is
 * @node-oauth/oauth2-server's; storage and Soash's rules are in oauth.model.ts.
 *
 * - `GET /oauth/authorize?response_type=code&client_id&redirect_uri&scope&state&code_challenge&code_challenge_method=S256`
 *   sends the browser to the web app's consent page (`/consent`, same query), which signs in first
 *   if needed;
 * - `POST /oauth/authorize` is what the consent page sends: the same parameters plus `workspace_id`
 *   and `allowed` (`true`/`false`), with the user's session access token as
 *   `Authorization: Bearer`. It answers `{ redirectTo }`: the app's redirect URI with `code` and
 *   `state`, or with `error` (access_denied, invalid_scope, invalid_request…) and `state`. Errors
 *   that must not redirect (unknown client, a redirect URI not registered) are JSON
 *   `{ error, error_description }` with 400/401;
 * - `POST /oauth/token` (form-encoded): `authorization_code` with `code_verifier`, and
 *   `refresh_token` (rotating); client authentication by HTTP Basic or client_id/client_secret in
 *   the body for confidential apps, client_id alone for public ones;
 * - `POST /oauth/revoke` (RFC 7009): `token` (access or refresh), same client authentication;
 *   always 200 for a token that is unknown or already dead.
 */

const oauth = new OAuth2Server({
  model: createOAuthModel('client'),
  accessTokenLifetime: OAUTH_ACCESS_TOKEN_SECONDS,
  refreshTokenLifetime: OAUTH_REFRESH_TOKEN_SECONDS,
  authorizationCodeLifetime: OAUTH_CODE_SECONDS,
  allowEmptyState: true,
  // Public clients refresh with client_id alone; confidential ones are held to their secret by the model.
  requireClientAuthentication: { authorization_code: false, refresh_token: false },
  alwaysIssueNewRefreshToken: true,
});
const authorizeModel = createOAuthModel('authorize');

type OAuthErrorLike = { name?: string; message?: string; code?: number };

function isOAuthError(err: unknown): err is OAuthErrorLike {
  return err instanceof OAuth2Server.OAuthError;
}

/** The JSON error body of RFC 6749 §5.2; a server_error never carries its cause. */
function errorBody(err: OAuthErrorLike): { error: string; error_description: string } {
  if (err.name === 'server_error') return { error: 'server_error', error_description: 'Internal server error' };
  return { error: err.name ?? 'invalid_request', error_description: err.message ?? '' };
}

function logServerError(what: string, err: unknown): void {
  const inner = (err as { inner?: unknown }).inner ?? err;
  log.error(what, { error: inner instanceof Error ? { message: inner.message, stack: inner.stack } : String(inner) });
}

/** Copies the library's answer onto the Express response. */
function send(res: Response, from: OAuth2Server.Response): void {
  for (const [name, value] of Object.entries(from.headers ?? {})) res.setHeader(name, value);
  res.status(from.status ?? 200).json(from.body ?? {});
}

function requestOf(req: Request): OAuth2Server.Request {
  return new OAuth2Server.Request({ headers: req.headers as Record<string, string>, method: req.method, query: req.query as Record<string, string>, body: req.body ?? {} });
}

/**
 * The user behind the consent page's request: a signed-in session (not an API key or OAuth token),
 * whose account exists, and who is an active member of the workspace they picked. A denial needs no
 * workspace.
 */
async function consentingUser(config: Config, req: OAuth2Server.Request): Promise<OAuthUser> {
  const result = await viewerFromAuthorization(config, req.get('authorization'));
  const viewer = result.viewer;
  if (!viewer || viewer.credential !== 'session') {
    throw new OAuth2Server.UnauthorizedRequestError(result.error ?? 'Sign in to approve an app', { code: 401, name: 'login_required' });
  }
  if (!(await UserModel.exists({ _id: new Types.ObjectId(viewer.id) }))) throw new OAuth2Server.UnauthorizedRequestError('Account no longer exists', { code: 401, name: 'login_required' });
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (body.allowed === 'false' || body.allowed === false) return { id: viewer.id, workspaceId: '' };
  const workspaceId = typeof body.workspace_id === 'string' ? body.workspace_id.trim().toLowerCase() : '';
  const member =
    Types.ObjectId.isValid(workspaceId) &&
    (await TeamMemberModel.exists({ userId: new Types.ObjectId(viewer.id), workspaceId: new Types.ObjectId(workspaceId), isActive: true }));
  if (!member) throw new OAuth2Server.InvalidRequestError('Invalid parameter: `workspace_id` is not a workspace you are a member of');
  return { id: viewer.id, workspaceId };
}

export function registerOAuthRoutes(app: Express, config: Config): void {
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const json = express.json({ limit: '16kb' });
  // Apps in a browser (public clients) call the token and revocation endpoints from their own origin; no cookies are involved.
  const anyOrigin = cors({ origin: '*', methods: ['POST'], maxAge: 600 });

  app.get('/oauth/authorize', (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const query = new URLSearchParams(req.url.split('?')[1] ?? '');
    res.redirect(302, `${config.webAppUrl}/consent?${query.toString()}`);
  });

  app.post('/oauth/authorize', json, form, async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const response = new OAuth2Server.Response();
    try {
      await oauth.authorize(requestOf(req), response, {
        model: authorizeModel,
        authenticateHandler: { handle: (r: OAuth2Server.Request) => consentingUser(config, r) },
      } as OAuth2Server.AuthorizeOptions);
    } catch (err) {
      if (!isOAuthError(err)) {
        logServerError('OAuth authorize failed', err);
        res.status(500).json({ error: 'server_error', error_description: 'Internal server error' });
        return;
      }
      if (err.name === 'server_error') logServerError('OAuth authorize failed', err);
      const location = response.get('location');
      // After the redirect URI is known to be the app's, errors go back to the app (RFC 6749 §4.1.2.1).
      if (!location) {
        res.status(err.code ?? 400).json(errorBody(err));
        return;
      }
    }
    const location = response.get('location');
    res.json({ redirectTo: location });
  });

  app.options(['/oauth/token', '/oauth/revoke'], anyOrigin);

  app.post('/oauth/token', anyOrigin, form, async (req: Request, res: Response) => {
    const response = new OAuth2Server.Response();
    try {
      await oauth.token(requestOf(req), response);
      send(res, response);
    } catch (err) {
      if (!isOAuthError(err)) logServerError('OAuth token failed', err);
      else if (err.name === 'server_error') logServerError('OAuth token failed', err);
      const e: OAuthErrorLike = isOAuthError(err) ? err : { name: 'server_error', code: 500 };
      for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
      res.setHeader('Cache-Control', 'no-store');
      res.status(e.code ?? 400).json(errorBody(e));
    }
  });

  app.post('/oauth/revoke', anyOrigin, form, async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const client = await authenticateClient(req);
      if (!client) {
        res.status(401).setHeader('WWW-Authenticate', 'Basic realm="Soash"');
        res.json({ error: 'invalid_client', error_description: 'Invalid client: client authentication failed' });
        return;
      }
      const token = typeof req.body?.token === 'string' ? req.body.token : '';
      if (!token) {
        res.status(400).json({ error: 'invalid_request', error_description: 'Missing parameter: `token`' });
        return;
      }
      await revokePresentedToken(client.appId, token);
      res.status(200).end();
    } catch (err) {
      logServerError('OAuth revoke failed', err);
      res.status(500).json({ error: 'server_error', error_description: 'Internal server error' });
    }
  });
}

/**
 * Client authentication for the revocation endpoint, as at the token endpoint: HTTP Basic
 * (RFC 6749 §2.3.1, form-encoded id and secret) or client_id/client_secret in the body; the
 * model's getClient holds confidential apps to their secret and public ones to none.
 */
async function authenticateClient(req: Request) {
  let clientId: string | undefined;
  let clientSecret: string | undefined;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.get('authorization') ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
    clientSecret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
  } else {
    clientId = typeof req.body?.client_id === 'string' ? req.body.client_id : undefined;
    clientSecret = typeof req.body?.client_secret === 'string' ? req.body.client_secret : undefined;
  }
  if (!clientId) return null;
  return (await createOAuthModel('client').getClient(clientId, clientSecret as string)) || null;
}

/**
 * RFC 7009: a refresh token ends its whole grant (every token issued under it); an access token
 * ends itself. A token of another app, or an unknown one, changes nothing (and says nothing).
 */
async function revokePresentedToken(appId: string, token: string): Promise<void> {
  const hash = sha256(token);
  const found = await OAuthTokenModel.findOne({ $or: [{ accessTokenHash: hash }, { refreshTokenHash: hash }] }).lean();
  if (!found) return;
  const grant = await OAuthGrantModel.findById(found.grantId).select('appId').lean();
  if (!grant || grant.appId.toHexString() !== appId) return;
  if (found.refreshTokenHash === hash) await revokeGrant(found.grantId, 'revoked by the app');
  else await OAuthTokenModel.updateOne({ _id: found._id, revokedAt: { $exists: false } }, { $set: { revokedAt: new Date() } });
}
