import { ContentType, PlatformType } from '@soash/shared';
import type { Config } from '../../config.js';
import { expiryFrom, joinUrl, num, sourcesFor, withQuery } from '../common.js';
import { authError, ConnectorError, permanentError, rateLimitedError, retryAfterMs, transientError } from '../errors.js';
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
  RefreshPolicy,
  StoredTokenState,
  TokenSet,
} from '../types.js';

/**
 * TikTok Login Kit (web) and Display API v2.
 *
 * - Scopes `user.info.basic,user.info.profile,user.info.stats,video.list`. Web apps use no PKCE
 *   (code_verifier is for mobile and desktop apps).
 * - POST /v2/oauth/token/: access tokens live 2 hours (`expires_in`), refresh tokens 180 days
 *   (`refresh_expires_in`); both are the REMAINING lifetime in seconds, so the absolute refresh
 *   expiry is stored at every refresh and is when the user must connect again (`needsReauthBy`).
 *   Every refresh returns a NEW refresh token and the old one stops working, so the new pair is
 *   written in one single-document update right away.
 * - POST /v2/video/list/ (cursor + has_more, at most 20 per page) carries like, comment, share
 *   and view counts; POST /v2/video/query/ re-reads given videos.
 * - Errors come as `{ error: { code, message, log_id } }`: access_token_invalid (401),
 *   scope_not_authorized, rate_limit_exceeded (429), internal_error (5xx). The token endpoint
 *   answers `{ error: "invalid_grant", error_description }`.
 * - The Display API has no daily account history: stats get the daily follower/following snapshot.
 */
/** The default of TIKTOK_API_VERSION. */
export const TIKTOK_API_VERSION = 'v2';
const SCOPES = ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list'] as const;
const PAGE_SIZE = 20;
const VIDEO_FIELDS = 'id,create_time,title,video_description,cover_image_url,share_url,duration,like_count,comment_count,share_count,view_count';

interface Video {
  id: string;
  create_time?: number;
  title?: string;
  video_description?: string;
  cover_image_url?: string;
  share_url?: string;
  like_count?: number;
  comment_count?: number;
  share_count?: number;
  view_count?: number;
}

function classify(res: HttpResponse): ConnectorError | undefined {
  const body = (res.body ?? {}) as { error?: unknown; error_description?: string };
  // Token endpoint shape.
  if (typeof body.error === 'string') {
    if (body.error === 'invalid_grant') return authError('TikTok', 'revoked', 'invalid_grant', res.status);
    if (res.status >= 500) return transientError('TikTok', body.error, res.status, body.error);
    return permanentError('TikTok', body.error, res.status, body.error);
  }
  const err = body.error as { code?: string } | undefined;
  const code = err?.code;
  if (!code || code === 'ok') return undefined;
  if (code === 'access_token_invalid') return authError('TikTok', 'invalid', code, res.status);
  if (code === 'scope_not_authorized') return authError('TikTok', 'revoked', code, res.status);
  if (code === 'rate_limit_exceeded' || res.status === 429) return rateLimitedError('TikTok', retryAfterMs(res.headers), code, res.status);
  if (code === 'internal_error' || res.status >= 500) return transientError('TikTok', code, res.status, code);
  return permanentError('TikTok', code, res.status, code);
}

export class TikTokProvider implements Provider {
  readonly type = PlatformType.TIKTOK;
  readonly sandbox = false;
  readonly label = 'TikTok';
  readonly apiVersion: string;
  readonly scopes = SCOPES;
  readonly pkce = false;
  readonly maxConcurrentPulls = 2;
  readonly accountMetricsChunkDays = 366;
  readonly postsPageSize = PAGE_SIZE;
  readonly countersInListing = true;
  readonly historicalPostMetrics = false;
  readonly configVariables = ['TIKTOK_CLIENT_KEY', 'TIKTOK_CLIENT_SECRET'];
  private readonly http: HttpClient;

  constructor(
    private readonly config: Config,
    hooks: ProviderHooks = {},
  ) {
    this.apiVersion = config.TIKTOK_API_VERSION ?? TIKTOK_API_VERSION;
    this.http = createHttpClient({ platform: this.label, classify, onRateLimit: hooks.onRateLimit });
  }

  private api(path: string): string {
    return joinUrl(this.config.TIKTOK_API_URL, `${this.apiVersion}/${path}`);
  }

  isConfigured(): boolean {
    return !!(this.config.TIKTOK_CLIENT_KEY && this.config.TIKTOK_CLIENT_SECRET);
  }

  buildAuthorizeUrl(input: AuthorizeInput): string {
    return withQuery(this.config.TIKTOK_AUTH_URL, {
      client_key: this.config.TIKTOK_CLIENT_KEY,
      scope: SCOPES.join(','),
      response_type: 'code',
      redirect_uri: input.redirectUri,
      state: input.state,
    });
  }

