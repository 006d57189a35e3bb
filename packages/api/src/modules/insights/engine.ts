import { dayToString, InsightType, PatternType, platformName, Priority, rateLabelFor, type PlatformType } from '@soash/shared';
import {
  benjaminiHochberg,
  bonferroniZ,
  combinedMedianRatio,
  mannWhitneyU,
  mean,
  median,
  medianWithError,
  normalTwoSidedP,
  rankValues,
  robustZScores,
  stratumOf,
  vanElteren,
  type RankedValues,
  type RankStratum,
  type RatioStratum,
} from '../analytics/statistics.js';
import { chanceInWords, engagements, followers, formatDay, formatPeriod, formatWeekday, list, nOf, pct, periodOf, signed, times, WEEKDAYS } from './wording.js';

/**
 * The insights engine: pure functions from a user's posts and daily follower changes, account by
 * account, to performance patterns, statistically tested findings, their priorities and the words
 * that explain them. No database and no I/O here: it runs in a worker thread (engine.worker.ts)
 * and directly in tests. docs/analytics.md explains every rule.
 *
 * Effects are estimated within an account and combined across accounts with a stratified rank
 * test; posts of different accounts are never compared with each other (a TikTok video is not
 * compared with an Instagram image). Each account's rate is the one metric model's
 * (@soash/shared postEngagementRate), so it is the dashboard's rate.
 */

export interface AccountInfo {
  /** The platform (account) id. */
  id: string;
  platform: PlatformType;
  /** How the account is named in sentences, e.g. "@bakery". */
  name: string;
}

/** A post of the analysis window with its engagement rate under the metric model. */
export interface PostSample {
  /** Index into EngineInput.accounts. */
  account: number;
  type: string;
  hashtags: string[];
  /** ISO weekday (1 = Monday) and hour, in the user's timezone. */
  dow: number;
  hour: number;
  /** Local calendar day of publication. */
  day: number;
  rate: number;
  engagements: number;
}

/** One calendar day of one account's net follower change. */
export interface DailyPoint {
  account: number;
  day: number;
  followerChange: number | null;
}

export interface EngineInput {
  accounts: AccountInfo[];
  posts: PostSample[];
  daily: DailyPoint[];
  /** The user's current calendar day. */
  today: number;
  /** The period analysed: within the plan's history and the 180-day window. */
  window: { fromDay: number; toDay: number };
  /** Epoch ms after which no further group is tested: the result is then marked partial. */
  deadline?: number;
}

// Thresholds (documented in docs/analytics.md).
export const MIN_PATTERN_SAMPLES = 5;
export const MIN_TEST_SAMPLES = 8;
/** An account takes part in a group's test with at least this many posts in and out of the group. */
export const MIN_STRATUM_SAMPLES = 3;
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
/** A day's posts are tested against an account's posts when it has at least this many in the window. */
export const MIN_ANOMALY_POSTS = 20;
/** A day's posts must earn at least this multiple (or at most its inverse) of a typical post's engagements. */
export const ANOMALY_RATIO = 2;
export const HIGH_ANOMALY_RATIO = 3;

export const STRATIFIED_TEST = "van Elteren's stratified Mann–Whitney U test (each account's posts ranked only against the same account's posts), two-sided";
export const BH = 'Benjamini–Hochberg';
export const BONFERRONI = 'Bonferroni';

export interface GroupDef {
  patternType: PatternType;
  /** Stable id inside the type: "reel", "hour-18", "weekday-2", "#launch". */
  id: string;
  /** PerformancePattern.patternName. */
  name: string;
  /** Plural noun phrase: "reels", "posts published 18:00–19:00", "posts with #launch". */
  label: string;
  singular: string;
}

export interface PatternResult {
  patternType: PatternType;
  id: string;
  label: string;
  singular: string;
  patternName: string;
  /** Share of the group's posts above their own account's median rate. */
  successRate: number;
  sampleSize: number;
}

export interface GroupTest {
  group: GroupDef;
  n1: number;
  n2: number;
  p: number;
  q: number;
  rankBiserial: number;
  ratio: number | null;
}

export interface EvidenceAccountData {
  platformId: string;
  platform: PlatformType;
  name: string;
  groupSize: number;
  restSize: number;
  groupValue: number | null;
  restValue: number | null;
}

export interface EvidenceData {
  method: string;
  metric: string;
  valueName: string;
  period: { from: string; to: string; days: number };
  groupSize: number;
  restSize: number;
  groupValue: number | null;
  restValue: number | null;
  effectName: string;
  effect: number | null;
  interval: { level: number; low: number; high: number } | null;
  rankBiserial: number | null;
  pValue: number;
  qValue: number | null;
  tests: number;
  correction: string;
  accounts: EvidenceAccountData[];
  pattern: { patternType: PatternType; name: string } | null;
  values: number[] | null;
  howWeKnow: string[];
  posts: { platformIds: string[]; type: string | null; hashtag: string | null; hours: number[]; weekdays: number[]; from: string; to: string } | null;
}

export interface Finding {
  key: string;
  insightType: InsightType;
  title: string;
  /** The plain sentence: what to do, why, the two numbers that matter, the account. */
  description: string;
  priority: Priority;
  /** For ranking findings of equal priority: |effect| × −log10(q). */
  strength: number;
  evidence: EvidenceData;
  /** The pattern a performance finding is about (recommendations link to it). */
  pattern?: { patternType: PatternType; id: string; name: string; label: string; direction: 'above' | 'below' };
}

