import { ContentType, PlatformType } from '@soash/shared';
import type { EngagementCounters } from '../../modules/activities/engagement.model.js';
import type { Demographics } from '../../modules/stats/stats.model.js';
import { DAY_MS, HOUR_MS } from '../common.js';
import { brandOf, handleOf } from './brand.js';

/**
 * Deterministic, realistic data for sandbox accounts. Everything is a pure function of the
 * account's platformUserId (the seed) and absolute UTC time, so:
 *
 * - any run on any day agrees with every earlier run (re-pulls are idempotent, history is stable);
 * - any single day or post is computed in O(1) without generating what came before it, so the
 *   benchmarks can generate any volume cheaply.
 *
 * The model: followers follow a logistic growth curve with bumps after viral posts; posts arrive
 * as a Poisson process with a weekly rhythm and habitual posting hours; each post's final reach is
 * the follower base times effects for content type, posting hour, weekday and hashtags, log-normal
 * noise and a small chance of going viral; its engagements per reach carry the account's own
 * planted effects (a format, a prime hour, hashtags: `PlantedEffects`), so the insights have real
 * within-account effects to find; its counters accumulate along an exponential decay
 * curve (stories fade within a day, reels and TikTok videos keep a long tail). Account days sum
 * the posts' daily increments on top of an organic baseline.
 */

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform number in [0, 1) determined by the seed and the keys. */
function rand(seed: number, ...keys: number[]): number {
  let h = seed >>> 0;
  for (const k of keys) h = mix32(h ^ mix32((k + 0x9e3779b9) >>> 0));
  return mix32(h) / 4_294_967_296;
}

/** A standard normal number (Box-Muller) determined by the seed and the keys. */
function normal(seed: number, ...keys: number[]): number {
  const u1 = Math.max(rand(seed, ...keys, 1), 1e-12);
  const u2 = rand(seed, ...keys, 2);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A Poisson count from a uniform `u` (inverse CDF), or from the normal `z` for large rates. */
function poisson(lambda: number, u: number, z: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u > cdf && k < 200) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

function pick<T>(items: readonly T[], u: number): T {
  return items[Math.min(items.length - 1, Math.floor(u * items.length))]!;
}

function weighted<T>(items: ReadonlyArray<readonly [T, number]>, u: number): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  for (const [item, w] of items) {
    acc += w / total;
    if (u < acc) return item;
  }
  return items[items.length - 1]![0];
}

// ---------------------------------------------------------------------------------------------
// Platform and niche profiles

interface PlatformProfile {
  medianFollowers: number;
  postsPerDay: number;
  /** Share of followers a typical post reaches. */
  reachRatio: number;
  /** Organic daily reach of the account outside new posts, as a share of followers. */
  baselineReach: number;
  likeRate: number;
  types: ReadonlyArray<readonly [ContentType, number]>;
  /** ISO weekday (Mon..Sun) multipliers of reach and posting. */
  weekly: readonly number[];
  postingWeekly: readonly number[];
  peakHours: readonly number[];
  decayScale: number;
  maxTags: number;
  /** Which post counters the real platform reports (the rest stay null). */
  reports: ReadonlyArray<Exclude<keyof EngagementCounters, 'navigation'>>;
  /** Whether account-level daily reach exists on the real platform. */
  accountReach: boolean;
  ages: readonly number[];
}

const AGE_RANGES = ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;

