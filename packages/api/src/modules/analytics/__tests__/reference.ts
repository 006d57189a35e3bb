/**
 * A straightforward in-memory reference for the dashboard queries, written independently of the
 * services: dates through Intl, every number recomputed from the raw documents with plain loops.
 * Property tests check that the MongoDB-backed services return the same numbers.
 */
import { studentTQuantile } from '../statistics.js';

export interface RefEngagement {
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  saves?: number | null;
  impressions?: number | null;
  reach?: number | null;
  views?: number | null;
  total: number;
}
export interface RefPost {
  id: string;
  platformId: string;
  type: string;
  hashtags: string[];
  categoryIds: string[];
  publishedAt: Date;
  isPublished: boolean;
  engagement: RefEngagement;
}
export interface RefStat {
  platformId: string;
  /** UTC midnight of the calendar day. */
  date: Date;
  followers?: number | null;
  profileViews?: number | null;
  engagement?: number | null;
  demographics?: {
    ageGroups: Array<{ range: string; share: number }>;
    genderSplit?: { female?: number | null; male?: number | null; other?: number | null };
    locations: Array<{ country: string; city?: string; share: number }>;
  };
}
export interface RefPlatform {
  id: string;
  type: string;
  followerCount?: number | null;
  createdAt: Date;
}
export interface RefData {
  tz: string;
  platforms: RefPlatform[];
  posts: RefPost[];
  stats: RefStat[];
}
export type Formula = 'PLATFORM_DENOMINATOR' | 'BY_REACH' | 'BY_IMPRESSIONS' | 'BY_FOLLOWERS';

/**
 * The metric model as the product documents it (docs/analytics.md), written out here on its own:
 * reach for Instagram, Facebook and LinkedIn, views for TikTok, impressions for X.
 */
const MODEL_COUNTER: Record<string, 'reach' | 'views' | 'impressions'> = {
  instagram: 'reach',
  facebook: 'reach',
  linkedin: 'reach',
  tiktok: 'views',
  twitter: 'impressions',
};
export interface RefQuery {
  from: string;
  to: string;
  platformIds?: string[];
  categoryIds?: string[];
  formula: Formula;
}

// ------------------------------------------------------------------ dates (Intl, strings)