export interface EngineResult {
  /** Each account's median rate (null without posts), in EngineInput.accounts order. */
  accountMedians: Array<number | null>;
  patterns: PatternResult[];
  tests: GroupTest[];
  findings: Finding[];
  /** Set when the time budget ran out: groups after `testedGroups` were not tested (counted as p = 1). */
  partial: { testedGroups: number; totalGroups: number } | null;
}

const TYPE_NOUN: Record<string, [string, string]> = {
  post: ['text post', 'text posts'],
  comment: ['comment', 'comments'],
  image: ['single image', 'single images'],
  video: ['video', 'videos'],
  carousel: ['carousel', 'carousels'],
  story: ['story', 'stories'],
  reel: ['reel', 'reels'],
};
export const typeNoun = (type: string, n = 2): string => {
  const [one, many] = TYPE_NOUN[type] ?? [`${type} post`, `${type} posts`];
  return n === 1 ? one : many;
};
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Priority from significance and effect size; only findings with q < ALPHA exist at all. */
export function priorityOf(q: number, absEffect: number, ratio: number | null): Priority {
  const strongRatio = ratio === null || ratio >= HIGH_RATIO || ratio <= 1 / HIGH_RATIO;
  if (q < HIGH_Q && absEffect >= LARGE_EFFECT && strongRatio) return Priority.HIGH;
  if (q < ALPHA && absEffect >= MEDIUM_EFFECT) return Priority.MEDIUM;
  return Priority.LOW;
}

export const PRIORITY_RANK: Record<Priority, number> = { [Priority.HIGH]: 3, [Priority.MEDIUM]: 2, [Priority.LOW]: 1 };

/** "@bakery (Instagram)". */
export const accountLabel = (a: AccountInfo) => `${a.name} (${platformName(a.platform)})`;

function typeGroup(type: string): GroupDef {
  return { patternType: PatternType.CONTENT_TYPE, id: type, name: type, label: typeNoun(type), singular: typeNoun(type, 1) };
}
function hourGroup(hour: number): GroupDef {
  const span = `${hh(hour)}–${hh((hour + 1) % 24)}`;
  return { patternType: PatternType.POSTING_TIME, id: `hour-${hour}`, name: hh(hour), label: `posts published ${span}`, singular: `post published ${span}` };
}
function weekdayGroup(dow: number): GroupDef {
  const d = WEEKDAYS[dow - 1]!;
  return { patternType: PatternType.POSTING_TIME, id: `weekday-${dow}`, name: d, label: `posts published on ${d}s`, singular: `post published on a ${d}` };
}
function hashtagGroup(tag: string): GroupDef {
  return { patternType: PatternType.HASHTAG, id: `#${tag}`, name: `#${tag}`, label: `posts with #${tag}`, singular: `post with #${tag}` };
}
/** Hashtags compared without "#" and case: "#Launch" and "launch" are one hashtag. */
const normaliseTag = (t: string) => t.replace(/^#+/, '').toLowerCase();

interface AccountData {
  info: AccountInfo;
  posts: PostSample[];
  ranked: RankedValues;
  /** Rates in ascending order. */
  sorted: Float64Array;
  median: number | null;
  /** First and last day with a post. */
  fromDay: number;
  toDay: number;
}

interface Group {
  def: GroupDef;
  /** Account index → indices of the group's posts within that account's posts. */
  members: Map<number, number[]>;
}

interface StratumDetail {
  account: number;
  stratum: RankStratum;
  ratio: RatioStratum;
  groupMedian: number;
  restMedian: number;
  fromDay: number;
  toDay: number;
}

function accountData(input: EngineInput): AccountData[] {
  const byAccount: PostSample[][] = input.accounts.map(() => []);
  for (const p of input.posts) byAccount[p.account]?.push(p);
  return input.accounts.map((info, k) => {
    const posts = byAccount[k]!;
    const rates = Float64Array.from(posts, (p) => p.rate);
    const ranked = rankValues(rates);
    const sorted = Float64Array.from(ranked.order, (i) => rates[i]!);
    const n = sorted.length;
    const med = n === 0 ? null : n % 2 ? sorted[n >> 1]! : (sorted[(n >> 1) - 1]! + sorted[n >> 1]!) / 2;
    let fromDay = Infinity;
    let toDay = -Infinity;
    for (const p of posts) {
      if (p.day < fromDay) fromDay = p.day;
      if (p.day > toDay) toDay = p.day;
    }
    return { info, posts, ranked, sorted, median: med, fromDay, toDay };
  });
}

function buildGroups(accounts: AccountData[]): Group[] {
  const groups = new Map<string, Group>();
  const add = (key: string, make: () => GroupDef, k: number, i: number) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { def: make(), members: new Map() }));
    let m = g.members.get(k);
    if (!m) g.members.set(k, (m = []));
    m.push(i);
  };
  accounts.forEach((a, k) => {
    a.posts.forEach((p, i) => {
      add(`${PatternType.CONTENT_TYPE}|${p.type}`, () => typeGroup(p.type), k, i);
      add(`${PatternType.POSTING_TIME}|hour-${p.hour}`, () => hourGroup(p.hour), k, i);
      add(`${PatternType.POSTING_TIME}|weekday-${p.dow}`, () => weekdayGroup(p.dow), k, i);
      const tags = p.hashtags.length === 1 ? [normaliseTag(p.hashtags[0]!)] : [...new Set(p.hashtags.map(normaliseTag))];
      for (const t of tags) if (t) add(`${PatternType.HASHTAG}|#${t}`, () => hashtagGroup(t), k, i);
    });
  });
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => g);
}

