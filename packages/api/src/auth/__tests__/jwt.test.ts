import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { issueAccessToken, signAccessToken, verifyAccessToken } from '../jwt.js';

const SECRET = 'a-test-secret-of-reasonable-length-0123456789';
const SUB = '0123456789abcdef01234567';

describe('access tokens', () => {
  it('verifies what it signed, and a token signed with the plain secret string (tokens issued before keys were cached)', () => {
    expect(verifyAccessToken(SECRET, signAccessToken(SECRET, { sub: SUB, role: 'user' }, 60))).toEqual({ ok: true, claims: { sub: SUB, role: 'user' } });
    const legacy = jwt.sign({ role: 'admin', typ: 'access' }, SECRET, { algorithm: 'HS256', subject: SUB, issuer: 'soash', audience: 'soash-api', expiresIn: 60 });
    expect(verifyAccessToken(SECRET, legacy)).toEqual({ ok: true, claims: { sub: SUB, role: 'admin' } });
  });

  it('refuses another secret, an expired token, an unsigned one and a tampered payload', () => {
    const token = signAccessToken(SECRET, { sub: SUB, role: 'user' }, 60);
    expect(verifyAccessToken(`${SECRET}x`, token)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyAccessToken(SECRET, signAccessToken(SECRET, { sub: SUB, role: 'user' }, -10))).toEqual({ ok: false, reason: 'expired' });
    const unsigned = jwt.sign({ role: 'user', typ: 'access', sub: SUB, iss: 'soash', aud: 'soash-api', exp: Math.floor(Date.now() / 1000) + 60 }, null as never, { algorithm: 'none' });
    expect(verifyAccessToken(SECRET, unsigned)).toEqual({ ok: false, reason: 'invalid' });
    const [h, , sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ role: 'admin', typ: 'access', sub: SUB, iss: 'soash', aud: 'soash-api', exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
    expect(verifyAccessToken(SECRET, `${h}.${forged}.${sig}`)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('keeps verifying with each of several secrets (a rotation) and with a secret seen again later', () => {
    const secrets = Array.from({ length: 12 }, (_, i) => `${SECRET}-${i}`);
    const tokens = secrets.map((s) => issueAccessToken(s, { sub: SUB, role: 'user' }, 60).token);
    for (let round = 0; round < 2; round++) {
      for (const [i, s] of secrets.entries()) {
        expect(verifyAccessToken(s, tokens[i]!).ok).toBe(true);
        expect(verifyAccessToken(s, tokens[(i + 1) % secrets.length]!).ok).toBe(false);
      }
    }
  });
});
