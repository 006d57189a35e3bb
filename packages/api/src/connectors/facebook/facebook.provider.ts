import { ContentType, PlatformType } from '@soash/shared';
import type { Config } from '../../config.js';
import { addDays, epochSeconds, joinUrl, num, sourcesFor, utcDay, withQuery } from '../common.js';
import { ConnectorError, permanentError } from '../errors.js';
import { log } from '../../lib/logger.js';
import { createHttpClient, type HttpClient } from '../http.js';
import { classifyMeta, metaUsage } from '../meta.js';
import type {
  AccountAccess,
  ConnectableAccount,
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
  TokenSet,
} from '../types.js';

/**
 * Facebook Pages (Graph API).
 *
 * - The user logs in with Facebook Login, or Facebook Login for Business when
 *   FACEBOOK_LOGIN_CONFIG_ID is set (the dialog then names the configuration, which decides token
 *   type, assets and permissions, instead of `scope`). The code becomes a user token, which is
 *   exchanged for a long-lived one (`grant_type=fb_exchange_token`).
 * - The Pages the user can read are every page of `/me/accounts` plus the Pages owned by or
 *   shared with their Business Portfolios (`/me/businesses` → `/{business-id}/owned_pages`,
 *   `/client_pages`; needs `business_management`); the user chooses which to connect, each with
 *   its own Page access token. A Page token obtained from a long-lived user token does not
 *   expire, so there is nothing to refresh; if the user revokes access, calls fail with error 190
 *   and the account needs re-authorisation.
 * - Page metrics come from `/{page-id}/insights/{metric,...}` with `period=day`; one since/until
 *   window covers at most 90 days, so longer backfills are split (accountMetricsChunkDays).
 * - `page_follows` replaces the retired `page_fans`; `page_media_view` and
 *   `page_total_media_view_unique` replace the retired impressions metrics.
 */
export const FACEBOOK_API_VERSION = 'v23.0';
const SCOPES = ['pages_show_list', 'pages_read_engagement', 'read_insights', 'business_management'] as const;
/** Reel metrics, read from `/{video-id}/video_insights` (a reel's post has no post insights of its own). */
const REEL_METRICS = ['blue_reels_play_count', 'post_impressions_unique', 'post_video_likes_by_reaction_type', 'post_video_social_actions'] as const;
const LIST_PAGE = 100;
const PAGE_METRICS: Array<[keyof AccountDay, string]> = [
  ['followers', 'page_follows'],
  ['impressions', 'page_media_view'],
  ['reach', 'page_total_media_view_unique'],
  ['engagement', 'page_post_engagements'],
  ['profileViews', 'page_views_total'],
];
/** Metrics known to exist on every Page; asked for alone if the full set is refused (#100). */
const CORE_PAGE_METRICS = new Set(['page_follows', 'page_media_view', 'page_total_media_view_unique', 'page_post_engagements']);
const PAGE_SIZE = 50;

interface FbPageRef {
  id?: string;
  name?: string;
  username?: string;
  access_token?: string;
  picture?: { data?: { url?: string } };
}

interface FbList<T> {
  data?: T[];
  paging?: { cursors?: { after?: string }; next?: string };
}

/**
 * A metric value as a number. Some come back as objects (breakdowns such as paid/organic or by
 * reaction type): their `total` when they have one, else the sum of their numeric parts. Anything
 * else is undefined, and the caller records that the metric could not be read.
 */
export function metricNumber(value: unknown): number | undefined {
  const n = num(value);
  if (n !== undefined) return n;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  const total = entries.find(([k]) => k.toLowerCase() === 'total');
  if (total) return num(total[1]);
  const parts = entries.map(([, v]) => num(v)).filter((v): v is number => v !== undefined);
  return parts.length ? parts.reduce((a, b) => a + b, 0) : undefined;
}

interface FbInsight {
  name: string;
  period?: string;
  values?: Array<{ value: unknown; end_time?: string }>;
}

interface FbPost {
  id: string;
  message?: string;
  created_time?: string;
  permalink_url?: string;
  full_picture?: string;
  attachments?: { data?: Array<{ media_type?: string; url?: string; target?: { id?: string } }> };
  shares?: { count?: number };
  reactions?: { summary?: { total_count?: number } };
  comments?: { summary?: { total_count?: number } };
}

