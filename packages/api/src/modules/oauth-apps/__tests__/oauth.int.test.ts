import { Role, WorkspaceRole } from '@soash/shared';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { TeamMemberModel } from '../../workspaces/team-member.model.js';
import { addMember, createTeam } from '../../workspaces/__tests__/team-fixtures.js';
import { OAuthCodeModel, OAuthGrantModel, OAuthTokenModel } from '../oauth.models.js';
import { wsFirst } from '../../../../test/helpers/ws.js';

/**
 * The OAuth endpoints over real HTTP. The app's side is played by oauth4webapi (an independent,
 * standards-conformant client) where it fits, and by plain fetch where a test must send what a
 * conformant client never would (a wrong verifier, a replayed code, a foreign redirect URI).
 */
let server: TestServer;
let adminToken: string;
beforeAll(async () => {
  server = await startTestServer();
  adminToken = (await createUser({ role: Role.ADMIN })).token;
});
afterAll(async () => {
  await server.close();
});

const REDIRECT = 'https://partner.example/callback';
const insecure = { [oauth.allowInsecureRequests]: true } as const;

interface App {
  id: string;
  clientId: string;
  clientSecret: string | null;
}

async function registerApp(opts: { confidential?: boolean; scopes?: string[]; redirectUris?: string[] } = {}): Promise<App> {
  const res = await server.gql(
    `mutation($input: CreateOAuthAppInput!) { createOAuthApp(input: $input) { clientSecret app { id clientId name confidential redirectUris scopes } } }`,
    { input: { name: 'Partner dashboard', redirectUris: opts.redirectUris ?? [REDIRECT], scopes: opts.scopes ?? ['PLATFORMS_READ', 'CATEGORIES_WRITE'], confidential: opts.confidential ?? true } },
    adminToken,
  );
  expect(res.body.errors).toBeUndefined();
  const made = res.body.data!.createOAuthApp;
  return { id: made.app.id, clientId: made.app.clientId, clientSecret: made.clientSecret };
}

function issuer(): oauth.AuthorizationServer {
  return {
    issuer: server.url,
    authorization_endpoint: `${server.url}/oauth/authorize`,
    token_endpoint: `${server.url}/oauth/token`,
    revocation_endpoint: `${server.url}/oauth/revoke`,
  };
}

const clientAuthOf = (app: App) => (app.clientSecret ? oauth.ClientSecretBasic(app.clientSecret) : oauth.None());

