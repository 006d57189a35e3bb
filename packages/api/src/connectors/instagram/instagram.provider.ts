import { ContentType, PlatformType } from '@soash/shared';
import type { Config } from '../../config.js';
import type { Demographics } from '../../modules/stats/stats.model.js';
import { addDays, eachDay, epochSeconds, expiryFrom, HOUR_MS, joinUrl, num, sourcesFor, utcDay, withQuery } from '../common.js';
import { ConnectorError, permanentError } from '../errors.js';
import { createHttpClient, type HttpClient } from '../http.js';
import { classifyMeta, metaErrorOf, metaUsage } from '../meta.js';
import type {
  AccountAccess,
  AccountDay,
  AccountProfile,
  AuthorizeInput,
  DayRange,
  ExchangeInput,
  ExchangeResult,
  ListPostsInput,
  PostCounters,
  PostPage,
  PostRecord,
  Provider,
  ProviderHooks,
  RefreshPolicy,
  StoredTokenState,
  TokenSet,
} from '../types.js';

/**
 * Instagram API with Instagram Login (graph.instagram.com), for business and creator accounts.
 *
 * - Authorize at instagram.com/oauth/authorize; the code is exchanged at
 *   api.instagram.com/oauth/access_token for a short-lived token (1 h), which is exchanged right
 *   away for a long-lived one (60 days, `grant_type=ig_exchange_token`).
 * - Long-lived tokens are refreshed with `grant_type=ig_refresh_token`; Instagram accepts that only
 *   for tokens at least 24 hours old and not yet expired. There is no refresh token.
 * - Since April 2025 `views` replaces the retired `impressions` (and `plays` for reels); asking for
 *   the old names is an error (#100). `views` is stored as impressions (and as views for videos
 *   and reels), with the raw metric name recorded as provenance.
 * - Error code 190 means the token is invalid (subcode 463: expired); usage headers
 *   (X-App-Usage / X-Business-Use-Case-Usage) report the rate-limit budget.
 */
/** The default of GRAPH_API_VERSION. */
export const INSTAGRAM_API_VERSION = 'v23.0';
const SCOPES = ['instagram_business_basic', 'instagram_business_manage_insights'] as const;
const MIN_REFRESH_AGE_MS = 24 * HOUR_MS;
const PAGE_SIZE = 50;

/**
 * The documented metric set per media product type, from "Instagram Media Insights"
 * (https://developers.facebook.com/documentation/instagram-platform/reference/instagram-media/insights,
 * updated 2026-06-18): FEED (images, videos, albums) and REELS have likes, comments, saved,
 * shares, reach, views, total_interactions; STORY has reach, views, shares, replies, navigation,
 * total_interactions (replies and navigation only there; no likes, comments or saved).
 */
export const MEDIA_METRICS: Readonly<Record<MediaProductType, readonly string[]>> = {
  FEED: ['views', 'reach', 'likes', 'comments', 'shares', 'saved', 'total_interactions'],
  REELS: ['views', 'reach', 'likes', 'comments', 'shares', 'saved', 'total_interactions'],
  STORY: ['views', 'reach', 'shares', 'replies', 'navigation', 'total_interactions'],
};
export type MediaProductType = 'FEED' | 'REELS' | 'STORY';
const ACCOUNT_METRICS = ['reach', 'views', 'total_interactions', 'profile_views'];
/** Asked for alone when the full account set is refused (#100), as the Facebook adapter does. */
export const CORE_ACCOUNT_METRICS = ['reach', 'views'];

/**
 * Metrics Instagram refused (#100 "does not support the … metric for this media product type"),
 * per media product type, for the life of the process: later posts of that type are asked for
 * the rest only, so one withdrawn metric never costs the others.
 */
const refusedByType = new Map<MediaProductType, Set<string>>();

/** Forgets the refused metrics (tests; a new process starts empty as well). */
export function forgetRefusedMetrics(): void {
  refusedByType.clear();
}

export function mediaProductTypeOf(type: ContentType): MediaProductType {
  return type === ContentType.STORY ? 'STORY' : type === ContentType.REEL ? 'REELS' : 'FEED';
}

/** The metrics asked for a media product type: the documented set minus those refused so far. */
export function metricsFor(productType: MediaProductType): string[] {
  const refused = refusedByType.get(productType);
  return MEDIA_METRICS[productType].filter((m) => !refused?.has(m));
}

