import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { MailMessageModel } from '../../src/modules/mail/mail-message.model.js';
import { messageText } from '../../src/modules/mail/mail.service.js';
import type { TestServer } from './server.js';

/** Sign-up and sign-in through the real API, for tests of the auth flows. */
export const PASSWORD = 'correct horse battery staple';

export const AUTH_FIELDS = 'accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id email name role isVerified }';

export interface AuthPayloadData {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: { id: string; email: string; name: string; role: string; isVerified: boolean };
}

/** A random client address (sent as X-Forwarded-For, which the server trusts from loopback). */
export function randomIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.test`;
}

/**
 * Signs up through the API and then signs in (register starts no session), each from a random
 * address so the per-address limits stay out of the way. On a test server without SMTP_URL the
 * new, unconfirmed account signs in at once.
 */
export async function registerViaApi(
  server: TestServer,
  input: Partial<{ name: string; email: string; password: string; company: string; referralCode: string }> = {},
): Promise<AuthPayloadData & { email: string; password: string }> {
  const email = input.email ?? uniqueEmail();
  const password = input.password ?? PASSWORD;
  const { body } = await server.gql<{ register: { email: string; nextStep: string } }>(
    `mutation($input: RegisterInput!) { register(input: $input) { email nextStep } }`,
    { input: { name: 'Test Person', ...input, email, password } },
    undefined,
    { 'x-forwarded-for': randomIp() },
  );
  expect(body.errors).toBeUndefined();
  const login = await loginViaApi(server, body.data!.register.email, password);
  expect(login.body.errors).toBeUndefined();
  return { ...login.body.data!.login, email, password };
}

export async function loginViaApi(server: TestServer, email: string, password = PASSWORD, ip = randomIp()) {
  return server.gql<{ login: AuthPayloadData }>(
    `mutation($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { email, password } },
    undefined,
    { 'x-forwarded-for': ip },
  );
}

export async function refreshViaApi(server: TestServer, token: string) {
  return server.gql<{ refreshToken: AuthPayloadData }>(`mutation($t: String!) { refreshToken(token: $t) { ${AUTH_FIELDS} } }`, { t: token });
}

/** The token in the newest outbox message of `kind` to `to` (the link's ?token= value). */
export async function latestMailToken(to: string, kind: 'verify_email' | 'password_reset' | 'invitation'): Promise<string> {
  const text = await latestMailText(to, kind);
  const m = /[?&]token=([^\s&]+)/.exec(text);
  expect(m, 'mail without a token link').toBeTruthy();
  return decodeURIComponent(m![1]!);
}

/** The body of the newest outbox message of `kind` to `to` (decrypted: the outbox stores bodies encrypted). */
export async function latestMailText(to: string, kind: 'verify_email' | 'password_reset' | 'invitation' | 'notice'): Promise<string> {
  const msg = await MailMessageModel.findOne({ to, kind }).sort({ createdAt: -1, _id: -1 }).select('+textEnc').lean();
  expect(msg, `no ${kind} mail to ${to}`).toBeTruthy();
  return messageText(msg!);
}