export class FacebookProvider implements Provider {
  readonly type = PlatformType.FACEBOOK;
  readonly sandbox = false;
  readonly label = 'Facebook';
  /** GRAPH_API_VERSION (shared with Instagram). */
  readonly apiVersion: string;
  readonly scopes = SCOPES;
  readonly pkce = false;
  readonly maxConcurrentPulls = 4;
  readonly accountMetricsChunkDays = 90;
  readonly postsPageSize = PAGE_SIZE;
  readonly countersInListing = false;
  readonly historicalPostMetrics = false;
  readonly configVariables = ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'];
  private readonly http: HttpClient;

  constructor(
    private readonly config: Config,
    hooks: ProviderHooks = {},
  ) {
    this.apiVersion = config.GRAPH_API_VERSION ?? FACEBOOK_API_VERSION;
    this.http = createHttpClient({ platform: this.label, classify: classifyMeta(this.label), rateLimit: metaUsage, onRateLimit: hooks.onRateLimit });
  }

  private graph(path: string): string {
    return joinUrl(this.config.FACEBOOK_API_URL, `${this.apiVersion}/${path}`);
  }

  isConfigured(): boolean {
    return !!(this.config.FACEBOOK_APP_ID && this.config.FACEBOOK_APP_SECRET);
  }

  buildAuthorizeUrl(input: AuthorizeInput): string {
    const common = { client_id: this.config.FACEBOOK_APP_ID, redirect_uri: input.redirectUri, state: input.state, response_type: 'code' };
    const configId = this.config.FACEBOOK_LOGIN_CONFIG_ID;
    // Facebook Login for Business: the configuration replaces `scope`; a code is asked for explicitly.
    if (configId) return withQuery(this.config.FACEBOOK_AUTH_URL, { ...common, config_id: configId, override_default_response_type: 'true' });
    return withQuery(this.config.FACEBOOK_AUTH_URL, { ...common, scope: SCOPES.join(',') });
  }

  async exchangeCode(input: ExchangeInput): Promise<ExchangeResult> {
    const short = await this.http.request<{ access_token?: string }>({
      url: this.graph('oauth/access_token'),
      query: {
        client_id: this.config.FACEBOOK_APP_ID,
        client_secret: this.config.FACEBOOK_APP_SECRET,
        redirect_uri: input.redirectUri,
        code: input.code,
      },
    });
    if (!short?.access_token) throw permanentError(this.label, 'no access token in the code exchange');
    const long = await this.http.request<{ access_token?: string }>({
      url: this.graph('oauth/access_token'),
      query: {
        grant_type: 'fb_exchange_token',
        client_id: this.config.FACEBOOK_APP_ID,
        client_secret: this.config.FACEBOOK_APP_SECRET,
        fb_exchange_token: short.access_token,
      },
    });
    if (!long?.access_token) throw permanentError(this.label, 'no long-lived token in the exchange');
    return { tokens: { accessToken: long.access_token, issuedAt: new Date() } };
  }

  /** Every page of a Graph API list (cursor paging: `paging.next` is absent on the last page). */
  private async all<T>(path: string, fields: string, token: string): Promise<T[]> {
    const out: T[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const res = await this.http.request<FbList<T>>({ url: this.graph(path), query: { fields, limit: LIST_PAGE, after, access_token: token } });
      out.push(...(res.data ?? []));
      after = res.paging?.cursors?.after;
      if (!res.paging?.next || !after) break;
    }
    return out;
  }