const MEDIA_FIELDS = 'id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,like_count,comments_count';

interface IgMedia {
  id: string;
  caption?: string;
  media_type?: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  media_product_type?: 'FEED' | 'REELS' | 'STORY' | 'AD';
  media_url?: string;
  thumbnail_url?: string;
  permalink?: string;
  timestamp?: string;
  like_count?: number;
  comments_count?: number;
}

interface IgInsight {
  name: string;
  period?: string;
  values?: Array<{ value: unknown; end_time?: string }>;
  total_value?: { value?: unknown; breakdowns?: Array<{ dimension_keys?: string[]; results?: Array<{ dimension_values?: string[]; value?: number }> }> };
}

export class InstagramProvider implements Provider {
  readonly type = PlatformType.INSTAGRAM;
  readonly sandbox = false;
  readonly label = 'Instagram';
  readonly apiVersion: string;
  readonly scopes = SCOPES;
  readonly pkce = false;
  readonly maxConcurrentPulls = 4;
  readonly accountMetricsChunkDays = 30;
  readonly postsPageSize = PAGE_SIZE;
  readonly countersInListing = false;
  readonly historicalPostMetrics = false;
  readonly configVariables = ['INSTAGRAM_CLIENT_ID', 'INSTAGRAM_CLIENT_SECRET'];
  private readonly http: HttpClient;

  constructor(
    private readonly config: Config,
    hooks: ProviderHooks = {},
  ) {
    this.apiVersion = config.GRAPH_API_VERSION ?? INSTAGRAM_API_VERSION;
    this.http = createHttpClient({ platform: this.label, classify: classifyInstagram, rateLimit: metaUsage, onRateLimit: hooks.onRateLimit });
  }

  private graph(path: string): string {
    return joinUrl(this.config.INSTAGRAM_API_URL, `${this.apiVersion}/${path}`);
  }

  isConfigured(): boolean {
    return !!(this.config.INSTAGRAM_CLIENT_ID && this.config.INSTAGRAM_CLIENT_SECRET);
  }

  buildAuthorizeUrl(input: AuthorizeInput): string {
    return withQuery(this.config.INSTAGRAM_AUTH_URL, {
      client_id: this.config.INSTAGRAM_CLIENT_ID,
      redirect_uri: input.redirectUri,
      response_type: 'code',
      scope: SCOPES.join(','),
      state: input.state,
    });
  }

  async exchangeCode(input: ExchangeInput): Promise<ExchangeResult> {
    const raw = await this.http.request<Record<string, unknown>>({
      method: 'POST',
      url: this.config.INSTAGRAM_TOKEN_URL,
      form: {
        client_id: this.config.INSTAGRAM_CLIENT_ID,
        client_secret: this.config.INSTAGRAM_CLIENT_SECRET,
        grant_type: 'authorization_code',
        redirect_uri: input.redirectUri,
        code: input.code,
      },
    });
    // Documented as { data: [{ access_token, user_id, permissions }] }; older apps get the object itself.
    const short = (Array.isArray(raw?.data) ? raw.data[0] : raw) as { access_token?: string; user_id?: unknown; permissions?: unknown } | undefined;
    if (!short?.access_token) throw permanentError(this.label, 'no access token in the code exchange');
    const issuedAt = new Date();
    const long = await this.http.request<{ access_token?: string; expires_in?: number }>({
      url: joinUrl(this.config.INSTAGRAM_API_URL, 'access_token'),
      query: { grant_type: 'ig_exchange_token', client_secret: this.config.INSTAGRAM_CLIENT_SECRET, access_token: short.access_token },
    });
    if (!long?.access_token) throw permanentError(this.label, 'no long-lived token in the exchange');
    const perms = short.permissions;
    return {
      platformUserId: short.user_id !== undefined ? String(short.user_id) : undefined,
      tokens: {
        accessToken: long.access_token,
        expiresAt: expiryFrom(issuedAt, long.expires_in),
        issuedAt,
        scopes: Array.isArray(perms) ? perms.map(String) : typeof perms === 'string' ? perms.split(',').filter(Boolean) : [...SCOPES],
      },
    };
  }

