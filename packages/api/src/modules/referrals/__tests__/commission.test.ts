import { TIER_LIMITS } from '@soash/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionCents } from '../commission.js';

describe('commission: successful cases', () => {
  it('is the rate times the plan price in whole cents', () => {
    expect(commissionCents(0.2, TIER_LIMITS.pro.priceCents)).toBe(580);
    expect(commissionCents(0.2, TIER_LIMITS.enterprise.priceCents)).toBe(3980);
    expect(commissionCents(0.2, TIER_LIMITS.free.priceCents)).toBe(0);
    expect(commissionCents(0, 2900)).toBe(0);
    expect(commissionCents(1, 2900)).toBe(2900);
  });

  it('rounds halves up where binary floating point would round them down', () => {
    // 0.145 × 2900 = 420.5 exactly, but 0.145 * 2900 in floating point is 420.49999999999994.
    expect(Math.round(0.145 * 2900)).toBe(420);
    expect(commissionCents(0.145, 2900)).toBe(421);
    expect(commissionCents(0.205, 19900)).toBe(4080);
    expect(commissionCents(0.07, 2900)).toBe(203);
  });

  it('equals exact decimal arithmetic for every rate with up to 6 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (micros, price) => {
        const exact = (BigInt(price) * BigInt(micros) * 2n + 1_000_000n) / 2_000_000n; // round half up
        expect(commissionCents(micros / 1_000_000, price)).toBe(Number(exact));
      }),
    );
  });
});

describe('commission: failing cases', () => {
  it('refuses rates outside [0, 1] and prices that are not whole cents', () => {
    expect(() => commissionCents(1.5, 2900)).toThrow(RangeError);
    expect(() => commissionCents(-0.1, 2900)).toThrow(RangeError);
    expect(() => commissionCents(Number.NaN, 2900)).toThrow(RangeError);
    expect(() => commissionCents(0.2, 29.5)).toThrow(RangeError);
  });
});
