import { Types } from 'mongoose';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { hashToken, randomToken } from '../../lib/crypto.js';
import { badInput, isDuplicateKeyError, unauthenticated } from '../../lib/errors.js';
import { consumeRateLimit, type RateLimitRule } from '../../lib/rate-limit.js';
import { viewerOf, type Context } from '../../server/context.js';
import { sendPasswordResetEmail, sendSignUpAttemptEmail, sendVerificationEmail } from '../mail/mail.service.js';
import type { ReferralCode } from '../referrals/referral-code.model.js';
import { acceptInvitation, usableInvitation } from '../workspaces/invitations.service.js';
import { assertReferralCodeUsable, giveReferralCode, recordReferralSignup } from '../referrals/referrals.register.js';
import type { ChangePasswordArgs, LoginInput, LogoutArgs, RegisterInput, ResetPasswordArgs } from './dto/auth.inputs.js';
import { RegisterNextStep, type RegisterPayload } from './dto/register-payload.js';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-throttle.js';
import { endSession, revokeAllSessions, startSession, type Session, type SessionMeta } from './sessions.service.js';
import { deleteUserData } from './user-deletion.js';
import { normalizeEmail, UserModel, type User } from './user.model.js';
import { assertNoSharedWorkspaces } from '../workspaces/workspace-deletion.js';
import { ensurePersonalWorkspace } from '../workspaces/workspaces.service.js';

const MINUTE = 60;
const HOUR = 3600;

/** Rate limits of the auth operations (fixed windows in MongoDB, shared by every API process). */
export const AUTH_LIMITS = {
  loginPerIp: { limit: 100, windowSeconds: 15 * MINUTE },
  registerPerIp: { limit: 20, windowSeconds: HOUR },
  passwordResetPerEmail: { limit: 5, windowSeconds: HOUR },
  passwordResetPerIp: { limit: 20, windowSeconds: HOUR },
  resendVerificationPerUser: { limit: 5, windowSeconds: HOUR },
  /** changePassword and deleteAccount, which check the current password. */
  passwordCheckPerUser: { limit: 10, windowSeconds: 15 * MINUTE },
} satisfies Record<string, RateLimitRule>;

export const VERIFICATION_TTL_HOURS = 48;
export const PASSWORD_RESET_TTL_MINUTES = 60;
const MAX_LINK_TOKEN_LENGTH = 200;

const INCORRECT_LOGIN = 'Email or password is incorrect';
/** Where mail is delivered, the same answer also covers an address not confirmed yet. */
const INCORRECT_OR_UNCONFIRMED_LOGIN = 'Email or password is incorrect, or the address is not confirmed yet: open the link we mailed to it';
export const REGISTER_CHECK_INBOX = 'Check your inbox: we sent a message to this address with what to do next.';
export const REGISTER_SIGN_IN = 'Done. This server sends no mail: sign in with the password you chose.';

function meta(ctx: Context): SessionMeta {
  return { ip: ctx.ip, userAgent: ctx.userAgent };
}

/** Rate-limit keys never hold an email address in clear. */
const emailKey = (email: string) => hashToken(email).slice(0, 32);
const ipKey = (ctx: Context) => ctx.ip ?? 'unknown';

/** A fresh email-link token: the plain value goes into the mail, only its hash is stored. */
function linkToken(ttlMs: number) {
  const token = randomToken(32);
  return { token, hash: hashToken(token), expiresAt: new Date(Date.now() + ttlMs) };
}

function toRecipient(user: Pick<User, 'email' | 'name'>) {
  return { email: user.email, name: user.name };
}

/** Whether this server delivers mail (SMTP); without it nothing can confirm an address. */
function mailDelivered(ctx: Context): boolean {
  return !!ctx.config.SMTP_URL;
}

function registerAnswer(ctx: Context, email: string): RegisterPayload {
  return mailDelivered(ctx)
    ? { email, nextStep: RegisterNextStep.CHECK_INBOX, message: REGISTER_CHECK_INBOX }
    : { email, nextStep: RegisterNextStep.SIGN_IN, message: REGISTER_SIGN_IN };
}