  refreshPolicy(state: StoredTokenState, now = new Date()): RefreshPolicy {
    // The long-lived token refreshes itself while it is valid; once expired, only a new login helps.
    const expired = !!state.tokenExpiry && state.tokenExpiry.getTime() <= now.getTime();
    return { refreshable: !expired, minTokenAgeMs: MIN_REFRESH_AGE_MS, needsReauthBy: expired ? state.tokenExpiry : undefined };
  }

  async refreshToken(current: { accessToken: string }): Promise<TokenSet> {
    const issuedAt = new Date();
    const res = await this.http.request<{ access_token?: string; expires_in?: number }>({
      url: joinUrl(this.config.INSTAGRAM_API_URL, 'refresh_access_token'),
      query: { grant_type: 'ig_refresh_token', access_token: current.accessToken },
    });
    if (!res?.access_token) throw permanentError(this.label, 'no token in the refresh response');
    return { accessToken: res.access_token, expiresAt: expiryFrom(issuedAt, res.expires_in), issuedAt };
  }

  async fetchProfile(account: AccountAccess): Promise<AccountProfile> {
    const me = await this.http.request<Record<string, unknown>>({
      url: this.graph('me'),
      query: {
        fields: 'user_id,username,name,profile_picture_url,followers_count,follows_count,media_count',
        access_token: account.accessToken,
      },
    });
    const fetchedAt = new Date();
    return {
      platformUserId: String(me.user_id ?? me.id ?? account.platformUserId),
      username: typeof me.username === 'string' ? me.username : undefined,
      displayName: typeof me.name === 'string' ? me.name : undefined,
      avatarUrl: typeof me.profile_picture_url === 'string' ? me.profile_picture_url : undefined,
      followerCount: num(me.followers_count),
      followingCount: num(me.follows_count),
      sources: sourcesFor(this.apiVersion, fetchedAt, [
        ['followers', 'followers_count'],
        ['following', 'follows_count'],
      ]),
    };
  }

  async fetchAccountMetrics(account: AccountAccess, range: DayRange): Promise<AccountDay[]> {
    const out: AccountDay[] = [];
    const today = utcDay(new Date());
    let metrics = ACCOUNT_METRICS;
    for (const date of eachDay(range)) {
      // total_value metrics give one number for since..until, so each day is its own request.
      const ask = (names: string[]) =>
        this.http.request<{ data?: IgInsight[] }>({
          url: this.graph(`${account.platformUserId}/insights`),
          query: {
            metric: names.join(','),
            period: 'day',
            metric_type: 'total_value',
            since: epochSeconds(date),
            until: epochSeconds(addDays(date, 1)),
            access_token: account.accessToken,
          },
        });
      let res: { data?: IgInsight[] };
      try {
        res = await ask(metrics);
      } catch (err) {
        // (#100) when one of the metrics was withdrawn: the core set, for the rest of the range.
        if (!isInvalidParameter(err) || metrics === CORE_ACCOUNT_METRICS) throw err;
        metrics = CORE_ACCOUNT_METRICS;
        res = await ask(metrics);
      }
      const fetchedAt = new Date();
      const byName = new Map((res.data ?? []).map((m) => [m.name, num(m.total_value?.value ?? m.values?.[0]?.value)]));
      const day: AccountDay = { date, sources: [] };
      const map: Array<[keyof AccountDay, string]> = [
        ['reach', 'reach'],
        ['impressions', 'views'],
        ['engagement', 'total_interactions'],
        ['profileViews', 'profile_views'],
      ];
      for (const [field, metric] of map) {
        const v = byName.get(metric);
        if (v === undefined) continue;
        (day as unknown as Record<string, unknown>)[field] = v;
        day.sources.push(...sourcesFor(this.apiVersion, fetchedAt, [[field, metric]]));
      }
      if (date.getTime() === today.getTime()) {
        const demographics = await this.fetchDemographics(account);
        if (demographics) {
          day.demographics = demographics;
          day.sources.push(...sourcesFor(this.apiVersion, fetchedAt, [['demographics', 'follower_demographics']]));
        }
      }
      out.push(day);
    }
    return out;
  }

