/**
 * The statistics behind the dashboard and the insights, in plain TypeScript: the database returns
 * grouped rows (the stand-in has no $median, $percentile or $stdDevPop, and real MongoDB would need
 * $setWindowFields for some of it), and these functions finish the job. Every function is pure and
 * deterministic; randomness comes from a seeded generator. docs/analytics.md describes the methods.
 */

// ---------------------------------------------------------------------------------------------
// Descriptive statistics

/** Median of the values (mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Median absolute deviation (unscaled): median(|x - median(x)|). */
export function medianAbsoluteDeviation(values: readonly number[]): number | null {
  const m = median(values);
  if (m === null) return null;
  return median(values.map((v) => Math.abs(v - m)));
}

// ---------------------------------------------------------------------------------------------
// Distributions

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution function. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must be in (0, 1)');
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** ln Γ(x) for x > 0 (Lanczos approximation). */
export function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = g[0]!;
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += g[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const FPMIN = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 3e-14) break;
  }
  return h;
}

/** Regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (bt * betaContinuedFraction(a, b, x)) / a : 1 - (bt * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Student's t cumulative distribution function. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Student's t quantile (bisection on the CDF). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must be in (0, 1)');
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 100 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// ---------------------------------------------------------------------------------------------
// Intervals and tests

export interface MeanInterval {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n - 1 denominator); null below two values. */
  sd: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Mean with a two-sided Student-t confidence interval, from a count, a sum and a sum of squares
 * (what a $group returns). Fewer than two values give no interval.
 */
export function meanInterval(n: number, sum: number, sumSq: number, level = 0.95): MeanInterval {
  if (n === 0) return { n, mean: null, sd: null, low: null, high: null };
  const m = sum / n;
  if (n < 2) return { n, mean: m, sd: null, low: null, high: null };
  const variance = Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
  const sd = Math.sqrt(variance);
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean: m, sd, low: m - half, high: m + half };
}

export interface MannWhitneyResult {
  n1: number;
  n2: number;
  /** U of the first sample. */
  u: number;
  /** Normal-approximation statistic, tie- and continuity-corrected. */
  z: number;
  /** Two-sided p-value. */
  p: number;
  /** Rank-biserial correlation 2U/(n1·n2) − 1, in [-1, 1]; positive when the first sample tends to be larger. */
  rankBiserial: number;
}

/**
 * Mann–Whitney U test (Wilcoxon rank-sum) of two independent samples: average ranks for ties,
 * the normal approximation with the tie correction of the variance and a continuity correction.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { n1, n2, u: 0, z: 0, p: 1, rankBiserial: 0 };
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  const n = all.length;
  let r1 = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1]!.v === all[i]!.v) j++;
    const rank = (i + j + 2) / 2; // ranks are 1-based: positions i..j share their average
    const t = j - i + 1;
    if (t > 1) tieTerm += t * t * t - t;
    for (let k = i; k <= j; k++) if (all[k]!.g === 0) r1 += rank;
    i = j + 1;
  }
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const rankBiserial = (2 * u) / (n1 * n2) - 1;
  if (!(variance > 0)) return { n1, n2, u, z: 0, p: 1, rankBiserial };
  const diff = u - mu;
  const corrected = Math.abs(diff) <= 0.5 ? 0 : diff - Math.sign(diff) * 0.5;
  const z = corrected / Math.sqrt(variance);
  return { n1, n2, u, z, p: normalTwoSidedP(z), rankBiserial };
}

/** Benjamini–Hochberg adjusted p-values (q-values), in the input order. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const q = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const { p, i } = order[k]!;
    running = Math.min(running, (p * m) / (k + 1));
    q[i] = Math.min(1, running);
  }
  return q;
}

/** Two-sided normal critical value for `alpha` spread over `comparisons` tests (Bonferroni). */
export function bonferroniZ(alpha: number, comparisons: number): number {
  return normalQuantile(1 - alpha / (2 * Math.max(1, comparisons)));
}

export interface RobustZ {
  median: number;
  /** The spread used: MAD / 0.6745, or the mean absolute deviation × 1.2533 when MAD is 0. */
  scale: number;
  scores: number[];
}

/**
 * Robust z-scores (Iglewicz & Hoaglin's modified z): (x − median) / (MAD / 0.6745). When more than
 * half the values are equal (MAD = 0) the mean absolute deviation stands in; when every value is
 * the same there is no spread and the result is null.
 */
export function robustZScores(values: readonly number[]): RobustZ | null {
  const med = median(values);
  if (med === null) return null;
  const mad = medianAbsoluteDeviation(values)!;
  let scale = mad / 0.6745;
  if (!(scale > 0)) {
    const meanAbs = mean(values.map((v) => Math.abs(v - med)))!;
    scale = meanAbs * 1.2533;
  }
  if (!(scale > 0)) return null;
  return { median: med, scale, scores: values.map((v) => (v - med) / scale) };
}

