import type { Role } from '@soash/shared';
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

const ISSUER = 'soash';
const AUDIENCE = 'soash-api';
const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * The signing secret as a key object, made once per secret: given a string, jsonwebtoken first
 * tries it as a public key (a thrown parse error) and then wraps it, on every verify.
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    // A handful of secrets at most (the configured one, a rotation); never grows with requests.
    if (keys.size >= 8) keys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export interface AccessClaims {
  sub: string;
  role: Role;
}

export function signAccessToken(secret: string, claims: AccessClaims, ttlSeconds: number): string {
  return jwt.sign({ role: claims.role, typ: 'access' }, keyOf(secret), {
    algorithm: 'HS256',
    subject: claims.sub,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
  });
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

export function verifyAccessToken(secret: string, token: string): VerifyResult {
  try {
    const payload = jwt.verify(token, keyOf(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as jwt.JwtPayload;
    // jsonwebtoken accepts a token without `exp` as never expiring: ours always carry one, and the
    // subject is always a user id.
    if (
      payload.typ !== 'access' ||
      typeof payload.exp !== 'number' ||
      typeof payload.sub !== 'string' ||
      !OBJECT_ID.test(payload.sub) ||
      (payload.role !== 'user' && payload.role !== 'admin')
    ) {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { sub: payload.sub, role: payload.role } };
  } catch (err) {
    return { ok: false, reason: err instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}

/** A signed access token for `claims` and the moment it stops being accepted (its `exp`). */
export function issueAccessToken(secret: string, claims: AccessClaims, ttlSeconds: number): { token: string; expiresAt: Date } {
  const token = signAccessToken(secret, claims, ttlSeconds);
  const exp = (jwt.decode(token) as jwt.JwtPayload).exp!;
  return { token, expiresAt: new Date(exp * 1000) };
}
