import { OAUTH_CLIENT_ID_PREFIX, OAUTH_CLIENT_SECRET_PREFIX } from '@soash/shared';
import { Types } from 'mongoose';
import { badInput, notFound } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { viewerOf, type Context } from '../../server/context.js';
import { requireAdmin } from '../users/users.service.js';
import type { CreateOAuthAppInput, NewOAuthApp, OAuthConsentRequest } from './dto/oauth-app.inputs.js';
import { clientOf, grantableScopes, revokeGrant } from './oauth.model.js';
import { OAuthAppModel, OAuthCodeModel, OAuthGrantModel, type OAuthApp, type OAuthGrant } from './oauth.models.js';
import { randomSecret, sha256 } from './oauth-secrets.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A redirect URI an app may register: absolute, https (or http on a loopback host, for native and
 * development apps), no fragment (RFC 6749 §3.1.2). It is then matched exactly, character for character.
 */
export function checkRedirectUri(raw: string): string {
  const uri = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw badInput(`redirectUris: "${uri.slice(0, 200)}" is not an absolute URI`, 'redirectUris');
  }
  if (parsed.hash || uri.includes('#')) throw badInput('redirectUris must not contain a fragment (#…)', 'redirectUris');
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
    throw badInput('redirectUris must use https (http only on localhost, 127.0.0.1 or [::1])', 'redirectUris');
  }
  if (parsed.username || parsed.password) throw badInput('redirectUris must not contain credentials', 'redirectUris');
  if (uri.length > 2000) throw badInput('redirectUris must be at most 2000 characters long', 'redirectUris');
  return uri;
}

export async function listOAuthApps(ctx: Context): Promise<OAuthApp[]> {
  await requireAdmin(ctx);
  return OAuthAppModel.find().sort({ createdAt: -1, _id: -1 }).limit(500).lean<OAuthApp[]>();
}

export async function createOAuthApp(ctx: Context, input: CreateOAuthAppInput): Promise<NewOAuthApp> {
  const admin = await requireAdmin(ctx);
  const name = input.name.trim();
  if (!name) throw badInput('name must not be only spaces', 'name');
  const redirectUris = [...new Set(input.redirectUris.map(checkRedirectUri))];
  const clientSecret = input.confidential ? randomSecret(OAUTH_CLIENT_SECRET_PREFIX) : null;
  const doc = await OAuthAppModel.create({
    name,
    clientId: randomSecret(OAUTH_CLIENT_ID_PREFIX, 20),
    secretHash: clientSecret ? sha256(clientSecret) : undefined,
    confidential: input.confidential,
    redirectUris,
    scopes: [...new Set(input.scopes)],
    createdBy: admin._id,
  });
  const { secretHash: _h, ...app } = doc.toObject() as OAuthApp;
  return { app: app as OAuthApp, clientSecret };
}

async function findApp(id: string): Promise<OAuthApp> {
  const app = await OAuthAppModel.findById(toObjectId(id, 'id')).lean<OAuthApp>();
  if (!app) throw notFound('OAuth app');
  return app;
}

/** A new client secret (shown once); the old one stops working at once. Confidential apps only. */
export async function rotateOAuthAppSecret(ctx: Context, id: string, now = new Date()): Promise<NewOAuthApp> {
  await requireAdmin(ctx);
  const app = await findApp(id);
  if (!app.confidential) throw badInput('A public app has no client secret', 'id');
  const clientSecret = randomSecret(OAUTH_CLIENT_SECRET_PREFIX);
  const updated = await OAuthAppModel.findOneAndUpdate({ _id: app._id }, { $set: { secretHash: sha256(clientSecret), secretRotatedAt: now } }, { returnDocument: 'after', lean: true });
  if (!updated) throw notFound('OAuth app');
  return { app: updated as OAuthApp, clientSecret };
}

/** Removes an app: every grant and token of it ends, pending codes are dropped. */
export async function deleteOAuthApp(ctx: Context, id: string): Promise<boolean> {
  await requireAdmin(ctx);
  const app = await findApp(id);
  const grants = await OAuthGrantModel.find({ appId: app._id, revokedAt: { $exists: false } }).select('_id').lean();
  for (const g of grants) await revokeGrant(g._id, 'app deleted');
  await OAuthCodeModel.deleteMany({ appId: app._id });
  await OAuthAppModel.deleteOne({ _id: app._id });
  return true;
}

/**
 * What the consent page shows for an authorization request, checked as the authorization endpoint
 * will check it: a known app, a redirect URI it registered (exactly; its first one when none is
 * given), scopes it registered. Anything else is BAD_USER_INPUT naming the parameter, and the page
 * must not send the user back to the app.
 */
export async function consentRequest(ctx: Context, clientId: string, redirectUri: string | null | undefined, scope: string | null | undefined): Promise<OAuthConsentRequest> {
  viewerOf(ctx);
  const app = await OAuthAppModel.findOne({ clientId: clientId.trim() }).lean<OAuthApp>();
  if (!app) throw badInput('client_id: no app is registered with this client id', 'clientId');
  const uri = redirectUri ?? app.redirectUris[0]!;
  if (!app.redirectUris.includes(uri)) throw badInput('redirect_uri: not one of the app\'s registered redirect URIs', 'redirectUri');
  const requested = scope?.trim() ? scope.trim().split(/\s+/) : undefined;
  const scopes = grantableScopes(clientOf(app), requested);
  if (!scopes) throw badInput('scope: asks for a scope the app is not registered for', 'scope');
  return { appName: app.name, clientId: app.clientId, redirectUri: uri, scopes };
}

/** The viewer's apps: the grants they made that are still in force, newest first. */
export function myOAuthGrants(ctx: Context): Promise<OAuthGrant[]> {
  const viewer = viewerOf(ctx);
  return OAuthGrantModel.find({ userId: new Types.ObjectId(viewer.id), revokedAt: { $exists: false } })
    .sort({ createdAt: -1, _id: -1 })
    .limit(500)
    .lean<OAuthGrant[]>();
}

/** Ends one of the viewer's grants and every token under it; another user's grant is NOT_FOUND. */
export async function revokeMyOAuthGrant(ctx: Context, id: string): Promise<OAuthGrant> {
  const viewer = viewerOf(ctx);
  const grant = await OAuthGrantModel.findOne({ _id: toObjectId(id, 'id'), userId: new Types.ObjectId(viewer.id) }).lean<OAuthGrant>();
  if (!grant) throw notFound('Connected app');
  if (!grant.revokedAt) await revokeGrant(grant._id, 'revoked by the user');
  return (await OAuthGrantModel.findById(grant._id).lean<OAuthGrant>())!;
}

export async function appOfGrant(grant: Pick<OAuthGrant, 'appId'>): Promise<OAuthApp | null> {
  return OAuthAppModel.findById(grant.appId).lean<OAuthApp>();
}

export async function workspaceNameOfGrant(ctx: Context, grant: Pick<OAuthGrant, 'workspaceId'>): Promise<string | null> {
  const memberships = await ctx.loaders.membershipsByUser.load(viewerOf(ctx).id);
  if (!memberships.some((m) => m.workspaceId.equals(grant.workspaceId))) return null;
  return (await ctx.loaders.workspaceById.load(grant.workspaceId.toHexString()))?.name ?? null;
}