/**
 * Signs someone up without telling whether the address already has an account. A new address gets
 * an account (with its profile and referral code) and a confirmation link; an address that has one
 * gets a mail telling its owner that someone tried, with the way to sign in or reset the password.
 * Both paths hash the password (the same argon2 work), send one mail and answer the same
 * RegisterPayload; input errors (fields, referral code, rate limit) come before either path and
 * never depend on the address being taken. No session is issued: the new user signs in with login
 * (which, on a server that delivers mail, waits for the address to be confirmed).
 */
export async function register(ctx: Context, input: RegisterInput): Promise<RegisterPayload> {
  await consumeRateLimit(`register:ip:${ipKey(ctx)}`, AUTH_LIMITS.registerPerIp, 'sign-ups from this address');
  const email = normalizeEmail(input.email);
  const referralCode = input.referralCode?.trim() ? await assertReferralCodeUsable(input.referralCode) : null;
  // An invitation is checked before anything is created: an unusable one creates nothing. The
  // check reads the invitation only (its token and address), never whether the address has an account.
  const invitationToken = input.invitationToken?.trim() || null;
  if (invitationToken) await usableInvitation(invitationToken, email);
  const passwordHash = await hashPassword(input.password);

  const existing = await UserModel.findOne({ email }).select('name email').lean<Pick<User, '_id' | 'name' | 'email'>>();
  const created = existing ? null : await createAccount(ctx, input, email, passwordHash, referralCode, invitationToken);
  if (!created) {
    // Taken (or taken a moment ago by a concurrent sign-up): its owner hears of it, nobody else.
    const owner = existing ?? (await UserModel.findOne({ email }).select('name email').lean<Pick<User, '_id' | 'name' | 'email'>>());
    if (owner) await sendSignUpAttemptEmail(ctx.config, toRecipient(owner));
  }
  return registerAnswer(ctx, email);
}

/** The new account, its profile and referral code, and the mailed confirmation link; null when the address was taken meanwhile. */
async function createAccount(
  ctx: Context,
  input: RegisterInput,
  email: string,
  passwordHash: string,
  referralCode: ReferralCode | null,
  invitationToken: string | null,
): Promise<User | null> {
  const verification = linkToken(VERIFICATION_TTL_HOURS * HOUR * 1000);
  let user: User;
  try {
    const created = await UserModel.create({
      name: input.name.trim(),
      email,
      passwordHash,
      company: input.company?.trim() || undefined,
      verificationTokenHash: verification.hash,
      verificationTokenExpiresAt: verification.expiresAt,
    });
    user = created.toObject() as User;
  } catch (err) {
    // Two sign-ups with one address raced past the lookup; the unique index decided.
    if (isDuplicateKeyError(err)) return null;
    throw err;
  }
  // Every account starts with a personal workspace it owns (the brand profile lives there).
  await ensurePersonalWorkspace({ _id: user._id, name: user.name, company: user.company });
  await giveReferralCode(user._id, user.name);
  if (referralCode) await recordReferralSignup(referralCode, user._id);
  // Joins the invited workspace (its active one) and verifies the address the link was mailed to;
  // an address confirmed that way needs no confirmation link.
  if (invitationToken) await acceptInvitation(meta(ctx), user._id, invitationToken);
  const confirmed = invitationToken ? !!(await UserModel.exists({ _id: user._id, isVerified: true })) : false;
  if (!confirmed) await sendVerificationEmail(ctx.config, toRecipient(user), verification.token, VERIFICATION_TTL_HOURS);
  return user;
}