/** The group's stratum in one account: its U, both medians with their errors, and the days covered. O(account size), no copies. */
function stratumDetail(a: AccountData, k: number, members: number[], mark: Uint8Array): StratumDetail {
  const stratum = stratumOf(a.ranked, members);
  const rates = new Float64Array(members.length);
  for (let j = 0; j < members.length; j++) rates[j] = a.posts[members[j]!]!.rate;
  rates.sort();
  for (const i of members) mark[i] = 1;
  const rest = new Float64Array(a.posts.length - members.length);
  let r = 0;
  for (let j = 0; j < a.ranked.order.length; j++) if (!mark[a.ranked.order[j]!]) rest[r++] = a.sorted[j]!;
  for (const i of members) mark[i] = 0;
  const g = medianWithError(rates)!;
  const o = medianWithError(rest)!;
  return {
    account: k,
    stratum,
    ratio: { groupMedian: g.median, groupSe: g.se, restMedian: o.median, restSe: o.se, size: (stratum.n1 * stratum.n2) / (stratum.n1 + stratum.n2) },
    groupMedian: g.median,
    restMedian: o.median,
    fromDay: a.fromDay,
    toDay: a.toDay,
  };
}

interface TestedGroup {
  group: Group;
  details: StratumDetail[];
  p: number;
  rankBiserial: number;
  n1: number;
  n2: number;
  ratio: { ratio: number; low: number; high: number } | null;
}

export function analyse(input: EngineInput): EngineResult {
  const accounts = accountData(input);
  const accountMedians = accounts.map((a) => a.median);
  const groups = buildGroups(accounts);

  // Performance patterns: every group with enough posts; success = beating the own account's median.
  const patterns: PatternResult[] = [];
  for (const g of groups) {
    let n = 0;
    let above = 0;
    for (const [k, idx] of g.members) {
      const med = accounts[k]!.median!;
      for (const i of idx) {
        n++;
        if (accounts[k]!.posts[i]!.rate > med) above++;
      }
    }
    if (n >= MIN_PATTERN_SAMPLES) {
      patterns.push({ patternType: g.def.patternType, id: g.def.id, label: g.def.label, singular: g.def.singular, patternName: g.def.name, successRate: above / n, sampleSize: n });
    }
  }

  // Which groups can be tested: enough posts in and out of the group within accounts that take part.
  const eligible = (g: Group) => {
    let n1 = 0;
    let n2 = 0;
    for (const [k, idx] of g.members) {
      const rest = accounts[k]!.posts.length - idx.length;
      if (idx.length >= MIN_STRATUM_SAMPLES && rest >= MIN_STRATUM_SAMPLES) {
        n1 += idx.length;
        n2 += rest;
      }
    }
    return n1 >= MIN_TEST_SAMPLES && n2 >= MIN_TEST_SAMPLES;
  };
  const testable = groups.filter(eligible);
  const marks = accounts.map((a) => new Uint8Array(a.posts.length));
  const tested: TestedGroup[] = [];
  let partial: EngineResult['partial'] = null;
  for (const g of testable) {
    if (input.deadline !== undefined && Date.now() > input.deadline) {
      partial = { testedGroups: tested.length, totalGroups: testable.length };
      break;
    }
    const details: StratumDetail[] = [];
    for (const [k, idx] of g.members) {
      const a = accounts[k]!;
      if (idx.length >= MIN_STRATUM_SAMPLES && a.posts.length - idx.length >= MIN_STRATUM_SAMPLES) details.push(stratumDetail(a, k, idx, marks[k]!));
    }
    const ve = vanElteren(details.map((d) => d.stratum));
    tested.push({ group: g, details, p: ve.p, rankBiserial: ve.rankBiserial, n1: ve.n1, n2: ve.n2, ratio: combinedMedianRatio(details.map((d) => d.ratio)) });
  }

  // Follower growth per account, in the same family as the pattern tests.
  const trends = input.accounts
    .map((_, k) => ({ k, t: growthTrend(input.daily, k, input.today) }))
    .filter((x): x is { k: number; t: NonNullable<ReturnType<typeof growthTrend>> } => x.t !== null);

  // One family: every testable group (untested ones after a time-out count as p = 1, so the
  // correction stays as strict as a full run's) and every account's follower trend.
  const untested = testable.length - tested.length;
  const pValues = [...tested.map((t) => t.p), ...new Array<number>(untested).fill(1), ...trends.map((x) => x.t.mw.p)];
  const qValues = benjaminiHochberg(pValues);
  const family = pValues.length;

  const tests: GroupTest[] = tested.map((t, i) => ({
    group: t.group.def,
    n1: t.n1,
    n2: t.n2,
    p: t.p,
    q: qValues[i]!,
    rankBiserial: t.rankBiserial,
    ratio: t.ratio?.ratio ?? null,
  }));

  const findings: Finding[] = [];
  tested.forEach((t, i) => {
    const q = qValues[i]!;
    if (q >= ALPHA) return;
    const direction = t.rankBiserial > 0 ? 'above' : 'below';
    // A significant shift whose medians point the other way is too ambiguous to state.
    if (t.ratio && ((direction === 'above' && t.ratio.ratio <= 1) || (direction === 'below' && t.ratio.ratio >= 1))) return;
    const f = performanceFinding(input, accounts, t, q, family, direction);
    if (f) findings.push(f);
  });

  trends.forEach(({ k, t }, j) => {
    const q = qValues[tested.length + untested + j]!;
    const f = trendFinding(input, k, t, q, family);
    if (f) findings.push(f);
  });

  findings.push(...followerAnomalies(input), ...engagementAnomalies(input, accounts));
  return { accountMedians, patterns, tests, findings, partial };
}

