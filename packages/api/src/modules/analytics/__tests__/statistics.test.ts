import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  bonferroniZ,
  bootstrapMedianRatio,
  combinedMedianRatio,
  medianWithError,
  rankValues,
  stratumOf,
  vanElteren,
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

/** The bootstrap as it was first written (copy and sort per resample), as the reference for the O(n) one. */
function naiveBootstrap(a: number[], b: number[], rng: () => number, iterations = 1000, level = 0.95) {
  const med = (xs: number[]) => {
    const s = [...xs].sort((x, y) => x - y);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const resample = (xs: number[]) => xs.map(() => xs[Math.floor(rng() * xs.length)]!);
  const ratios: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const mb = med(resample(b));
    const ma = med(resample(a));
    if (mb > 0) ratios.push(ma / mb);
  }
  if (ratios.length < iterations / 2) return null;
  ratios.sort((x, y) => x - y);
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.max(0, Math.floor(q * ratios.length)))]!;
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

describe('statistics: resampling and stratified tests in O(n log n)', () => {
  it('the bootstrap gives exactly the results of the copy-and-sort version (odd, even, ties, zeros)', () => {
    const rng = seededRandom(9);
    for (const [na, nb] of [
      [41, 40],
      [8, 9],
      [1, 2],
      [120, 333],
    ] as const) {
      const a = Array.from({ length: na }, () => Math.round(rng() * 50) / 10);
      const b = Array.from({ length: nb }, () => (rng() < 0.3 ? 0 : Math.round(rng() * 30) / 10));
      expect(bootstrapMedianRatio(a, b, seededRandom(na * nb))).toEqual(naiveBootstrap(a, b, seededRandom(na * nb)));
    }
  });

  it('van Elteren with one stratum is the Mann–Whitney U test', () => {
    const a = [3, 5, 5, 8, 9, 12, 13, 2];
    const b = [1, 2, 2, 4, 5, 6, 7, 3, 0];
    const ranked = rankValues([...a, ...b]);
    const one = vanElteren([stratumOf(ranked, a.map((_, i) => i))]);
    const mw = mannWhitneyU(a, b);
    expect(one.z).toBeCloseTo(mw.z, 12);
    expect(one.p).toBeCloseTo(mw.p, 12);
    expect(one.rankBiserial).toBeCloseTo(mw.rankBiserial, 12);
  });

  it('van Elteren never compares values of different strata: a level difference between strata is no effect', () => {
    // Stratum 1 is high and mostly group members, stratum 2 low and mostly the rest; inside each
    // stratum the group is like the rest.
    const rng = seededRandom(3);
    const s1 = Array.from({ length: 60 }, () => 10 + rng());
    const s2 = Array.from({ length: 60 }, () => 1 + rng());
    const g1 = Array.from({ length: 50 }, (_, i) => i);
    const g2 = Array.from({ length: 5 }, (_, i) => i);
    const stratified = vanElteren([stratumOf(rankValues(s1), g1), stratumOf(rankValues(s2), g2)]);
    const pooled = mannWhitneyU([...g1.map((i) => s1[i]!), ...g2.map((i) => s2[i]!)], [...s1.slice(50), ...s2.slice(5)]);
    expect(pooled.p).toBeLessThan(1e-6);
    expect(stratified.p).toBeGreaterThan(0.05);
    expect(Math.abs(stratified.rankBiserial)).toBeLessThan(Math.abs(pooled.rankBiserial) / 2);
  });

  it('median standard error from order statistics matches the normal theory (1.2533 σ/√n)', () => {
    const rng = seededRandom(5);
    const normal = () => Math.sqrt(-2 * Math.log(Math.max(rng(), 1e-12))) * Math.cos(2 * Math.PI * rng());
    const xs = Array.from({ length: 4000 }, normal).sort((x, y) => x - y);
    const m = medianWithError(xs)!;
    expect(Math.abs(m.median)).toBeLessThan(0.06);
    expect(m.se).toBeGreaterThan(0.8 * (1.2533 / Math.sqrt(4000)));
    expect(m.se).toBeLessThan(1.2 * (1.2533 / Math.sqrt(4000)));
    expect(medianWithError([])).toBeNull();
  });

  it('combined ratio of medians: one stratum gives its own ratio; the interval brackets it and narrows with more data', () => {
    const one = combinedMedianRatio([{ groupMedian: 4, groupSe: 0.4, restMedian: 2, restSe: 0.2, size: 10 }])!;
    expect(one.ratio).toBeCloseTo(2, 12);
    expect(one.low).toBeLessThan(2);
    expect(one.high).toBeGreaterThan(2);
    const two = combinedMedianRatio([
      { groupMedian: 4, groupSe: 0.4, restMedian: 2, restSe: 0.2, size: 10 },
      { groupMedian: 1, groupSe: 0.1, restMedian: 0.5, restSe: 0.05, size: 10 },
    ])!;
    expect(two.ratio).toBeCloseTo(2, 12);
    expect(two.high - two.low).toBeLessThan(one.high - one.low);
    expect(combinedMedianRatio([{ groupMedian: 1, groupSe: 0.1, restMedian: 0, restSe: 0, size: 3 }])).toBeNull();
  });
});
