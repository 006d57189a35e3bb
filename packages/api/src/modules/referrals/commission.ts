/**
 * Referral commission in integer cents, without binary floating point in the arithmetic:
 * the rate (REFERRAL_COMMISSION_RATE, a fraction between 0 and 1) is taken to 6 decimal places,
 * multiplied with the price in whole numbers, and the result is rounded to the nearest cent with
 * halves rounded up. 0.2 × 2900 = 580; 0.145 × 2900 = 420.5 → 421 (plain float arithmetic
 * gives 420.49999999999994 and rounds down).
 */
export const RATE_SCALE = 1_000_000;

export function commissionCents(rate: number, priceCents: number): number {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new RangeError('commission rate must be between 0 and 1');
  if (!Number.isSafeInteger(priceCents) || priceCents < 0) throw new RangeError('price must be a non-negative whole number of cents');
  const rateMicros = Math.round(rate * RATE_SCALE);
  // priceCents × rateMicros stays far below 2^53 for any plan price (e.g. 19900 × 10^6).
  return Math.floor((priceCents * rateMicros + RATE_SCALE / 2) / RATE_SCALE);
}