export function localDate(d: Date, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
export function localWeekdayHour(d: Date, tz: string): { dow: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(d);
  const wd = parts.find((p) => p.type === 'weekday')!.value;
  const hour = Number(parts.find((p) => p.type === 'hour')!.value) % 24;
  return { dow: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(wd) + 1, hour };
}
export const utcDate = (d: Date) => d.toISOString().slice(0, 10);
export function addDays(s: string, n: number): string {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return utcDate(d);
}
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
export function previousYear(s: string): string {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
/** ISO 8601 week label (Wikipedia's ordinal-date method). */
export function isoWeek(s: string): string {
  const d = new Date(`${s}T00:00:00Z`);
  const y = d.getUTCFullYear();
  const ordinal = daysBetween(`${y}-01-01`, s) + 1;
  const weekday = d.getUTCDay() || 7;
  const w = Math.floor((ordinal - weekday + 10) / 7);
  const weeksIn = (year: number) => {
    const p = (yy: number) => (yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400)) % 7;
    return p(year) === 4 || p(year - 1) === 3 ? 53 : 52;
  };
  if (w < 1) return `${y - 1}-W${String(weeksIn(y - 1)).padStart(2, '0')}`;
  if (w > weeksIn(y)) return `${y + 1}-W01`;
  return `${y}-W${String(w).padStart(2, '0')}`;
}

// ------------------------------------------------------------------ followers

function followerPoints(data: RefData, platformId: string) {
  return data.stats
    .filter((s) => s.platformId === platformId && s.followers !== null && s.followers !== undefined)
    .map((s) => ({ day: utcDate(s.date), f: s.followers! }))
    .sort((a, b) => (a.day < b.day ? -1 : 1));
}
function latestFollowers(data: RefData, platformId: string): number | null {
  const pts = followerPoints(data, platformId);
  if (pts.length) return pts[pts.length - 1]!.f;
  return data.platforms.find((p) => p.id === platformId)?.followerCount ?? null;
}
export function followersAtPublish(data: RefData, platformId: string, publishedAt: Date): { f: number; basis: 'AT_PUBLISH' | 'LATEST' } | null {
  const day = utcDate(publishedAt);
  const before = followerPoints(data, platformId).filter((p) => p.day <= day);
  if (before.length) return { f: before[before.length - 1]!.f, basis: 'AT_PUBLISH' };
  const latest = latestFollowers(data, platformId);
  return latest === null ? null : { f: latest, basis: 'LATEST' };
}
function scopedPlatformIds(data: RefData, q: Pick<RefQuery, 'platformIds'>): string[] {
  return data.platforms.map((p) => p.id).filter((id) => !q.platformIds?.length || q.platformIds.includes(id));
}
export function followerPeriod(data: RefData, platformIds: string[], from: string, to: string) {
  let followers: number | null = null;
  let growth: number | null = null;
  let base: number | null = null;
  for (const id of platformIds) {
    const pts = followerPoints(data, id);
    const inRange = pts.filter((p) => p.day >= from && p.day <= to);
    if (!inRange.length) continue;
    const end = inRange[inRange.length - 1]!.f;
    followers = (followers ?? 0) + end;
    const before = pts.filter((p) => p.day < from);
    const b = before.length ? before[before.length - 1]!.f : inRange[0]!.f;
    growth = (growth ?? 0) + end - b;
    base = (base ?? 0) + b;
  }
  return { followers, growth, base };
}

// ------------------------------------------------------------------ posts

export function postsIn(data: RefData, q: Omit<RefQuery, 'formula'>): RefPost[] {
  return data.posts.filter((p) => {
    if (!p.isPublished) return false;
    const d = localDate(p.publishedAt, data.tz);
    if (d < q.from || d > q.to) return false;
    if (q.platformIds?.length && !q.platformIds.includes(p.platformId)) return false;
    if (q.categoryIds?.length && !p.categoryIds.some((c) => q.categoryIds!.includes(c))) return false;
    return true;
  });
}
/** The denominator of a post under a formula (null or ≤ 0: the post has no rate). */
export function denominatorOf(data: RefData, p: RefPost, formula: Formula): number | null {
  if (formula === 'BY_REACH') return p.engagement.reach ?? null;
  if (formula === 'BY_IMPRESSIONS') return p.engagement.impressions ?? null;
  if (formula === 'PLATFORM_DENOMINATOR') {
    const type = data.platforms.find((x) => x.id === p.platformId)!.type;
    return p.engagement[MODEL_COUNTER[type]!] ?? null;
  }
  return followersAtPublish(data, p.platformId, p.publishedAt)?.f ?? null;
}
export function postRate(data: RefData, p: RefPost, formula: Formula): number | null {
  const d = denominatorOf(data, p, formula);
  return d && d > 0 ? p.engagement.total / d : null;
}
export function totals(data: RefData, posts: RefPost[], formula: Formula) {
  const counter = (k: 'impressions' | 'reach' | 'views') => {
    if (posts.length === 0) return 0;
    const rep = posts.filter((p) => p.engagement[k] !== null && p.engagement[k] !== undefined);
    return rep.length ? rep.reduce((s, p) => s + p.engagement[k]!, 0) : null;
  };
  let num = 0;
  let den = 0;
  for (const p of posts) {
    const d = denominatorOf(data, p, formula);
    if (d && d > 0) {
      num += p.engagement.total;
      den += d;
    }
  }
  return {
    posts: posts.length,
    engagements: posts.reduce((s, p) => s + p.engagement.total, 0),
    impressions: counter('impressions'),
    reach: counter('reach'),
    views: counter('views'),
    engagementRate: den > 0 ? num / den : null,
  };
}
const mv = (value: number | null, previous: number | null) => {
  const delta = value !== null && previous !== null ? value - previous : null;
  return { value, previous, delta, deltaPercent: delta !== null && previous ? (delta / Math.abs(previous)) * 100 : null };
};

export function refOverview(data: RefData, q: RefQuery, compare: 'PREVIOUS_PERIOD' | 'PREVIOUS_YEAR') {
  const n = daysBetween(q.from, q.to) + 1;
  const cmp = compare === 'PREVIOUS_YEAR' ? { from: previousYear(q.from), to: previousYear(q.to) } : { from: addDays(q.from, -n), to: addDays(q.from, -1) };
  const cur = totals(data, postsIn(data, q), q.formula);
  const prev = totals(data, postsIn(data, { ...q, ...cmp }), q.formula);
  const ids = scopedPlatformIds(data, q);
  const fc = followerPeriod(data, ids, q.from, q.to);
  const fp = followerPeriod(data, ids, cmp.from, cmp.to);
  const gp = (f: typeof fc) => (f.growth !== null && f.base !== null && f.base > 0 ? (f.growth / f.base) * 100 : null);
  return {
    comparisonRange: cmp,
    followers: mv(fc.followers, fp.followers),
    followerGrowth: mv(fc.growth, fp.growth),
    followerGrowthPercent: mv(gp(fc), gp(fp)),
    posts: mv(cur.posts, prev.posts),
    impressions: mv(cur.impressions, prev.impressions),
    views: mv(cur.views, prev.views),
    reach: mv(cur.reach, prev.reach),
    engagements: mv(cur.engagements, prev.engagements),
    engagementRate: mv(cur.engagementRate, prev.engagementRate),
  };
}

export type Metric = 'POSTS' | 'ENGAGEMENTS' | 'IMPRESSIONS' | 'REACH' | 'VIEWS' | 'ENGAGEMENT_RATE' | 'FOLLOWERS' | 'FOLLOWER_GROWTH' | 'PROFILE_VIEWS' | 'ENGAGEMENTS_RECEIVED';

export function refTimeseries(data: RefData, q: RefQuery, metric: Metric, granularity: 'DAY' | 'WEEK' | 'MONTH') {
  const keyOf = (d: string) => (granularity === 'DAY' ? d : granularity === 'WEEK' ? isoWeek(d) : d.slice(0, 7));
  const buckets: Array<{ bucket: string; startDate: string; endDate: string }> = [];
  for (let d = q.from; d <= q.to; d = addDays(d, 1)) {
    const k = keyOf(d);
    const last = buckets[buckets.length - 1];
    if (last?.bucket === k) last.endDate = d;
    else buckets.push({ bucket: k, startDate: d, endDate: d });
  }
  const ids = scopedPlatformIds(data, q);
  return buckets.map((b) => {
    let value: number | null;
    if (metric === 'FOLLOWERS' || metric === 'FOLLOWER_GROWTH') {
      const f = followerPeriod(data, ids, b.startDate, b.endDate);
      value = metric === 'FOLLOWERS' ? f.followers : f.growth;
    } else if (metric === 'PROFILE_VIEWS' || metric === 'ENGAGEMENTS_RECEIVED') {
      const field = metric === 'PROFILE_VIEWS' ? 'profileViews' : 'engagement';
      const rows = data.stats.filter((s) => ids.includes(s.platformId) && utcDate(s.date) >= b.startDate && utcDate(s.date) <= b.endDate);
      const rep = rows.filter((s) => s[field] !== null && s[field] !== undefined);
      value = rep.length ? rep.reduce((s, r) => s + r[field]!, 0) : null;
    } else {
      const t = totals(data, postsIn(data, { ...q, from: b.startDate, to: b.endDate }), q.formula);
      value = {
        POSTS: t.posts,
        ENGAGEMENTS: t.engagements,
        IMPRESSIONS: t.impressions,
        REACH: t.reach,
        VIEWS: t.views,
        ENGAGEMENT_RATE: t.engagementRate,
      }[metric];
    }
    return { ...b, value };
  });
}

export function refBreakdown(data: RefData, q: RefQuery) {
  const ids = scopedPlatformIds(data, q);
  const platforms = data.platforms.filter((p) => ids.includes(p.id)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const posts = postsIn(data, q);
  const all = posts.reduce((s, p) => s + p.engagement.total, 0);
  return platforms.map((p) => {
    const t = totals(
      data,
      posts.filter((x) => x.platformId === p.id),
      q.formula,
    );
    const f = followerPeriod(data, [p.id], q.from, q.to);
    return {
      platformId: p.id,
      followers: f.followers,
      followerGrowth: f.growth,
      ...t,
      shareOfEngagements: all > 0 ? t.engagements / all : null,
    };
  });
}

const COUNTER: Record<string, keyof RefEngagement> = {
  ENGAGEMENTS: 'total',
  IMPRESSIONS: 'impressions',
  REACH: 'reach',
  VIEWS: 'views',
  LIKES: 'likes',
  COMMENTS: 'comments',
  SHARES: 'shares',
  SAVES: 'saves',
};

export function refTop(data: RefData, q: RefQuery, by: string, normalizeBy: 'NONE' | 'FOLLOWERS_AT_PUBLISH' | 'FOLLOWERS_LATEST', limit: number) {
  const rows = postsIn(data, q)
    .map((p) => {
      const value = by === 'ENGAGEMENT_RATE' ? postRate(data, p, q.formula) : (p.engagement[COUNTER[by]!] ?? null);
      if (value === null) return null;
      let fol: { f: number; basis: string } | null = null;
      if (normalizeBy === 'FOLLOWERS_AT_PUBLISH') fol = followersAtPublish(data, p.platformId, p.publishedAt);
      if (normalizeBy === 'FOLLOWERS_LATEST') {
        const l = latestFollowers(data, p.platformId);
        fol = l === null ? null : { f: l, basis: 'LATEST' };
      }
      const normalizedValue = normalizeBy === 'NONE' ? null : fol && fol.f > 0 ? value / fol.f : null;
      const key = normalizeBy === 'NONE' ? value : normalizedValue;
      if (key === null) return null;
      return { id: p.id, value, key, followers: fol?.f ?? null, followersBasis: fol?.basis ?? null, normalizedValue, engagementRate: postRate(data, p, q.formula) };
    })
    .filter((r): r is NonNullable<typeof r> => r !== null)
    .sort((a, b) => b.key - a.key || (a.id < b.id ? 1 : -1))
    .slice(0, limit);
  return rows.map(({ key: _key, ...r }, i) => ({ rank: i + 1, ...r }));
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Each post's rate ÷ its own account's median rate over the query's posts (null without a rate or a positive median). */
function ownAccountIndex(data: RefData, posts: RefPost[], formula: RefQuery['formula']): (p: RefPost) => number | null {
  const med = (platformId: string) => median(posts.filter((x) => x.platformId === platformId).map((x) => postRate(data, x, formula)).filter((r): r is number => r !== null));
  return (p) => {
    const rate = postRate(data, p, formula);
    const m = med(p.platformId);
    return rate !== null && m !== null && m > 0 ? rate / m : null;
  };
}

export function refContentTypes(data: RefData, q: RefQuery) {
  const posts = postsIn(data, q);
  const index = ownAccountIndex(data, posts, q.formula);
  const types = [...new Set(posts.map((p) => p.type))];
  return types
    .map((type) => {
      const group = posts.filter((p) => p.type === type);
      const t = totals(data, group, q.formula);
      const gr = group.map((p) => postRate(data, p, q.formula)).filter((r): r is number => r !== null);
      const med = median(gr);
      return {
        contentType: type,
        posts: t.posts,
        shareOfPosts: t.posts / posts.length,
        engagements: t.engagements,
        averageEngagements: t.engagements / t.posts,
        impressions: t.impressions,
        reach: t.reach,
        engagementRate: t.engagementRate,
        medianEngagementRate: med,
        lift: median(group.map(index).filter((i): i is number => i !== null)),
        postsWithRate: gr.length,
      };
    })
    .sort((a, b) => b.posts - a.posts || (a.contentType < b.contentType ? -1 : 1));
}

export function refHashtags(data: RefData, q: RefQuery, minPosts: number, limit: number) {
  const posts = postsIn(data, q).map((p) => ({ p, rate: postRate(data, p, q.formula) }));
  const withRate = posts.filter((x) => x.rate !== null) as Array<{ p: RefPost; rate: number }>;
  const baseline = median(withRate.map((x) => x.rate));
  const index = ownAccountIndex(data, postsIn(data, q), q.formula);
  const tags = [...new Set(withRate.flatMap((x) => x.p.hashtags))];
  const stats = tags
    .map((tag) => {
      const g = withRate.filter((x) => x.p.hashtags.includes(tag));
      const med = median(g.map((x) => x.rate))!;
      return {
        hashtag: tag,
        posts: g.length,
        medianEngagementRate: med,
        lift: median(g.map((x) => index(x.p)).filter((i): i is number => i !== null)),
        successRate: g.filter((x) => (index(x.p) ?? 0) > 1).length / g.length,
        averageEngagements: g.reduce((s, x) => s + x.p.engagement.total, 0) / g.length,
      };
    })
    .filter((s) => s.posts >= minPosts)
    .sort((a, b) => (b.lift ?? -Infinity) - (a.lift ?? -Infinity) || b.posts - a.posts || (a.hashtag < b.hashtag ? -1 : 1));
  return { baselineMedianEngagementRate: baseline, postsWithRate: withRate.length, minPosts, hashtags: stats.slice(0, limit) };
}

function meanCi(xs: number[]) {
  if (!xs.length) return { mean: null, low: null, high: null };
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length < 2) return { mean: m, low: null, high: null };
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
  const half = (studentTQuantile(0.975, xs.length - 1) * sd) / Math.sqrt(xs.length);
  return { mean: m, low: m - half, high: m + half };
}

/**
 * Best times, stratified by account: each post's rate is divided by its own account's mean rate
 * (accounts with a mean of 0 are left out); a slot's value is the mean of those ratios times the
 * mean rate of all counted posts, and its interval the t-interval of the ratios scaled the same
 * way, cut at 0.
 */
export function refBestTimes(data: RefData, q: RefQuery, minPosts: number) {
  const withRate = postsIn(data, q)
    .map((p) => ({ ...localWeekdayHour(p.publishedAt, data.tz), account: p.platformId, rate: postRate(data, p, q.formula) }))
    .filter((x): x is { dow: number; hour: number; account: string; rate: number } => x.rate !== null);
  const accountMean = new Map<string, number>();
  for (const a of new Set(withRate.map((x) => x.account))) {
    const rs = withRate.filter((x) => x.account === a).map((x) => x.rate);
    accountMean.set(a, rs.reduce((s, r) => s + r, 0) / rs.length);
  }
  const samples = withRate.filter((x) => accountMean.get(x.account)! > 0).map((x) => ({ ...x, index: x.rate / accountMean.get(x.account)! }));
  const average = samples.length ? samples.reduce((s, x) => s + x.rate, 0) / samples.length : null;
  const scaled = (xs: number[]) => {
    const ci = meanCi(xs);
    const k = average ?? 0;
    return { mean: ci.mean === null ? null : ci.mean * k, low: ci.low === null ? null : Math.max(0, ci.low * k), high: ci.high === null ? null : Math.max(0, ci.high * k) };
  };
  const cells = [];
  for (let dow = 1; dow <= 7; dow++) {
    for (let hour = 0; hour < 24; hour++) {
      const own = samples.filter((s) => s.dow === dow && s.hour === hour).map((s) => s.index);
      const hourly = samples.filter((s) => s.hour === hour).map((s) => s.index);
      const all = samples.map((s) => s.index);
      const [source, xs] = own.length >= minPosts ? ['CELL', own] : hourly.length >= minPosts ? ['HOUR', hourly] : ['ACCOUNT', all];
      const ci = scaled(xs as number[]);
      cells.push({
        dayOfWeek: dow,
        hour,
        posts: own.length,
        cellAverage: own.length && average !== null ? (own.reduce((a, b) => a + b, 0) / own.length) * average : null,
        source,
        sourcePosts: (xs as number[]).length,
        value: ci.mean,
        low: ci.low,
        high: ci.high,
      });
    }
  }
  return { totalPosts: samples.length, accounts: new Set(samples.map((s) => s.account)).size, accountAverage: average, cells };
}

export function refDemographics(data: RefData, platformIds: string[] | undefined) {
  const ids = scopedPlatformIds(data, { platformIds });
  const latest = ids
    .map((id) => {
      const rows = data.stats.filter((s) => s.platformId === id && s.demographics).sort((a, b) => b.date.getTime() - a.date.getTime());
      if (!rows.length) return null;
      const r = rows[0]!;
      const platform = data.platforms.find((p) => p.id === id)!;
      return { platformId: id, createdAt: platform.createdAt, date: utcDate(r.date), followers: r.followers ?? platform.followerCount ?? null, demographics: r.demographics! };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.platformId < b.platformId ? -1 : 1));
  if (!latest.length) return { platforms: [], merged: null };
  const known = latest.map((l) => l.followers).filter((f): f is number => f !== null && f > 0);
  const fallback = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const w = latest.map((l) => (l.followers !== null && l.followers > 0 ? l.followers : fallback));
  const shareMerge = <T>(pick: (i: number) => T[], key: (t: T) => string, share: (t: T) => number) => {
    const idx = latest.map((_, i) => i).filter((i) => pick(i).length > 0);
    const total = idx.reduce((s, i) => s + w[i]!, 0);
    const out = new Map<string, { t: T; share: number }>();
    for (const i of idx) for (const t of pick(i)) out.set(key(t), { t, share: (out.get(key(t))?.share ?? 0) + (w[i]! * share(t)) / total });
    return [...out.values()];
  };
  const ageGroups = shareMerge(
    (i) => latest[i]!.demographics.ageGroups,
    (a) => a.range,
    (a) => a.share,
  )
    .map((e) => ({ range: e.t.range, share: e.share }))
    .sort((a, b) => (a.range < b.range ? -1 : 1));
  const locations = shareMerge(
    (i) => latest[i]!.demographics.locations,
    (l) => `${l.country}|${l.city ?? ''}`,
    (l) => l.share,
  )
    .map((e) => ({ country: e.t.country, city: e.t.city ?? null, share: e.share }))
    .sort((a, b) => b.share - a.share || `${a.country}|${a.city ?? ''}`.localeCompare(`${b.country}|${b.city ?? ''}`))
    .slice(0, 50);
  const g = latest.map((l, i) => ({ g: l.demographics.genderSplit, w: w[i]! })).filter((x) => x.g);
  const part = (k: 'female' | 'male' | 'other') => {
    const rep = g.filter((x) => x.g![k] !== null && x.g![k] !== undefined);
    return rep.length ? rep.reduce((s, x) => s + x.w * x.g![k]!, 0) / rep.reduce((s, x) => s + x.w, 0) : null;
  };
  return {
    platforms: latest.map(({ createdAt: _c, ...l }) => l),
    merged: { ageGroups, genderSplit: g.length ? { female: part('female'), male: part('male'), other: part('other') } : null, locations },
  };
}

export function refDecay(publishedAt: Date, snapshots: Array<{ date: Date; total: number }>) {
  const sorted = [...snapshots].sort((a, b) => a.date.getTime() - b.date.getTime());
  const latest = sorted.length ? sorted[sorted.length - 1]!.total : null;
  const points = sorted.map((s, i) => ({
    date: utcDate(s.date),
    day: daysBetween(utcDate(publishedAt), utcDate(s.date)),
    engagements: s.total,
    engagementsGained: s.total - (i > 0 ? sorted[i - 1]!.total : 0),
    shareOfLatest: latest ? s.total / latest : null,
  }));
  const first = (share: number) => (latest ? (points.find((p) => p.engagements >= share * latest)?.day ?? null) : null);
  return { points, latestEngagements: latest, halfLifeDays: first(0.5), daysTo90Percent: first(0.9) };
}