/** What the consent page sends after the user chose: POST /oauth/authorize with their session. */
async function consent(sessionToken: string | undefined, params: Record<string, string>) {
  const res = await fetch(`${server.url}/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(sessionToken ? { authorization: `Bearer ${sessionToken}` } : {}) },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: (await res.json()) as { redirectTo?: string; error?: string; error_description?: string } };
}

async function pkce() {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) };
}

/** The user approves `app` for `workspaceId`; returns the code and what the client needs to redeem it. */
async function approve(app: App, sessionToken: string, workspaceId: string, extra: Record<string, string> = {}) {
  const { verifier, challenge } = await pkce();
  const state = oauth.generateRandomState();
  const res = await consent(sessionToken, {
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: REDIRECT,
    scope: 'platforms:read',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    workspace_id: workspaceId,
    allowed: 'true',
    ...extra,
  });
  expect(res.status).toBe(200);
  const redirect = new URL(res.body.redirectTo!);
  return { redirect, verifier, state };
}

async function exchange(app: App, redirect: URL, verifier: string, state: string) {
  const client: oauth.Client = { client_id: app.clientId };
  const params = oauth.validateAuthResponse(issuer(), client, redirect, state);
  const response = await oauth.authorizationCodeGrantRequest(issuer(), client, clientAuthOf(app), params, REDIRECT, verifier, insecure);
  return oauth.processAuthorizationCodeResponse(issuer(), client, response);
}

/** A raw token request, as a client that does not play by the rules would send it. */
async function tokenRequest(app: App, body: Record<string, string>, withSecret = true) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (withSecret && app.clientSecret) headers.authorization = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
  const res = await fetch(`${server.url}/oauth/token`, { method: 'POST', headers, body: new URLSearchParams({ client_id: app.clientId, ...body }).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function refresh(app: App, refreshToken: string) {
  const client: oauth.Client = { client_id: app.clientId };
  const response = await oauth.refreshTokenGrantRequest(issuer(), client, clientAuthOf(app), refreshToken, insecure);
  return oauth.processRefreshTokenResponse(issuer(), client, response);
}

const PLATFORMS = '{ platforms { id } }';
const errorCode = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => res.body.errors?.[0]?.extensions?.code;

/** A team whose editor grants `app` access to the team's workspace, with one account to read. */
async function grantedTeam(app: App, who: 'owner' | 'editor' | 'viewer' = 'editor') {
  const team = await createTeam();
  const platform = await createPlatform(team.workspace._id);
  const { redirect, verifier, state } = await approve(app, team[who].token, team.workspaceId);
  const tokens = await exchange(app, redirect, verifier, state);
  return { team, platform, tokens };
}


describe('OAuth apps: successful cases', () => {
  it('the access token works over graphql-ws too, in the granted workspace', async () => {
    const app = await registerApp();
    const { platform, tokens } = await grantedTeam(app);
    const answer = await wsFirst(server, tokens.access_token, PLATFORMS);
    expect(answer.type).toBe('next');
    expect(answer.payload.data).toEqual({ platforms: [{ id: platform._id.toHexString() }] });
  });

  it('code + PKCE (S256) gives prefixed access and refresh tokens, stored only as hashes, that act in the granted workspace', async () => {
    const app = await registerApp();
    expect(app.clientId).toMatch(/^soashapp_[0-9A-Za-z]{20}$/);
    expect(app.clientSecret).toMatch(/^soashs_[0-9A-Za-z]{43}$/);
    const { team, platform, tokens } = await grantedTeam(app);
    expect(tokens.access_token).toMatch(/^soasho_[0-9A-Za-z]{43}$/);
    expect(tokens.refresh_token).toMatch(/^soashr_[0-9A-Za-z]{43}$/);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBeGreaterThan(3500);
    expect(tokens.expires_in).toBeLessThanOrEqual(3600);
    expect(tokens.scope).toBe('platforms:read');

    const stored = JSON.stringify(await OAuthTokenModel.find().lean());
    expect(stored).not.toContain(tokens.access_token);
    expect(stored).not.toContain(tokens.refresh_token!);

    // Another workspace of the same user does not leak in: the token is pinned to the granted one.
    const res = await server.gql(PLATFORMS, {}, tokens.access_token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ platforms: [{ id: platform._id.toHexString() }] });
    const elsewhere = await server.gql(PLATFORMS, {}, tokens.access_token, { 'x-workspace-id': team.editor.user._id.toHexString() });
    expect(errorCode(elsewhere)).toBe('NOT_FOUND');
  });

  it('GET /oauth/authorize sends the browser to the consent page with the same parameters', async () => {
    const res = await fetch(`${server.url}/oauth/authorize?response_type=code&client_id=abc&state=xyz&scope=platforms%3Aread`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.pathname).toBe('/consent');
    expect(Object.fromEntries(location.searchParams)).toEqual({ response_type: 'code', client_id: 'abc', state: 'xyz', scope: 'platforms:read' });
  });

  it('a public client (no secret) completes the flow with PKCE and client_id alone, and refreshes the same way', async () => {
    const app = await registerApp({ confidential: false });
    expect(app.clientSecret).toBeNull();
    const { tokens } = await grantedTeam(app);
    expect((await server.gql(PLATFORMS, {}, tokens.access_token)).body.errors).toBeUndefined();
    const next = await refresh(app, tokens.refresh_token!);
    expect(next.access_token).not.toBe(tokens.access_token);
  });

  it('refresh rotates the refresh token; presenting a spent one again ends the whole grant', async () => {
    const app = await registerApp();
    const { tokens } = await grantedTeam(app);
    const second = await refresh(app, tokens.refresh_token!);
    expect(second.refresh_token).toMatch(/^soashr_/);
    expect(second.refresh_token).not.toBe(tokens.refresh_token);
    expect((await server.gql(PLATFORMS, {}, second.access_token)).body.errors).toBeUndefined();

    // The first refresh token again (a stolen copy, or a confused app): refused, and the family ends.
    const replay = await tokenRequest(app, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect(errorCode(await server.gql(PLATFORMS, {}, second.access_token))).toBe('UNAUTHENTICATED');
    const afterReplay = await tokenRequest(app, { grant_type: 'refresh_token', refresh_token: second.refresh_token! });
    expect(afterReplay.body.error).toBe('invalid_grant');
  });

  it('revocation (RFC 7009): a refresh token ends the grant; unknown tokens answer 200; a wrong client secret is invalid_client', async () => {
    const app = await registerApp();
    const { tokens } = await grantedTeam(app);
    const client: oauth.Client = { client_id: app.clientId };
    const wrong = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${app.clientId}:soashs_wrong`).toString('base64')}` },
      body: new URLSearchParams({ token: tokens.refresh_token! }).toString(),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
    expect((await server.gql(PLATFORMS, {}, tokens.access_token)).body.errors).toBeUndefined();

    const unknown = await oauth.revocationRequest(issuer(), client, clientAuthOf(app), 'soashr_doesnotexist', insecure);
    await oauth.processRevocationResponse(unknown);

    const revoked = await oauth.revocationRequest(issuer(), client, clientAuthOf(app), tokens.refresh_token!, insecure);
    await oauth.processRevocationResponse(revoked);
    expect(errorCode(await server.gql(PLATFORMS, {}, tokens.access_token))).toBe('UNAUTHENTICATED');
    expect((await tokenRequest(app, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! })).body.error).toBe('invalid_grant');
  });

  it('Settings → Connected apps: the user lists their grants and revokes one; another user cannot touch it', async () => {
    const app = await registerApp();
    const { team, tokens } = await grantedTeam(app);
    const list = await server.gql('{ connectedApps { id appName workspaceId workspaceName scopes lastUsedAt } }', {}, team.editor.token);
    expect(list.body.errors).toBeUndefined();
    await server.gql(PLATFORMS, {}, tokens.access_token);
    const listed = (await server.gql('{ connectedApps { id appName workspaceId workspaceName scopes lastUsedAt } }', {}, team.editor.token)).body.data!.connectedApps;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ appName: 'Partner dashboard', workspaceId: team.workspaceId, workspaceName: 'Brand', scopes: ['PLATFORMS_READ'] });
    expect(listed[0].lastUsedAt).not.toBeNull();

    const REVOKE = 'mutation($id: ID!) { revokeConnectedApp(id: $id) { id revokedAt } }';
    expect(errorCode(await server.gql(REVOKE, { id: listed[0].id }, team.owner.token))).toBe('NOT_FOUND');
    const revoked = await server.gql(REVOKE, { id: listed[0].id }, team.editor.token);
    expect(revoked.body.data!.revokeConnectedApp.revokedAt).not.toBeNull();
    expect(errorCode(await server.gql(PLATFORMS, {}, tokens.access_token))).toBe('UNAUTHENTICATED');
    expect((await server.gql('{ connectedApps { id } }', {}, team.editor.token)).body.data!.connectedApps).toEqual([]);
  });

  it('the consent page reads the request: app name and scopes; a bad request is BAD_USER_INPUT', async () => {
    const app = await registerApp();
    const user = await createUser();
    const Q = 'query($c: String!, $r: String, $s: String) { oauthConsentRequest(clientId: $c, redirectUri: $r, scope: $s) { appName clientId redirectUri scopes } }';
    const ok = await server.gql(Q, { c: app.clientId, r: REDIRECT, s: 'platforms:read categories:write' }, user.token);
    expect(ok.body.data!.oauthConsentRequest).toEqual({ appName: 'Partner dashboard', clientId: app.clientId, redirectUri: REDIRECT, scopes: ['CATEGORIES_WRITE', 'PLATFORMS_READ'] });
    expect(errorCode(await server.gql(Q, { c: app.clientId, r: 'https://evil.example/cb' }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql(Q, { c: app.clientId, s: 'webhooks:write' }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql(Q, { c: 'soashapp_nope' }, user.token))).toBe('BAD_USER_INPUT');
  });
});

describe('OAuth apps: failing cases', () => {
  it('a wrong code verifier is refused and spends the code', async () => {
    const app = await registerApp();
    const team = await createTeam();
    const { redirect, verifier } = await approve(app, team.editor.token, team.workspaceId);
    const code = redirect.searchParams.get('code')!;
    const wrong = await tokenRequest(app, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: oauth.generateRandomCodeVerifier() });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    const right = await tokenRequest(app, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(right.body.error).toBe('invalid_grant');
  });

  it('a code is redeemed once; a replay is refused and revokes what the first exchange issued', async () => {
    const app = await registerApp();
    const team = await createTeam();
    const { redirect, verifier, state } = await approve(app, team.editor.token, team.workspaceId);
    const tokens = await exchange(app, redirect, verifier, state);
    const replay = await tokenRequest(app, { grant_type: 'authorization_code', code: redirect.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect(errorCode(await server.gql(PLATFORMS, {}, tokens.access_token))).toBe('UNAUTHENTICATED');
  });

  it('every app must use PKCE: no code_challenge goes back to the app as invalid_request', async () => {
    const app = await registerApp();
    const team = await createTeam();
    const res = await consent(team.editor.token, { response_type: 'code', client_id: app.clientId, redirect_uri: REDIRECT, state: 's1', workspace_id: team.workspaceId, allowed: 'true' });
    const redirect = new URL(res.body.redirectTo!);
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT);
    expect(redirect.searchParams.get('error')).toBe('invalid_request');
    expect(redirect.searchParams.get('state')).toBe('s1');
    expect(redirect.searchParams.get('code')).toBeNull();
    expect(await OAuthCodeModel.countDocuments({ appId: app.id })).toBe(0);
  });

  it('redirect URIs are matched exactly: a foreign one is refused without redirecting, and the token step must repeat the one used', async () => {
    const app = await registerApp({ redirectUris: [REDIRECT, 'https://partner.example/other'] });
    const team = await createTeam();
    const { challenge, verifier } = await pkce();
    for (const uri of ['https://evil.example/callback', `${REDIRECT}/`, `${REDIRECT}?x=1`, 'https://PARTNER.example/callback']) {
      const res = await consent(team.editor.token, { response_type: 'code', client_id: app.clientId, redirect_uri: uri, state: 's', code_challenge: challenge, workspace_id: team.workspaceId, allowed: 'true' });
      expect(res.status, uri).toBe(400);
      expect(res.body.redirectTo).toBeUndefined();
      expect(res.body.error).toBe('invalid_client');
    }
    const { redirect } = await approve(app, team.editor.token, team.workspaceId, { code_challenge: challenge });
    const other = await tokenRequest(app, { grant_type: 'authorization_code', code: redirect.searchParams.get('code')!, redirect_uri: 'https://partner.example/other', code_verifier: verifier });
    expect(other.status).toBe(400);
    expect(other.body.error).toBe('invalid_request');
  });

  it('denial goes back to the app as access_denied with the state; no code is made', async () => {
    const app = await registerApp();
    const team = await createTeam();
    const { challenge } = await pkce();
    const res = await consent(team.editor.token, { response_type: 'code', client_id: app.clientId, redirect_uri: REDIRECT, state: 'keep-me', code_challenge: challenge, allowed: 'false' });
    expect(res.status).toBe(200);
    const redirect = new URL(res.body.redirectTo!);
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('keep-me');
    expect(redirect.searchParams.get('code')).toBeNull();
  });

  it('consent needs a signed-in session and a workspace the user is a member of; scopes beyond the app are invalid_scope', async () => {
    const app = await registerApp();
    const team = await createTeam();
    const outsider = await createUser();
    const { challenge } = await pkce();
    const base = { response_type: 'code', client_id: app.clientId, redirect_uri: REDIRECT, state: 's', code_challenge: challenge, allowed: 'true', workspace_id: team.workspaceId };
    const anonymous = await consent(undefined, base);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toBe('login_required');
    expect((await consent(outsider.token, base)).body.error).toBe('invalid_request');
    const tooMuch = await consent(team.editor.token, { ...base, scope: 'platforms:read webhooks:write' });
    expect(new URL(tooMuch.body.redirectTo!).searchParams.get('error')).toBe('invalid_scope');
    const unknownClient = await consent(team.editor.token, { ...base, client_id: 'soashapp_unknown' });
    expect(unknownClient.body.error).toBe('invalid_client');
  });

  it('a confidential app must authenticate at the token endpoint', async () => {
    const app = await registerApp();
    const team = await createTeam();
    const { redirect, verifier } = await approve(app, team.editor.token, team.workspaceId);
    const res = await tokenRequest(app, { grant_type: 'authorization_code', code: redirect.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: verifier }, false);
    expect(res.body.error).toBe('invalid_client');
    expect(res.body.error_description).not.toMatch(/stack|at /);
  });

  it('scopes cap what the app does, and the granting user\'s current role caps the scopes', async () => {
    const app = await registerApp();
    const team = await createTeam();
    const CREATE = 'mutation { createCategory(input: { name: "Launch", colorCode: "#112233" }) { id } }';
    // Granted platforms:read only: writing categories is FORBIDDEN.
    const { redirect, verifier, state } = await approve(app, team.editor.token, team.workspaceId);
    const readOnly = await exchange(app, redirect, verifier, state);
    const forbidden = await server.gql(CREATE, {}, readOnly.access_token);
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    expect(forbidden.body.errors![0]!.message).toContain('categories:write');

    // A viewer grants categories:write, but a viewer may not write categories: FORBIDDEN still.
    const asViewer = await approve(app, team.viewer.token, team.workspaceId, { scope: 'categories:write' });
    const viewerTokens = await exchange(app, asViewer.redirect, asViewer.verifier, asViewer.state);
    expect(errorCode(await server.gql(CREATE, {}, viewerTokens.access_token))).toBe('FORBIDDEN');
    // Promoted to editor, the same token may (the role is read per request).
    await TeamMemberModel.updateOne({ workspaceId: team.workspace._id, userId: team.viewer.user._id }, { $set: { role: WorkspaceRole.EDITOR } });
    expect((await server.gql(CREATE, {}, viewerTokens.access_token)).body.errors).toBeUndefined();

    // Session-only operations are closed to OAuth tokens whatever they were granted.
    expect(errorCode(await server.gql('{ connectedApps { id } }', {}, viewerTokens.access_token))).toBe('FORBIDDEN');
    expect(errorCode(await server.gql('{ apiKeys { id } }', {}, viewerTokens.access_token))).toBe('FORBIDDEN');
  });

  it('the access dies when the granting user leaves the workspace', async () => {
    const app = await registerApp();
    const team = await createTeam();
    const member = await addMember(team, WorkspaceRole.EDITOR);
    const { redirect, verifier, state } = await approve(app, member.token, team.workspaceId);
    const tokens = await exchange(app, redirect, verifier, state);
    expect((await server.gql(PLATFORMS, {}, tokens.access_token)).body.errors).toBeUndefined();
    await TeamMemberModel.updateOne({ workspaceId: team.workspace._id, userId: member.user._id }, { $set: { isActive: false } });
    const res = await server.gql(PLATFORMS, {}, tokens.access_token);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.body.errors![0]!.message).toContain('no longer a member');
  });

  it('app registration is for instance admins; deleting an app ends every grant of it', async () => {
    const user = await createUser();
    const res = await server.gql('mutation { createOAuthApp(input: { name: "x", redirectUris: ["https://a.example/cb"], scopes: [PLATFORMS_READ] }) { clientSecret } }', {}, user.token);
    expect(errorCode(res)).toBe('FORBIDDEN');
    const bad = await server.gql('mutation { createOAuthApp(input: { name: "x", redirectUris: ["http://a.example/cb"], scopes: [PLATFORMS_READ] }) { clientSecret } }', {}, adminToken);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const app = await registerApp();
    const { tokens } = await grantedTeam(app);
    const listed = await server.gql('{ oauthApps { id clientId } }', {}, adminToken);
    expect(listed.body.data!.oauthApps.some((a: { id: string }) => a.id === app.id)).toBe(true);
    expect((await server.gql('mutation($id: ID!) { deleteOAuthApp(id: $id) }', { id: app.id }, adminToken)).body.data).toEqual({ deleteOAuthApp: true });
    expect(errorCode(await server.gql(PLATFORMS, {}, tokens.access_token))).toBe('UNAUTHENTICATED');
    expect(await OAuthGrantModel.countDocuments({ appId: app.id, revokedAt: { $exists: false } })).toBe(0);
  });

  it('rotating the client secret stops the old one at once', async () => {
    const app = await registerApp();
    const rotated = await server.gql('mutation($id: ID!) { rotateOAuthAppSecret(id: $id) { clientSecret } }', { id: app.id }, adminToken);
    const secret = rotated.body.data!.rotateOAuthAppSecret.clientSecret as string;
    expect(secret).toMatch(/^soashs_/);
    const team = await createTeam();
    const first = await approve(app, team.editor.token, team.workspaceId);
    const old = await tokenRequest(app, { grant_type: 'authorization_code', code: first.redirect.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: first.verifier });
    expect(old.body.error).toBe('invalid_client');
    const second = await approve(app, team.editor.token, team.workspaceId);
    const tokens = await exchange({ ...app, clientSecret: secret }, second.redirect, second.verifier, second.state);
    expect(tokens.access_token).toMatch(/^soasho_/);
  });
});
