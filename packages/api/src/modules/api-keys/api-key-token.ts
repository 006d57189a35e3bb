import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX } from '@soash/shared';

/**
 * The shape of an API key: `soash_<public id>_<secret><checksum>`, all base62 so a double click
 * selects the whole key.
 *
 * - `soash_`: the recognisable prefix secret scanners look for;
 * - public id (10 characters): finds the stored key without scanning; not secret;
 * - secret (32 characters, ≈190 bits from crypto.randomInt): only its SHA-256 is stored;
 * - checksum (6 characters): the first 32 bits of SHA-256 over everything before it, so a scanner
 *   (and this server, before any database read) can tell a well-formed key from a random string.
 *
 * The checksum is SHA-256 from node:crypto, not a cipher of our own: it only validates shape.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const PUBLIC_ID_LENGTH = 10;
export const SECRET_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;
export const API_KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}([0-9A-Za-z]{${PUBLIC_ID_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`);

function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

function checksum(body: string): string {
  let n = createHash('sha256').update(body).digest().readUInt32BE(0);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export function newPublicId(): string {
  return randomBase62(PUBLIC_ID_LENGTH);
}

/** A new key for `publicId`: the full key (shown once) and the hash to store. */
export function newApiKeySecret(publicId: string): { key: string; secretHash: string } {
  const secret = randomBase62(SECRET_LENGTH);
  const body = `${API_KEY_PREFIX}${publicId}_${secret}`;
  return { key: `${body}${checksum(body)}`, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether a bearer token is meant as an API key (it has the prefix), valid or not. */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** The public id and secret of a well-formed key with a correct checksum, else undefined. */
export function parseApiKey(token: string): { publicId: string; secret: string } | undefined {
  const m = API_KEY_PATTERN.exec(token);
  if (!m) return undefined;
  const [, publicId, secret, sum] = m as unknown as [string, string, string, string];
  if (checksum(`${API_KEY_PREFIX}${publicId}_${secret}`) !== sum) return undefined;
  return { publicId, secret };
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string | undefined | null): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How the key is shown once its secret is gone: prefix and public id. */
export function displayPrefix(publicId: string): string {
  return `${API_KEY_PREFIX}${publicId}_`;
}