// ---------------------------------------------------------------------------------------------
// Performance findings

function performanceFinding(input: EngineInput, accounts: AccountData[], t: TestedGroup, q: number, family: number, direction: 'above' | 'below'): Finding | null {
  const g = t.group.def;
  const key = `performance:${g.patternType}:${g.id}:${direction}`;
  const ratio = t.ratio?.ratio ?? null;
  const priority = priorityOf(q, Math.abs(t.rankBiserial), ratio);
  const strata = t.details.map((d) => ({ d, a: accounts[d.account]!.info }));
  const fromDay = Math.min(...t.details.map((d) => d.fromDay));
  const toDay = Math.max(...t.details.map((d) => d.toDay));
  const metric = rateLabelFor(strata.map((s) => s.a.platform));
  const text = performanceText({
    group: g,
    direction,
    metric,
    ratio,
    interval: t.ratio && Number.isFinite(t.ratio.low) ? { low: t.ratio.low, high: t.ratio.high } : null,
    rankBiserial: t.rankBiserial,
    q,
    tests: family,
    fromDay,
    toDay,
    perAccount: strata.map((s) => ({
      label: accountLabel(s.a),
      metric: rateLabelFor([s.a.platform]),
      n1: s.d.stratum.n1,
      n2: s.d.stratum.n2,
      groupMedian: s.d.groupMedian,
      restMedian: s.d.restMedian,
    })),
  });
  // No account's own medians point the way of the combined test: too ambiguous to state.
  if (!text) return null;
  const one = strata.length === 1 ? strata[0]! : null;
  const named = text.named.map((i) => strata[i]!);
  return {
    key,
    insightType: InsightType.PERFORMANCE,
    title: text.title,
    description: text.sentence,
    priority,
    strength: Math.abs(t.rankBiserial) * -Math.log10(Math.max(q, 1e-300)),
    pattern: { patternType: g.patternType, id: g.id, name: g.name, label: g.label, direction },
    evidence: {
      method: STRATIFIED_TEST,
      metric,
      valueName: 'median engagement rate',
      period: periodOf(fromDay, toDay),
      groupSize: t.n1,
      restSize: t.n2,
      groupValue: one ? one.d.groupMedian : null,
      restValue: one ? one.d.restMedian : null,
      effectName: 'ratio of medians (group ÷ rest of the same account)',
      effect: ratio,
      interval: t.ratio && Number.isFinite(t.ratio.low) ? { level: 0.95, low: t.ratio.low, high: t.ratio.high } : null,
      rankBiserial: t.rankBiserial,
      pValue: t.p,
      qValue: q,
      tests: family,
      correction: BH,
      accounts: strata.map((s) => ({
        platformId: s.a.id,
        platform: s.a.platform,
        name: s.a.name,
        groupSize: s.d.stratum.n1,
        restSize: s.d.stratum.n2,
        groupValue: s.d.groupMedian,
        restValue: s.d.restMedian,
      })),
      pattern: { patternType: g.patternType, name: g.name },
      values: null,
      howWeKnow: text.howWeKnow,
      posts: {
        // The posts of the accounts the sentence names (where the pattern holds).
        platformIds: named.map((s) => s.a.id),
        type: g.patternType === PatternType.CONTENT_TYPE ? g.id : null,
        hashtag: g.patternType === PatternType.HASHTAG ? g.id.slice(1) : null,
        hours: g.id.startsWith('hour-') ? [Number(g.id.slice(5))] : [],
        weekdays: g.id.startsWith('weekday-') ? [Number(g.id.slice(8))] : [],
        from: dayToString(fromDay),
        to: dayToString(toDay),
      },
    },
  };
}

export interface PerformanceTextInput {
  group: GroupDef;
  direction: 'above' | 'below';
  /** The rate over every account taking part ("engagement rate by views (TikTok) and reach (Instagram)"). */
  metric: string;
  /** The ratio of medians pooled over the accounts, with its 95 % interval. */
  ratio: number | null;
  interval: { low: number; high: number } | null;
  rankBiserial: number;
  q: number;
  tests: number;
  fromDay: number;
  toDay: number;
  /** Each account taking part: "@bakery (Instagram)", its own rate's name, its posts in and out of the group and their medians. */
  perAccount: Array<{ label: string; metric: string; n1: number; n2: number; groupMedian: number; restMedian: number }>;
}

