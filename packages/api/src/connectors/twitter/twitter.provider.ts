import { ContentType, PlatformType } from '@soash/shared';
import type { Config } from '../../config.js';
import { expiryFrom, joinUrl, num, sourcesFor, withQuery } from '../common.js';
import { authError, ConnectorError, creditsDepletedError, permanentError, rateLimitedError, resetHeaderMs, retryAfterMs, usageCapError } from '../errors.js';
import { createHttpClient, type HttpClient, type HttpResponse } from '../http.js';
import type {
  AccountAccess,
  AccountDay,
  AccountProfile,
  AuthorizeInput,
  ExchangeInput,
  ExchangeResult,
  ListPostsInput,
  PostCounters,
  PostPage,
  PostRecord,
  Provider,
  ProviderHooks,
  RateLimitInfo,
  RefreshPolicy,
  StoredTokenState,
  TokenSet,
} from '../types.js';

/**
 * X (formerly Twitter) API v2 with OAuth 2.0 Authorization Code Flow with PKCE.
 *
 * - Scopes `tweet.read users.read offline.access`; `offline.access` is what yields a refresh
 *   token. Access tokens live 2 hours; they are refreshed at POST /2/oauth2/token with
 *   `grant_type=refresh_token`, and the response's new refresh token replaces the old one.
 * - Confidential clients authenticate to the token endpoint with HTTP Basic (client id:secret).
 * - Posts: GET /2/users/:id/tweets with `tweet.fields=public_metrics,created_at`, paginated with
 *   `pagination_token` / `meta.next_token`; the listing carries the counters.
 * - The timeline is asked with `exclude=retweets,replies`: the account's own posts only (quote
 *   posts are its own posts and stay).
 * - Rate limits: `x-rate-limit-limit/-remaining/-reset` headers; 429 when exhausted, retry at reset.
 * - Pay-per-use billing (https://docs.x.com/x-api/getting-started/pricing and
 *   https://docs.x.com/x-api/fundamentals/post-cap, read 2026-12-01): every post a response
 *   returns is billed (deduplicated per UTC day) against prepaid credits, and pay-per-use apps are
 *   capped at 2 million post reads a month. HTTP 402 means the credits are used up, a 429 whose
 *   problem title is `UsageCapExceeded` that the monthly cap is reached: both are their own error
 *   kinds and are not retried. `onPostReads` reports every post read so the sync can keep within
 *   TWITTER_MONTHLY_POST_READS.
 * - X has no daily account analytics in API v2: stats get the daily follower/following snapshot.
 */
export const TWITTER_API_VERSION = '2';
const SCOPES = ['tweet.read', 'users.read', 'offline.access'] as const;
const PAGE_SIZE = 100;

interface Tweet {
  id: string;
  text?: string;
  created_at?: string;
  public_metrics?: {
    retweet_count?: number;
    reply_count?: number;
    like_count?: number;
    quote_count?: number;
    bookmark_count?: number;
    impression_count?: number;
  };
  entities?: { hashtags?: Array<{ tag?: string }> };
  attachments?: { media_keys?: string[] };
}

interface Media {
  media_key: string;
  type?: 'photo' | 'video' | 'animated_gif';
  url?: string;
  preview_image_url?: string;
}

function rateLimitOf(headers: Headers): RateLimitInfo | undefined {
  const remaining = num(headers.get('x-rate-limit-remaining'));
  const limit = num(headers.get('x-rate-limit-limit'));
  const reset = num(headers.get('x-rate-limit-reset'));
  if (remaining === undefined && limit === undefined) return undefined;
  return { unit: 'requests', remaining, limit, resetAt: reset ? new Date(reset * 1000) : undefined };
}

function classify(res: HttpResponse): ConnectorError | undefined {
  const body = (res.body ?? {}) as { error?: string; error_description?: string; title?: string; detail?: string; type?: string; period?: string };
  if (res.status === 402) return creditsDepletedError('X', body.title ?? 'CreditsDepleted');
  if (res.status === 429 && (body.title === 'UsageCapExceeded' || /usage-capped/.test(body.type ?? ''))) {
    return usageCapError('X', body.period, 'UsageCapExceeded');
  }
  if (res.status === 429) {
    return rateLimitedError('X', resetHeaderMs(res.headers.get('x-rate-limit-reset')) ?? retryAfterMs(res.headers), 'TooManyRequests');
  }
  // Token endpoint: invalid_grant / invalid_request for an unknown, used or revoked grant.
  if (res.status === 400 && (body.error === 'invalid_grant' || (body.error === 'invalid_request' && /token/i.test(body.error_description ?? '')))) {
    return authError('X', 'revoked', body.error, res.status);
  }
  if (res.status === 401) return authError('X', 'invalid', body.title ?? 'Unauthorized', res.status);
  if (res.status === 403) return permanentError('X', body.title ?? 'forbidden', res.status, 'Forbidden');
  return undefined;
}