const PROFILES: Record<PlatformType, PlatformProfile> = {
  [PlatformType.INSTAGRAM]: {
    medianFollowers: 12_000,
    postsPerDay: 0.9,
    reachRatio: 0.28,
    baselineReach: 0.035,
    likeRate: 0.055,
    types: [[ContentType.IMAGE, 0.32], [ContentType.CAROUSEL, 0.24], [ContentType.REEL, 0.3], [ContentType.STORY, 0.1], [ContentType.VIDEO, 0.04]],
    weekly: [0.96, 1.0, 1.04, 1.05, 1.0, 1.06, 1.02],
    postingWeekly: [1, 1.05, 1.1, 1.05, 1, 0.85, 0.8],
    peakHours: [8, 12, 19],
    decayScale: 1,
    maxTags: 8,
    reports: ['likes', 'comments', 'shares', 'saves', 'reach', 'views', 'impressions'],
    accountReach: true,
    ages: [0.04, 0.3, 0.33, 0.17, 0.09, 0.05, 0.02],
  },
  [PlatformType.FACEBOOK]: {
    medianFollowers: 6_000,
    postsPerDay: 0.8,
    reachRatio: 0.09,
    baselineReach: 0.02,
    likeRate: 0.045,
    types: [[ContentType.POST, 0.3], [ContentType.IMAGE, 0.38], [ContentType.VIDEO, 0.2], [ContentType.REEL, 0.12]],
    weekly: [1.0, 1.02, 1.05, 1.05, 1.0, 0.95, 0.93],
    postingWeekly: [1.1, 1.1, 1.1, 1.05, 1, 0.75, 0.7],
    peakHours: [9, 13, 20],
    decayScale: 1.1,
    maxTags: 3,
    reports: ['likes', 'comments', 'shares', 'reach', 'impressions'],
    accountReach: true,
    ages: [0.01, 0.12, 0.26, 0.23, 0.17, 0.13, 0.08],
  },
  [PlatformType.TWITTER]: {
    medianFollowers: 4_000,
    postsPerDay: 2.4,
    reachRatio: 0.0,
    baselineReach: 0.0,
    likeRate: 0.012,
    types: [[ContentType.POST, 0.78], [ContentType.IMAGE, 0.16], [ContentType.VIDEO, 0.06]],
    weekly: [1.05, 1.1, 1.1, 1.05, 1.0, 0.84, 0.86],
    postingWeekly: [1.1, 1.15, 1.1, 1.05, 1, 0.7, 0.7],
    peakHours: [8, 12, 17],
    decayScale: 0.45,
    maxTags: 2,
    reports: ['likes', 'comments', 'shares', 'saves', 'impressions'],
    accountReach: false,
    ages: [0.03, 0.22, 0.34, 0.2, 0.11, 0.07, 0.03],
  },
  [PlatformType.LINKEDIN]: {
    medianFollowers: 2_500,
    postsPerDay: 0.5,
    reachRatio: 0.2,
    baselineReach: 0.01,
    likeRate: 0.03,
    types: [[ContentType.POST, 0.48], [ContentType.IMAGE, 0.32], [ContentType.VIDEO, 0.1], [ContentType.CAROUSEL, 0.1]],
    weekly: [1.15, 1.25, 1.25, 1.2, 1.0, 0.55, 0.5],
    postingWeekly: [1.2, 1.3, 1.3, 1.2, 0.9, 0.15, 0.1],
    peakHours: [8, 12, 17],
    decayScale: 1.6,
    maxTags: 3,
    reports: ['likes', 'comments', 'shares', 'reach', 'impressions'],
    accountReach: true,
    ages: [0, 0.14, 0.42, 0.24, 0.12, 0.06, 0.02],
  },
  [PlatformType.TIKTOK]: {
    medianFollowers: 20_000,
    postsPerDay: 0.7,
    reachRatio: 0.55,
    baselineReach: 0.0,
    likeRate: 0.075,
    types: [[ContentType.VIDEO, 1]],
    weekly: [0.95, 0.95, 1.0, 1.0, 1.05, 1.15, 1.15],
    postingWeekly: [1, 1, 1, 1, 1.05, 1.1, 1.1],
    peakHours: [7, 16, 21],
    decayScale: 2.2,
    maxTags: 6,
    reports: ['likes', 'comments', 'shares', 'views'],
    accountReach: false,
    ages: [0.12, 0.38, 0.27, 0.12, 0.06, 0.03, 0.02],
  },
};

