import { ContentType, PlatformType } from '@soash/shared';
import type { Config } from '../../config.js';
import { addDays, epochSeconds, joinUrl, num, sourcesFor, utcDay, withQuery } from '../common.js';
import { ConnectorError, permanentError } from '../errors.js';
import { createHttpClient, type HttpClient } from '../http.js';
import { classifyMeta, metaUsage } from '../meta.js';
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
  TokenSet,
} from '../types.js';

/**
 * Facebook Pages (Graph API).
 *
 * - The user logs in with Facebook Login; the code becomes a user token, which is exchanged for a
 *   long-lived one (`grant_type=fb_exchange_token`), from which `/me/accounts` yields Page access
 *   tokens. A Page token obtained from a long-lived user token does not expire, so there is
 *   nothing to refresh; if the user revokes access, calls fail with error 190 and the account
 *   needs re-authorisation. The first Page the user manages is connected.
 * - Page metrics come from `/{page-id}/insights/{metric,...}` with `period=day`; one since/until
 *   window covers at most 90 days, so longer backfills are split (accountMetricsChunkDays).
 * - `page_follows` replaces the retired `page_fans`; `page_media_view` and
 *   `page_total_media_view_unique` replace the retired impressions metrics.
 */
export const FACEBOOK_API_VERSION = 'v23.0';
const SCOPES = ['pages_show_list', 'pages_read_engagement', 'read_insights'] as const;
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
  attachments?: { data?: Array<{ media_type?: string }> };
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
    return withQuery(this.config.FACEBOOK_AUTH_URL, {
      client_id: this.config.FACEBOOK_APP_ID,
      redirect_uri: input.redirectUri,
      state: input.state,
      response_type: 'code',
      scope: SCOPES.join(','),
    });
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
    const pages = await this.http.request<{ data?: Array<{ id?: string; access_token?: string }> }>({
      url: this.graph('me/accounts'),
      query: { fields: 'id,name,access_token', access_token: long.access_token },
    });
    const page = (pages.data ?? []).find((p) => p.id && p.access_token);
    if (!page) throw permanentError(this.label, 'the account manages no Page that Soash may read');
    return {
      platformUserId: page.id,
      tokens: { accessToken: page.access_token!, issuedAt: new Date(), scopes: [...SCOPES] },
    };
  }

  refreshPolicy(): RefreshPolicy {
    return { refreshable: false };
  }

  refreshToken(): Promise<TokenSet> {
    return Promise.reject(permanentError(this.label, 'Page access tokens do not expire and cannot be refreshed'));
  }

  async fetchProfile(account: AccountAccess): Promise<AccountProfile> {
    const page = await this.http.request<Record<string, unknown>>({
      url: this.graph(account.platformUserId || 'me'),
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
        const value = num(v.value);
        if (value === undefined) continue;
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
          'id,message,created_time,permalink_url,full_picture,attachments{media_type},shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)',
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
    const media = p.attachments?.data?.[0]?.media_type;
    const type = media === 'photo' ? ContentType.IMAGE : media === 'video' ? ContentType.VIDEO : media === 'album' ? ContentType.CAROUSEL : ContentType.POST;
    return {
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

  async fetchPostMetrics(account: AccountAccess, posts: PostRecord[]): Promise<Map<string, PostCounters>> {
    const out = new Map<string, PostCounters>();
    for (const post of posts) {
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
        const value = num(m.values?.[0]?.value);
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