  private async fetchDemographics(account: AccountAccess): Promise<Demographics | undefined> {
    const results = async (breakdown: string) => {
      try {
        const res = await this.http.request<{ data?: IgInsight[] }>({
          url: this.graph(`${account.platformUserId}/insights`),
          query: { metric: 'follower_demographics', period: 'lifetime', metric_type: 'total_value', breakdown, access_token: account.accessToken },
        });
        return res.data?.[0]?.total_value?.breakdowns?.[0]?.results ?? [];
      } catch (err) {
        // Accounts under 100 followers get no demographics (a permanent error): not a sync failure.
        if (err instanceof ConnectorError && err.kind === 'permanent') return [];
        throw err;
      }
    };
    const [age, gender, country] = [await results('age'), await results('gender'), await results('country')];
    if (!age.length && !gender.length && !country.length) return undefined;
    const shares = (rows: typeof age) => {
      const total = rows.reduce((s, r) => s + (r.value ?? 0), 0) || 1;
      return rows.map((r) => ({ key: r.dimension_values?.[0] ?? '', share: (r.value ?? 0) / total }));
    };
    const g = new Map(shares(gender).map((r) => [r.key, r.share]));
    return {
      ageGroups: shares(age).map((r) => ({ range: r.key, share: r.share })),
      genderSplit: gender.length ? { female: g.get('F') ?? 0, male: g.get('M') ?? 0, other: g.get('U') ?? 0 } : undefined,
      locations: shares(country)
        .sort((a, b) => b.share - a.share)
        .slice(0, 20)
        .map((r) => ({ country: r.key, share: r.share })),
    };
  }

  /**
   * Stories live now (`/{ig-user-id}/stories`: the last 24 hours). Their insights vanish 24 hours
   * after posting, so the story poll job reads them while they are live.
   */
  async listLiveStories(account: AccountAccess): Promise<PostRecord[]> {
    const out: PostRecord[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const res = await this.http.request<{ data?: IgMedia[]; paging?: { cursors?: { after?: string }; next?: string } }>({
        url: this.graph(`${account.platformUserId}/stories`),
        query: { fields: MEDIA_FIELDS, after, access_token: account.accessToken },
      });
      const fetchedAt = new Date();
      out.push(...(res.data ?? []).filter((m) => m.id && m.timestamp).map((m) => this.toRecord({ ...m, media_product_type: 'STORY' }, fetchedAt)));
      after = res.paging?.next ? res.paging.cursors?.after : undefined;
      if (!after) break;
    }
    return out;
  }

  async listPosts(account: AccountAccess, input: ListPostsInput): Promise<PostPage> {
    const res = await this.http.request<{ data?: IgMedia[]; paging?: { cursors?: { after?: string }; next?: string } }>({
      url: this.graph(`${account.platformUserId}/media`),
      query: {
        fields: MEDIA_FIELDS,
        limit: PAGE_SIZE,
        after: input.cursor,
        access_token: account.accessToken,
      },
    });
    const fetchedAt = new Date();
    const posts = (res.data ?? []).filter((m) => m.id && m.timestamp).map((m) => this.toRecord(m, fetchedAt));
    return { posts, nextCursor: res.paging?.next ? res.paging.cursors?.after : undefined };
  }

  private toRecord(m: IgMedia, fetchedAt: Date): PostRecord {
    const type =
      m.media_product_type === 'REELS'
        ? ContentType.REEL
        : m.media_product_type === 'STORY'
          ? ContentType.STORY
          : m.media_type === 'CAROUSEL_ALBUM'
            ? ContentType.CAROUSEL
            : m.media_type === 'VIDEO'
              ? ContentType.VIDEO
              : ContentType.IMAGE;
    const likes = num(m.like_count);
    const comments = num(m.comments_count);
    return {
      externalId: m.id,
      type,
      content: m.caption,
      mediaUrls: [m.media_url, m.thumbnail_url].filter((u): u is string => typeof u === 'string'),
      permalink: m.permalink,
      publishedAt: new Date(m.timestamp!),
      counters: {
        engagement: { likes: likes ?? null, comments: comments ?? null },
        sources: sourcesFor(this.apiVersion, fetchedAt, [
          ...(likes !== undefined ? [['engagement.likes', 'like_count'] as [string, string]] : []),
          ...(comments !== undefined ? [['engagement.comments', 'comments_count'] as [string, string]] : []),
        ]),
      },
    };
  }

