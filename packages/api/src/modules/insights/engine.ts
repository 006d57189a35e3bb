import { InsightType, PatternType, Priority } from '../../lib/graphql-enums.js';
import {
  benjaminiHochberg,
  bonferroniZ,
  bootstrapMedianRatio,
  mannWhitneyU,
  mean,
  median,
  robustZScores,
  seededRandom,
  seedFromString,
  type MannWhitneyResult,
} from '../analytics/statistics.js';
import { dayToString, isoWeekday } from '@soash/shared';

/**
 * The insights engine: pure functions from a user's posts and daily account numbers to
 * performance patterns, statistically tested findings and their priorities. No database here, so
 * planted-effect and pure-noise accounts can be analysed directly in tests. docs/analytics.md
 * explains every rule.
 */

/** A post of the analysis window with its per-post engagement rate. */
export interface PostSample {
  type: string;
  hashtags: string[];
  /** ISO weekday (1 = Monday) and hour, in the user's timezone. */
  dow: number;
  hour: number;
  rate: number;
  engagements: number;
}

/** One calendar day of account numbers, summed over the user's accounts. */
export interface DailyPoint {
  day: number;
  /** Net follower change that day (null when unknown). */
  followerChange: number | null;
  /** Account-level engagements that day (null when not reported). */
  engagements: number | null;
}

export interface EngineInput {
  /** Seeds the bootstrap, so a user's analysis is reproducible. */
  seedKey: string;
  /** Label of the rate used, e.g. "engagement rate by reach". */
  rateLabel: string;
  posts: PostSample[];
  daily: DailyPoint[];
  /** The user's current calendar day. */
  today: number;
  /** First and last day of the post window (for the evidence). */
  window: { fromDay: number; toDay: number };
}

// Thresholds (documented in docs/analytics.md).
export const MIN_PATTERN_SAMPLES = 5;
export const MIN_TEST_SAMPLES = 8;
export const ALPHA = 0.05;
export const HIGH_Q = 0.001;
export const LARGE_EFFECT = 0.43;
export const MEDIUM_EFFECT = 0.28;
export const HIGH_RATIO = 1.5;
export const TREND_DAYS = 28;
export const MIN_TREND_DAYS = 14;
export const ANOMALY_LOOKBACK_DAYS = 30;
export const MIN_ANOMALY_HISTORY = 21;
export const MIN_ANOMALY_Z = 4;
export const MIN_ANOMALY_DEVIATION = 5;
/** …and at least this share of the typical (median) day's magnitude. */
export const MIN_ANOMALY_RELATIVE_DEVIATION = 0.1;
export const BOOTSTRAP_ITERATIONS = 1000;

export const MANN_WHITNEY = 'Mann–Whitney U, two-sided, normal approximation with tie and continuity correction';
export const BH = 'Benjamini–Hochberg';

export interface PatternResult {
  patternType: PatternType;
  /** Stable id inside the type (see Group.id). */
  id: string;
  /** How it reads in a sentence, e.g. "posts published 18:00–19:00". */
  label: string;
  patternName: string;
  successRate: number;
  sampleSize: number;
}

interface Group {
  patternType: PatternType;
  /** Stable id inside the type: "reel", "hour-18", "weekday-2", "#launch". */
  id: string;
  /** PerformancePattern.patternName. */
  name: string;
  /** For sentences: "reels", "posts published 18:00–19:00", "posts with #launch". */
  label: string;
  rates: number[];
  restRates: number[];
}

export interface GroupTest {
  group: Group;
  mw: MannWhitneyResult;
  q: number;
  medianGroup: number;
  medianRest: number;
  ratio: number | null;
}

export interface Finding {
  key: string;
  insightType: InsightType;
  title: string;
  description: string;
  priority: Priority;
  /** For ranking findings of equal priority: |effect| × −log10(q). */
  strength: number;
  evidence: Record<string, unknown>;
  /** The pattern a performance finding is about (for recommendations). */
  pattern?: { patternType: PatternType; id: string; name: string; label: string; direction: 'above' | 'below' };
}

export interface EngineResult {
  userMedian: number | null;
  patterns: PatternResult[];
  tests: GroupTest[];
  findings: Finding[];
}