export async function login(ctx: Context, input: LoginInput): Promise<Session> {
  const email = normalizeEmail(input.email);
  await consumeRateLimit(`login:ip:${ipKey(ctx)}`, AUTH_LIMITS.loginPerIp, 'sign-in attempts from this address');
  // Back-off per (email, address), not a lockout per email: failures from elsewhere never keep the
  // owner out (login-throttle.ts). Unknown emails are throttled alike, so the answer reveals nothing.
  const pairKey = `${emailKey(email)}:${ipKey(ctx)}`;
  await assertLoginAllowed(pairKey);

  const found = await UserModel.findOne({ email }).select('+passwordHash').lean<User>();
  // verifyPassword runs (against a dummy hash) even without an account: both failures look alike.
  const ok = await verifyPassword(found?.passwordHash, input.password);
  // Where mail is delivered, a password signs in only once its address is confirmed. Otherwise
  // signing in right after `register` would tell whether the address was free, which `register`
  // itself never says. An unconfirmed account gets the same answer as a wrong password.
  const confirmed = !!found && (found.isVerified || !mailDelivered(ctx));
  if (!found || !ok || !confirmed) {
    await recordLoginFailure(pairKey);
    throw unauthenticated(mailDelivered(ctx) ? INCORRECT_OR_UNCONFIRMED_LOGIN : INCORRECT_LOGIN);
  }
  await clearLoginFailures(pairKey);

  const now = new Date();
  await UserModel.updateOne({ _id: found._id }, { $set: { lastLoginAt: now } });
  const { passwordHash: _hash, ...user } = found;
  return startSession(ctx.config, { ...user, lastLoginAt: now } as User, meta(ctx));
}

/** Ends one session (the family of the given refresh token) or all of the viewer's sessions. */
export async function logout(ctx: Context, args: LogoutArgs): Promise<boolean> {
  const viewer = viewerOf(ctx);
  if (args.allSessions) await revokeAllSessions(viewer.id);
  else if (args.refreshToken) await endSession(viewer.id, args.refreshToken);
  else throw badInput('Give the refreshToken of the session to end, or allSessions: true', 'refreshToken');
  return true;
}

export async function verifyEmail(token: string): Promise<User> {
  const invalid = () => badInput('This verification link is invalid or has expired; ask for a new one', 'token');
  if (!token || token.length > MAX_LINK_TOKEN_LENGTH) throw invalid();
  // One atomic update both checks and consumes the token: a second use finds nothing.
  const user = await UserModel.findOneAndUpdate(
    { verificationTokenHash: hashToken(token), verificationTokenExpiresAt: { $gt: new Date() } },
    { $set: { isVerified: true }, $unset: { verificationTokenHash: 1, verificationTokenExpiresAt: 1 } },
    { returnDocument: 'after' },
  ).lean<User>();
  if (!user) throw invalid();
  return user;
}

/** Sends a new verification link (the previous one stops working). False when already verified. */
export async function resendVerificationEmail(ctx: Context): Promise<boolean> {
  const viewer = viewerOf(ctx);
  await consumeRateLimit(`verify-resend:user:${viewer.id}`, AUTH_LIMITS.resendVerificationPerUser, 'verification emails');
  const verification = linkToken(VERIFICATION_TTL_HOURS * HOUR * 1000);
  const user = await UserModel.findOneAndUpdate(
    { _id: new Types.ObjectId(viewer.id), isVerified: false },
    { $set: { verificationTokenHash: verification.hash, verificationTokenExpiresAt: verification.expiresAt } },
    { returnDocument: 'after' },
  ).lean<User>();
  if (!user) {
    if (!(await UserModel.exists({ _id: new Types.ObjectId(viewer.id) }))) throw unauthenticated('Account no longer exists');
    return false;
  }
  await sendVerificationEmail(ctx.config, toRecipient(user), verification.token, VERIFICATION_TTL_HOURS);
  return true;
}