const NICHES: Record<string, readonly string[]> = {
  fitness: ['fitness', 'workout', 'gym', 'fitfam', 'health', 'training', 'legday', 'running', 'yoga', 'nutrition', 'mealprep', 'strong'],
  food: ['food', 'foodie', 'recipe', 'homecooking', 'vegan', 'baking', 'brunch', 'healthyfood', 'streetfood', 'dessert', 'coffee', 'pasta'],
  travel: ['travel', 'wanderlust', 'travelgram', 'roadtrip', 'beach', 'hiking', 'cityguide', 'backpacking', 'sunset', 'islandlife', 'vanlife', 'explore'],
  tech: ['tech', 'ai', 'startup', 'coding', 'devops', 'javascript', 'productivity', 'gadgets', 'opensource', 'cloud', 'datascience', 'webdev'],
  fashion: ['fashion', 'ootd', 'style', 'streetstyle', 'vintage', 'sustainablefashion', 'outfit', 'menswear', 'accessories', 'lookbook', 'sneakers', 'thrift'],
  marketing: ['marketing', 'socialmedia', 'branding', 'contentmarketing', 'seo', 'growth', 'smallbusiness', 'entrepreneur', 'analytics', 'copywriting', 'b2b', 'leadership'],
};
const GENERIC_TAGS = ['motivation', 'love', 'weekend', 'tbt', 'photooftheday', 'behindthescenes', 'tips', 'inspiration'];

const CAPTIONS = [
  'New week, new goals.',
  'Here is what we learned this month.',
  'Quick tip you can use today.',
  'Behind the scenes of our latest project.',
  'Which one is your favourite?',
  'Three things nobody tells you about this.',
  'Saving this for later? You should.',
  'A small win worth sharing.',
  'Throwback to one of our best days.',
  'We tried it so you do not have to.',
  'Step by step, the way we do it.',
  'Your questions, answered.',
];

const COUNTRIES: ReadonlyArray<readonly [string, number]> = [
  ['US', 30], ['GB', 10], ['DE', 8], ['IN', 9], ['BR', 7], ['FR', 6], ['CA', 5], ['ES', 4], ['IT', 4], ['AU', 4], ['NL', 3], ['MX', 3], ['PL', 2], ['SE', 2], ['JP', 3],
];

// ---------------------------------------------------------------------------------------------
// Accounts

export interface SandboxOptions {
  /** Average posts per day (default: a realistic rate for the platform, varied per account). */
  postsPerDay?: number;
}

export interface SandboxAccount {
  seed: number;
  type: PlatformType;
  platformUserId: string;
  profile: PlatformProfile;
  niche: string;
  tags: readonly string[];
  username: string;
  displayName: string;
  /** Logistic follower curve F(d) = K / (1 + e^(-r (d - mid))), d in days since the epoch. */
  capacity: number;
  rate: number;
  midpoint: number;
  followingBase: number;
  postsPerDay: number;
  habitualHours: readonly number[];
  /** Effects planted on this account's engagement rate (see `RATE_EFFECTS`): what its findings should be. */
  planted: PlantedEffects;
}

/**
 * What makes one account's posts engage better or worse, per engagement (engagements ÷ the
 * post's audience), on top of the reach effects every account shares. Each account has its own:
 * a strongest format, a prime posting hour (UTC) it schedules many posts at, two hashtags its
 * audience responds to and one it tunes out. A fresh sandbox account therefore has real,
 * within-account effects for the insights to find; how large they are is `RATE_EFFECTS`.
 */
export interface PlantedEffects {
  /** Null when the platform has one format only (TikTok: videos). */
  bestType: ContentType | null;
  primeHour: number;
  strongTags: readonly string[];
  weakTag: string;
}

/**
 * Sizes of the planted effects on the engagement rate (multipliers). Effects of this size are
 * common in real accounts (a format or a tag doing 1.5× the account's typical rate); the
 * per-post noise around them is log-normal with σ = RATE_NOISE, on top of the counters' own.
 */
export const RATE_EFFECTS = { bestType: 1.5, primeHour: 1.45, strongTag: 1.5, weakTag: 0.65 } as const;
/** Share of posts an account schedules at its prime hour (a habit of scheduling tools). */
export const PRIME_HOUR_SHARE = 0.3;
const RATE_NOISE = 0.2;

/** A fixed reference day (2026-01-01) so the curves never depend on when they are computed. */
const REFERENCE_DAY = Date.UTC(2026, 0, 1) / DAY_MS;