const TYPE_LABEL: Record<string, [string, string]> = {
  post: ['Text posts', 'text posts'],
  comment: ['Comments', 'comments'],
  image: ['Single images', 'single images'],
  video: ['Videos', 'videos'],
  carousel: ['Carousels', 'carousels'],
  story: ['Stories', 'stories'],
  reel: ['Reels', 'reels'],
};
export const TYPE_SINGULAR: Record<string, string> = {
  post: 'text post',
  comment: 'comment',
  image: 'single image',
  video: 'video',
  carousel: 'carousel',
  story: 'story',
  reel: 'reel',
};
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

export const pct = (x: number) => `${(x * 100).toFixed(x * 100 >= 10 ? 1 : 2)} %`;
export const times = (x: number) => `${x.toFixed(x >= 10 ? 0 : 1)}×`;
export const pText = (p: number) => (p < 0.001 ? '< 0.001' : `= ${p.toPrecision(2)}`);
const signed = (x: number, digits = 0) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

/** Priority from significance and effect size; only findings with q < ALPHA exist at all. */
export function priorityOf(q: number, absEffect: number, ratio: number | null): Priority {
  const strongRatio = ratio === null || ratio >= HIGH_RATIO || ratio <= 1 / HIGH_RATIO;
  if (q < HIGH_Q && absEffect >= LARGE_EFFECT && strongRatio) return Priority.HIGH;
  if (q < ALPHA && absEffect >= MEDIUM_EFFECT) return Priority.MEDIUM;
  return Priority.LOW;
}

export const PRIORITY_RANK: Record<Priority, number> = { [Priority.HIGH]: 3, [Priority.MEDIUM]: 2, [Priority.LOW]: 1 };

/** The groups the posts fall into, per pattern type. */
function buildGroups(posts: PostSample[]): Group[] {
  const members = new Map<string, { g: Omit<Group, 'rates' | 'restRates'>; idx: Set<number> }>();
  const add = (g: Omit<Group, 'rates' | 'restRates'>, i: number) => {
    const k = `${g.patternType}|${g.id}`;
    let e = members.get(k);
    if (!e) members.set(k, (e = { g, idx: new Set() }));
    e.idx.add(i);
  };
  posts.forEach((p, i) => {
    const [, plural] = TYPE_LABEL[p.type] ?? [p.type, `${p.type} posts`];
    add({ patternType: PatternType.CONTENT_TYPE, id: p.type, name: p.type, label: plural }, i);
    add({ patternType: PatternType.POSTING_TIME, id: `hour-${p.hour}`, name: hh(p.hour), label: `posts published ${hh(p.hour)}–${hh((p.hour + 1) % 24)}` }, i);
    add({ patternType: PatternType.POSTING_TIME, id: `weekday-${p.dow}`, name: WEEKDAYS[p.dow - 1]!, label: `posts published on ${WEEKDAYS[p.dow - 1]}s` }, i);
    for (const h of new Set(p.hashtags)) add({ patternType: PatternType.HASHTAG, id: `#${h}`, name: `#${h}`, label: `posts with #${h}` }, i);
  });
  return [...members.values()]
    .map(({ g, idx }) => ({
      ...g,
      rates: [...idx].map((i) => posts[i]!.rate),
      restRates: posts.filter((_, i) => !idx.has(i)).map((p) => p.rate),
    }))
    .sort((a, b) => (`${a.patternType}|${a.id}` < `${b.patternType}|${b.id}` ? -1 : 1));
}

function growthTrend(daily: DailyPoint[], today: number) {
  const changes = (from: number, to: number) =>
    daily.filter((d) => d.day >= from && d.day <= to && d.followerChange !== null).map((d) => d.followerChange!);
  const recent = changes(today - TREND_DAYS + 1, today);
  const previous = changes(today - 2 * TREND_DAYS + 1, today - TREND_DAYS);
  if (recent.length < MIN_TREND_DAYS || previous.length < MIN_TREND_DAYS) return null;
  return { recent, previous, mw: mannWhitneyU(recent, previous) };
}

