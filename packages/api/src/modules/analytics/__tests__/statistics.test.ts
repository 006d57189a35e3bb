import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  bonferroniZ,
  bootstrapMedianRatio,
  mannWhitneyU,
  meanInterval,
  median,
  medianAbsoluteDeviation,
  normalCdf,
  normalQuantile,
  robustZScores,
  seededRandom,
  studentTCdf,
  studentTQuantile,
} from '../statistics.js';

describe('statistics: descriptive', () => {
  it('medians and MAD', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianAbsoluteDeviation([1, 1, 2, 2, 4, 6, 9])).toBe(1);
  });

  it('mean interval from sums matches the textbook t interval', () => {
    const xs = [0.02, 0.05, 0.03, 0.04, 0.06];
    const sum = xs.reduce((a, b) => a + b, 0);
    const sumSq = xs.reduce((a, b) => a + b * b, 0);
    const r = meanInterval(xs.length, sum, sumSq);
    expect(r.mean).toBeCloseTo(0.04, 12);
    expect(r.sd).toBeCloseTo(Math.sqrt(0.00025), 12);
    // t(0.975, 4) = 2.776445
    expect(r.high! - r.mean!).toBeCloseTo((2.776445 * Math.sqrt(0.00025)) / Math.sqrt(5), 6);
    expect(meanInterval(1, 5, 25)).toMatchObject({ mean: 5, low: null, high: null });
    expect(meanInterval(0, 0, 0).mean).toBeNull();
  });
});

describe('statistics: distributions', () => {
  it('normal CDF and quantile agree with tables', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(bonferroniZ(0.05, 1)).toBeCloseTo(1.959964, 5);
  });

  it('Student t quantiles agree with tables', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302653, 5);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228139, 5);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 10);
  });
});

describe('statistics: Mann–Whitney U', () => {
  it('matches the normal approximation with continuity correction', () => {
    const r = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.u).toBe(0);
    expect(r.rankBiserial).toBe(-1);
    // mu 12.5, sd sqrt(25*11/12); z = (0 - 12.5 + 0.5) / sd
    expect(r.z).toBeCloseTo(-12 / Math.sqrt((25 * 11) / 12), 10);
    expect(r.p).toBeCloseTo(0.012186, 4);
  });

  it('corrects the variance for ties (equal to the rank-variance form)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 15 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 15 }),
        (a, b) => {
          const r = mannWhitneyU(a, b);
          const all = [...a, ...b].sort((x, y) => x - y);
          const n = all.length;
          const rankOf = (v: number) => {
            const first = all.indexOf(v);
            const last = all.lastIndexOf(v);
            return (first + last + 2) / 2;
          };
          const ranks = all.map(rankOf);
          const meanRank = (n + 1) / 2;
          const variance = ((a.length * b.length) / (n * (n - 1))) * ranks.reduce((s, x) => s + (x - meanRank) ** 2, 0);
          const u = a.reduce((s, v) => s + rankOf(v), 0) - (a.length * (a.length + 1)) / 2;
          expect(r.u).toBeCloseTo(u, 9);
          if (variance > 0) {
            const diff = u - (a.length * b.length) / 2;
            const corrected = Math.abs(diff) <= 0.5 ? 0 : diff - Math.sign(diff) * 0.5;
            expect(r.z).toBeCloseTo(corrected / Math.sqrt(variance), 9);
          } else {
            expect(r.p).toBe(1);
          }
          expect(r.p).toBeGreaterThanOrEqual(0);
          expect(r.p).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is symmetric', () => {
    const a = [0.1, 0.4, 0.2, 0.25];
    const b = [0.3, 0.5, 0.45, 0.6, 0.2];
    const ab = mannWhitneyU(a, b);
    const ba = mannWhitneyU(b, a);
    expect(ab.p).toBeCloseTo(ba.p, 12);
    expect(ab.rankBiserial).toBeCloseTo(-ba.rankBiserial, 12);
  });
});

describe('statistics: multiple comparisons, robust scores, bootstrap', () => {
  it('Benjamini–Hochberg q-values', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005])).toEqual([0.02, 0.04, 0.04, 0.02]);
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
  });

  it('robust z-scores flag an outlier and survive MAD = 0', () => {
    const r = robustZScores([1, 2, 3, 2, 1, 2, 3, 2, 40])!;
    expect(r.median).toBe(2);
    expect(r.scores.at(-1)).toBeGreaterThan(20);
    const flat = robustZScores([0, 0, 0, 0, 0, 0, 10])!;
    expect(flat.scale).toBeGreaterThan(0);
    expect(robustZScores([5, 5, 5])).toBeNull();
  });

  it('bootstrap interval is reproducible with a seed and brackets the ratio', () => {
    const a = Array.from({ length: 40 }, (_, i) => 2 + (i % 5) * 0.1);
    const b = Array.from({ length: 40 }, (_, i) => 1 + (i % 5) * 0.1);
    const one = bootstrapMedianRatio(a, b, seededRandom(42));
    const two = bootstrapMedianRatio(a, b, seededRandom(42));
    expect(one).toEqual(two);
    expect(one!.low).toBeLessThanOrEqual(2.2 / 1.2);
    expect(one!.high).toBeGreaterThanOrEqual(2.2 / 1.2);
  });
});
