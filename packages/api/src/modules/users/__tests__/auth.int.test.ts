import jwt from 'jsonwebtoken';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTH_FIELDS,
  latestMailText,
  latestMailToken,
  loginViaApi,
  PASSWORD,
  randomIp,
  refreshViaApi,
  registerViaApi,
  uniqueEmail,
  type AuthPayloadData,
} from '../../../../test/helpers/auth.js';
import { createUser, tokenFor } from '../../../../test/helpers/fixtures.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../../../../test/helpers/server.js';
import { hashToken } from '../../../lib/crypto.js';
import { RateLimitModel } from '../../../lib/rate-limit.js';
import { MailMessageModel } from '../../mail/mail-message.model.js';
import { ReferralCodeModel } from '../../referrals/referral-code.model.js';
import { ReferralSignupModel } from '../../referrals/referral-signup.model.js';
import { AUTH_LIMITS } from '../auth.service.js';
import { LoginThrottleModel } from '../login-throttle.model.js';
import { backoffSeconds, LOGIN_BACKOFF } from '../login-throttle.js';
import { RefreshTokenModel } from '../refresh-token.model.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { UserModel } from '../user.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ WEB_APP_URL: 'https://app.soash.test' });
});
afterAll(async () => {
  await server.close();
});

const ME = '{ me { id email name isVerified lastLoginAt } }';
const LOGOUT = 'mutation($t: String, $all: Boolean) { logout(refreshToken: $t, allSessions: $all) }';