export class TwitterProvider implements Provider {
  readonly type = PlatformType.TWITTER;
  readonly sandbox = false;
  readonly label = 'X';
  readonly apiVersion = TWITTER_API_VERSION;
  readonly scopes = SCOPES;
  readonly pkce = true;
  readonly maxConcurrentPulls = 2;
  readonly accountMetricsChunkDays = 366;
  readonly postsPageSize = PAGE_SIZE;
  readonly countersInListing = true;
  readonly historicalPostMetrics = false;
  readonly billedPostReads = true;
  readonly configVariables = ['TWITTER_CLIENT_ID', 'TWITTER_CLIENT_SECRET'];
  private readonly http: HttpClient;

  constructor(
    private readonly config: Config,
    private readonly hooks: ProviderHooks = {},
  ) {
    this.http = createHttpClient({ platform: this.label, classify, rateLimit: rateLimitOf, onRateLimit: hooks.onRateLimit });
  }

  private api(path: string): string {
    return joinUrl(this.config.TWITTER_API_URL, `2/${path}`);
  }

  isConfigured(): boolean {
    return !!this.config.TWITTER_CLIENT_ID;
  }

  buildAuthorizeUrl(input: AuthorizeInput): string {
    return withQuery(this.config.TWITTER_AUTH_URL, {
      response_type: 'code',
      client_id: this.config.TWITTER_CLIENT_ID,
      redirect_uri: input.redirectUri,
      scope: SCOPES.join(' '),
      state: input.state,
      code_challenge: input.codeChallenge,
      code_challenge_method: 'S256',
    });
  }