  /**
   * The Pages the login can read: the user's own (`/me/accounts`, every page of it) and those owned
   * by or shared with the user's Business Portfolios. Each comes with its Page access token; a
   * business Page listed without one is asked for it, and left out if the user has no task on it.
   */
  async listConnectableAccounts(exchange: ExchangeResult): Promise<ConnectableAccount[]> {
    const token = exchange.tokens.accessToken;
    const fields = 'id,name,username,access_token,picture{url}';
    const found = new Map<string, { page: FbPageRef; detail: string }>();
    for (const page of await this.all<FbPageRef>('me/accounts', fields, token)) if (page.id) found.set(page.id, { page, detail: 'Your Page' });
    // Without business_management (declined, or not in the Login for Business configuration) only the user's own Pages are listed.
    const businesses = await this.all<{ id?: string; name?: string }>('me/businesses', 'id,name', token).catch((err: unknown) => {
      if (!isPermissionError(err)) throw err;
      log.info('facebook: no access to business portfolios; listing the user’s own Pages only', { code: (err as ConnectorError).code });
      return [];
    });
    for (const b of businesses) {
      if (!b.id) continue;
      for (const [edge, how] of [
        ['owned_pages', 'Owned by'],
        ['client_pages', 'Shared with'],
      ] as const) {
        for (const page of await this.all<FbPageRef>(`${b.id}/${edge}`, fields, token)) {
          if (page.id && !found.has(page.id)) found.set(page.id, { page, detail: `${how} ${b.name ?? 'a business'}` });
        }
      }
    }
    const issuedAt = new Date();
    const out: ConnectableAccount[] = [];
    for (const { page, detail } of found.values()) {
      let pageToken = page.access_token;
      if (!pageToken) {
        const node = await this.http
          .request<{ access_token?: string }>({ url: this.graph(page.id!), query: { fields: 'access_token', access_token: token } })
          .catch((err: unknown) => {
            if (err instanceof ConnectorError && err.kind === 'permanent') return {} as { access_token?: string };
            throw err;
          });
        pageToken = node.access_token;
      }
      if (!pageToken) continue;
      out.push({
        platformUserId: page.id!,
        name: page.name ?? `Page ${page.id}`,
        username: page.username,
        avatarUrl: page.picture?.data?.url,
        detail,
        tokens: { accessToken: pageToken, issuedAt, scopes: exchange.tokens.scopes ?? [...SCOPES] },
      });
    }
    return out;
  }

  refreshPolicy(): RefreshPolicy {
    return { refreshable: false };
  }

  refreshToken(): Promise<TokenSet> {
    return Promise.reject(permanentError(this.label, 'Page access tokens do not expire and cannot be refreshed'));
  }

  async fetchProfile(account: AccountAccess): Promise<AccountProfile> {
    if (!account.platformUserId) throw permanentError(this.label, 'no Page was chosen');
    const page = await this.http.request<Record<string, unknown>>({
      url: this.graph(account.platformUserId),
      query: { fields: 'id,name,username,picture{url},followers_count', access_token: account.accessToken },
    });
    const picture = (page.picture as { data?: { url?: string } } | undefined)?.data?.url;
    return {
      platformUserId: String(page.id ?? account.platformUserId),
      username: typeof page.username === 'string' ? page.username : undefined,
      displayName: typeof page.name === 'string' ? page.name : undefined,
      avatarUrl: picture,
      followerCount: num(page.followers_count),
      sources: sourcesFor(this.apiVersion, new Date(), [['followers', 'followers_count']]),
    };
  }

  private async pageInsights(account: AccountAccess, metrics: string[], range: DayRange): Promise<FbInsight[]> {
    const res = await this.http.request<{ data?: FbInsight[] }>({
      url: this.graph(`${account.platformUserId}/insights/${metrics.join(',')}`),
      query: {
        period: 'day',
        since: epochSeconds(range.from),
        until: epochSeconds(addDays(range.to, 1)),
        access_token: account.accessToken,
      },
    });
    return res.data ?? [];
  }

  async fetchAccountMetrics(account: AccountAccess, range: DayRange): Promise<AccountDay[]> {
    let data: FbInsight[];
    try {
      data = await this.pageInsights(account, PAGE_METRICS.map(([, m]) => m), range);
    } catch (err) {
      // (#100) when one of the metrics has been retired: keep the core set.
      if (!isInvalidParameter(err)) throw err;
      data = await this.pageInsights(account, [...CORE_PAGE_METRICS], range);
    }
    const fetchedAt = new Date();
    const days = new Map<number, AccountDay>();
    for (const metric of data) {
      if (metric.period && metric.period !== 'day') continue;
      const field = PAGE_METRICS.find(([, m]) => m === metric.name)?.[0];
      if (!field) continue;
      for (const v of metric.values ?? []) {
        if (!v.end_time) continue;
        // end_time is the end of the day the value belongs to (since + 1 day for the first value).
        const date = addDays(utcDay(new Date(v.end_time)), -1);
        if (date < range.from || date > range.to) continue;
        const value = metricNumber(v.value);
        if (value === undefined) {
          if (v.value !== undefined && v.value !== null) log.warn('facebook: unreadable metric value', { metric: metric.name });
          continue;
        }
        const day = days.get(date.getTime()) ?? { date, sources: [] };
        (day as unknown as Record<string, unknown>)[field] = value;
        day.sources.push(...sourcesFor(this.apiVersion, fetchedAt, [[field, metric.name]]));
        days.set(date.getTime(), day);
      }
    }
    const today = utcDay(new Date());
    if (range.to.getTime() === today.getTime()) {
      const locations = await this.followerCountries(account);
      if (locations.length) {
        const day = days.get(today.getTime()) ?? { date: today, sources: [] };
        day.demographics = { ageGroups: [], locations };
        day.sources.push(...sourcesFor(this.apiVersion, fetchedAt, [['demographics', 'page_follows_country']]));
        days.set(today.getTime(), day);
      }
    }
    return [...days.values()].sort((a, b) => a.date.getTime() - b.date.getTime());
  }