// ---------------------------------------------------------------------------------------------
// Randomness and resampling

/** A seeded pseudo-random generator (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from a string (FNV-1a), so a user's analysis is reproducible. */
export function seedFromString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Percentile bootstrap interval of median(a) / median(b). Resamples whose denominator median is 0
 * are skipped; null when too few remain.
 *
 * Each sample is sorted once. A resample draws positions exactly as a naive implementation would
 * (same generator calls, same order: b, then a), but records only the rank of the value drawn in a
 * count array, and its median is read off the cumulative counts: O(n) per resample instead of a
 * copy and a sort, with identical results.
 */
export function bootstrapMedianRatio(
  a: readonly number[],
  b: readonly number[],
  rng: () => number,
  iterations = 1000,
  level = 0.95,
): { low: number; high: number } | null {
  if (a.length === 0 || b.length === 0) return null;
  const sa = rankedSample(a);
  const sb = rankedSample(b);
  const ratios: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const mb = resampledMedian(sb, rng);
    const ma = resampledMedian(sa, rng);
    if (mb > 0) ratios.push(ma / mb);
  }
  if (ratios.length < iterations / 2) return null;
  ratios.sort((x, y) => x - y);
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.max(0, Math.floor(q * ratios.length)))]!;
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

interface RankedSample {
  sorted: Float64Array;
  /** Position in the input → index of its value in `sorted`. */
  rankOf: Int32Array;
  counts: Int32Array;
}

function rankedSample(values: readonly number[]): RankedSample {
  const n = values.length;
  const order = sortedOrder(values);
  const sorted = new Float64Array(n);
  const rankOf = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    sorted[k] = values[order[k]!]!;
    rankOf[order[k]!] = k;
  }
  return { sorted, rankOf, counts: new Int32Array(n) };
}

function resampledMedian(s: RankedSample, rng: () => number): number {
  const n = s.sorted.length;
  const { counts, rankOf, sorted } = s;
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[rankOf[Math.floor(rng() * n)]!]!++;
  // The k-th smallest (0-based) of the resample is the first sorted index whose cumulative count exceeds k.
  const mid = n >> 1;
  const kth = (k: number) => {
    let cum = 0;
    for (let j = 0; j < n; j++) {
      cum += counts[j]!;
      if (cum > k) return sorted[j]!;
    }
    return sorted[n - 1]!;
  };
  return n % 2 ? kth(mid) : (kth(mid - 1) + kth(mid)) / 2;
}

/** Indices of `values` in ascending order of value (stable). */
export function sortedOrder(values: ArrayLike<number>): Int32Array {
  const order = new Int32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((x, y) => values[x]! - values[y]! || x - y);
  return order;
}

// ---------------------------------------------------------------------------------------------
// Ranks computed once per sample, reused by every test on it

export interface RankedValues {
  n: number;
  /** Mid-ranks (1-based, ties share their average), in input order. */
  ranks: Float64Array;
  /** Σ (t³ − t) over tie groups, for the variance's tie correction. */
  tieTerm: number;
  /** Input indices in ascending order of value. */
  order: Int32Array;
}

/** Ranks every value once (O(n log n)); a group's Mann–Whitney U is then O(group size). */
export function rankValues(values: ArrayLike<number>): RankedValues {
  const n = values.length;
  const order = sortedOrder(values);
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j + 2) / 2;
    const t = j - i + 1;
    if (t > 1) tieTerm += t * t * t - t;
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank;
    i = j + 1;
  }
  return { n, ranks, tieTerm, order };
}

/** One stratum of a stratified rank test: the group's U against the rest of the same stratum. */
export interface RankStratum {
  n1: number;
  n2: number;
  u: number;
  tieTerm: number;
}

/** U of the members (indices into the ranked values) against every other value of the sample. */
export function stratumOf(r: RankedValues, members: ArrayLike<number>): RankStratum {
  let r1 = 0;
  for (let i = 0; i < members.length; i++) r1 += r.ranks[members[i]!]!;
  const n1 = members.length;
  return { n1, n2: r.n - n1, u: r1 - (n1 * (n1 + 1)) / 2, tieTerm: r.tieTerm };
}

export interface StratifiedResult {
  strata: number;
  n1: number;
  n2: number;
  z: number;
  p: number;
  /** Σ U / Σ n₁n₂ mapped to [−1, 1]: the stratified rank-biserial correlation. */
  rankBiserial: number;
}