export function sandboxAccount(platformUserId: string, type: PlatformType, opts: SandboxOptions = {}): SandboxAccount {
  const seed = hashString(`${type}:${platformUserId}`);
  const profile = PROFILES[type];
  // A brand in the id (brand.ts) names the account and chooses its niche; otherwise the seed does.
  const brand = brandOf(platformUserId);
  const niche = brand.niche && NICHES[brand.niche] ? brand.niche : pick(Object.keys(NICHES), rand(seed, 11));
  const referenceFollowers = profile.medianFollowers * Math.exp(1.1 * normal(seed, 12));
  const capacity = referenceFollowers * (1.8 + 2.5 * rand(seed, 13));
  const rate = 0.002 + 0.006 * rand(seed, 14);
  // Chosen so that F(REFERENCE_DAY) = referenceFollowers.
  const midpoint = REFERENCE_DAY + Math.log(capacity / referenceFollowers - 1) / rate;
  const brandHandle = brand.name ? handleOf(brand.name) : '';
  const handle = brandHandle || `${niche}_${(seed % 9000) + 1000}`;
  const habitualHours = profile.peakHours.map((h, i) => h + Math.round(2 * normal(seed, 17, i)));
  const nicheTags = NICHES[niche]!;
  const strong = pick(nicheTags, rand(seed, 18, 1));
  const strong2 = nicheTags.filter((t) => t !== strong)[Math.floor(rand(seed, 18, 2) * (nicheTags.length - 1))]!;
  const formats = profile.types.filter(([t]) => t !== ContentType.STORY);
  const planted: PlantedEffects = {
    bestType: formats.length > 1 ? weighted(formats, rand(seed, 18, 3)) : null,
    primeHour: Math.min(23, Math.max(0, pick(habitualHours, rand(seed, 18, 4)))),
    strongTags: [strong, strong2],
    weakTag: pick(GENERIC_TAGS, rand(seed, 18, 5)),
  };
  return {
    seed,
    type,
    platformUserId,
    profile,
    niche,
    tags: [...nicheTags, ...GENERIC_TAGS],
    username: handle,
    displayName: brand.name ?? `${niche[0]!.toUpperCase()}${niche.slice(1)} Studio ${(seed % 90) + 10}`,
    capacity,
    rate,
    midpoint,
    followingBase: 150 + Math.floor(900 * rand(seed, 15)),
    postsPerDay: opts.postsPerDay ?? profile.postsPerDay * (0.6 + 0.8 * rand(seed, 16)),
    habitualHours,
    planted,
  };
}

/** The planted effect on a post's engagement rate (1 = the account's typical post). */
export function rateEffect(acc: SandboxAccount, post: { type: ContentType; hour: number; hashtags: readonly string[] }): number {
  const pl = acc.planted;
  let f = 1;
  if (pl.bestType && post.type === pl.bestType) f *= RATE_EFFECTS.bestType;
  if (post.hour === pl.primeHour) f *= RATE_EFFECTS.primeHour;
  for (const tag of pl.strongTags) if (post.hashtags.includes(tag)) f *= RATE_EFFECTS.strongTag;
  if (post.hashtags.includes(pl.weakTag)) f *= RATE_EFFECTS.weakTag;
  return f;
}

/** Follower curve without the viral bumps (what a post's reach is based on). */
function baseFollowers(acc: SandboxAccount, day: number): number {
  return acc.capacity / (1 + Math.exp(-acc.rate * (day - acc.midpoint)));
}