const errorOf = (body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => body.errors?.[0];

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const unsigned = (payload: object) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;

async function expectRefreshRejected(token: string, message?: RegExp) {
  const { body } = await refreshViaApi(server, token);
  expect(body.data).toBeNull();
  expect(errorOf(body)?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  if (message) expect(errorOf(body)?.message).toMatch(message);
}

describe('auth: successful cases', () => {
  it('register creates the account and its profile and mails a verification link; signing in stores the session hashed', async () => {
    const email = uniqueEmail('Jane');
    const res = await registerViaApi(server, { name: '  Jane Doe ', email: `  ${email.toUpperCase()} `, company: 'Acme' });
    expect(res.user).toMatchObject({ email: email.toLowerCase(), name: 'Jane Doe', role: 'USER', isVerified: false });
    expect(new Date(res.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(res.refreshTokenExpiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

    const stored = await UserModel.findById(res.user.id).select('+passwordHash +verificationTokenHash').lean();
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored!.company).toBe('Acme');
    expect(await WorkspaceModel.findOne({ _id: stored!._id }).lean()).toMatchObject({ timezone: 'UTC', onboardingCompleted: false });

    // The refresh token is stored only as its hash.
    const tokens = await RefreshTokenModel.find({ userId: stored!._id }).lean();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.tokenHash).toBe(hashToken(res.refreshToken));
    expect(JSON.stringify(tokens)).not.toContain(res.refreshToken);

    // The mail links into the web app; only the token's hash is stored on the user, and the
    // outbox keeps the body encrypted: the raw token is nowhere in the database.
    expect(await latestMailText(email.toLowerCase(), 'verify_email')).toMatch(/https:\/\/app\.soash\.test\/verify-email\?token=[\w-]+/);
    const token = await latestMailToken(email.toLowerCase(), 'verify_email');
    expect(stored!.verificationTokenHash).toBe(hashToken(token));
    const raw = await MailMessageModel.collection.find({ to: email.toLowerCase() }).toArray();
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw)).not.toContain(token);
    expect(JSON.stringify(raw)).not.toContain(encodeURIComponent(token));
    expect(JSON.stringify(await UserModel.collection.findOne({ _id: stored!._id }))).not.toContain(token);

    const me = await server.gql(ME, {}, res.accessToken);
    expect(me.body.data!.me).toMatchObject({ id: res.user.id, email: email.toLowerCase() });
  });

  it('register with an active referral code records a pending signup for the code owner', async () => {
    const owner = await createUser();
    await ReferralCodeModel.create({ userId: owner.user._id, code: 'OWNER1-REF' });
    const res = await registerViaApi(server, { referralCode: 'owner1-ref' });
    const signup = await ReferralSignupModel.findOne({ refereeUserId: new Types.ObjectId(res.user.id) }).lean();
    expect(signup).toMatchObject({ referrerUserId: owner.user._id, conversionStatus: 'pending', commissionCents: 0 });
    expect(signup!.signupDate.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('login accepts the email in any case and records lastLoginAt', async () => {
    const reg = await registerViaApi(server);
    const { body } = await loginViaApi(server, `  ${reg.email.toUpperCase()}`);
    expect(body.errors).toBeUndefined();
    const session = body.data!.login;
    expect(session.user.id).toBe(reg.user.id);
    const me = await server.gql(ME, {}, session.accessToken);
    expect(new Date(me.body.data!.me.lastLoginAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refreshToken rotates: a new pair each time, in the same family', async () => {
    const reg = await registerViaApi(server);
    const first = await refreshViaApi(server, reg.refreshToken);
    expect(first.body.errors).toBeUndefined();
    const r1 = first.body.data!.refreshToken;
    expect(r1.refreshToken).not.toBe(reg.refreshToken);
    expect(r1.user.id).toBe(reg.user.id);
    const second = await refreshViaApi(server, r1.refreshToken);
    const r2 = second.body.data!.refreshToken;
    expect((await server.gql(ME, {}, r2.accessToken)).body.data!.me.id).toBe(reg.user.id);

    const family = await RefreshTokenModel.find({ userId: new Types.ObjectId(reg.user.id) }).lean();
    expect(new Set(family.map((t) => t.familyId)).size).toBe(1);
    expect(family.filter((t) => t.usedAt)).toHaveLength(2);
  });

  it('logout(refreshToken) ends that session only; logout(allSessions) ends every session', async () => {
    const reg = await registerViaApi(server);
    const other = (await loginViaApi(server, reg.email)).body.data!.login;
    const third = (await loginViaApi(server, reg.email)).body.data!.login;

    const out = await server.gql(LOGOUT, { t: reg.refreshToken }, reg.accessToken);
    expect(out.body.data).toEqual({ logout: true });
    await expectRefreshRejected(reg.refreshToken, /signed out/);
    const stillIn = await refreshViaApi(server, other.refreshToken);
    expect(stillIn.body.errors).toBeUndefined();

    const all = await server.gql(LOGOUT, { all: true }, third.accessToken);
    expect(all.body.data).toEqual({ logout: true });
    await expectRefreshRejected(stillIn.body.data!.refreshToken.refreshToken);
    await expectRefreshRejected(third.refreshToken);
  });

  it('verifyEmail confirms the address; a resent link replaces the previous one', async () => {
    const reg = await registerViaApi(server);
    const firstToken = await latestMailToken(reg.email, 'verify_email');
    const resend = await server.gql('mutation { resendVerificationEmail }', {}, reg.accessToken);
    expect(resend.body.data).toEqual({ resendVerificationEmail: true });
    const secondToken = await latestMailToken(reg.email, 'verify_email');
    expect(secondToken).not.toBe(firstToken);

    const stale = await server.gql('mutation($t: String!) { verifyEmail(token: $t) { id } }', { t: firstToken });
    expect(errorOf(stale.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });

    const ok = await server.gql('mutation($t: String!) { verifyEmail(token: $t) { id email isVerified } }', { t: secondToken });
    expect(ok.body.data!.verifyEmail).toEqual({ id: reg.user.id, email: reg.email, isVerified: true });
    const again = await server.gql('mutation { resendVerificationEmail }', {}, reg.accessToken);
    expect(again.body.data).toEqual({ resendVerificationEmail: false });
  });

  it('password reset: a mailed one-hour link sets a new password and ends every session', async () => {
    const reg = await registerViaApi(server);
    const res = await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: reg.email.toUpperCase() });
    expect(res.body.data).toEqual({ requestPasswordReset: true });
    expect(await latestMailText(reg.email, 'password_reset')).toContain('https://app.soash.test/reset-password?token=');
    const resetToken = await latestMailToken(reg.email, 'password_reset');
    expect(JSON.stringify(await MailMessageModel.collection.find({ to: reg.email }).toArray())).not.toContain(resetToken);
    expect(JSON.stringify(await UserModel.collection.findOne({ _id: new Types.ObjectId(reg.user.id) }))).not.toContain(resetToken);
    const stored = await UserModel.findById(reg.user.id).select('+passwordResetExpiresAt').lean();
    const ttl = stored!.passwordResetExpiresAt!.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(55 * 60_000);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000);

    const token = await latestMailToken(reg.email, 'password_reset');
    const done = await server.gql('mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }', {
      t: token,
      p: 'a brand new password',
    });
    expect(done.body.data).toEqual({ resetPassword: true });
    await expectRefreshRejected(reg.refreshToken);
    expect(errorOf((await loginViaApi(server, reg.email, PASSWORD)).body)?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await loginViaApi(server, reg.email, 'a brand new password')).body.errors).toBeUndefined();
  });

  it('changePassword returns a fresh session and ends every other one', async () => {
    const reg = await registerViaApi(server);
    const other = (await loginViaApi(server, reg.email)).body.data!.login;
    const { body } = await server.gql<{ changePassword: AuthPayloadData }>(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { ${AUTH_FIELDS} } }`,
      { c: PASSWORD, n: 'another good password' },
      reg.accessToken,
    );
    expect(body.errors).toBeUndefined();
    const fresh = body.data!.changePassword;
    await expectRefreshRejected(reg.refreshToken);
    await expectRefreshRejected(other.refreshToken);
    expect((await refreshViaApi(server, fresh.refreshToken)).body.errors).toBeUndefined();
    expect((await loginViaApi(server, reg.email, 'another good password')).body.errors).toBeUndefined();
  });
});

describe('auth: failing cases', () => {
  it('register answers a taken address (any case) exactly like a new one, changes nothing on it and mails its owner', async () => {
    const reg = await registerViaApi(server);
    const before = await UserModel.findById(reg.user.id).select('+passwordHash').lean();
    const sessions = await RefreshTokenModel.countDocuments({ userId: new Types.ObjectId(reg.user.id) });
    const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { __typename email nextStep message } }`;
    const fresh = uniqueEmail();
    const taken = await server.gql(REGISTER, { input: { name: 'X', email: reg.email.toUpperCase(), password: 'some other password' } }, undefined, { 'x-forwarded-for': randomIp() });
    const created = await server.gql(REGISTER, { input: { name: 'X', email: fresh, password: 'some other password' } }, undefined, { 'x-forwarded-for': randomIp() });
    expect(taken.status).toBe(created.status);
    expect(JSON.stringify(taken.body).replace(reg.email, '<email>')).toBe(JSON.stringify(created.body).replace(fresh, '<email>'));
    // This server sends no mail (no SMTP_URL): the next step is to sign in.
    expect({ ...taken.body, extensions: undefined }).toEqual({ data: { register: { __typename: 'RegisterPayload', email: reg.email, nextStep: 'SIGN_IN', message: expect.stringMatching(/sign in/) } } });

    expect(await UserModel.findById(reg.user.id).select('+passwordHash').lean()).toEqual(before);
    expect(await RefreshTokenModel.countDocuments({ userId: new Types.ObjectId(reg.user.id) })).toBe(sessions);
    expect(await UserModel.countDocuments({ email: reg.email })).toBe(1);
    const notice = await latestMailText(reg.email, 'notice');
    expect(notice).toContain('Someone (maybe you) just tried to create a Soash account with this email address.');
    expect(notice).toContain('https://app.soash.test/login');
    expect(notice).toContain('https://app.soash.test/forgot-password');
    expect(notice).not.toMatch(/token=/);
    // Only the original password signs in.
    expect((await loginViaApi(server, reg.email, 'some other password')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await loginViaApi(server, reg.email)).body.errors).toBeUndefined();
  });

  it('register validates every field and names it', async () => {
    const { body } = await server.gql(
      `mutation($input: RegisterInput!) { register(input: $input) { email } }`,
      { input: { name: '', email: 'not-an-email', password: 'short' } },
      undefined,
      { 'x-forwarded-for': randomIp() },
    );
    expect(errorOf(body)?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (errorOf(body)!.extensions!.fields as Array<{ field: string }>).map((f) => f.field).sort();
    expect(fields).toEqual(['email', 'name', 'password']);
    const long = await server.gql(
      `mutation($input: RegisterInput!) { register(input: $input) { email } }`,
      { input: { name: 'X', email: uniqueEmail(), password: 'x'.repeat(129) } },
      undefined,
      { 'x-forwarded-for': randomIp() },
    );
    expect((errorOf(long.body)!.extensions!.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['password']);
  });

  it('register normalises emails (NFKC, case) and refuses invisible and look-alike characters', async () => {
    const local = `wide-${Date.now().toString(36)}`;
    // Full-width letters are the same address after NFKC.
    const wide = `${[...local].map((c) => (/[a-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('')}@EXAMPLE.test`;
    const reg = await registerViaApi(server, { email: wide });
    expect(reg.user.email).toBe(`${local}@example.test`);
    expect((await loginViaApi(server, `${local}@example.test`)).body.errors).toBeUndefined();

    const refused: Array<[string, RegExp]> = [
      [`jo\u200bhn-${local}@example.test`, /invisible/],
      [`john-${local}\u00ad@example.test`, /invisible/],
      [`\u202ejohn-${local}@example.test`, /invisible/],
      // Cyrillic "а" in place of the Latin one.
      [`j\u0430ne-${local}@example.test`, /ASCII/],
      [`jane-${local}@ex\u0430mple.test`, /ASCII/],
    ];
    for (const [email, message] of refused) {
      const { body } = await server.gql(
        `mutation($input: RegisterInput!) { register(input: $input) { email } }`,
        { input: { name: 'X', email, password: PASSWORD } },
        undefined,
        { 'x-forwarded-for': randomIp() },
      );
      expect(errorOf(body)?.extensions?.code, email).toBe('BAD_USER_INPUT');
      expect(errorOf(body)?.extensions?.fields, email).toEqual([expect.objectContaining({ field: 'email', messages: expect.arrayContaining([expect.stringMatching(message)]) })]);
    }
    expect(await UserModel.countDocuments({ email: { $regex: local } })).toBe(1);
  });

  it('new passwords that are only spaces or commonly used are refused, wherever a password is set', async () => {
    for (const password of ['          ', 'password1', 'Password1', 'qwertyuiop', ' iloveyou1 ', '12345678']) {
      const { body } = await server.gql(
        `mutation($input: RegisterInput!) { register(input: $input) { email } }`,
        { input: { name: 'X', email: uniqueEmail(), password } },
        undefined,
        { 'x-forwarded-for': randomIp() },
      );
      expect(errorOf(body)?.extensions?.code, password).toBe('BAD_USER_INPUT');
      expect(errorOf(body)?.extensions?.fields, password).toEqual([expect.objectContaining({ field: 'password', messages: [expect.stringMatching(/commonly used|only spaces/)] })]);
    }
    const reg = await registerViaApi(server);
    const change = await server.gql('mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken } }', { c: PASSWORD, n: 'football1' }, reg.accessToken);
    expect(errorOf(change.body)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'newPassword' })] });
    await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: reg.email });
    const reset = await server.gql('mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }', { t: await latestMailToken(reg.email, 'password_reset'), p: '         ' });
    expect(errorOf(reset.body)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'newPassword' })] });
    // The account kept its password.
    expect((await loginViaApi(server, reg.email)).body.errors).toBeUndefined();
  });

  it('register with an unknown or inactive referral code names the code and creates nothing', async () => {
    const owner = await createUser();
    await ReferralCodeModel.create({ userId: owner.user._id, code: 'OLD1-REF', isActive: false });
    for (const code of ['NOPE-REF', 'old1-ref']) {
      const email = uniqueEmail();
      const { body } = await server.gql(
        `mutation($input: RegisterInput!) { register(input: $input) { email } }`,
        { input: { name: 'X', email, password: PASSWORD, referralCode: code } },
        undefined,
        { 'x-forwarded-for': randomIp() },
      );
      expect(errorOf(body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'referralCode' });
      expect(errorOf(body)?.message).toContain(code.toUpperCase());
      expect(await UserModel.countDocuments({ email })).toBe(0);
      expect(await MailMessageModel.countDocuments({ to: email })).toBe(0);
    }
  });

  it('register is rate-limited per address', async () => {
    const ip = randomIp();
    for (let i = 0; i < AUTH_LIMITS.registerPerIp.limit; i++) {
      // Invalid sign-ups count too: the limit is checked before anything else.
      await server.gql(`mutation { register(input: { name: "X", email: "taken-${i}@x.test", password: "${'p'.repeat(8)}", referralCode: "NONE" }) { email } }`, {}, undefined, {
        'x-forwarded-for': ip,
      });
    }
    const { body } = await server.gql(
      `mutation($input: RegisterInput!) { register(input: $input) { email } }`,
      { input: { name: 'X', email: uniqueEmail(), password: PASSWORD } },
      undefined,
      { 'x-forwarded-for': ip },
    );
    expect(errorOf(body)?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('login: wrong password and unknown email get the same answer', async () => {
    const reg = await registerViaApi(server);
    const wrong = await loginViaApi(server, reg.email, 'wrong password!');
    const unknown = await loginViaApi(server, uniqueEmail(), PASSWORD);
    for (const { body } of [wrong, unknown]) {
      expect(body.data).toBeNull();
      expect(errorOf(body)).toMatchObject({ message: 'Email or password is incorrect', extensions: { code: 'UNAUTHENTICATED' } });
    }
    expect(errorOf(wrong.body)).toEqual({ ...errorOf(unknown.body) });
  });

  it('login failures back off exponentially per (email, address), with no lockout of the owner', async () => {
    const reg = await registerViaApi(server);
    const attacker = randomIp();
    const pair = (ip: string) => `${hashToken(reg.email).slice(0, 32)}:${ip}`;
    // The first failures are free: each answers "incorrect", none is delayed.
    for (let i = 0; i < LOGIN_BACKOFF.freeFailures; i++) {
      expect(errorOf((await loginViaApi(server, reg.email, 'wrong password!', attacker)).body)?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Then each failure makes that address wait twice as long as the one before.
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(errorOf((await loginViaApi(server, reg.email, 'wrong password!', attacker)).body)?.extensions?.code).toBe('UNAUTHENTICATED');
      // The wait counts from that failure, not from the (possibly slow, on a busy machine) requests after it.
      const failedAt = Date.now();
      const held = await loginViaApi(server, reg.email, PASSWORD, attacker);
      // While waiting, even the right password is not checked from that address.
      expect(errorOf(held.body)?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      const doc = (await LoginThrottleModel.findOne({ key: pair(attacker) }).lean())!;
      waits.push(Math.round((doc.nextAttemptAt!.getTime() - failedAt) / 1000));
      // Skip the wait instead of sleeping through it.
      await LoginThrottleModel.updateOne({ key: pair(attacker) }, { $set: { nextAttemptAt: new Date(Date.now() - 1) } });
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    expect(backoffSeconds(100)).toBe(LOGIN_BACKOFF.maxDelaySeconds);

    // Meanwhile the owner, from their own address, signs in with the right password at once.
    await LoginThrottleModel.updateOne({ key: pair(attacker) }, { $set: { nextAttemptAt: new Date(Date.now() + 600_000) } });
    const owner = await loginViaApi(server, reg.email, PASSWORD, randomIp());
    expect(owner.body.errors).toBeUndefined();
    expect(owner.body.data!.login.user.email).toBe(reg.email);
    // The attacker's address is still held, and an unknown email is throttled the same way.
    expect(errorOf((await loginViaApi(server, reg.email, PASSWORD, attacker)).body)?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('a successful sign-in clears the failures of its (email, address)', async () => {
    const reg = await registerViaApi(server);
    const ip = randomIp();
    for (let i = 0; i < LOGIN_BACKOFF.freeFailures; i++) await loginViaApi(server, reg.email, 'wrong password!', ip);
    expect((await loginViaApi(server, reg.email, PASSWORD, ip)).body.errors).toBeUndefined();
    expect(await LoginThrottleModel.countDocuments({ key: `${hashToken(reg.email).slice(0, 32)}:${ip}` })).toBe(0);
    // Free failures again, not a delay left over from before.
    for (let i = 0; i < LOGIN_BACKOFF.freeFailures; i++) {
      expect(errorOf((await loginViaApi(server, reg.email, 'wrong password!', ip)).body)?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('login is rate-limited per address', async () => {
    const reg = await registerViaApi(server);
    const ip = randomIp();
    // Bring this address's counter to the limit directly instead of sending 100 requests.
    const rule = AUTH_LIMITS.loginPerIp;
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
    await RateLimitModel.create({ key: `login:ip:${ip}`, windowStart, count: rule.limit, expiresAt: new Date(windowStart.getTime() + 2 * windowMs) });
    const { body } = await loginViaApi(server, reg.email, PASSWORD, ip);
    expect(errorOf(body)?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(errorOf(body)?.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
    expect((await loginViaApi(server, reg.email, PASSWORD, randomIp())).body.errors).toBeUndefined();
  });

  it('refresh reuse: presenting a used token revokes the whole family, other sign-ins survive', async () => {
    const reg = await registerViaApi(server);
    const elsewhere = (await loginViaApi(server, reg.email)).body.data!.login;
    const next = (await refreshViaApi(server, reg.refreshToken)).body.data!.refreshToken;

    await expectRefreshRejected(reg.refreshToken, /already used/);
    // The legitimate holder's newer token is revoked too.
    await expectRefreshRejected(next.refreshToken);
    const revoked = await RefreshTokenModel.find({ userId: new Types.ObjectId(reg.user.id), revokedAt: { $ne: null } }).lean();
    expect(revoked.map((t) => t.tokenHash).sort()).toEqual([hashToken(reg.refreshToken), hashToken(next.refreshToken)].sort());
    expect((await refreshViaApi(server, elsewhere.refreshToken)).body.errors).toBeUndefined();
  });

  it('refresh refuses unknown, malformed and expired tokens', async () => {
    await expectRefreshRejected('not-a-token', /invalid/);
    await expectRefreshRejected('', /invalid/);
    await expectRefreshRejected('x'.repeat(5000), /invalid/);
    const reg = await registerViaApi(server);
    await RefreshTokenModel.updateOne({ tokenHash: hashToken(reg.refreshToken) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    await expectRefreshRejected(reg.refreshToken, /expired/);
  });

  it('refresh of a deleted account is refused', async () => {
    const reg = await registerViaApi(server);
    await UserModel.deleteOne({ _id: new Types.ObjectId(reg.user.id) });
    await expectRefreshRejected(reg.refreshToken, /no longer exists/);
  });

  it('access tokens: expired, forged, tampered or malformed ones are refused with the reason', async () => {
    const { user } = await createUser();
    const sub = user._id.toHexString();
    const cases: Array<[string, string]> = [
      [tokenFor(user, -10), 'Access token expired'],
      [jwt.sign({ role: 'user', typ: 'access' }, 'another-secret-that-is-long-enough-0123456789', { subject: sub, issuer: 'soash', audience: 'soash-api' }), 'Access token invalid'],
      // Unsigned ("alg": "none").
      [unsigned({ role: 'admin', typ: 'access', sub, iss: 'soash', aud: 'soash-api', exp: Math.floor(Date.now() / 1000) + 600 }), 'Access token invalid'],
      // Right secret, wrong token type / audience.
      [jwt.sign({ role: 'user', typ: 'refresh' }, TEST_JWT_SECRET, { subject: sub, issuer: 'soash', audience: 'soash-api' }), 'Access token invalid'],
      [jwt.sign({ role: 'user', typ: 'access' }, TEST_JWT_SECRET, { subject: sub, issuer: 'soash', audience: 'elsewhere' }), 'Access token invalid'],
    ];
    // A valid token whose payload was edited to claim the admin role.
    const [h, p, s] = tokenFor(user).split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    cases.push([`${h}.${Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url')}.${s}`, 'Access token invalid']);

    for (const [token, message] of cases) {
      const { body } = await server.gql(ME, {}, token);
      expect(errorOf(body), message).toEqual(expect.objectContaining({ message, extensions: { code: 'UNAUTHENTICATED' } }));
    }
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Token abc' },
      body: JSON.stringify({ query: ME }),
    });
    expect(errorOf((await res.json()) as never)?.message).toMatch(/Bearer/);
  });

  it('access tokens without exp or with a subject that is not a user id are refused', async () => {
    const { user } = await createUser();
    const noExp = jwt.sign({ role: 'user', typ: 'access' }, TEST_JWT_SECRET, { subject: user._id.toHexString(), issuer: 'soash', audience: 'soash-api' });
    expect((jwt.decode(noExp) as jwt.JwtPayload).exp).toBeUndefined();
    const notAnId = jwt.sign({ role: 'user', typ: 'access' }, TEST_JWT_SECRET, { subject: 'admin', issuer: 'soash', audience: 'soash-api', expiresIn: 600 });
    const query = jwt.sign({ role: 'user', typ: 'access' }, TEST_JWT_SECRET, { subject: '{"$ne":null}', issuer: 'soash', audience: 'soash-api', expiresIn: 600 });
    for (const token of [noExp, notAnId, query]) {
      for (const op of [ME, '{ myReferral { code } }', '{ systemJobs(first: 1) { totalCount } }']) {
        const { body } = await server.gql(op, {}, token);
        expect(errorOf(body), op).toEqual(expect.objectContaining({ message: 'Access token invalid', extensions: { code: 'UNAUTHENTICATED' } }));
      }
    }
  });

  it('a deleted account\'s access token is UNAUTHENTICATED on every operation that needs a sign-in, checked once per request', async () => {
    const { user, token } = await createUser();
    await UserModel.deleteOne({ _id: user._id });
    for (const op of ['{ myReferral { code } }', '{ systemJobs(first: 1) { totalCount } }', '{ platforms { id } }', 'mutation { resendVerificationEmail }']) {
      const { body } = await server.gql(op, {}, token);
      expect(errorOf(body), op).toMatchObject({ message: 'Account no longer exists', extensions: { code: 'UNAUTHENTICATED' } });
      expect(body.data ?? null, op).toBeNull();
    }
    // Several fields in one request share the one check.
    const { body } = await server.gql('{ a: myReferral { code } b: platforms { id } c: systemJobs(first: 1) { totalCount } }', {}, token);
    expect(body.data ?? null).toBeNull();
    expect(body.errors!.length).toBeGreaterThan(0);
    expect(new Set(body.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['UNAUTHENTICATED']));
  });

  it('the role comes from the account, not the token: a demoted admin is refused at once', async () => {
    const { user, token } = await createUser({ role: 'admin' });
    expect((await server.gql('{ users(first: 1) { totalCount } }', {}, token)).body.errors).toBeUndefined();
    await UserModel.updateOne({ _id: user._id }, { $set: { role: 'user' } });
    const { body } = await server.gql('{ users(first: 1) { totalCount } }', {}, token);
    expect(errorOf(body)?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an access token that outlives its account is refused by me', async () => {
    const { user, token } = await createUser();
    await UserModel.deleteOne({ _id: user._id });
    const { body } = await server.gql(ME, {}, token);
    expect(errorOf(body)).toMatchObject({ message: 'Account no longer exists', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('verifyEmail refuses expired, reused and unknown tokens', async () => {
    const reg = await registerViaApi(server);
    const token = await latestMailToken(reg.email, 'verify_email');
    await UserModel.updateOne({ _id: new Types.ObjectId(reg.user.id) }, { $set: { verificationTokenExpiresAt: new Date(Date.now() - 1000) } });
    const expired = await server.gql('mutation($t: String!) { verifyEmail(token: $t) { id } }', { t: token });
    expect(errorOf(expired.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });

    const reg2 = await registerViaApi(server);
    const token2 = await latestMailToken(reg2.email, 'verify_email');
    expect((await server.gql('mutation($t: String!) { verifyEmail(token: $t) { id } }', { t: token2 })).body.errors).toBeUndefined();
    const reused = await server.gql('mutation($t: String!) { verifyEmail(token: $t) { id } }', { t: token2 });
    expect(errorOf(reused.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });
    const unknown = await server.gql('mutation { verifyEmail(token: "made-up") { id } }');
    expect(errorOf(unknown.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });
  });

  it('resendVerificationEmail needs a sign-in and is rate-limited', async () => {
    const anon = await server.gql('mutation { resendVerificationEmail }');
    expect(errorOf(anon.body)?.extensions?.code).toBe('UNAUTHENTICATED');
    const reg = await registerViaApi(server);
    for (let i = 0; i < AUTH_LIMITS.resendVerificationPerUser.limit; i++) {
      expect((await server.gql('mutation { resendVerificationEmail }', {}, reg.accessToken)).body.errors).toBeUndefined();
    }
    const limited = await server.gql('mutation { resendVerificationEmail }', {}, reg.accessToken);
    expect(errorOf(limited.body)?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  });

  it('requestPasswordReset answers true for unknown emails without sending anything, and is rate-limited', async () => {
    const email = uniqueEmail('ghost');
    const res = await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email }, undefined, { 'x-forwarded-for': randomIp() });
    expect({ ...res.body, extensions: undefined }).toEqual({ data: { requestPasswordReset: true } });
    expect(await MailMessageModel.countDocuments({ to: email })).toBe(0);

    const reg = await registerViaApi(server);
    for (let i = 0; i < AUTH_LIMITS.passwordResetPerEmail.limit; i++) {
      await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: reg.email }, undefined, { 'x-forwarded-for': randomIp() });
    }
    const limited = await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: reg.email }, undefined, { 'x-forwarded-for': randomIp() });
    expect(errorOf(limited.body)?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // The same limit applies to addresses without an account: the answer reveals nothing.
    for (let i = 0; i < AUTH_LIMITS.passwordResetPerEmail.limit; i++) {
      await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email }, undefined, { 'x-forwarded-for': randomIp() });
    }
    const ghost = await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email }, undefined, { 'x-forwarded-for': randomIp() });
    expect(errorOf(ghost.body)?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('resetPassword refuses expired and reused tokens and weak passwords', async () => {
    const reg = await registerViaApi(server);
    await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: reg.email });
    const token = await latestMailToken(reg.email, 'password_reset');
    const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }';

    const weak = await server.gql(RESET, { t: token, p: 'short' });
    expect(errorOf(weak.body)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'newPassword' }] });

    await UserModel.updateOne({ _id: new Types.ObjectId(reg.user.id) }, { $set: { passwordResetExpiresAt: new Date(Date.now() - 1000) } });
    const expired = await server.gql(RESET, { t: token, p: 'a fine new password' });
    expect(errorOf(expired.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });

    await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: reg.email });
    const fresh = await latestMailToken(reg.email, 'password_reset');
    expect((await server.gql(RESET, { t: fresh, p: 'a fine new password' })).body.errors).toBeUndefined();
    const reused = await server.gql(RESET, { t: fresh, p: 'yet another password' });
    expect(errorOf(reused.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });
    expect((await loginViaApi(server, reg.email, 'a fine new password')).body.errors).toBeUndefined();
  });

  it('changePassword with a wrong current password names the field and keeps every session', async () => {
    const reg = await registerViaApi(server);
    const { body } = await server.gql(
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken } }',
      { c: 'not my password', n: 'another good password' },
      reg.accessToken,
    );
    expect(errorOf(body)).toMatchObject({ message: 'currentPassword is incorrect', extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } });
    expect((await refreshViaApi(server, reg.refreshToken)).body.errors).toBeUndefined();
    const same = await server.gql(
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken } }',
      { c: PASSWORD, n: PASSWORD },
      reg.accessToken,
    );
    expect(errorOf(same.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const anon = await server.gql('mutation { changePassword(currentPassword: "a", newPassword: "bbbbbbbb") { accessToken } }');
    expect(errorOf(anon.body)?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('password checks of a signed-in user are rate-limited', async () => {
    const reg = await registerViaApi(server);
    for (let i = 0; i < AUTH_LIMITS.passwordCheckPerUser.limit; i++) {
      await server.gql('mutation { deleteAccount(password: "wrong password") }', {}, reg.accessToken);
    }
    const { body } = await server.gql('mutation($p: String!) { deleteAccount(password: $p) }', { p: PASSWORD }, reg.accessToken);
    expect(errorOf(body)?.extensions?.code).toBe('RATE_LIMITED');
    expect(await UserModel.exists({ _id: new Types.ObjectId(reg.user.id) })).toBeTruthy();
  });

  it('logout needs a sign-in and something to end; another user’s refresh token is ignored', async () => {
    const anon = await server.gql(LOGOUT, { all: true });
    expect(errorOf(anon.body)?.extensions?.code).toBe('UNAUTHENTICATED');
    const a = await registerViaApi(server);
    const b = await registerViaApi(server);
    const nothing = await server.gql(LOGOUT, {}, b.accessToken);
    expect(errorOf(nothing.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'refreshToken' });
    const theirs = await server.gql(LOGOUT, { t: a.refreshToken }, b.accessToken);
    expect(theirs.body.data).toEqual({ logout: true });
    expect((await refreshViaApi(server, a.refreshToken)).body.errors).toBeUndefined();
  });
});