  private async followerCountries(account: AccountAccess): Promise<Array<{ country: string; share: number }>> {
    try {
      const res = await this.http.request<{ data?: FbInsight[] }>({
        url: this.graph(`${account.platformUserId}/insights/page_follows_country`),
        query: { period: 'lifetime', access_token: account.accessToken },
      });
      const values = res.data?.[0]?.values ?? [];
      const latest = values[values.length - 1]?.value;
      if (!latest || typeof latest !== 'object') return [];
      const entries = Object.entries(latest as Record<string, unknown>).map(([c, v]) => [c, num(v) ?? 0] as const);
      const total = entries.reduce((s, [, v]) => s + v, 0) || 1;
      return entries
        .sort((a, b) => b[1] - a[1])
        .slice(0, 20)
        .map(([country, v]) => ({ country, share: v / total }));
    } catch (err) {
      // Pages under 100 followers get no demographics: not a sync failure.
      if (err instanceof ConnectorError && err.kind === 'permanent') return [];
      throw err;
    }
  }

  async listPosts(account: AccountAccess, input: ListPostsInput): Promise<PostPage> {
    const res = await this.http.request<{ data?: FbPost[]; paging?: { cursors?: { after?: string }; next?: string } }>({
      url: this.graph(`${account.platformUserId}/posts`),
      query: {
        fields:
          'id,message,created_time,permalink_url,full_picture,attachments{media_type,url,target{id}},shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)',
        limit: PAGE_SIZE,
        since: epochSeconds(input.since),
        after: input.cursor,
        access_token: account.accessToken,
      },
    });
    const fetchedAt = new Date();
    const posts = (res.data ?? []).filter((p) => p.id && p.created_time).map((p) => this.toRecord(p, fetchedAt));
    return { posts, nextCursor: res.paging?.next ? res.paging.cursors?.after : undefined };
  }

  private toRecord(p: FbPost, fetchedAt: Date): PostRecord {
    const attachment = p.attachments?.data?.[0];
    const media = attachment?.media_type;
    // A reel's attachment is a video whose link is its /reel/ page; its metrics live on the video.
    const reel = media === 'video' && /\/reel\//.test(attachment?.url ?? '') && !!attachment?.target?.id;
    const type = reel
      ? ContentType.REEL
      : media === 'photo'
        ? ContentType.IMAGE
        : media === 'video'
          ? ContentType.VIDEO
          : media === 'album'
            ? ContentType.CAROUSEL
            : ContentType.POST;
    return {
      ...(reel ? { mediaId: attachment!.target!.id } : {}),
      externalId: p.id,
      type,
      content: p.message,
      mediaUrls: p.full_picture ? [p.full_picture] : [],
      permalink: p.permalink_url,
      publishedAt: new Date(p.created_time!),
      counters: {
        engagement: {
          likes: num(p.reactions?.summary?.total_count) ?? null,
          comments: num(p.comments?.summary?.total_count) ?? null,
          // The field is left out when a post has no shares.
          shares: num(p.shares?.count) ?? 0,
        },
        sources: sourcesFor(this.apiVersion, fetchedAt, [
          ['engagement.likes', 'reactions.summary.total_count'],
          ['engagement.comments', 'comments.summary.total_count'],
          ['engagement.shares', 'shares.count'],
        ]),
      },
    };
  }

  private async postInsights(account: AccountAccess, postId: string, metrics: string[]): Promise<FbInsight[]> {
    const res = await this.http.request<{ data?: FbInsight[] }>({
      url: this.graph(`${postId}/insights/${metrics.join(',')}`),
      query: { access_token: account.accessToken },
    });
    return res.data ?? [];
  }

