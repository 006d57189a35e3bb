import { seededRandom } from '../../analytics/statistics.js';
import { DAY_MS } from '@soash/shared';

/**
 * Synthetic accounts for testing the insights engine: posts and daily stats drawn from a seeded
 * random generator, optionally with planted effects (a best hour, content type and hashtag, an
 * anomaly day). Without plants the account is pure noise: nothing in it should look significant.
 */
export interface Plants {
  /** Local hour whose posts earn `multiplier`× the engagement rate. */
  bestHour?: number;
  bestType?: string;
  bestHashtag?: string;
  /** Days before `today` of a follower spike. */
  anomalyDaysAgo?: number;
  /** How many consecutive days the spike lasts (default 1), counting forward from its first day. */
  anomalyDays?: number;
  multiplier?: number;
  /** Extra posts on one day (days before `today`) whose engagements are `multiplier`× (default 5). */
  engagementSpike?: { daysAgo: number; posts: number; multiplier?: number };
}

/** How the account's rates are spread (defaults: median 4 %, log-normal σ 0.5, no viral posts). */
export interface Shape {
  medianRate?: number;
  sigma?: number;
  /** Chance that a post goes viral (its rate × 10 to 50). */
  viralChance?: number;
  /** Every post has this type / hour / hashtag (a one-format account, for confounding tests). */
  onlyType?: string;
  onlyHour?: number;
  onlyHashtag?: string;
}

export interface GeneratedPost {
  publishedAt: Date;
  type: string;
  hashtags: string[];
  engagement: { likes: number; comments: number; reach: number; impressions: number; views: number; total: number };
}

export interface GeneratedDay {
  date: Date;
  followers: number;
  engagement: number;
}

export interface GeneratedAccount {
  posts: GeneratedPost[];
  days: GeneratedDay[];
}

export const TYPES = ['image', 'reel', 'carousel', 'video'];
export const TAGS = ['launch', 'behindthescenes', 'tips', 'monday', 'team', 'product', 'howto', 'sale', 'news', 'community', 'design', 'travel'];

function normal(rng: () => number): number {
  // Box–Muller
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * `today` is a UTC day number; posts fall in the `postDays` before it at local `hour` in a zone
 * `utcOffsetHours` east of UTC (fixed offset, so tests can use Etc/GMT zones).
 */
export function generateAccount(opts: {
  seed: number;
  today: number;
  posts?: number;
  postDays?: number;
  statDays?: number;
  utcOffsetHours?: number;
  plants?: Plants;
  shape?: Shape;
}): GeneratedAccount {
  const shape = opts.shape ?? {};
  const rng = seededRandom(opts.seed);
  const plants = opts.plants ?? {};
  const m = plants.multiplier ?? 2;
  const n = opts.posts ?? 240;
  const postDays = opts.postDays ?? 170;
  const offset = opts.utcOffsetHours ?? 0;
  const posts: GeneratedPost[] = [];
  for (let i = 0; i < n; i++) {
    const day = opts.today - 1 - Math.floor(rng() * postDays);
    // A third of the posts at the planted hour when there is one (so it has a sample); else 8-22 h.
    let hour = plants.bestHour !== undefined && rng() < 0.15 ? plants.bestHour : 8 + Math.floor(rng() * 15);
    if (shape.onlyHour !== undefined) hour = shape.onlyHour;
    const minute = Math.floor(rng() * 60);
    const publishedAt = new Date(day * DAY_MS + (hour - offset) * 3_600_000 + minute * 60_000);
    const type = shape.onlyType ?? TYPES[Math.floor(rng() * TYPES.length)]!;
    const tags = new Set<string>();
    const k = Math.floor(rng() * 3);
    for (let j = 0; j < k; j++) tags.add(TAGS[Math.floor(rng() * TAGS.length)]!);
    if (plants.bestHashtag && rng() < 0.15) tags.add(plants.bestHashtag);
    if (shape.onlyHashtag) tags.add(shape.onlyHashtag);
    let rate = Math.exp(Math.log(shape.medianRate ?? 0.04) + (shape.sigma ?? 0.5) * normal(rng));
    if (shape.viralChance && rng() < shape.viralChance) rate *= 10 + 40 * rng();
    if (plants.bestType && type === plants.bestType) rate *= m;
    if (plants.bestHour !== undefined && hour === plants.bestHour) rate *= m;
    if (plants.bestHashtag && tags.has(plants.bestHashtag)) rate *= m;
    const reach = 500 + Math.floor(rng() * 4500);
    const total = Math.max(0, Math.round(rate * reach));
    const comments = Math.floor(total * 0.1);
    posts.push({
      publishedAt,
      type,
      hashtags: [...tags],
      engagement: { likes: total - comments, comments, reach, impressions: Math.round(reach * 1.4), views: Math.round(reach * 1.2), total },
    });
  }
  if (plants.engagementSpike) {
    const { daysAgo, posts: k, multiplier = 5 } = plants.engagementSpike;
    for (let i = 0; i < k; i++) {
      const rate = Math.exp(Math.log(shape.medianRate ?? 0.04) + (shape.sigma ?? 0.5) * normal(rng)) * multiplier;
      const reach = 500 + Math.floor(rng() * 4500);
      const total = Math.round(rate * reach);
      const comments = Math.floor(total * 0.1);
      posts.push({
        publishedAt: new Date((opts.today - daysAgo) * DAY_MS + (9 + i) * 3_600_000 - offset * 3_600_000),
        type: shape.onlyType ?? TYPES[i % TYPES.length]!,
        hashtags: shape.onlyHashtag ? [shape.onlyHashtag] : [],
        engagement: { likes: total - comments, comments, reach, impressions: Math.round(reach * 1.4), views: Math.round(reach * 1.2), total },
      });
    }
  }
  const days: GeneratedDay[] = [];
  const statDays = opts.statDays ?? 90;
  let followers = 5000;
  for (let d = opts.today - statDays + 1; d <= opts.today; d++) {
    let change = Math.round(10 + 5 * normal(rng));
    const spikeStart = plants.anomalyDaysAgo === undefined ? undefined : opts.today - plants.anomalyDaysAgo;
    if (spikeStart !== undefined && d >= spikeStart && d < spikeStart + (plants.anomalyDays ?? 1)) change += 400;
    followers += change;
    days.push({ date: new Date(d * DAY_MS), followers, engagement: Math.round(200 + 30 * normal(rng)) });
  }
  return { posts, days };
}
