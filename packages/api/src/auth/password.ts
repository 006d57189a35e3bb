import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** Password length limits (the upper one caps hashing work per request). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | undefined;

/**
 * The common-password list: zxcvbn-ts's list of the most used passwords (from public breach
 * corpora, most frequent first), lower-cased. Built on first use.
 */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/**
 * Why a new password is refused, or null. Length is checked by the input classes; this adds what a
 * length rule misses: a password made only of spaces, and one on the common-password list (compared
 * without case and surrounding spaces, so "Password1 " is caught too). `field` names the argument.
 */
export function passwordProblem(password: string, field = 'password'): string | null {
  if (typeof password !== 'string') return `${field} must be a string`;
  if (password.trim() === '') return `${field} must not be only spaces`;
  const plain = password.trim().toLowerCase();
  if (commonPasswords().has(plain)) return `${field} is one of the most commonly used passwords; choose another`;
  return null;
}

/** argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: the OWASP baseline). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Whether `password` matches the stored hash. With no hash (unknown account) a dummy hash is
 * checked anyway, so "no such account" and "wrong password" take about the same time.
 * A stored value that is not an argon2 hash never matches.
 */
export async function verifyPassword(storedHash: string | undefined | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash('not-a-password-anyone-uses');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
