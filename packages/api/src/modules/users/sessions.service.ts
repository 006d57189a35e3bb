import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { issueAccessToken } from '../../auth/jwt.js';
import { refreshCookie, SESSION_MODE_HEADER } from '../../auth/session-cookie.js';
import type { Config } from '../../config.js';
import { hashToken, randomToken } from '../../lib/crypto.js';
import { unauthenticated } from '../../lib/errors.js';
import { log } from '../../lib/logger.js';
import type { HttpExchange } from '../../server/context.js';
import { RefreshTokenModel } from './refresh-token.model.js';
import { UserModel, type User } from './user.model.js';

/**
 * Sessions: a short-lived JWT access token plus an opaque refresh token stored only as its hash.
 * Every sign-in starts a family; every refresh consumes the presented token (single-document atomic
 * update, no transaction needed) and issues the next token of the same family. A token presented
 * after it was used means two parties hold it: the whole family is revoked.
 */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

export interface SessionMeta {
  ip?: string;
  userAgent?: string;
}

const DAY_MS = 24 * 3600 * 1000;
const MAX_TOKEN_LENGTH = 200;

export async function startSession(
  config: Pick<Config, 'jwtSecret' | 'ACCESS_TOKEN_TTL_SECONDS' | 'REFRESH_TOKEN_TTL_DAYS'>,
  user: User,
  meta: SessionMeta,
  familyId: string = randomUUID(),
): Promise<Session> {
  const refreshToken = randomToken(32);
  const refreshTokenExpiresAt = new Date(Date.now() + config.REFRESH_TOKEN_TTL_DAYS * DAY_MS);
  await RefreshTokenModel.create({
    userId: user._id,
    familyId,
    tokenHash: hashToken(refreshToken),
    expiresAt: refreshTokenExpiresAt,
    userAgent: meta.userAgent?.slice(0, 256),
    ip: meta.ip?.slice(0, 64),
  });
  const access = issueAccessToken(config.jwtSecret, { sub: user._id.toHexString(), role: user.role }, config.ACCESS_TOKEN_TTL_SECONDS);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt, user };
}

export async function revokeFamily(familyId: string, now = new Date()): Promise<void> {
  await RefreshTokenModel.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } });
}

/** Signs the user out everywhere (refresh tokens; access tokens run out within ACCESS_TOKEN_TTL_SECONDS). */
export async function revokeAllSessions(userId: Types.ObjectId | string, now = new Date()): Promise<void> {
  await RefreshTokenModel.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: now } });
}

/**
 * What a session-issuing operation answers: the session, with its refresh token either in the
 * answer (API clients) or, when the request asked for it with "X-Soash-Session: cookie" (the web
 * app), only in an httpOnly cookie for the refresh endpoint (auth/session-cookie.ts).
 */
export function deliverSession(ctx: { config: Config; http?: HttpExchange }, session: Session): Omit<Session, 'refreshToken'> & { refreshToken: string | null } {
  if (ctx.http?.header(SESSION_MODE_HEADER) !== 'cookie') return session;
  ctx.http.appendSetCookie(refreshCookie(ctx.config, session.refreshToken, session.refreshTokenExpiresAt));
  return { ...session, refreshToken: null };
}

/** Ends the session (family) a refresh token belongs to, whoever presents it; unknown tokens are ignored. */
export async function endSessionOfToken(presented: string): Promise<void> {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > MAX_TOKEN_LENGTH) return;
  const token = await RefreshTokenModel.findOne({ tokenHash: hashToken(presented) }).lean();
  if (token) await revokeFamily(token.familyId);
}

/** Exchanges a refresh token for a new session of the same family (rotation with reuse detection). */
export async function rotateRefreshToken(config: Config, presented: string, meta: SessionMeta): Promise<Session> {
  const now = new Date();
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > MAX_TOKEN_LENGTH) {
    throw unauthenticated('Refresh token invalid');
  }
  const tokenHash = hashToken(presented);
  const consumed = await RefreshTokenModel.findOneAndUpdate(
    { tokenHash, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean();

  if (!consumed) {
    const existing = await RefreshTokenModel.findOne({ tokenHash }).lean();
    if (!existing) throw unauthenticated('Refresh token invalid');
    if (existing.usedAt) {
      await revokeFamily(existing.familyId, now);
      log.warn('auth: a refresh token was presented after it had been used; its session family was revoked', {
        userId: existing.userId.toHexString(),
        familyId: existing.familyId,
      });
      throw unauthenticated('Refresh token was already used; the session was revoked for safety. Sign in again');
    }
    if (existing.revokedAt) throw unauthenticated('Session was signed out; sign in again');
    throw unauthenticated('Refresh token expired; sign in again');
  }

  const user = await UserModel.findById(consumed.userId).lean<User>();
  if (!user) {
    await revokeFamily(consumed.familyId, now);
    throw unauthenticated('Account no longer exists');
  }
  const session = await startSession(config, user, meta, consumed.familyId);
  // A concurrent reuse may have revoked the family between our consume and insert; then the new
  // token must not survive either.
  if (await RefreshTokenModel.exists({ familyId: consumed.familyId, revokedAt: { $ne: null } })) {
    await revokeFamily(consumed.familyId);
    throw unauthenticated('Refresh token was already used; the session was revoked for safety. Sign in again');
  }
  return session;
}

/** Ends the session (family) the refresh token belongs to, if it is the viewer's; unknown tokens are ignored. */
export async function endSession(userId: string, presented: string): Promise<void> {
  if (presented.length > MAX_TOKEN_LENGTH) return;
  const token = await RefreshTokenModel.findOne({ tokenHash: hashToken(presented), userId }).lean();
  if (token) await revokeFamily(token.familyId);
}
