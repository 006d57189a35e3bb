import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ErrorCode, isErrorCode } from '../errors.js';
import { SubscriptionTier } from '../enums.js';
import { isPaidTier, MAX_OWNED_WORKSPACES, TIER_LIMITS } from '../tiers.js';

describe('error codes', () => {
  it('lists every code once and recognises only those', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(isErrorCode(ErrorCode.NOT_FOUND)).toBe(true);
    expect(isErrorCode('NOPE')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});

describe('tier limits', () => {
  it('grow with the tier and only the free tier costs nothing', () => {
    const order = [SubscriptionTier.FREE, SubscriptionTier.PRO, SubscriptionTier.ENTERPRISE];
    const cap = (n: number | null) => n ?? Number.POSITIVE_INFINITY;
    for (let i = 1; i < order.length; i++) {
      const lo = TIER_LIMITS[order[i - 1]!];
      const hi = TIER_LIMITS[order[i]!];
      expect(cap(hi.maxPlatforms)).toBeGreaterThan(cap(lo.maxPlatforms));
      expect(cap(hi.historyDays)).toBeGreaterThan(cap(lo.historyDays));
      expect(hi.maxWorkspaces).toBeGreaterThan(lo.maxWorkspaces);
      expect(hi.maxWorkspaces).toBeLessThanOrEqual(MAX_OWNED_WORKSPACES);
      expect(hi.priceCents).toBeGreaterThan(lo.priceCents);
    }
    expect(isPaidTier(SubscriptionTier.FREE)).toBe(false);
    expect(isPaidTier(SubscriptionTier.PRO)).toBe(true);
  });

  it('match the documented plan limits', () => {
    expect(TIER_LIMITS.free).toMatchObject({ maxPlatforms: 2, historyDays: 90, maxWorkspaces: 2 });
    expect(TIER_LIMITS.pro).toMatchObject({ maxPlatforms: 10, historyDays: 730, maxWorkspaces: 10 });
    expect(TIER_LIMITS.enterprise).toMatchObject({ maxPlatforms: null, historyDays: null, maxWorkspaces: 50 });
  });
});