/** What to do about a pattern: "Make more reels", "Post more between 18:00 and 19:00", … and, below, how to rethink it. */
function action(g: GroupDef, up: boolean): { verb: string; rethink: string } {
  switch (g.patternType) {
    case PatternType.CONTENT_TYPE:
      return up ? { verb: `Make more ${g.label}`, rethink: '' } : { verb: `Make fewer ${g.label}`, rethink: ', or rethink them' };
    case PatternType.HASHTAG:
      return up ? { verb: `Use ${g.name} more often`, rethink: '' } : { verb: `Use ${g.name} less`, rethink: ', or rethink the posts you tag with it' };
    default:
      if (g.id.startsWith('hour-')) {
        const h = Number(g.id.slice(5));
        return { verb: `${up ? 'Post more' : 'Post less'} between ${hh(h)} and ${hh((h + 1) % 24)}`, rethink: '' };
      }
      return { verb: `${up ? 'Post more' : 'Post less'} on ${g.name}s`, rethink: '' };
  }
}

/** "reach" / "views (TikTok) or reach (Instagram)" from a rate label. */
const denominatorWords = (metric: string) => metric.replace(/^engagement rate by /, '').replace(/ and /g, ' or ');

/**
 * The title, the plain sentence and the "How we know" lines of a performance finding, and which
 * accounts it names (indices into perAccount). The sentence names only the accounts whose own
 * medians point the finding's way, so a pattern seen on one account is worded for that account,
 * never "on 2 accounts"; the others are said not to show it. Null when no account's medians do.
 */
export function performanceText(x: PerformanceTextInput): { title: string; sentence: string; howWeKnow: string[]; named: number[] } | null {
  const up = x.direction === 'above';
  const g = x.group;
  const holds = (a: PerformanceTextInput['perAccount'][number]) => (up ? a.groupMedian > a.restMedian : a.groupMedian < a.restMedian);
  const named = x.perAccount.flatMap((a, i) => (holds(a) ? [i] : []));
  if (!named.length) return null;
  const shown = named.map((i) => x.perAccount[i]!);
  const others = x.perAccount.filter((a) => !holds(a));
  const { verb, rethink } = action(g, up);
  const where = shown.length === 1 ? `on ${shown[0]!.label}` : `on ${nOf(shown.length, 'account', 'accounts')}`;
  const period = formatPeriod(x.fromDay, x.toDay);
  const title = `${verb} ${where}`;
  const notElsewhere = others.length ? `; on ${list(others.map((a) => a.label))} they did ${up ? 'no better' : 'no worse'}` : '';
  let sentence: string;
  if (shown.length === 1) {
    const a = shown[0]!;
    sentence = `${verb} ${where}${rethink}: your ${nOf(a.n1, g.singular, g.label)} earned a median ${a.metric} of ${pct(a.groupMedian)}, against ${pct(a.restMedian)} for your ${nOf(a.n2, 'other post', 'other posts')}${notElsewhere} (${period}).`;
  } else {
    // Rates of different platforms are not one number: each account's ratio to its own other posts.
    const clauses = shown.map(
      (a) =>
        `on ${a.label} your ${nOf(a.n1, g.singular, g.label)} earned ${
          a.restMedian > 0 ? `${times(a.groupMedian / a.restMedian)} the median engagement rate of` : `a ${up ? 'higher' : 'lower'} median engagement rate than`
        } its ${nOf(a.n2, 'other post', 'other posts')}`,
    );
    sentence = `${verb} ${where}${rethink}: ${list(clauses)}${notElsewhere} (${period}).`;
  }
  const cl = Math.round(((x.rankBiserial + 1) / 2) * 100);
  const taking = x.perAccount.length;
  const howWeKnow = [
    taking === 1
      ? `We compared your ${g.label} with the other posts of the same account, by rank, so a single viral post cannot decide it.`
      : `We compared your ${g.label} with the other posts of the same account, account by account, and combined the ${nOf(taking, 'account', 'accounts')}; posts of different accounts are never compared with each other.`,
    `Allowing for the ${nOf(x.tests, 'pattern', 'patterns')} we checked, this is ${chanceInWords(x.q)}.`,
    `Picked at random, a ${g.singular} beat another post of the same account ${cl} times in 100.`,
    ...(x.ratio !== null && x.interval
      ? [
          `${taking === 1 ? 'They' : `Over the ${nOf(taking, 'account', 'accounts')}, they`} earned ${times(x.ratio)} the rate of the other posts; the true figure is most likely between ${times(x.interval.low)} and ${times(x.interval.high)} (95 % interval).`,
        ]
      : []),
    ...x.perAccount.map(
      (a) => `${a.label}: median ${pct(a.groupMedian)} over ${nOf(a.n1, g.singular, g.label)}, against ${pct(a.restMedian)} over ${nOf(a.n2, 'other post', 'other posts')}.`,
    ),
    `Period analysed: ${period}. Rates are the ${x.metric}: each post's engagements divided by its ${denominatorWords(x.metric)}.`,
  ];
  return { title, sentence, howWeKnow, named };
}

// ---------------------------------------------------------------------------------------------
// Follower growth