/** ISO weekday index 0 (Monday) .. 6 (Sunday) of a day number. */
function weekdayIndex(day: number): number {
  // Day 0 (1970-01-01) was a Thursday (index 3).
  return (((Math.floor(day) + 3) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------
// Posts

export interface SandboxPost {
  externalId: string;
  day: number;
  index: number;
  publishedAt: Date;
  type: ContentType;
  caption: string;
  hashtags: string[];
  viral: boolean;
  /** Lifetime counters the post converges to. */
  final: Required<{ [K in Exclude<keyof EngagementCounters, 'navigation'>]: number }>;
  /** Decay time constant, in days. */
  tau: number;
}

const TYPE_EFFECT: Partial<Record<ContentType, number>> = {
  [ContentType.REEL]: 1.55,
  [ContentType.CAROUSEL]: 1.3,
  [ContentType.VIDEO]: 1.2,
  [ContentType.IMAGE]: 1.0,
  [ContentType.POST]: 0.9,
  [ContentType.STORY]: 0.45,
};

const TYPE_TAU: Partial<Record<ContentType, number>> = {
  [ContentType.STORY]: 0.25,
  [ContentType.REEL]: 2.2,
  [ContentType.VIDEO]: 1.6,
  [ContentType.CAROUSEL]: 1.1,
  [ContentType.IMAGE]: 0.9,
  [ContentType.POST]: 0.8,
};

/** Effect of a hashtag on reach for this account (some tags help, some hurt). */
export function hashtagEffect(acc: SandboxAccount, tag: string): number {
  return Math.min(1.8, Math.max(0.6, Math.exp(0.3 * normal(acc.seed, hashString(tag)))));
}

function hourEffect(acc: SandboxAccount, hour: number): number {
  let best = 0;
  for (const h of acc.profile.peakHours) best = Math.max(best, Math.exp(-((hour - h) ** 2) / 6));
  return 0.75 + 0.5 * best;
}

function postCount(acc: SandboxAccount, day: number): number {
  return poisson(acc.postsPerDay * acc.profile.postingWeekly[weekdayIndex(day)]!, rand(acc.seed, 21, day), normal(acc.seed, 21, day));
}

function makePost(acc: SandboxAccount, day: number, index: number): SandboxPost {
  const s = acc.seed;
  const habitual = rand(s, 22, day, index) < 0.65;
  const prime = rand(s, 39, day, index) < PRIME_HOUR_SHARE;
  const hour = prime
    ? acc.planted.primeHour
    : habitual
      ? Math.min(23, Math.max(0, pick(acc.habitualHours, rand(s, 23, day, index)) + Math.round(normal(s, 24, day, index))))
      : 6 + Math.floor(rand(s, 25, day, index) * 18);
  const minute = Math.floor(rand(s, 26, day, index) * 60);
  const type = weighted(acc.profile.types, rand(s, 27, day, index));
  const tagCount = Math.floor(rand(s, 28, day, index) * (acc.profile.maxTags + 1));
  const hashtags: string[] = [];
  for (let t = 0; t < tagCount * 2 && hashtags.length < tagCount; t++) {
    const tag = pick(acc.tags, rand(s, 29, day, index, t));
    if (!hashtags.includes(tag)) hashtags.push(tag);
  }
  const caption = `${pick(CAPTIONS, rand(s, 30, day, index))}${hashtags.length ? ' ' + hashtags.map((h) => `#${h}`).join(' ') : ''}`;
  const viral = rand(s, 31, day, index) < 0.012;

  const tagFactor = hashtags.reduce((f, tag) => f * hashtagEffect(acc, tag), 1) ** (1 / Math.max(1, Math.sqrt(hashtags.length)));
  const quality =
    (TYPE_EFFECT[type] ?? 1) *
    hourEffect(acc, hour) *
    acc.profile.weekly[weekdayIndex(day)]! *
    tagFactor *
    Math.exp(0.35 * normal(s, 32, day, index)) *
    (viral ? 6 + 14 * rand(s, 33, day, index) : 1);
  const followers = baseFollowers(acc, day);
  const p = acc.profile;
  // X reports impressions but no reach; TikTok views. Reach drives everything else.
  const reach = followers * (p.reachRatio || 0.35) * quality;
  const impressions = reach * (1.25 + 0.4 * rand(s, 34, day, index));
  const views = type === ContentType.VIDEO || type === ContentType.REEL || p === PROFILES.tiktok ? impressions * 1.1 : impressions;
  // Engagement per reach: the account's planted effects and per-post noise (reach effects alone
  // would leave every post's rate the same).
  const engagementFactor = rateEffect(acc, { type, hour, hashtags }) * Math.exp(RATE_NOISE * normal(s, 40, day, index));
  const likes = reach * p.likeRate * engagementFactor * Math.exp(0.25 * normal(s, 35, day, index));
  const final = {
    reach: Math.round(reach),
    impressions: Math.round(impressions),
    views: Math.round(views),
    likes: Math.round(likes),
    comments: Math.round(likes * (0.025 + 0.05 * rand(s, 36, day, index))),
    shares: Math.round(likes * (0.02 + (type === ContentType.REEL || viral ? 0.15 : 0.06) * rand(s, 37, day, index))),
    saves: Math.round(likes * (type === ContentType.CAROUSEL ? 0.18 : 0.06) * (0.5 + rand(s, 38, day, index))),
  };
  return {
    externalId: `sbx${day}x${index}`,
    day,
    index,
    publishedAt: new Date(day * DAY_MS + hour * HOUR_MS + minute * 60_000),
    type,
    caption,
    hashtags,
    viral,
    final,
    tau: (TYPE_TAU[type] ?? 1) * p.decayScale,
  };
}

/**
 * Posts already generated, per account object and day. A day's posts are a pure function of the
 * account and the day, and account metrics look at the same days again and again (each day's
 * followers and reach sum the posts of the weeks before), so each is made once per account object.
 */
const dayCache = new WeakMap<SandboxAccount, Map<number, readonly SandboxPost[]>>();

/** The posts of one UTC day (day = days since the epoch), in publication order. */
export function postsOnDay(acc: SandboxAccount, day: number): readonly SandboxPost[] {
  let days = dayCache.get(acc);
  if (!days) dayCache.set(acc, (days = new Map()));
  const hit = days.get(day);
  if (hit) return hit;
  const n = postCount(acc, day);
  const posts: SandboxPost[] = [];
  for (let i = 0; i < n; i++) posts.push(makePost(acc, day, i));
  posts.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.index - b.index);
  const frozen = Object.freeze(posts);
  days.set(day, frozen);
  return frozen;
}

/** Finds a post by its externalId (O(1): the id encodes its day and index). */
export function postById(acc: SandboxAccount, externalId: string): SandboxPost | undefined {
  const m = /^sbx(-?\d+)x(\d+)$/.exec(externalId);
  if (!m) return undefined;
  const day = Number(m[1]);
  const index = Number(m[2]);
  if (index >= postCount(acc, day)) return undefined;
  return postsOnDay(acc, day).find((p) => p.index === index);
}

/** Share of a post's lifetime counters reached at time `atMs` (0 before publication). */
export function decayShare(post: SandboxPost, atMs: number): number {
  const ageDays = (atMs - post.publishedAt.getTime()) / DAY_MS;
  return ageDays <= 0 ? 0 : 1 - Math.exp(-ageDays / post.tau);
}

/** The post's counters as they stood at `atMs`, with the ones the platform does not report as null. */
export function postCountersAt(acc: SandboxAccount, post: SandboxPost, atMs: number): EngagementCounters {
  const share = decayShare(post, atMs);
  const out: EngagementCounters = { likes: null, comments: null, shares: null, saves: null, impressions: null, reach: null, views: null };
  for (const key of acc.profile.reports) out[key] = Math.round(post.final[key] * share);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Account days

export interface SandboxDay {
  followers: number;
  following: number;
  posts: number;
  engagement: number;
  impressions: number;
  reach: number | null;
  profileViews: number;
  demographics: Demographics;
}

/**
 * Day-to-day wobble of the follower count around the curve (follows and unfollows do not arrive
 * evenly): a fixed offset per day boundary, interpolated within the day so the count stays
 * continuous. Its size grows with the day's growth, as counts of independent events do.
 */
function followerWobble(acc: SandboxAccount, dayFloat: number): number {
  const at = (day: number) => {
    const growth = Math.abs(baseFollowers(acc, day + 1) - baseFollowers(acc, day));
    return (0.15 * growth + Math.sqrt(growth + 4)) * normal(acc.seed, 61, day);
  };
  const d = Math.floor(dayFloat);
  return at(d) + (dayFloat - d) * (at(d + 1) - at(d));
}

/** Followers at `atMs`, including the lasting bump each recent viral post leaves. */
export function followersAt(acc: SandboxAccount, atMs: number): number {
  const dayFloat = atMs / DAY_MS;
  let total = baseFollowers(acc, dayFloat) + followerWobble(acc, dayFloat);
  const today = Math.floor(dayFloat);
  for (let d = today - 30; d <= today; d++) {
    for (const post of postsOnDay(acc, d)) {
      if (!post.viral || post.publishedAt.getTime() > atMs) continue;
      total += post.final.reach * 0.006 * (1 - Math.exp(-(atMs - post.publishedAt.getTime()) / (2 * DAY_MS)));
    }
  }
  return Math.round(total);
}

function demographicsFor(acc: SandboxAccount, day: number): Demographics {
  const drift = Math.sin(day / 45) * 0.01;
  const raw = acc.profile.ages.map((share, i) => Math.max(0, share * Math.exp(0.25 * normal(acc.seed, 41, i)) + (i === 1 ? drift : 0)));
  const sum = raw.reduce((a, b) => a + b, 0) || 1;
  const female = Math.min(0.8, Math.max(0.2, 0.5 + 0.15 * normal(acc.seed, 42) + drift));
  const other = 0.01 + 0.03 * rand(acc.seed, 43);
  const picks: string[] = [];
  for (let i = 0; picks.length < 5 && i < 40; i++) {
    const c = weighted(COUNTRIES, rand(acc.seed, 44, i));
    if (!picks.includes(c)) picks.push(c);
  }
  const weights = picks.map((_, i) => Math.exp(-0.6 * i) * (0.8 + 0.4 * rand(acc.seed, 45, i)));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const covered = 0.65 + 0.2 * rand(acc.seed, 46);
  return {
    ageGroups: AGE_RANGES.map((range, i) => ({ range, share: round4(raw[i]! / sum) })).filter((a) => a.share > 0),
    genderSplit: { female: round4(female * (1 - other)), male: round4((1 - female) * (1 - other)), other: round4(other) },
    locations: picks.map((country, i) => ({ country, share: round4((weights[i]! / wsum) * covered) })),
  };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * One UTC day of account metrics, as of the end of that day (or `nowMs` for today). Reach,
 * impressions and engagement are the posts' increments that day plus an organic baseline.
 */
export function accountDay(acc: SandboxAccount, day: number, nowMs: number): SandboxDay {
  const start = day * DAY_MS;
  const end = Math.min(start + DAY_MS, nowMs);
  const elapsed = Math.max(0, (end - start) / DAY_MS);
  let reach = 0;
  let impressions = 0;
  let engagement = 0;
  let posts = 0;
  for (let d = day - 20; d <= day; d++) {
    for (const post of postsOnDay(acc, d)) {
      if (post.publishedAt.getTime() > end) continue;
      if (d === day) posts++;
      const inc = decayShare(post, end) - decayShare(post, start);
      if (inc <= 0) continue;
      reach += post.final.reach * inc * 0.8; // reach is not additive across posts: some overlap
      impressions += post.final.impressions * inc;
      engagement += (post.final.likes + post.final.comments + post.final.shares + post.final.saves) * inc;
    }
  }
  const followers = followersAt(acc, end);
  const weekly = acc.profile.weekly[weekdayIndex(day)]!;
  const organic = followers * acc.profile.baselineReach * weekly * Math.exp(0.15 * normal(acc.seed, 51, day)) * elapsed;
  reach += organic;
  impressions += organic * 1.4;
  return {
    followers,
    following: acc.followingBase + Math.floor((day - REFERENCE_DAY) / 20) + Math.floor(3 * rand(acc.seed, 52, day)),
    posts,
    engagement: Math.round(engagement),
    impressions: Math.round(impressions),
    reach: acc.profile.accountReach ? Math.round(reach) : null,
    profileViews: Math.round(reach * (0.02 + 0.02 * rand(acc.seed, 53, day))),
    demographics: demographicsFor(acc, day),
  };
}
