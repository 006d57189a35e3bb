import { describe, expect, it } from 'vitest';
import { API_KEY_PATTERN, hashSecret, looksLikeApiKey, newApiKeySecret, newPublicId, parseApiKey, secretMatches } from '../api-key-token.js';

describe('API key format', () => {
  it('is soash_<public id>_<secret><checksum>, base62, and parses back to its parts', () => {
    const publicId = newPublicId();
    const { key, secretHash } = newApiKeySecret(publicId);
    expect(key).toMatch(/^soash_[0-9A-Za-z]{10}_[0-9A-Za-z]{38}$/);
    expect(API_KEY_PATTERN.test(key)).toBe(true);
    expect(looksLikeApiKey(key)).toBe(true);
    const parsed = parseApiKey(key)!;
    expect(parsed.publicId).toBe(publicId);
    expect(secretHash).toBe(hashSecret(parsed.secret));
    expect(secretHash).not.toContain(parsed.secret);
    expect(secretMatches(parsed.secret, secretHash)).toBe(true);
    expect(secretMatches(`${parsed.secret.slice(1)}x`, secretHash)).toBe(false);
  });

  it('refuses a key whose checksum does not fit (a typo, or a made-up key) before any lookup', () => {
    const { key } = newApiKeySecret(newPublicId());
    const last = key.at(-1)!;
    const typo = `${key.slice(0, -1)}${last === 'a' ? 'b' : 'a'}`;
    expect(parseApiKey(typo)).toBeUndefined();
    const body = key.slice(0, 17) + (key[17] === 'a' ? 'b' : 'a') + key.slice(18);
    expect(parseApiKey(body)).toBeUndefined();
    expect(parseApiKey('soash_short')).toBeUndefined();
  });

  it('draws different keys each time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newApiKeySecret(newPublicId()).key));
    expect(keys.size).toBe(50);
  });
});