function growthTrend(daily: DailyPoint[], account: number, today: number) {
  const changes = (from: number, to: number) =>
    daily.filter((d) => d.account === account && d.day >= from && d.day <= to && d.followerChange !== null).map((d) => d.followerChange!);
  const recent = changes(today - TREND_DAYS, today - 1);
  const previous = changes(today - 2 * TREND_DAYS, today - TREND_DAYS - 1);
  if (recent.length < MIN_TREND_DAYS || previous.length < MIN_TREND_DAYS) return null;
  return { recent, previous, mw: mannWhitneyU(recent, previous) };
}

function trendFinding(input: EngineInput, k: number, t: NonNullable<ReturnType<typeof growthTrend>>, q: number, family: number): Finding | null {
  const meanRecent = mean(t.recent)!;
  const meanPrevious = mean(t.previous)!;
  if (!(q < ALPHA && Math.abs(meanRecent - meanPrevious) >= 1)) return null;
  const a = input.accounts[k]!;
  const accelerating = t.mw.rankBiserial > 0;
  const fromDay = input.today - 2 * TREND_DAYS;
  const toDay = input.today - 1;
  const text = followerTrendText({ account: accountLabel(a), accelerating, recent: t.recent, previous: t.previous, q, tests: family, fromDay, toDay });
  const { title, description } = text;
  return {
    key: `trend:followers:${a.id}:${accelerating ? 'accelerating' : 'declining'}`,
    insightType: InsightType.TREND,
    title,
    description,
    priority: priorityOf(q, Math.abs(t.mw.rankBiserial), null),
    strength: Math.abs(t.mw.rankBiserial) * -Math.log10(Math.max(q, 1e-300)),
    evidence: {
      method: 'Mann–Whitney U test of the daily net follower change, last 28 days against the 28 days before, two-sided',
      metric: 'daily net follower change',
      valueName: 'mean followers gained a day',
      period: periodOf(fromDay, toDay),
      groupSize: t.recent.length,
      restSize: t.previous.length,
      groupValue: meanRecent,
      restValue: meanPrevious,
      effectName: 'difference in followers gained a day',
      effect: meanRecent - meanPrevious,
      interval: null,
      rankBiserial: t.mw.rankBiserial,
      pValue: t.mw.p,
      qValue: q,
      tests: family,
      correction: BH,
      accounts: [{ platformId: a.id, platform: a.platform, name: a.name, groupSize: t.recent.length, restSize: t.previous.length, groupValue: meanRecent, restValue: meanPrevious }],
      pattern: null,
      values: null,
      howWeKnow: text.howWeKnow,
      posts: null,
    },
  };
}

export interface FollowerTrendTextInput {
  /** "@bakery (Instagram)". */
  account: string;
  accelerating: boolean;
  /** Daily net follower changes of the last TREND_DAYS days and of the TREND_DAYS before. */
  recent: number[];
  previous: number[];
  q: number;
  tests: number;
  fromDay: number;
  toDay: number;
}

/** The title, sentence and "How we know" of a follower-growth trend. */
export function followerTrendText(x: FollowerTrendTextInput): { title: string; description: string; howWeKnow: string[] } {
  const acc = x.account;
  const meanRecent = mean(x.recent)!;
  const meanPrevious = mean(x.previous)!;
  const title = x.accelerating ? `Follower growth is speeding up on ${acc}` : `Follower growth is slowing down on ${acc}`;
  const numbers = `${followers(meanRecent, 1)} a day over the last ${nOf(TREND_DAYS, 'day', 'days')}, against ${signed(meanPrevious, 1)} a day in the ${nOf(TREND_DAYS, 'day', 'days')} before`;
  const description = x.accelerating ? `Keep doing what you did lately on ${acc}: it gained ${numbers}.` : `Look at what changed on ${acc}: it gained ${numbers}.`;
  const howWeKnow = [
    `We compared each of the last ${nOf(x.recent.length, 'day', 'days')} with each of the ${nOf(x.previous.length, 'day', 'days')} before, by rank, so one unusual day cannot decide it.`,
    `Allowing for the ${nOf(x.tests, 'pattern', 'patterns')} we checked, this is ${chanceInWords(x.q)}.`,
    `Median day: ${followers(median(x.recent)!)} recently, ${signed(median(x.previous)!, 0)} before.`,
    `Period analysed: ${formatPeriod(x.fromDay, x.toDay)} (complete days only).`,
  ];
  return { title, description, howWeKnow };
}

// ---------------------------------------------------------------------------------------------
// Anomalies

/**
 * Follower anomaly days, per account: robust z-scores of the account's daily net follower change;
 * a day in the last ANOMALY_LOOKBACK_DAYS is flagged when |z| passes the Bonferroni threshold over
 * every day of every account examined (at least MIN_ANOMALY_Z) and it differs from the median by
 * at least max(MIN_ANOMALY_DEVIATION, 10 % of the median's magnitude). Consecutive flagged days of
 * the same account and direction are one finding, keyed by its first day.
 */