/** Mails a reset link if the account exists. Always true, so the answer reveals no account. */
export async function requestPasswordReset(ctx: Context, rawEmail: string): Promise<boolean> {
  const email = normalizeEmail(String(rawEmail ?? '')).slice(0, 254);
  await consumeRateLimit(`reset:ip:${ipKey(ctx)}`, AUTH_LIMITS.passwordResetPerIp, 'password reset requests from this address');
  await consumeRateLimit(`reset:email:${emailKey(email)}`, AUTH_LIMITS.passwordResetPerEmail, 'password reset requests for this email');
  const reset = linkToken(PASSWORD_RESET_TTL_MINUTES * MINUTE * 1000);
  const user = await UserModel.findOneAndUpdate(
    { email },
    { $set: { passwordResetTokenHash: reset.hash, passwordResetExpiresAt: reset.expiresAt } },
    { returnDocument: 'after' },
  ).lean<User>();
  if (user) await sendPasswordResetEmail(ctx.config, toRecipient(user), reset.token, PASSWORD_RESET_TTL_MINUTES);
  return true;
}

/** Sets a new password from a reset link (single use) and signs the account out everywhere. */
export async function resetPassword(args: ResetPasswordArgs): Promise<boolean> {
  const invalid = () => badInput('This password reset link is invalid or has expired; ask for a new one', 'token');
  if (!args.token) throw invalid();
  const tokenHash = hashToken(args.token);
  const candidate = await UserModel.exists({ passwordResetTokenHash: tokenHash, passwordResetExpiresAt: { $gt: new Date() } });
  if (!candidate) throw invalid();
  const passwordHash = await hashPassword(args.newPassword);
  // Consumes the token atomically: of two concurrent uses only one matches.
  const user = await UserModel.findOneAndUpdate(
    { _id: candidate._id, passwordResetTokenHash: tokenHash, passwordResetExpiresAt: { $gt: new Date() } },
    // Following the emailed link proves the address too.
    { $set: { passwordHash, isVerified: true }, $unset: { passwordResetTokenHash: 1, passwordResetExpiresAt: 1 } },
    { returnDocument: 'after' },
  ).lean<User>();
  if (!user) throw invalid();
  await revokeAllSessions(user._id);
  return true;
}

/** Checks the viewer's current password (rate-limited per user); BAD_USER_INPUT naming `field` when wrong. */
async function checkViewerPassword(ctx: Context, password: string, field: string): Promise<User> {
  const viewer = viewerOf(ctx);
  await consumeRateLimit(`password-check:user:${viewer.id}`, AUTH_LIMITS.passwordCheckPerUser, 'password attempts');
  const user = await UserModel.findById(viewer.id).select('+passwordHash').lean<User>();
  if (!user) throw unauthenticated('Account no longer exists');
  if (!(await verifyPassword(user.passwordHash, password))) throw badInput(`${field} is incorrect`, field);
  return user;
}

/** New password; every other session ends and the caller gets a fresh one. */
export async function changePassword(ctx: Context, args: ChangePasswordArgs): Promise<Session> {
  const found = await checkViewerPassword(ctx, args.currentPassword, 'currentPassword');
  if (args.newPassword === args.currentPassword) throw badInput('newPassword must differ from the current password', 'newPassword');
  const passwordHash = await hashPassword(args.newPassword);
  await UserModel.updateOne({ _id: found._id }, { $set: { passwordHash }, $unset: { passwordResetTokenHash: 1, passwordResetExpiresAt: 1 } });
  await revokeAllSessions(found._id);
  const { passwordHash: _hash, ...user } = found;
  return startSession(ctx.config, user as User, meta(ctx));
}

/**
 * Deletes the viewer's account and everything it owns, after checking the password. Workspaces it
 * owns that other members still use are not deleted behind their back: CONFLICT naming them
 * (transfer ownership first); nothing is deleted then.
 */
export async function deleteAccount(ctx: Context, password: string): Promise<boolean> {
  const user = await checkViewerPassword(ctx, password, 'password');
  await assertNoSharedWorkspaces(user._id);
  await deleteUserData(user._id);
  ctx.loaders.userById.clear(user._id.toHexString());
  return true;
}
