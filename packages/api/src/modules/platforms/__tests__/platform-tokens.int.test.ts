import { PlatformType } from '@soash/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { TEST_KEY_1, testConfig } from '../../../../test/helpers/server.js';
import { DAY_MS, HOUR_MS } from '../../../connectors/common.js';
import { useConnectorConfig } from '../../../connectors/config.js';
import { ConnectorError } from '../../../connectors/errors.js';
import { providerFor } from '../../../connectors/registry.js';
import { decryptSecret, encryptedKeyId, encryptSecret, setEncryptionKeys } from '../../../lib/crypto.js';
import { retryDelay, retrySettings } from '../../sync/job-run.js';
import { nextTokenRun, tokenPlan } from '../platform-token-job.js';
import { loadPlatformWithSecrets, reencryptPlatformTokens, type PlatformWithSecrets } from '../platform-tokens.js';

const KEY_2 = `test2:${Buffer.alloc(32, 2).toString('base64')}`;
const config = testConfig();
useConnectorConfig(config);

afterEach(() => {
  setEncryptionKeys(testConfig().encryptionKeys);
});

describe('platform tokens: successful cases', () => {
  it('stores ciphertext that differs from the plaintext and decrypts after the key rotates', async () => {
    const { user } = await createUser();
    const access = 'IGLlong-lived-access-token-value';
    const refresh = 'rft.refresh-token-value';
    const p = await createPlatform(user._id, { sandbox: false, platformUserId: 'rot-1', accessTokenEnc: encryptSecret(access), refreshTokenEnc: encryptSecret(refresh) } as never);
    const before = (await loadPlatformWithSecrets(p._id))!;
    expect(before.accessTokenEnc).not.toContain(access);
    expect(encryptedKeyId(before.accessTokenEnc!)).toBe('test1');
    // Same plaintext, different ciphertext (random IV).
    expect(encryptSecret(access)).not.toBe(encryptSecret(access));

    // Rotate: a new first key encrypts, the old one still decrypts.
    setEncryptionKeys(testConfig({ TOKEN_ENCRYPTION_KEYS: `${KEY_2},${TEST_KEY_1}` }).encryptionKeys);
    expect(decryptSecret(before.accessTokenEnc!)).toBe(access);
    expect(await reencryptPlatformTokens()).toBe(1);
    const after = (await loadPlatformWithSecrets(p._id))!;
    expect(encryptedKeyId(after.accessTokenEnc!)).toBe('test2');
    expect(encryptedKeyId(after.refreshTokenEnc!)).toBe('test2');
    // The old key can go now.
    setEncryptionKeys(testConfig({ TOKEN_ENCRYPTION_KEYS: KEY_2 }).encryptionKeys);
    expect(decryptSecret(after.accessTokenEnc!)).toBe(access);
    expect(decryptSecret(after.refreshTokenEnc!)).toBe(refresh);
    // Nothing left to rewrite.
    expect(await reencryptPlatformTokens()).toBe(0);
  });
});

describe('token schedule: successful cases', () => {
  const margin = 72 * HOUR_MS;
  const now = new Date('2026-03-01T12:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);
  const platform = (type: PlatformType, fields: Partial<PlatformWithSecrets>) => ({ _id: undefined, type, sandbox: false, ...fields }) as unknown as PlatformWithSecrets;

  it('long-lived tokens refresh a margin before expiry, never before the platform accepts it', () => {
    const ig = providerFor(PlatformType.INSTAGRAM, { sandbox: false, config });
    const fresh = tokenPlan(platform(PlatformType.INSTAGRAM, { tokenIssuedAt: now, tokenExpiry: at(60 * DAY_MS) }), ig, margin, now);
    expect(fresh.refreshAt).toEqual(at(60 * DAY_MS - margin));
    // A margin larger than half the lifetime never makes a token refresh right after issue.
    const huge = tokenPlan(platform(PlatformType.INSTAGRAM, { tokenIssuedAt: now, tokenExpiry: at(60 * DAY_MS) }), ig, 70 * DAY_MS, now);
    expect(huge.refreshAt).toEqual(at(30 * DAY_MS));
    // Instagram: not before the token is 24 h old.
    const young = tokenPlan(platform(PlatformType.INSTAGRAM, { tokenIssuedAt: now, tokenExpiry: at(30 * HOUR_MS) }), ig, margin, now);
    expect(young.refreshAt).toEqual(at(24 * HOUR_MS));
  });

  it('2-hour tokens are left to the pulls; a refresh grant that refreshing does not extend (TikTok) is warned about, not refreshed', () => {
    const tt = providerFor(PlatformType.TIKTOK, { sandbox: false, config });
    const grant = at(180 * DAY_MS);
    const plan = tokenPlan(platform(PlatformType.TIKTOK, { hasRefreshToken: true, tokenIssuedAt: now, tokenExpiry: at(2 * HOUR_MS), refreshTokenExpiry: grant }), tt, margin, now);
    expect(plan).toEqual({ expireAt: grant, warnAt: at(173 * DAY_MS) });
    const x = providerFor(PlatformType.TWITTER, { sandbox: false, config });
    expect(tokenPlan(platform(PlatformType.TWITTER, { hasRefreshToken: true, tokenIssuedAt: now, tokenExpiry: at(2 * HOUR_MS) }), x, margin, now)).toEqual({});
  });

  it('access that cannot be renewed gets a warning 7 days ahead and an end date', () => {
    const li = providerFor(PlatformType.LINKEDIN, { sandbox: false, config });
    const plan = tokenPlan(platform(PlatformType.LINKEDIN, { tokenIssuedAt: now, tokenExpiry: at(60 * DAY_MS) }), li, margin, now);
    expect(plan).toEqual({ expireAt: at(60 * DAY_MS), warnAt: at(53 * DAY_MS) });
    expect(nextTokenRun(plan, now)).toEqual(at(53 * DAY_MS));
    // After warning, the next run is the end of access; nothing is due again.
    expect(nextTokenRun(plan, at(53 * DAY_MS + 1000), { skipDue: true })).toEqual(at(60 * DAY_MS));
    expect(nextTokenRun({}, now)).toBeNull();
  });
});

describe('retries: successful cases', () => {
  it('backs off exponentially with jitter and never earlier than the platform asked', () => {
    const transient = new ConnectorError({ kind: 'transient', platform: 'X', message: 'down' });
    for (let attempt = 1; attempt <= retrySettings.maxRetries; attempt++) {
      const d = retryDelay(attempt, transient)!;
      const expo = Math.min(retrySettings.maxMs, retrySettings.baseMs * 2 ** (attempt - 1));
      expect(d).toBeGreaterThanOrEqual(expo / 2);
      expect(d).toBeLessThanOrEqual(expo);
    }
    const limited = new ConnectorError({ kind: 'rate_limited', platform: 'X', message: 'slow down', retryAfterMs: 15 * 60_000 });
    expect(retryDelay(1, limited)).toBeGreaterThanOrEqual(15 * 60_000);
    expect(retryDelay(1, limited)).toBeLessThanOrEqual(16 * 60_000);
  });

  it('does not retry token problems, permanent errors, or past the last attempt', () => {
    expect(retryDelay(1, new ConnectorError({ kind: 'auth', platform: 'X', message: 'revoked' }))).toBeNull();
    expect(retryDelay(1, new ConnectorError({ kind: 'permanent', platform: 'X', message: 'bad request' }))).toBeNull();
    expect(retryDelay(retrySettings.maxRetries + 1, new Error('boom'))).toBeNull();
    expect(retryDelay(1, new Error('database hiccup'))).toBeGreaterThan(0);
  });
});