  private tokenHeaders(): Record<string, string> {
    const { TWITTER_CLIENT_ID: id, TWITTER_CLIENT_SECRET: secret } = this.config;
    return secret ? { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` } : {};
  }

  private async token(form: Record<string, string | undefined>): Promise<TokenSet> {
    const issuedAt = new Date();
    const res = await this.http.request<{ access_token?: string; refresh_token?: string; expires_in?: number; scope?: string }>({
      method: 'POST',
      url: this.api('oauth2/token'),
      headers: this.tokenHeaders(),
      form: { ...form, client_id: this.config.TWITTER_CLIENT_ID },
    });
    if (!res?.access_token) throw permanentError(this.label, 'no access token in the token response');
    return {
      accessToken: res.access_token,
      refreshToken: res.refresh_token,
      expiresAt: expiryFrom(issuedAt, res.expires_in),
      scopes: res.scope?.split(' ').filter(Boolean),
      issuedAt,
    };
  }

  async exchangeCode(input: ExchangeInput): Promise<ExchangeResult> {
    return {
      tokens: await this.token({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier }),
    };
  }

  refreshPolicy(state: StoredTokenState): RefreshPolicy {
    // Refreshing rotates the refresh token, so with one there is no foreseeable end.
    return state.hasRefreshToken ? { refreshable: true } : { refreshable: false, needsReauthBy: state.tokenExpiry };
  }

  async refreshToken(current: { refreshToken?: string }): Promise<TokenSet> {
    if (!current.refreshToken) throw authError(this.label, 'expired');
    return this.token({ grant_type: 'refresh_token', refresh_token: current.refreshToken });
  }

  async fetchProfile(account: AccountAccess): Promise<AccountProfile> {
    const res = await this.http.request<{ data?: { id: string; name?: string; username?: string; profile_image_url?: string; public_metrics?: Record<string, number> } }>({
      url: this.api('users/me'),
      query: { 'user.fields': 'profile_image_url,public_metrics' },
      bearer: account.accessToken,
    });
    const u = res.data;
    if (!u?.id) throw permanentError(this.label, 'no user in the profile response');
    return {
      platformUserId: u.id,
      username: u.username,
      displayName: u.name,
      avatarUrl: u.profile_image_url,
      followerCount: num(u.public_metrics?.followers_count),
      followingCount: num(u.public_metrics?.following_count),
      sources: sourcesFor(this.apiVersion, new Date(), [
        ['followers', 'public_metrics.followers_count'],
        ['following', 'public_metrics.following_count'],
      ]),
    };
  }

  /** X API v2 offers no daily account metrics; the daily profile snapshot is all there is. */
  async fetchAccountMetrics(): Promise<AccountDay[]> {
    return [];
  }

  async listPosts(account: AccountAccess, input: ListPostsInput): Promise<PostPage> {
    const res = await this.http.request<{ data?: Tweet[]; includes?: { media?: Media[] }; meta?: { next_token?: string } }>({
      url: this.api(`users/${account.platformUserId}/tweets`),
      query: {
        'tweet.fields': 'public_metrics,created_at,entities,attachments',
        expansions: 'attachments.media_keys',
        'media.fields': 'type,url,preview_image_url',
        max_results: PAGE_SIZE,
        // The account's own posts: no retweets of others, no replies (quote posts are kept).
        exclude: 'retweets,replies',
        start_time: input.since.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        pagination_token: input.cursor,
      },
      bearer: account.accessToken,
    });
    this.hooks.onPostReads?.(res.data?.length ?? 0);
    const fetchedAt = new Date();
    const media = new Map((res.includes?.media ?? []).map((m) => [m.media_key, m]));
    const posts = (res.data ?? []).filter((t) => t.id && t.created_at).map((t) => this.toRecord(t, media, fetchedAt));
    return { posts, nextCursor: res.meta?.next_token };
  }

  private counters(t: Tweet, fetchedAt: Date): PostCounters {
    const m = t.public_metrics ?? {};
    const retweets = num(m.retweet_count);
    const quotes = num(m.quote_count);
    return {
      engagement: {
        likes: num(m.like_count) ?? null,
        comments: num(m.reply_count) ?? null,
        shares: retweets === undefined && quotes === undefined ? null : (retweets ?? 0) + (quotes ?? 0),
        saves: num(m.bookmark_count) ?? null,
        impressions: num(m.impression_count) ?? null,
      },
      sources: sourcesFor(this.apiVersion, fetchedAt, [
        ['engagement.likes', 'public_metrics.like_count'],
        ['engagement.comments', 'public_metrics.reply_count'],
        ['engagement.shares', 'public_metrics.retweet_count+quote_count'],
        ['engagement.saves', 'public_metrics.bookmark_count'],
        ['engagement.impressions', 'public_metrics.impression_count'],
      ]),
    };
  }

  private toRecord(t: Tweet, media: Map<string, Media>, fetchedAt: Date): PostRecord {
    const items = (t.attachments?.media_keys ?? []).map((k) => media.get(k)).filter((m): m is Media => !!m);
    const type = items.some((m) => m.type === 'video' || m.type === 'animated_gif')
      ? ContentType.VIDEO
      : items.length > 1
        ? ContentType.CAROUSEL
        : items.length === 1
          ? ContentType.IMAGE
          : ContentType.POST;
    return {
      externalId: t.id,
      type,
      content: t.text,
      mediaUrls: items.map((m) => m.url ?? m.preview_image_url).filter((u): u is string => !!u),
      permalink: `https://x.com/i/web/status/${t.id}`,
      publishedAt: new Date(t.created_at!),
      hashtags: (t.entities?.hashtags ?? []).map((h) => h.tag ?? '').filter(Boolean),
      counters: this.counters(t, fetchedAt),
    };
  }

  async fetchPostMetrics(account: AccountAccess, posts: PostRecord[]): Promise<Map<string, PostCounters>> {
    const out = new Map<string, PostCounters>();
    for (let i = 0; i < posts.length; i += 100) {
      const ids = posts.slice(i, i + 100).map((p) => p.externalId);
      const res = await this.http.request<{ data?: Tweet[] }>({
        url: this.api('tweets'),
        query: { ids: ids.join(','), 'tweet.fields': 'public_metrics' },
        bearer: account.accessToken,
      });
      this.hooks.onPostReads?.(res.data?.length ?? 0);
      const fetchedAt = new Date();
      for (const t of res.data ?? []) out.set(t.id, this.counters(t, fetchedAt));
    }
    return out;
  }
}