  async fetchPostMetrics(account: AccountAccess, posts: PostRecord[]): Promise<Map<string, PostCounters>> {
    const out = new Map<string, PostCounters>();
    for (const post of posts) {
      const data = await this.mediaInsights(account, post);
      if (!data) {
        // (#10) not enough viewers, or nothing Instagram will report: the listing's counters.
        if (post.counters) out.set(post.externalId, post.counters);
        continue;
      }
      const fetchedAt = new Date();
      const v = new Map(data.map((m) => [m.name, num(m.values?.[0]?.value ?? m.total_value?.value)]));
      const counters: PostCounters = { engagement: { ...post.counters?.engagement }, sources: [...(post.counters?.sources ?? [])] };
      const set = (field: keyof PostCounters['engagement'], metric: string) => {
        const value = v.get(metric);
        if (value === undefined) return;
        counters.engagement[field] = value;
        counters.sources = counters.sources.filter((s) => s.field !== `engagement.${field}`);
        counters.sources.push(...sourcesFor(this.apiVersion, fetchedAt, [[`engagement.${field}`, metric]]));
      };
      set('likes', 'likes');
      set('comments', 'comments');
      // A story's replies are its comments (direct messages in answer to it).
      if (post.type === ContentType.STORY) set('comments', 'replies');
      set('shares', 'shares');
      set('saves', 'saved');
      set('reach', 'reach');
      set('impressions', 'views');
      if (post.type === ContentType.REEL || post.type === ContentType.VIDEO || post.type === ContentType.STORY) set('views', 'views');
      if (post.type === ContentType.STORY) set('navigation', 'navigation');
      out.set(post.externalId, counters);
    }
    return out;
  }

  /**
   * The documented metrics of the post's media product type. A metric Instagram refuses by name
   * (#100) is dropped, remembered for that type, and the rest asked again. Undefined when there
   * is nothing to report ((#10) not enough viewers, or every metric refused).
   */
  private async mediaInsights(account: AccountAccess, post: PostRecord): Promise<IgInsight[] | undefined> {
    const productType = mediaProductTypeOf(post.type);
    for (let attempt = 0; attempt < MEDIA_METRICS[productType].length; attempt++) {
      const metrics = metricsFor(productType);
      if (!metrics.length) return undefined;
      try {
        const res = await this.http.request<{ data?: IgInsight[] }>({
          url: this.graph(`${post.externalId}/insights`),
          query: { metric: metrics.join(','), access_token: account.accessToken },
        });
        // An empty set (insights not available yet, or gone): nothing, not zeros.
        return res.data ?? [];
      } catch (err) {
        if (!(err instanceof ConnectorError) || err.kind !== 'permanent') throw err;
        const refused = (err.refusedMetrics ?? []).filter((m) => metrics.includes(m));
        if (!refused.length) return undefined;
        const set = refusedByType.get(productType) ?? new Set<string>();
        for (const m of refused) set.add(m);
        refusedByType.set(productType, set);
      }
    }
    return undefined;
  }
}

/** Meta errors, plus the OAuth endpoint's own `{ error_type, code, error_message }` shape. */
function classifyInstagram(res: Parameters<ReturnType<typeof classifyMeta>>[0]): ConnectorError | undefined {
  const meta = classifyMeta('Instagram')(res);
  if (meta) {
    // "(#100) The Media Insights API does not support the impressions, replies metric for this
    // media product type.": keep the refused names, so the others can be asked again.
    const message = metaErrorOf(res.body)?.message ?? '';
    const m = /does not support the ([a-z_, ]+?) metrics? for this media/i.exec(message);
    if (meta.kind === 'permanent' && m) {
      return new ConnectorError({
        kind: 'permanent',
        platform: 'Instagram',
        status: meta.status,
        code: meta.code,
        message: meta.message,
        refusedMetrics: m[1]!.split(',').map((x) => x.trim()).filter(Boolean),
      });
    }
    return meta;
  }
  const body = res.body as { error_type?: string; error_message?: string } | undefined;
  if (res.status >= 400 && body?.error_type) return permanentError('Instagram', `${body.error_type} during sign-in`, res.status, body.error_type);
  return undefined;
}

/** Meta error #100: invalid parameter (a withdrawn or unknown metric). */
function isInvalidParameter(err: unknown): boolean {
  return err instanceof ConnectorError && err.kind === 'permanent' && (err.code === '100' || !!err.code?.startsWith('100/'));
}