/**
 * Van Elteren's stratified Wilcoxon–Mann–Whitney test: each stratum's U is weighted by 1/(N+1)
 * (locally most powerful when the shift is the same in every stratum), the weighted sum is
 * compared with its null mean and variance (tie-corrected per stratum), and a continuity
 * correction of half the mean weight is applied. With one stratum it is the Mann–Whitney U test.
 * Values of different strata are never ranked together.
 */
export function vanElteren(strata: readonly RankStratum[]): StratifiedResult {
  let n1 = 0;
  let n2 = 0;
  let num = 0;
  let variance = 0;
  let sumU = 0;
  let sumPairs = 0;
  let sumW = 0;
  let k = 0;
  for (const s of strata) {
    if (s.n1 === 0 || s.n2 === 0) continue;
    const n = s.n1 + s.n2;
    const w = 1 / (n + 1);
    const v = ((s.n1 * s.n2) / 12) * (n + 1 - s.tieTerm / (n * (n - 1)));
    num += w * (s.u - (s.n1 * s.n2) / 2);
    variance += w * w * v;
    sumU += s.u;
    sumPairs += s.n1 * s.n2;
    sumW += w;
    n1 += s.n1;
    n2 += s.n2;
    k++;
  }
  const rankBiserial = sumPairs > 0 ? (2 * sumU) / sumPairs - 1 : 0;
  if (!(variance > 0)) return { strata: k, n1, n2, z: 0, p: 1, rankBiserial };
  const c = (0.5 * sumW) / k;
  const corrected = Math.abs(num) <= c ? 0 : num - Math.sign(num) * c;
  const z = corrected / Math.sqrt(variance);
  return { strata: k, n1, n2, z, p: normalTwoSidedP(z), rankBiserial };
}

/**
 * The median of sorted values and the standard error of it from two order statistics
 * (Bonett & Price 2002): the order statistics c and n − c + 1 with c = round((n + 1)/2 − √n) bound
 * the median with a normal coverage of z_c = (n + 1 − 2c)/√n, so SE ≈ (x₍ₙ₋c₊₁₎ − x₍c₎) / (2 z_c).
 * O(1) on sorted input.
 */
export function medianWithError(sorted: ArrayLike<number>): { median: number; se: number } | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  const med = n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  if (n < 3) return { median: med, se: Number.POSITIVE_INFINITY };
  const c = Math.max(1, Math.round((n + 1) / 2 - Math.sqrt(n)));
  const zc = (n + 1 - 2 * c) / Math.sqrt(n);
  const se = zc > 0 ? (sorted[n - c]! - sorted[c - 1]!) / (2 * zc) : Number.POSITIVE_INFINITY;
  return { median: med, se };
}

export interface RatioStratum {
  groupMedian: number;
  groupSe: number;
  restMedian: number;
  restSe: number;
  /** Weight when no stratum has a usable error (n₁n₂/(n₁+n₂)). */
  size: number;
}

/**
 * Ratio of medians combined over strata: each stratum's log ratio ln(m₁/m₂) with its delta-method
 * variance (se₁/m₁)² + (se₂/m₂)², pooled by inverse variance; the interval is exp(L ± z·SE).
 * Strata with a zero median carry no ratio and are left out. Analytic, so no resampling.
 */
export function combinedMedianRatio(strata: readonly RatioStratum[], level = 0.95): { ratio: number; low: number; high: number } | null {
  const usable = strata.filter((s) => s.groupMedian > 0 && s.restMedian > 0);
  if (usable.length === 0) return null;
  const z = normalQuantile(1 - (1 - level) / 2);
  let wSum = 0;
  let lSum = 0;
  let finite = true;
  for (const s of usable) {
    const v = (s.groupSe / s.groupMedian) ** 2 + (s.restSe / s.restMedian) ** 2;
    if (!Number.isFinite(v)) finite = false;
    // A stratum whose order statistics coincide (v = 0) is capped, so it cannot take all the weight.
    const w = 1 / Math.max(v, 1e-4);
    wSum += Number.isFinite(w) ? w : 0;
    lSum += (Number.isFinite(w) ? w : 0) * Math.log(s.groupMedian / s.restMedian);
  }
  if (!finite || wSum === 0) {
    // Too small for an error: size-weighted log ratio, no interval beyond the estimate.
    let sw = 0;
    let sl = 0;
    for (const s of usable) {
      sw += s.size;
      sl += s.size * Math.log(s.groupMedian / s.restMedian);
    }
    const r = Math.exp(sl / sw);
    return { ratio: r, low: Number.NaN, high: Number.NaN };
  }
  const l = lSum / wSum;
  const se = Math.sqrt(1 / wSum);
  return { ratio: Math.exp(l), low: Math.exp(l - z * se), high: Math.exp(l + z * se) };
}
