import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EncryptionKey } from '../config.js';

/**
 * Secrets at rest (platform access and refresh tokens): AES-256-GCM with a random 96-bit IV.
 * Stored as `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id lets keys rotate:
 * the first configured key encrypts, any configured key decrypts.
 */
const VERSION = 'v1';

let keyring: EncryptionKey[] = [];

export function setEncryptionKeys(keys: EncryptionKey[]): void {
  if (!keys.length) throw new Error('at least one encryption key is required');
  keyring = keys;
}

export function encryptionKeys(): EncryptionKey[] {
  if (!keyring.length) throw new Error('encryption keys not configured');
  return keyring;
}

export function encryptSecret(plaintext: string, keys: EncryptionKey[] = encryptionKeys()): string {
  const key = keys[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${key.id}`));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, key.id, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
}

export function encryptedKeyId(stored: string): string | undefined {
  const parts = stored.split('.');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

export function decryptSecret(stored: string, keys: EncryptionKey[] = encryptionKeys()): string {
  const parts = stored.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new Error('not an encrypted secret');
  const [, kid, iv, tag, ct] = parts as [string, string, string, string, string];
  const key = keys.find((k) => k.id === kid);
  if (!key) throw new Error(`encryption key "${kid}" is not configured`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${VERSION}.${kid}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** Opaque random token (for refresh tokens, email links, OAuth state nonces). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** One-way hash under which such tokens are stored and looked up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
