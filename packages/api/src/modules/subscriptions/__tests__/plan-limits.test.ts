import { TIER_LIMITS } from '@soash/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors.js';
import { assertWithinHistory, historyStart } from '../plan-limits.js';

const NOW = new Date('2026-05-01T15:30:00Z');
const DAY = 24 * 3600 * 1000;

describe('plan limits: successful cases', () => {
  it('history starts at 00:00 UTC historyDays + 1 days before today; unlimited plans have no start', () => {
    expect(historyStart('free', NOW)).toEqual(new Date(Date.UTC(2026, 4, 1) - 91 * DAY));
    expect(historyStart('pro', NOW)).toEqual(new Date(Date.UTC(2026, 4, 1) - 731 * DAY));
    expect(historyStart('enterprise', NOW)).toBeNull();
    expect(TIER_LIMITS.free.historyDays).toBe(90);
  });

  it('"the last 90 days" in any time zone is within the free plan', () => {
    // Local midnight 90 days before the local "today", from UTC-12 to UTC+14, at any hour.
    for (let hour = 0; hour < 24; hour++) {
      const now = new Date(Date.UTC(2026, 4, 1, hour, 30));
      for (const offsetHours of [14, 9, 1, 0, -5, -12]) {
        const local = new Date(now.getTime() + offsetHours * 3600_000);
        const localMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offsetHours * 3600_000;
        const from = new Date(localMidnight - 90 * DAY);
        expect(() => assertWithinHistory({ subscriptionTier: 'free' }, from, 'from', now), `${hour}h UTC${offsetHours}`).not.toThrow();
      }
    }
  });

  it('accepts a missing from and any from on an unlimited plan', () => {
    expect(assertWithinHistory({ subscriptionTier: 'free' }, undefined, 'from', NOW)).toEqual(historyStart('free', NOW));
    expect(assertWithinHistory({ subscriptionTier: 'enterprise' }, new Date('1990-01-01T00:00:00Z'), 'from', NOW)).toBeNull();
  });
});

describe('plan limits: failing cases', () => {
  it('refuses a from one millisecond before the start with LIMIT_EXCEEDED naming the limit', () => {
    const earliest = historyStart('pro', NOW)!;
    expect(() => assertWithinHistory({ subscriptionTier: 'pro' }, earliest, 'from', NOW)).not.toThrow();
    try {
      assertWithinHistory({ subscriptionTier: 'pro' }, new Date(earliest.getTime() - 1), 'from', NOW);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('LIMIT_EXCEEDED');
      expect((err as AppError).message).toContain('730 days of history');
      expect((err as AppError).details).toEqual({ limit: 730, tier: 'pro', field: 'from', earliest: earliest.toISOString() });
    }
  });
});