export function analyse(input: EngineInput): EngineResult {
  const { posts } = input;
  const userMedian = median(posts.map((p) => p.rate));
  const groups = buildGroups(posts);

  // Performance patterns: every group with enough posts.
  const patterns: PatternResult[] =
    userMedian === null
      ? []
      : groups
          .filter((g) => g.rates.length >= MIN_PATTERN_SAMPLES)
          .map((g) => ({
            patternType: g.patternType,
            id: g.id,
            label: g.label,
            patternName: g.name,
            successRate: g.rates.filter((r) => r > userMedian).length / g.rates.length,
            sampleSize: g.rates.length,
          }));

  // One family of tests: every testable group against the rest, plus the follower-growth trend.
  const testable = groups.filter((g) => g.rates.length >= MIN_TEST_SAMPLES && g.restRates.length >= MIN_TEST_SAMPLES);
  const mws = testable.map((g) => mannWhitneyU(g.rates, g.restRates));
  const trend = growthTrend(input.daily, input.today);
  const pValues = [...mws.map((m) => m.p), ...(trend ? [trend.mw.p] : [])];
  const qValues = benjaminiHochberg(pValues);
  const family = { method: BH, tests: pValues.length, alpha: ALPHA };

  const tests: GroupTest[] = testable.map((group, i) => {
    const medianGroup = median(group.rates)!;
    const medianRest = median(group.restRates)!;
    return { group, mw: mws[i]!, q: qValues[i]!, medianGroup, medianRest, ratio: medianRest > 0 ? medianGroup / medianRest : null };
  });

  const findings: Finding[] = [];
  const windowOut = { from: dayToString(input.window.fromDay), to: dayToString(input.window.toDay) };
  for (const t of tests) {
    if (t.q >= ALPHA) continue;
    const direction = t.mw.rankBiserial > 0 ? 'above' : 'below';
    // A significant shift whose medians point the other way is too ambiguous to state.
    if (t.ratio !== null && ((direction === 'above' && t.ratio <= 1) || (direction === 'below' && t.ratio >= 1))) continue;
    const g = t.group;
    const key = `performance:${g.patternType}:${g.id}:${direction}`;
    const interval = bootstrapMedianRatio(g.rates, g.restRates, seededRandom(seedFromString(`${input.seedKey}|${key}`)), BOOTSTRAP_ITERATIONS);
    const priority = priorityOf(t.q, Math.abs(t.mw.rankBiserial), t.ratio);
    const ratioText = t.ratio !== null ? times(t.ratio) : 'a different';
    const subject = g.patternType === PatternType.CONTENT_TYPE ? (TYPE_LABEL[g.id]?.[0] ?? g.label) : capitalise(g.label);
    const title = `${subject} earn ${ratioText} the engagement rate of your other posts`;
    const description =
      `Over ${windowOut.from} – ${windowOut.to}, your ${t.mw.n1} ${g.label} had a median ${input.rateLabel} of ${pct(t.medianGroup)} ` +
      `against ${pct(t.medianRest)} for your ${t.mw.n2} other posts (${t.mw.n1} vs ${t.mw.n2} posts; Mann–Whitney U p ${pText(t.mw.p)}, ` +
      `Benjamini–Hochberg q ${pText(t.q)} over ${family.tests} tests; rank-biserial effect ${t.mw.rankBiserial.toFixed(2)}` +
      (interval ? `; 95 % bootstrap interval of the ratio ${times(interval.low)} – ${times(interval.high)}` : '') +
      ').';
    findings.push({
      key,
      insightType: InsightType.PERFORMANCE,
      title,
      description,
      priority,
      strength: Math.abs(t.mw.rankBiserial) * -Math.log10(Math.max(t.q, 1e-300)),
      pattern: { patternType: g.patternType, id: g.id, name: g.name, label: g.label, direction },
      evidence: {
        test: MANN_WHITNEY,
        metric: input.rateLabel,
        window: windowOut,
        group: { pattern: g.name, patternType: g.patternType, n: t.mw.n1, medianRate: t.medianGroup },
        rest: { n: t.mw.n2, medianRate: t.medianRest },
        ratioOfMedians: t.ratio,
        ratioInterval: interval ? { level: 0.95, low: interval.low, high: interval.high, method: 'percentile bootstrap', iterations: BOOTSTRAP_ITERATIONS } : null,
        u: t.mw.u,
        z: t.mw.z,
        pValue: t.mw.p,
        qValue: t.q,
        multipleComparisons: family,
        effectSize: { rankBiserial: t.mw.rankBiserial },
        n: t.mw.n1 + t.mw.n2,
      },
    });
  }

  if (trend) {
    const q = qValues[qValues.length - 1]!;
    const meanRecent = mean(trend.recent)!;
    const meanPrevious = mean(trend.previous)!;
    if (q < ALPHA && Math.abs(meanRecent - meanPrevious) >= 1) {
      const accelerating = trend.mw.rankBiserial > 0;
      const priority = priorityOf(q, Math.abs(trend.mw.rankBiserial), null);
      findings.push({
        key: `trend:followers:${accelerating ? 'accelerating' : 'declining'}`,
        insightType: InsightType.TREND,
        title: accelerating ? 'Follower growth is accelerating' : 'Follower growth is slowing down',
        description:
          `Over the last ${TREND_DAYS} days you gained ${signed(meanRecent, 1)} followers a day on average, against ${signed(meanPrevious, 1)} ` +
          `a day in the ${TREND_DAYS} days before (${trend.recent.length} vs ${trend.previous.length} days; Mann–Whitney U p ${pText(trend.mw.p)}, ` +
          `Benjamini–Hochberg q ${pText(q)}; rank-biserial effect ${trend.mw.rankBiserial.toFixed(2)}).`,
        priority,
        strength: Math.abs(trend.mw.rankBiserial) * -Math.log10(Math.max(q, 1e-300)),
        evidence: {
          test: MANN_WHITNEY,
          series: 'daily net follower change',
          recent: { days: trend.recent.length, mean: meanRecent, median: median(trend.recent) },
          previous: { days: trend.previous.length, mean: meanPrevious, median: median(trend.previous) },
          u: trend.mw.u,
          z: trend.mw.z,
          pValue: trend.mw.p,
          qValue: q,
          multipleComparisons: family,
          effectSize: { rankBiserial: trend.mw.rankBiserial, meanDifferencePerDay: meanRecent - meanPrevious },
          n: trend.recent.length + trend.previous.length,
        },
      });
    }
  }

  findings.push(...anomalies(input.daily, input.today));

  // The recommendation: act on the strongest significant pattern that does better than the rest.
  const best = findings
    .filter((f) => f.insightType === InsightType.PERFORMANCE && f.pattern?.direction === 'above')
    .sort((a, b) => PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || b.strength - a.strength || (a.key < b.key ? -1 : 1))[0];
  if (best?.pattern) {
    const p = best.pattern;
    const title =
      p.patternType === PatternType.CONTENT_TYPE
        ? `Make more ${TYPE_LABEL[p.id]?.[1] ?? p.label}`
        : p.patternType === PatternType.HASHTAG
          ? `Use ${p.name} where it fits`
          : p.id.startsWith('hour-')
            ? `Schedule more posts for ${p.name}`
            : `Post more on ${p.name}s`;
    findings.push({
      key: `recommendation:${best.key}`,
      insightType: InsightType.RECOMMENDATION,
      title,
      description: `Your strongest significant pattern: ${best.title.charAt(0).toLowerCase()}${best.title.slice(1)}. ${best.description}`,
      priority: best.priority,
      strength: best.strength,
      pattern: p,
      evidence: { basedOn: best.key, ...best.evidence },
    });
  }

  return { userMedian, patterns, tests, findings };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Anomaly days: robust z-scores of each daily series over the whole history given; a day in the
 * last ANOMALY_LOOKBACK_DAYS is flagged when |z| passes the Bonferroni threshold over every day of
 * every series examined (at least MIN_ANOMALY_Z) and it differs from the median by at least
 * max(MIN_ANOMALY_DEVIATION, 10 % of the median's magnitude) units. Consecutive flagged days of
 * the same series and direction (a viral week, an outage) are one finding, keyed by its first day
 * so it is updated in place while it lasts.
 */
function anomalies(daily: DailyPoint[], today: number): Finding[] {
  const series = [
    { id: 'followers', label: 'follower change', pick: (d: DailyPoint) => d.followerChange, unit: 'followers' },
    { id: 'engagements', label: 'engagements', pick: (d: DailyPoint) => d.engagements, unit: 'engagements' },
  ]
    .map((s) => ({ ...s, points: daily.filter((d) => s.pick(d) !== null).map((d) => ({ day: d.day, v: s.pick(d)! })) }))
    .filter((s) => s.points.length >= MIN_ANOMALY_HISTORY);
  const comparisons = series.reduce((n, s) => n + s.points.length, 0);
  if (comparisons === 0) return [];
  const threshold = Math.max(MIN_ANOMALY_Z, bonferroniZ(ALPHA, comparisons));
  const out: Finding[] = [];
  for (const s of series) {
    const rz = robustZScores(s.points.map((p) => p.v));
    if (!rz) continue;
    const flagged = s.points
      .map((p, i) => ({ ...p, z: rz.scores[i]! }))
      .filter(
        (p) =>
          p.day > today - ANOMALY_LOOKBACK_DAYS &&
          Math.abs(p.z) >= threshold &&
          Math.abs(p.v - rz.median) >= Math.max(MIN_ANOMALY_DEVIATION, MIN_ANOMALY_RELATIVE_DEVIATION * Math.abs(rz.median)),
      );
    const runs: (typeof flagged)[] = [];
    for (const p of flagged) {
      const run = runs.at(-1);
      const last = run?.at(-1);
      if (run && last && p.day === last.day + 1 && Math.sign(p.z) === Math.sign(last.z)) run.push(p);
      else runs.push([p]);
    }
    const fmt = (v: number) => (s.id === 'followers' ? signed(v) : String(Math.round(v)));
    for (const run of runs) {
      const first = run[0]!;
      const last = run.at(-1)!;
      const up = first.z > 0;
      const zMax = Math.max(...run.map((p) => Math.abs(p.z)));
      const date = dayToString(first.day);
      const endDate = dayToString(last.day);
      const weekday = (day: number) => WEEKDAYS[isoWeekday(day) - 1]!;
      const total = run.reduce((sum, p) => sum + p.v, 0);
      const typical = `a typical day over the last ${s.points.length} days is ${fmt(rz.median)}`;
      const test = `flagged above |z| ${threshold.toFixed(2)}, Bonferroni over ${comparisons} days examined`;
      const single = run.length === 1;
      out.push({
        key: `trend:anomaly:${s.id}:${date}`,
        insightType: InsightType.TREND,
        title: single
          ? `Unusual ${s.label} on ${weekday(first.day)} ${date}: ${fmt(first.v)} (${up ? 'far above' : 'far below'} a typical day)`
          : `Unusual ${s.label} for ${run.length} days, ${weekday(first.day)} ${date} to ${weekday(last.day)} ${endDate}: ${fmt(total)} in all (${up ? 'far above' : 'far below'} typical days)`,
        description: single
          ? `On ${date} your ${s.label} was ${fmt(first.v)} ${s.unit}; ${typical} (robust z = ${first.z.toFixed(1)} from the median and MAD; ${test}).`
          : `From ${date} to ${endDate} your daily ${s.label} was ${up ? 'far above' : 'far below'} normal every day: ` +
            `${run.map((p) => fmt(p.v)).join(', ')} ${s.unit} (${fmt(total)} in all); ${typical} ` +
            `(robust z up to ${(up ? zMax : -zMax).toFixed(1)} from the median and MAD; ${test}).`,
        priority: zMax >= 2 * threshold ? Priority.HIGH : Priority.MEDIUM,
        strength: zMax,
        evidence: {
          test: 'robust z-score (median / MAD, modified z of Iglewicz and Hoaglin)',
          series: s.id === 'followers' ? 'daily net follower change' : 'daily account engagements',
          date,
          ...(single ? {} : { endDate, days: run.length, values: run.map((p) => p.v), total }),
          value: first.v,
          median: rz.median,
          scale: rz.scale,
          z: single ? first.z : (up ? zMax : -zMax),
          threshold,
          multipleComparisons: { method: 'Bonferroni', comparisons, alpha: ALPHA },
          n: s.points.length,
        },
      });
    }
  }
  return out;
}