  /** A reel's lifetime metrics from `/{video-id}/video_insights`; breakdown objects are mapped, not dropped. */
  private async reelCounters(account: AccountAccess, post: PostRecord): Promise<PostCounters> {
    const res = await this.http.request<{ data?: FbInsight[] }>({
      url: this.graph(`${post.mediaId}/video_insights`),
      query: { metric: REEL_METRICS.join(','), period: 'lifetime', access_token: account.accessToken },
    });
    const fetchedAt = new Date();
    const counters: PostCounters = { engagement: { ...post.counters?.engagement }, sources: [...(post.counters?.sources ?? [])] };
    const set = (field: 'likes' | 'comments' | 'shares' | 'reach' | 'views', value: number | undefined, metric: string) => {
      if (value === undefined) return;
      counters.engagement[field] = value;
      counters.sources = counters.sources.filter((s) => s.field !== `engagement.${field}`);
      counters.sources.push(...sourcesFor(this.apiVersion, fetchedAt, [[`engagement.${field}`, metric]]));
    };
    for (const m of res.data ?? []) {
      const raw = m.values?.[0]?.value;
      if (m.name === 'blue_reels_play_count') set('views', metricNumber(raw), m.name);
      else if (m.name === 'post_impressions_unique') set('reach', metricNumber(raw), m.name);
      else if (m.name === 'post_video_likes_by_reaction_type') set('likes', metricNumber(raw), `${m.name} (sum of reactions)`);
      else if (m.name === 'post_video_social_actions') {
        // { COMMENT: n, SHARE: n, … }: each part goes to its own counter.
        const parts = raw && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>) : [];
        const pick = (re: RegExp) => {
          const values = parts.filter(([k]) => re.test(k)).map(([, v]) => num(v)).filter((v): v is number => v !== undefined);
          return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
        };
        set('comments', pick(/comment/i), `${m.name}.comment`);
        set('shares', pick(/share/i), `${m.name}.share`);
        if (!parts.length && raw !== undefined && raw !== null) log.warn('facebook: unreadable metric value', { metric: m.name });
      }
    }
    return counters;
  }

  async fetchPostMetrics(account: AccountAccess, posts: PostRecord[]): Promise<Map<string, PostCounters>> {
    const out = new Map<string, PostCounters>();
    for (const post of posts) {
      if (post.mediaId && post.type === ContentType.REEL) {
        out.set(post.externalId, await this.reelCounters(account, post));
        continue;
      }
      let data: FbInsight[] = [];
      try {
        data = await this.postInsights(account, post.externalId, ['post_total_media_view_unique', 'post_media_view']);
      } catch (err) {
        if (!(err instanceof ConnectorError) || err.kind !== 'permanent') throw err;
        // A retired metric (#100): reach alone; anything else: the listing's counters.
        if (isInvalidParameter(err)) {
          data = await this.postInsights(account, post.externalId, ['post_total_media_view_unique']).catch((e) => {
            if (e instanceof ConnectorError && e.kind === 'permanent') return [];
            throw e;
          });
        }
      }
      const fetchedAt = new Date();
      const counters: PostCounters = { engagement: { ...post.counters?.engagement }, sources: [...(post.counters?.sources ?? [])] };
      for (const m of data) {
        const value = metricNumber(m.values?.[0]?.value);
        if (value === undefined) continue;
        const field = m.name === 'post_total_media_view_unique' ? 'reach' : m.name === 'post_media_view' ? 'impressions' : undefined;
        if (!field) continue;
        counters.engagement[field] = value;
        counters.sources.push(...sourcesFor(this.apiVersion, fetchedAt, [[`engagement.${field}`, m.name]]));
      }
      out.set(post.externalId, counters);
    }
    return out;
  }
}

/** Meta error #100: invalid parameter, which is what a retired metric name gets. */
function isInvalidParameter(err: unknown): boolean {
  return err instanceof ConnectorError && err.kind === 'permanent' && (err.code === '100' || !!err.code?.startsWith('100/'));
}

/** Meta errors #10 and #200-#299: a permission the login does not have. */
function isPermissionError(err: unknown): boolean {
  if (!(err instanceof ConnectorError) || err.kind !== 'permanent') return false;
  const code = Number(err.code?.split('/')[0]);
  return code === 10 || (code >= 200 && code <= 299);
}