function followerAnomalies(input: EngineInput): Finding[] {
  const series = input.accounts
    .map((a, k) => ({
      a,
      points: input.daily.filter((d) => d.account === k && d.followerChange !== null).map((d) => ({ day: d.day, v: d.followerChange! })),
    }))
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
          p.day > input.today - ANOMALY_LOOKBACK_DAYS &&
          p.day < input.today &&
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
    const acc = accountLabel(s.a);
    for (const run of runs) {
      const first = run[0]!;
      const last = run.at(-1)!;
      const up = first.z > 0;
      const zMax = Math.max(...run.map((p) => Math.abs(p.z)));
      const total = run.reduce((sum, p) => sum + p.v, 0);
      const p = Math.min(1, normalTwoSidedP(zMax) * comparisons);
      const text = followerAnomalyText({ account: acc, days: run, up, typical: rz.median, threshold, history: s.points.length, tests: comparisons, p });
      out.push({
        key: `trend:anomaly:followers:${s.a.id}:${dayToString(first.day)}`,
        insightType: InsightType.TREND,
        title: text.title,
        description: text.description,
        priority: zMax >= 2 * threshold ? Priority.HIGH : Priority.MEDIUM,
        strength: zMax,
        evidence: {
          method: 'robust z-score of the daily net follower change (median and MAD, the modified z of Iglewicz and Hoaglin)',
          metric: 'daily net follower change',
          valueName: 'net follower change',
          period: periodOf(first.day, last.day),
          groupSize: run.length,
          restSize: s.points.length,
          groupValue: run.length === 1 ? first.v : total,
          restValue: rz.median,
          effectName: 'robust z-score',
          effect: up ? zMax : -zMax,
          interval: null,
          rankBiserial: null,
          pValue: p,
          qValue: null,
          tests: comparisons,
          correction: BONFERRONI,
          accounts: [{ platformId: s.a.id, platform: s.a.platform, name: s.a.name, groupSize: run.length, restSize: s.points.length, groupValue: total, restValue: rz.median }],
          pattern: null,
          values: run.map((x) => x.v),
          howWeKnow: text.howWeKnow,
          posts: { platformIds: [s.a.id], type: null, hashtag: null, hours: [], weekdays: [], from: dayToString(first.day), to: dayToString(last.day) },
        },
      });
    }
  }
  return out;
}


/**
 * Unusual engagements, per account and day: a day's posts are tested against the account's other
 * posts of the window by a rank test (Mann–Whitney U, normal approximation, conservative for one
 * or two posts), so heavy tails and a single viral post weigh no more than their rank, and a
 * sparse poster's only post of the day is never a "spike" by being alone. Bonferroni over every
 * (account, day) examined; the day's median must also be at least ANOMALY_RATIO × (or at most
 * 1/ANOMALY_RATIO ×) the median of the account's other posts.
 */
function engagementAnomalies(input: EngineInput, accounts: AccountData[]): Finding[] {
  interface Candidate {
    k: number;
    day: number;
    members: number[];
    p: number;
    rankBiserial: number;
    dayMedian: number;
    restMedian: number;
    rest: number;
  }
  const candidates: Candidate[] = [];
  accounts.forEach((a, k) => {
    if (a.posts.length < MIN_ANOMALY_POSTS) return;
    const engagements = Float64Array.from(a.posts, (p) => p.engagements);
    const ranked = rankValues(engagements);
    const byDay = new Map<number, number[]>();
    a.posts.forEach((p, i) => {
      if (p.day > input.today - ANOMALY_LOOKBACK_DAYS && p.day < input.today) {
        const m = byDay.get(p.day);
        if (m) m.push(i);
        else byDay.set(p.day, [i]);
      }
    });
    const sortedAll = Float64Array.from(ranked.order, (i) => engagements[i]!);
    for (const [day, members] of [...byDay].sort(([x], [y]) => x - y)) {
      const ve = vanElteren([stratumOf(ranked, members)]);
      const inDay = new Set(members);
      const rest: number[] = [];
      for (let j = 0; j < ranked.order.length; j++) if (!inDay.has(ranked.order[j]!)) rest.push(sortedAll[j]!);
      candidates.push({ k, day, members, p: ve.p, rankBiserial: ve.rankBiserial, dayMedian: median(members.map((i) => engagements[i]!))!, restMedian: median(rest)!, rest: rest.length });
    }
  });
  const m = candidates.length;
  const out: Finding[] = [];
  for (const c of candidates) {
    const pAdj = Math.min(1, c.p * m);
    if (pAdj >= ALPHA) continue;
    const up = c.rankBiserial > 0;
    const ratio = c.restMedian > 0 ? c.dayMedian / c.restMedian : up ? Infinity : 1;
    if (up ? ratio < ANOMALY_RATIO : ratio > 1 / ANOMALY_RATIO) continue;
    const a = input.accounts[c.k]!;
    const n = c.members.length;
    const strong = up ? ratio >= HIGH_ANOMALY_RATIO : ratio <= 1 / HIGH_ANOMALY_RATIO;
    const text = engagementAnomalyText({
      account: accountLabel(a),
      day: c.day,
      up,
      posts: n,
      dayMedian: c.dayMedian,
      restMedian: c.restMedian,
      rest: c.rest,
      tests: m,
      p: pAdj,
      fromDay: input.window.fromDay,
      toDay: input.window.toDay,
    });
    out.push({
      key: `trend:anomaly:engagements:${a.id}:${dayToString(c.day)}`,
      insightType: InsightType.TREND,
      title: text.title,
      description: text.description,
      priority: pAdj < HIGH_Q && strong ? Priority.HIGH : Priority.MEDIUM,
      strength: Math.abs(c.rankBiserial) * -Math.log10(Math.max(pAdj, 1e-300)),
      evidence: {
        method: "Mann–Whitney U test of the day's posts against the account's other posts (engagements per post), two-sided",
        metric: 'engagements per post',
        valueName: 'median engagements per post',
        period: periodOf(c.day, c.day),
        groupSize: n,
        restSize: c.rest,
        groupValue: c.dayMedian,
        restValue: c.restMedian,
        effectName: "ratio of medians (the day's posts ÷ the account's other posts)",
        effect: Number.isFinite(ratio) ? ratio : null,
        interval: null,
        rankBiserial: c.rankBiserial,
        pValue: c.p,
        qValue: pAdj,
        tests: m,
        correction: BONFERRONI,
        accounts: [{ platformId: a.id, platform: a.platform, name: a.name, groupSize: n, restSize: c.rest, groupValue: c.dayMedian, restValue: c.restMedian }],
        pattern: null,
        values: null,
        howWeKnow: text.howWeKnow,
        posts: { platformIds: [a.id], type: null, hashtag: null, hours: [], weekdays: [], from: dayToString(c.day), to: dayToString(c.day) },
      },
    });
  }
  return out;
}

