import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_FIELDS, PASSWORD, randomIp, registerViaApi, type AuthPayloadData } from '../../../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { hashToken } from '../../../lib/crypto.js';
import { RefreshTokenModel } from '../refresh-token.model.js';

/** The web app's refresh token: an httpOnly, SameSite=Strict cookie for POST /auth/refresh only. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const COOKIE_MODE = { 'x-soash-session': 'cookie' };
const CSRF = { 'x-soash-csrf': '1' };

/** The soash_refresh Set-Cookie of a response, split into its value and attributes. */
function refreshSetCookie(res: Response) {
  const raw = res.headers.getSetCookie().find((c) => c.startsWith('soash_refresh='));
  if (!raw) return undefined;
  const [pair, ...attrs] = raw.split(';').map((s) => s.trim());
  return { value: decodeURIComponent(pair!.slice('soash_refresh='.length)), attrs: attrs.map((a) => a.toLowerCase()), raw };
}

async function loginWithCookie(s: TestServer, email: string) {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp(), ...COOKIE_MODE },
    body: JSON.stringify({ query: `mutation($i: LoginInput!) { login(input: $i) { ${AUTH_FIELDS} } }`, variables: { i: { email, password: PASSWORD } } }),
  });
  const body = (await res.json()) as { data: { login: AuthPayloadData } };
  return { res, payload: body.data.login, cookie: refreshSetCookie(res) };
}

function refresh(cookie: string | undefined, headers: Record<string, string> = CSRF, method = 'POST') {
  return fetch(`${server.url}/auth/refresh`, { method, headers: { ...(cookie ? { cookie: `soash_refresh=${encodeURIComponent(cookie)}` } : {}), ...headers } });
}

describe('session cookie: successful cases', () => {
  it('sign-in from the web app sets the refresh token as an httpOnly SameSite=Strict cookie scoped to the refresh path, not in the answer', async () => {
    const reg = await registerViaApi(server);
    const { payload, cookie } = await loginWithCookie(server, reg.email);
    expect(payload.refreshToken).toBeNull();
    expect(payload.accessToken).toEqual(expect.any(String));
    expect(cookie).toBeDefined();
    expect(cookie!.attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/auth/refresh']));
    expect(cookie!.attrs.some((a) => a.startsWith('expires='))).toBe(true);
    // Plain http here: not Secure (a browser would drop a Secure cookie on http://).
    expect(cookie!.attrs).not.toContain('secure');
    expect(await RefreshTokenModel.exists({ tokenHash: hashToken(cookie!.value) })).toBeTruthy();
  });

  it('POST /auth/refresh rotates the cookie and answers a working access token; DELETE ends the session', async () => {
    const reg = await registerViaApi(server);
    const first = await loginWithCookie(server, reg.email);
    const res = await refresh(first.cookie!.value);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { accessToken: string; accessTokenExpiresAt: string; refreshTokenExpiresAt: string };
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'accessTokenExpiresAt', 'refreshTokenExpiresAt']);
    const next = refreshSetCookie(res)!;
    expect(next.value).not.toBe(first.cookie!.value);
    expect(next.attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/auth/refresh']));
    expect((await server.gql('{ me { id } }', {}, body.accessToken)).body.data).toEqual({ me: { id: reg.user.id } });

    const out = await refresh(next.value, CSRF, 'DELETE');
    expect(out.status).toBe(204);
    expect(refreshSetCookie(out)!.attrs).toEqual(expect.arrayContaining(['expires=thu, 01 jan 1970 00:00:00 gmt']));
    expect((await refresh(next.value)).status).toBe(401);
  });

  it('with an https PUBLIC_URL the cookie is Secure', async () => {
    const https = await startTestServer({ PUBLIC_URL: 'https://soash.example.test' });
    try {
      const reg = await registerViaApi(https);
      expect((await loginWithCookie(https, reg.email)).cookie!.attrs).toContain('secure');
    } finally {
      await https.close();
    }
  });

  it('API clients without the header keep getting the refresh token in the answer, and the mutation still rotates it', async () => {
    const reg = await registerViaApi(server);
    expect(reg.refreshToken).toEqual(expect.any(String));
    const { body } = await server.gql(`mutation($t: String!) { refreshToken(token: $t) { ${AUTH_FIELDS} } }`, { t: reg.refreshToken });
    expect(body.data!.refreshToken.refreshToken).toEqual(expect.any(String));
  });
});

describe('session cookie: failing cases', () => {
  it('a refresh without the CSRF header, or from a foreign origin, is refused and consumes nothing', async () => {
    const reg = await registerViaApi(server);
    const { cookie } = await loginWithCookie(server, reg.email);
    const refusedHeaders: Array<Record<string, string>> = [{}, { 'x-soash-csrf': 'yes' }, { ...CSRF, origin: 'https://evil.example' }];
    for (const headers of refusedHeaders) {
      const res = await refresh(cookie!.value, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
      expect(refreshSetCookie(res)).toBeUndefined();
    }
    const del = await refresh(cookie!.value, { origin: 'https://evil.example' }, 'DELETE');
    expect(del.status).toBe(403);
    // The token was not used by any of those: it still works, from an allowed origin.
    expect((await refresh(cookie!.value, { ...CSRF, origin: server.config.publicUrl })).status).toBe(200);
  });

  it('no cookie, an unknown one or a reused one is 401 and clears the cookie; reuse revokes the whole session', async () => {
    const none = await refresh(undefined);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'No session: sign in' } });
    const unknown = await refresh('made-up-token');
    expect(unknown.status).toBe(401);
    expect(refreshSetCookie(unknown)!.attrs).toEqual(expect.arrayContaining(['expires=thu, 01 jan 1970 00:00:00 gmt']));

    const reg = await registerViaApi(server);
    const { cookie } = await loginWithCookie(server, reg.email);
    const rotated = refreshSetCookie(await refresh(cookie!.value))!.value;
    const reused = await refresh(cookie!.value);
    expect(reused.status).toBe(401);
    expect(((await reused.json()) as { error: { message: string } }).error.message).toMatch(/already used/);
    expect((await refresh(rotated)).status).toBe(401);
  });
});
