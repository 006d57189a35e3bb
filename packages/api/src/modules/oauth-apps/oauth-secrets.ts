import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Client ids, client secrets, codes and tokens: a recognisable prefix (see @soash/shared oauth.ts)
 * and 43 base62 characters from crypto.randomInt (≈256 bits), so a double click selects the whole
 * value and a secret scanner can spot a leaked one. Only SHA-256 hashes of secrets are stored
 * (their entropy makes a fast hash enough).
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomSecret(prefix: string, length = 43): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function matchesHash(value: string, storedHash: string | undefined | null): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(sha256(value), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
