import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loginViaApi, PASSWORD, randomIp, uniqueEmail } from '../../../../test/helpers/auth.js';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import * as password from '../../../auth/password.js';
import { setMailTransport, type OutgoingMail } from '../../mail/mail.transport.js';
import { RefreshTokenModel } from '../refresh-token.model.js';
import { UserModel } from '../user.model.js';

// Counts the argon2 work of each sign-up (the real hashing still runs).
vi.mock('../../../auth/password.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../auth/password.js')>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

/**
 * `register` must not tell whether an address already has an account: not by its answer (shape,
 * fields, values, errors, headers), not by the work it does (both paths hash the password), and
 * not through signing in right after it (where mail is delivered, an unconfirmed account signs in
 * only after its link). The owner of a taken address is mailed instead.
 */
const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { __typename email nextStep message } }';

let server: TestServer;
const sent: OutgoingMail[] = [];
beforeAll(async () => {
  // A server that delivers mail (SMTP_URL set); the mail is captured instead of sent.
  server = await startTestServer({ SMTP_URL: 'smtp://127.0.0.1:2525', WEB_APP_URL: 'https://app.soash.test' });
  setMailTransport({ name: 'smtp', send: async (mail) => void sent.push(mail) });
});
afterAll(async () => {
  setMailTransport(undefined);
  await server.close();
});
afterEach(() => {
  vi.mocked(password.hashPassword).mockClear();
});

async function registerRaw(email: string, pw = PASSWORD) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp(), 'x-soash-session': 'cookie' },
    body: JSON.stringify({ query: REGISTER, variables: { input: { name: 'Sam Porter', email, password: pw } } }),
  });
  // X-RateLimit-Reset is a clock reading like Date (when the caller's bucket is full again).
  const headers = Object.fromEntries([...res.headers.entries()].filter(([k]) => !['date', 'content-length', 'x-request-id', 'etag', 'x-ratelimit-reset'].includes(k)));
  return { status: res.status, headers, text: await res.text() };
}

const mailsTo = (to: string) => sent.filter((m) => m.to === to);

describe('register does not reveal whether an address has an account', () => {
  it('answers a new and a taken address alike: same status, headers and body (but the address), no error, no session', async () => {
    const owner = await createUser({ email: uniqueEmail('owner'), isVerified: true });
    const before = await UserModel.findById(owner.user._id).select('+passwordHash').lean();
    const fresh = uniqueEmail('fresh');

    const taken = await registerRaw(owner.user.email.toUpperCase());
    const takenHashes = vi.mocked(password.hashPassword).mock.calls.length;
    const created = await registerRaw(fresh);
    const allHashes = vi.mocked(password.hashPassword).mock.calls.length;

    expect(taken.status).toBe(200);
    expect(created.status).toBe(taken.status);
    expect(taken.headers).toEqual(created.headers);
    expect(taken.headers['set-cookie']).toBeUndefined();
    expect(taken.text.replace(owner.user.email, '<email>')).toBe(created.text.replace(fresh, '<email>'));
    const body = JSON.parse(created.text) as Record<string, unknown>;
    expect(body).toEqual({
      // The rate limit's report (anonymous callers pay from their address's bucket).
      extensions: { cost: { requested: 1, actual: 1, throttle: expect.any(Object) } },
      data: { register: { __typename: 'RegisterPayload', email: fresh, nextStep: 'CHECK_INBOX', message: expect.stringMatching(/Check your inbox/) } },
    });
    // Both paths did the same argon2 work: one hash each.
    expect(takenHashes).toBe(1);
    expect(allHashes - takenHashes).toBe(1);

    // The taken account is untouched and got no session; the new one exists, unconfirmed.
    const after = await UserModel.findById(owner.user._id).select('+passwordHash').lean();
    expect(after).toEqual(before);
    expect(await RefreshTokenModel.countDocuments({ userId: owner.user._id })).toBe(0);
    const account = await UserModel.findOne({ email: fresh }).lean();
    expect(account).toMatchObject({ isVerified: false, name: 'Sam Porter' });
    expect(await RefreshTokenModel.countDocuments({ userId: account!._id })).toBe(0);
  });

  it('mails the owner of a taken address (no token in it) and the new address its confirmation link', async () => {
    const owner = await createUser({ email: uniqueEmail('owner') });
    const fresh = uniqueEmail('fresh');
    await registerRaw(owner.user.email);
    await registerRaw(fresh);

    const [notice, ...moreToOwner] = mailsTo(owner.user.email);
    expect(moreToOwner).toHaveLength(0);
    expect(notice).toMatchObject({ kind: 'notice', subject: 'Someone tried to create a Soash account with your address' });
    expect(notice!.text).toContain(`Hello ${owner.user.name},`);
    expect(notice!.text).toContain('https://app.soash.test/login');
    expect(notice!.text).toContain('https://app.soash.test/forgot-password');
    expect(notice!.text).not.toMatch(/token=/);

    const [confirm, ...moreToFresh] = mailsTo(fresh);
    expect(moreToFresh).toHaveLength(0);
    expect(confirm).toMatchObject({ kind: 'verify_email' });
    expect(confirm!.text).toMatch(/https:\/\/app\.soash\.test\/verify-email\?token=[\w-]+/);
  });

  it('signing in right after does not tell either: an unconfirmed account answers like a wrong password until its link is opened', async () => {
    const owner = await createUser({ email: uniqueEmail('owner'), isVerified: true });
    const fresh = uniqueEmail('fresh');
    await registerRaw(owner.user.email, 'a guess at the password');
    await registerRaw(fresh, 'a guess at the password');

    const onTaken = await loginViaApi(server, owner.user.email, 'a guess at the password');
    const onFresh = await loginViaApi(server, fresh, 'a guess at the password');
    expect(onFresh.body).toEqual(onTaken.body);
    expect(onFresh.body.errors![0]).toMatchObject({ message: expect.stringMatching(/incorrect, or the address is not confirmed yet/), extensions: { code: 'UNAUTHENTICATED' } });

    // The owner of the new address opens the link, and then the password signs in.
    const token = decodeURIComponent(/[?&]token=([^\s&]+)/.exec(mailsTo(fresh)[0]!.text)![1]!);
    const verified = await server.gql('mutation($t: String!) { verifyEmail(token: $t) { isVerified } }', { t: token });
    expect(verified.body.data).toEqual({ verifyEmail: { isVerified: true } });
    const signedIn = await loginViaApi(server, fresh, 'a guess at the password');
    expect(signedIn.body.errors).toBeUndefined();
    expect(signedIn.body.data!.login.user.email).toBe(fresh);
  });

  it('input errors come before either path and do not depend on the address', async () => {
    const owner = await createUser({ email: uniqueEmail('owner') });
    const weak = await registerRaw(owner.user.email, 'password1');
    const weakFresh = await registerRaw(uniqueEmail('fresh'), 'password1');
    const strip = (t: string) => JSON.parse(t) as { errors: Array<{ extensions: unknown }> };
    expect(strip(weak.text).errors[0]!.extensions).toEqual(strip(weakFresh.text).errors[0]!.extensions);
    expect(strip(weak.text).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(mailsTo(owner.user.email)).toHaveLength(0);
  });
});