export interface FollowerAnomalyTextInput {
  /** "@bakery (Instagram)". */
  account: string;
  /** The unusual days, consecutive, one direction (up: more followers than usual): each day's net follower change. */
  days: Array<{ day: number; v: number }>;
  up: boolean;
  /** The account's median day. */
  typical: number;
  /** The |robust z| each day passed. */
  threshold: number;
  /** Days of the account's history compared. */
  history: number;
  /** Days examined over every account (the Bonferroni family), and the adjusted p. */
  tests: number;
  p: number;
}

/** The title, sentence and "How we know" of a run of unusual follower days. */
export function followerAnomalyText(x: FollowerAnomalyTextInput): { title: string; description: string; howWeKnow: string[] } {
  const acc = x.account;
  const first = x.days[0]!;
  const last = x.days.at(-1)!;
  const single = x.days.length === 1;
  const total = x.days.reduce((sum, d) => sum + d.v, 0);
  const up = x.up;
  const when = single ? formatWeekday(first.day) : formatPeriod(first.day, last.day);
  const typical = `${signed(x.typical)} on a typical day`;
  const title = single
    ? `Unusual follower change on ${acc}, ${when}: ${signed(first.v)}`
    : `Unusual follower change on ${acc} for ${nOf(x.days.length, 'day', 'days')}, ${when}: ${signed(total)} in all`;
  const description = up
    ? `Find out what brought ${acc} ${followers(total)} ${single ? `on ${when}` : `over ${when}`}, against ${typical}, and do more of it.`
    : `Check what cost ${acc} followers ${single ? `on ${when}` : `over ${when}`}: ${signed(total)}, against ${typical}.`;
  const howWeKnow = [
    `We compared each day with ${acc}'s own last ${nOf(x.history, 'day', 'days')}: a typical day is ${followers(x.typical)}, and ${single ? 'this day was' : 'each of these days was'} more than ${x.threshold.toFixed(1)} typical spreads away.`,
    `Allowing for the ${nOf(x.tests, 'day', 'days')} we checked, this is ${chanceInWords(x.p)}.`,
    ...(single ? [] : [`Day by day: ${x.days.map((d) => signed(d.v)).join(', ')}.`]),
  ];
  return { title, description, howWeKnow };
}

export interface EngagementAnomalyTextInput {
  /** "@bakery (Instagram)". */
  account: string;
  day: number;
  up: boolean;
  /** The day's posts, their median engagements, and the account's other posts of the period. */
  posts: number;
  dayMedian: number;
  restMedian: number;
  rest: number;
  /** Posting days examined over every account (the Bonferroni family), and the adjusted p. */
  tests: number;
  p: number;
  fromDay: number;
  toDay: number;
}

/** The title, sentence and "How we know" of a day of unusually strong or weak posts. */
export function engagementAnomalyText(x: EngagementAnomalyTextInput): { title: string; description: string; howWeKnow: string[] } {
  const acc = x.account;
  const when = formatWeekday(x.day);
  const posts = nOf(x.posts, 'post', 'posts');
  const earned = x.posts === 1 ? `your post earned ${engagements(x.dayMedian)}` : `your ${posts} earned a median of ${engagements(x.dayMedian)} each`;
  const against = `against ${engagements(x.restMedian)} for a typical post of the account`;
  return {
    title: `Unusually ${x.up ? 'strong' : 'weak'} ${x.posts === 1 ? 'post' : 'posts'} on ${acc}, ${when}`,
    description: x.up ? `Find out what worked on ${acc} on ${when}: ${earned}, ${against}.` : `Check what went wrong on ${acc} on ${when}: ${earned}, ${against}.`,
    howWeKnow: [
      `We ranked ${x.posts === 1 ? 'the post' : `the ${posts}`} of ${formatDay(x.day)} among ${acc}'s other ${nOf(x.rest, 'post', 'posts')} of the period, so a single viral post or a quiet week cannot decide it.`,
      `Allowing for the ${nOf(x.tests, 'posting day', 'posting days')} we checked, this is ${chanceInWords(x.p)}.`,
      `Period analysed: ${formatPeriod(x.fromDay, x.toDay)}.`,
    ],
  };
}
