import { hash, verify } from '@node-rs/argon2';

/** Password length limits (the upper one caps hashing work per request). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

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