  private async token(form: Record<string, string | undefined>): Promise<{ tokens: TokenSet; openId?: string }> {
    const issuedAt = new Date();
    const raw = await this.http.request<Record<string, unknown>>({
      method: 'POST',
      url: this.api('oauth/token/'),
      headers: { 'cache-control': 'no-cache' },
      form: { ...form, client_key: this.config.TIKTOK_CLIENT_KEY, client_secret: this.config.TIKTOK_CLIENT_SECRET },
    });
    // Documented flat; early v2 responses wrapped it in `data`.
    const res = (raw?.access_token ? raw : (raw?.data as Record<string, unknown> | undefined)) ?? {};
    if (typeof res.access_token !== 'string') throw permanentError(this.label, 'no access token in the token response');
    return {
      openId: typeof res.open_id === 'string' ? res.open_id : undefined,
      tokens: {
        accessToken: res.access_token,
        expiresAt: expiryFrom(issuedAt, res.expires_in),
        refreshToken: typeof res.refresh_token === 'string' ? res.refresh_token : undefined,
        refreshTokenExpiresAt: expiryFrom(issuedAt, res.refresh_expires_in),
        scopes: typeof res.scope === 'string' ? res.scope.split(',').filter(Boolean) : undefined,
        issuedAt,
      },
    };
  }

  async exchangeCode(input: ExchangeInput): Promise<ExchangeResult> {
    const { tokens, openId } = await this.token({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri });
    return { tokens, platformUserId: openId };
  }

  refreshPolicy(state: StoredTokenState, now = new Date()): RefreshPolicy {
    if (!state.hasRefreshToken) return { refreshable: false, needsReauthBy: state.tokenExpiry };
    // `refresh_expires_in` is the grant's remaining lifetime: rotating the refresh token does not
    // extend it. Its absolute end is stored at every refresh, and the user has to connect again
    // by then (warned ahead, as for LinkedIn).
    const grantEnded = !!state.refreshTokenExpiry && state.refreshTokenExpiry.getTime() <= now.getTime();
    return { refreshable: !grantEnded, needsReauthBy: state.refreshTokenExpiry };
  }

  async refreshToken(current: { refreshToken?: string }): Promise<TokenSet> {
    if (!current.refreshToken) throw authError(this.label, 'expired');
    return (await this.token({ grant_type: 'refresh_token', refresh_token: current.refreshToken })).tokens;
  }

  async fetchProfile(account: AccountAccess): Promise<AccountProfile> {
    const res = await this.http.request<{ data?: { user?: Record<string, unknown> } }>({
      url: this.api('user/info/'),
      query: { fields: 'open_id,union_id,avatar_url,display_name,username,follower_count,following_count,likes_count,video_count' },
      bearer: account.accessToken,
    });
    const u = res.data?.user ?? {};
    return {
      platformUserId: typeof u.open_id === 'string' ? u.open_id : account.platformUserId,
      username: typeof u.username === 'string' ? u.username : undefined,
      displayName: typeof u.display_name === 'string' ? u.display_name : undefined,
      avatarUrl: typeof u.avatar_url === 'string' ? u.avatar_url : undefined,
      followerCount: num(u.follower_count),
      followingCount: num(u.following_count),
      sources: sourcesFor(this.apiVersion, new Date(), [
        ['followers', 'follower_count'],
        ['following', 'following_count'],
      ]),
    };
  }

  /** The Display API has no daily account metrics; the daily profile snapshot is all there is. */
  async fetchAccountMetrics(): Promise<AccountDay[]> {
    return [];
  }

  private counters(v: Video, fetchedAt: Date): PostCounters {
    return {
      engagement: {
        likes: num(v.like_count) ?? null,
        comments: num(v.comment_count) ?? null,
        shares: num(v.share_count) ?? null,
        views: num(v.view_count) ?? null,
      },
      sources: sourcesFor(this.apiVersion, fetchedAt, [
        ['engagement.likes', 'like_count'],
        ['engagement.comments', 'comment_count'],
        ['engagement.shares', 'share_count'],
        ['engagement.views', 'view_count'],
      ]),
    };
  }

  async listPosts(account: AccountAccess, input: ListPostsInput): Promise<PostPage> {
    const cursor = num(input.cursor);
    const res = await this.http.request<{ data?: { videos?: Video[]; cursor?: number; has_more?: boolean } }>({
      method: 'POST',
      url: this.api('video/list/'),
      query: { fields: VIDEO_FIELDS },
      bearer: account.accessToken,
      json: { max_count: PAGE_SIZE, ...(cursor !== undefined ? { cursor } : {}) },
    });
    const fetchedAt = new Date();
    const posts: PostRecord[] = (res.data?.videos ?? [])
      .filter((v) => v.id && v.create_time)
      .map((v) => ({
        externalId: v.id,
        type: ContentType.VIDEO,
        content: v.video_description ?? v.title,
        mediaUrls: v.cover_image_url ? [v.cover_image_url] : [],
        permalink: v.share_url,
        publishedAt: new Date(v.create_time! * 1000),
        counters: this.counters(v, fetchedAt),
      }));
    const next = res.data?.has_more ? num(res.data.cursor) : undefined;
    return { posts, nextCursor: next !== undefined ? String(next) : undefined };
  }

  async fetchPostMetrics(account: AccountAccess, posts: PostRecord[]): Promise<Map<string, PostCounters>> {
    const out = new Map<string, PostCounters>();
    for (let i = 0; i < posts.length; i += PAGE_SIZE) {
      const res = await this.http.request<{ data?: { videos?: Video[] } }>({
        method: 'POST',
        url: this.api('video/query/'),
        query: { fields: 'id,like_count,comment_count,share_count,view_count' },
        bearer: account.accessToken,
        json: { filters: { video_ids: posts.slice(i, i + PAGE_SIZE).map((p) => p.externalId) } },
      });
      const fetchedAt = new Date();
      for (const v of res.data?.videos ?? []) out.set(v.id, this.counters(v, fetchedAt));
    }
    return out;
  }
}
