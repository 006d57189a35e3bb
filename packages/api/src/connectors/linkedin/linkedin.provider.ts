import { ContentType, PlatformType } from '@soash/shared';
import type { Config } from '../../config.js';
import { addDays, DAY_MS, eachDay, expiryFrom, joinUrl, num, sourcesFor, utcDay, withQuery } from '../common.js';
import { authError, configurationError, ConnectorError, permanentError, rateLimitedError, retryAfterMs, type AuthFailure } from '../errors.js';
import { createHttpClient, type HttpClient, type HttpResponse } from '../http.js';
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
  StoredTokenState,
  TokenSet,
} from '../types.js';

/**
 * LinkedIn organization pages (Community Management API, versioned REST endpoints).
 *
 * - Every call sends `LinkedIn-Version: <LINKEDIN_API_VERSION>` (YYYYMM; LinkedIn supports a
 *   version for about a year). A sunset version is answered with HTTP 426 NONEXISTENT_VERSION:
 *   that is a configuration error naming the setting (permanent, no retries, admins notified).
 * - Scopes `r_organization_social rw_organization_admin`. After the login the member picks which
 *   of the organizations they administer (approved ADMINISTRATOR or CONTENT_ADMIN roles from
 *   `organizationAcls?q=roleAssignee`) to connect; the member's token serves each of them.
 * - Access tokens live 60 days. Programmatic refresh tokens (365 days, not extended by refreshing)
 *   exist only for approved partners: with one, Soash refreshes ahead of expiry; without, the
 *   account must be re-authorised before the token expires, and Soash warns ahead of time
 *   (`needsReauthBy`).
 * - Account metrics: organizationalEntityShareStatistics with DAY time intervals (impressions,
 *   unique impressions, likes, comments, shares) and organizationalEntityFollowerStatistics with
 *   DAY intervals (follower gains); followers per day are derived backwards from the current
 *   total (networkSizes). Post counters: the same share statistics without time intervals
 *   (lifetime), per share / ugcPost.
 * - Rest.li 2.0 query objects such as `timeIntervals=(timeRange:(start:…,end:…),…)` are written
 *   literally; only the URN values inside them are percent-encoded.
 * - Daily rate limits reset at midnight UTC; a 429 without Retry-After waits until then.
 */
/** Roles whose holders may read an organization's page statistics. */
const ADMIN_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMIN']);
const ROLE_LABELS: Record<string, string> = { ADMINISTRATOR: 'Super admin', CONTENT_ADMIN: 'Content admin' };
const ACL_PAGE = 100;
/** Days of time-bound statistics LinkedIn serves, today included (a rolling 12 months). */
export const STATS_WINDOW_DAYS = 365;
const SCOPES = ['r_organization_social', 'rw_organization_admin'] as const;
const PAGE_SIZE = 50;
const STATS_BATCH = 20;

interface ShareStats {
  impressionCount?: number;
  uniqueImpressionsCount?: number;
  likeCount?: number;
  commentCount?: number;
  shareCount?: number;
  clickCount?: number;
}

interface LiPost {
  id: string;
  commentary?: string;
  createdAt?: number;
  publishedAt?: number;
  lifecycleState?: string;
  content?: { media?: { id?: string }; multiImage?: unknown; article?: { source?: string } };
}

function authFailureOf(code: string | undefined): AuthFailure {
  return code === 'REVOKED_ACCESS_TOKEN' ? 'revoked' : code === 'EXPIRED_ACCESS_TOKEN' ? 'expired' : 'invalid';
}

function classify(res: HttpResponse, version: string): ConnectorError | undefined {
  const body = (res.body ?? {}) as { error?: string; error_description?: string; code?: string; serviceErrorCode?: number };
  // A sunset (or not yet released) LinkedIn-Version: only a new setting helps.
  if (res.status === 426 || body.code === 'NONEXISTENT_VERSION') {
    return configurationError('LinkedIn', 'LINKEDIN_API_VERSION', `API version ${version} is not supported (any more)`, res.status, body.code ?? 'NONEXISTENT_VERSION');
  }
  if (res.status === 401) return authError('LinkedIn', authFailureOf(body.code), body.code ?? String(body.serviceErrorCode ?? 401), 401);
  // Token endpoint: the grant (code or refresh token) is expired or revoked.
  if (res.status === 400 && body.error === 'invalid_grant') return authError('LinkedIn', 'revoked', 'invalid_grant', 400);
  if (res.status === 429) {
    const now = Date.now();
    return rateLimitedError('LinkedIn', retryAfterMs(res.headers) ?? utcDay(now + DAY_MS).getTime() - now, 'TOO_MANY_REQUESTS');
  }
  return undefined;
}

const orgUrn = (id: string) => `urn:li:organization:${id}`;
const enc = encodeURIComponent;

export class LinkedInProvider implements Provider {
  readonly type = PlatformType.LINKEDIN;
  readonly sandbox = false;
  readonly label = 'LinkedIn';
  readonly apiVersion: string;
  readonly scopes = SCOPES;
  readonly pkce = false;
  readonly maxConcurrentPulls = 2;
  /**
   * Time-bound share and follower statistics are served for a rolling 12-month window; one
   * request may cover all of it. Older days are not asked for (see fetchAccountMetrics).
   */
  readonly accountMetricsChunkDays = STATS_WINDOW_DAYS;
  readonly postsPageSize = PAGE_SIZE;
  readonly countersInListing = false;
  readonly historicalPostMetrics = false;
  readonly configVariables = ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET'];
  private readonly http: HttpClient;

  constructor(
    private readonly config: Config,
    hooks: ProviderHooks = {},
  ) {
    this.apiVersion = config.LINKEDIN_API_VERSION;
    this.http = createHttpClient({ platform: this.label, classify: (res) => classify(res, this.apiVersion), onRateLimit: hooks.onRateLimit });
  }

  /** Versioned REST call; `query` is appended verbatim (Rest.li 2.0 syntax). */
  private rest<T>(path: string, query: string, token: string): Promise<T> {
    return this.http.request<T>({
      url: `${joinUrl(this.config.LINKEDIN_API_URL, `rest/${path}`)}${query ? `?${query}` : ''}`,
      bearer: token,
      headers: { 'LinkedIn-Version': this.apiVersion, 'X-Restli-Protocol-Version': '2.0.0' },
    });
  }

  isConfigured(): boolean {
    return !!(this.config.LINKEDIN_CLIENT_ID && this.config.LINKEDIN_CLIENT_SECRET);
  }

  buildAuthorizeUrl(input: AuthorizeInput): string {
    return withQuery(this.config.LINKEDIN_AUTH_URL, {
      response_type: 'code',
      client_id: this.config.LINKEDIN_CLIENT_ID,
      redirect_uri: input.redirectUri,
      state: input.state,
      scope: SCOPES.join(' '),
    });
  }

  private async token(form: Record<string, string | undefined>): Promise<TokenSet> {
    const issuedAt = new Date();
    const res = await this.http.request<{ access_token?: string; expires_in?: number; refresh_token?: string; refresh_token_expires_in?: number; scope?: string }>({
      method: 'POST',
      url: this.config.LINKEDIN_TOKEN_URL,
      form: { ...form, client_id: this.config.LINKEDIN_CLIENT_ID, client_secret: this.config.LINKEDIN_CLIENT_SECRET },
    });
    if (!res?.access_token) throw permanentError(this.label, 'no access token in the token response');
    return {
      accessToken: res.access_token,
      expiresAt: expiryFrom(issuedAt, res.expires_in),
      refreshToken: res.refresh_token,
      refreshTokenExpiresAt: res.refresh_token ? expiryFrom(issuedAt, res.refresh_token_expires_in) : undefined,
      scopes: res.scope?.split(/[ ,]/).filter(Boolean),
      issuedAt,
    };
  }

  async exchangeCode(input: ExchangeInput): Promise<ExchangeResult> {
    return { tokens: await this.token({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri }) };
  }

  refreshPolicy(state: StoredTokenState, now = new Date()): RefreshPolicy {
    if (state.hasRefreshToken) {
      const grantEnded = !!state.refreshTokenExpiry && state.refreshTokenExpiry.getTime() <= now.getTime();
      return { refreshable: !grantEnded, needsReauthBy: state.refreshTokenExpiry };
    }
    return { refreshable: false, needsReauthBy: state.tokenExpiry };
  }

  async refreshToken(current: { refreshToken?: string }): Promise<TokenSet> {
    if (!current.refreshToken) throw authError(this.label, 'expired');
    return this.token({ grant_type: 'refresh_token', refresh_token: current.refreshToken });
  }

  /** The organizations the member administers (approved ADMINISTRATOR or CONTENT_ADMIN), all pages of them. */
  async listConnectableAccounts(exchange: ExchangeResult): Promise<ConnectableAccount[]> {
    const token = exchange.tokens.accessToken;
    const roles = new Map<string, string>();
    for (let start = 0; ; ) {
      const res = await this.rest<{ elements?: Array<{ organization?: string; organizationTarget?: string; role?: string; state?: string }>; paging?: { total?: number } }>(
        'organizationAcls',
        `q=roleAssignee&state=APPROVED&start=${start}&count=${ACL_PAGE}`,
        token,
      );
      const elements = res.elements ?? [];
      for (const e of elements) {
        const urn = e.organization ?? e.organizationTarget;
        if (!urn?.startsWith('urn:li:organization:') || !e.role || !ADMIN_ROLES.has(e.role) || (e.state && e.state !== 'APPROVED')) continue;
        const id = urn.slice('urn:li:organization:'.length);
        // A member with both roles is shown with the stronger one.
        if (roles.get(id) !== 'ADMINISTRATOR') roles.set(id, e.role);
      }
      start += elements.length;
      const total = num(res.paging?.total);
      if (!elements.length || (total !== undefined ? start >= total : elements.length < ACL_PAGE)) break;
    }
    const out: ConnectableAccount[] = [];
    for (const [id, role] of roles) {
      const org = await this.rest<{ id?: number | string; localizedName?: string; vanityName?: string }>(`organizations/${enc(id)}`, '', token);
      out.push({ platformUserId: String(org.id ?? id), name: org.localizedName ?? org.vanityName ?? `Organization ${id}`, username: org.vanityName, detail: ROLE_LABELS[role] ?? role });
    }
    return out;
  }

  async fetchProfile(account: AccountAccess): Promise<AccountProfile> {
    const orgId = account.platformUserId;
    if (!orgId) throw permanentError(this.label, 'no organization was chosen');
    const org = await this.rest<{ id?: number | string; localizedName?: string; vanityName?: string }>(`organizations/${enc(orgId)}`, '', account.accessToken);
    const size = await this.rest<{ firstDegreeSize?: number }>(`networkSizes/${enc(orgUrn(orgId))}`, 'edgeType=COMPANY_FOLLOWED_BY_MEMBER', account.accessToken);
    return {
      platformUserId: String(org.id ?? orgId),
      username: org.vanityName,
      displayName: org.localizedName,
      followerCount: num(size.firstDegreeSize),
      sources: sourcesFor(this.apiVersion, new Date(), [['followers', 'networkSizes.firstDegreeSize']]),
    };
  }

  private interval(from: Date, toExclusive: Date): string {
    return `timeIntervals=(timeRange:(start:${from.getTime()},end:${toExclusive.getTime()}),timeGranularityType:DAY)`;
  }

  async fetchAccountMetrics(account: AccountAccess, asked: DayRange): Promise<AccountDay[]> {
    // Days before the 12-month window are refused by LinkedIn: ask only for what it serves.
    const earliest = addDays(utcDay(new Date()), -(STATS_WINDOW_DAYS - 1));
    const range: DayRange = { from: asked.from < earliest ? earliest : asked.from, to: asked.to };
    if (range.from > range.to) return [];
    const urn = enc(orgUrn(account.platformUserId));
    const end = addDays(range.to, 1);
    const shares = await this.rest<{ elements?: Array<{ timeRange?: { start?: number }; totalShareStatistics?: ShareStats }> }>(
      'organizationalEntityShareStatistics',
      `q=organizationalEntity&organizationalEntity=${urn}&${this.interval(range.from, end)}`,
      account.accessToken,
    );
    // Gains up to today, so followers on each day can be derived from today's total.
    const now = new Date();
    const gainsRes = await this.rest<{ elements?: Array<{ timeRange?: { start?: number }; followerGains?: { organicFollowerGain?: number; paidFollowerGain?: number } }> }>(
      'organizationalEntityFollowerStatistics',
      `q=organizationalEntity&organizationalEntity=${urn}&${this.interval(range.from, addDays(utcDay(now), 1))}`,
      account.accessToken,
    );
    const size = await this.rest<{ firstDegreeSize?: number }>(`networkSizes/${urn}`, 'edgeType=COMPANY_FOLLOWED_BY_MEMBER', account.accessToken);
    const fetchedAt = new Date();

    const gains = new Map<number, number>();
    for (const e of gainsRes.elements ?? []) {
      const start = num(e.timeRange?.start);
      if (start === undefined) continue;
      gains.set(utcDay(start).getTime(), (num(e.followerGains?.organicFollowerGain) ?? 0) + (num(e.followerGains?.paidFollowerGain) ?? 0));
    }
    const total = num(size.firstDegreeSize);
    const followersOn = new Map<number, number>();
    if (total !== undefined) {
      // followers(d) = total now - gains of every later day.
      let running = total;
      for (let d = utcDay(now); d >= range.from; d = addDays(d, -1)) {
        followersOn.set(d.getTime(), running);
        running -= gains.get(d.getTime()) ?? 0;
      }
    }

    const byDay = new Map<number, ShareStats>();
    for (const e of shares.elements ?? []) {
      const start = num(e.timeRange?.start);
      if (start !== undefined && e.totalShareStatistics) byDay.set(utcDay(start).getTime(), e.totalShareStatistics);
    }
    return eachDay(range).map((date) => {
      const s = byDay.get(date.getTime());
      const day: AccountDay = { date, sources: [] };
      if (s) {
        day.impressions = num(s.impressionCount);
        day.reach = num(s.uniqueImpressionsCount);
        const parts = [s.likeCount, s.commentCount, s.shareCount].map(num);
        day.engagement = parts.every((p) => p === undefined) ? undefined : parts.reduce<number>((a, b) => a + (b ?? 0), 0);
        day.sources.push(
          ...sourcesFor(this.apiVersion, fetchedAt, [
            ['impressions', 'totalShareStatistics.impressionCount'],
            ['reach', 'totalShareStatistics.uniqueImpressionsCount'],
            ['engagement', 'totalShareStatistics.likeCount+commentCount+shareCount'],
          ]),
        );
      }
      const followers = followersOn.get(date.getTime());
      if (followers !== undefined) {
        day.followers = followers;
        day.sources.push(...sourcesFor(this.apiVersion, fetchedAt, [['followers', 'networkSizes.firstDegreeSize-followerGains']]));
      }
      return day;
    });
  }

  async listPosts(account: AccountAccess, input: ListPostsInput): Promise<PostPage> {
    const start = Number(input.cursor ?? 0) || 0;
    const res = await this.rest<{ elements?: LiPost[]; paging?: { start?: number; count?: number; total?: number } }>(
      'posts',
      `author=${enc(orgUrn(account.platformUserId))}&q=author&count=${PAGE_SIZE}&start=${start}&sortBy=CREATED`,
      account.accessToken,
    );
    const elements = res.elements ?? [];
    const posts = elements.filter((p) => p.id && (p.publishedAt || p.createdAt) && (p.lifecycleState ?? 'PUBLISHED') === 'PUBLISHED').map((p) => this.toRecord(p));
    const total = num(res.paging?.total);
    const more = total !== undefined ? start + elements.length < total : elements.length === PAGE_SIZE;
    return { posts, nextCursor: more && elements.length ? String(start + elements.length) : undefined };
  }

  private toRecord(p: LiPost): PostRecord {
    const media = p.content?.media?.id ?? '';
    const type = p.content?.multiImage
      ? ContentType.CAROUSEL
      : media.startsWith('urn:li:video:')
        ? ContentType.VIDEO
        : media.startsWith('urn:li:image:')
          ? ContentType.IMAGE
          : ContentType.POST;
    // LinkedIn's little text format writes hashtags as {hashtag|\#|tag}.
    const hashtags: string[] = [];
    const content = p.commentary?.replace(/\{hashtag\|\\?#\|([^}]+)\}/g, (_m, tag: string) => {
      hashtags.push(tag);
      return `#${tag}`;
    });
    return {
      externalId: p.id,
      type,
      content,
      mediaUrls: [],
      permalink: `https://www.linkedin.com/feed/update/${p.id}/`,
      publishedAt: new Date(p.publishedAt ?? p.createdAt!),
      hashtags,
    };
  }

  async fetchPostMetrics(account: AccountAccess, posts: PostRecord[]): Promise<Map<string, PostCounters>> {
    const out = new Map<string, PostCounters>();
    const urn = enc(orgUrn(account.platformUserId));
    for (let i = 0; i < posts.length; i += STATS_BATCH) {
      const batch = posts.slice(i, i + STATS_BATCH);
      const shares = batch.filter((p) => p.externalId.startsWith('urn:li:share:')).map((p) => enc(p.externalId));
      const ugc = batch.filter((p) => p.externalId.startsWith('urn:li:ugcPost:')).map((p) => enc(p.externalId));
      const params = [shares.length ? `shares=List(${shares.join(',')})` : '', ugc.length ? `ugcPosts=List(${ugc.join(',')})` : ''].filter(Boolean);
      if (!params.length) continue;
      const res = await this.rest<{ elements?: Array<{ share?: string; ugcPost?: string; totalShareStatistics?: ShareStats }> }>(
        'organizationalEntityShareStatistics',
        `q=organizationalEntity&organizationalEntity=${urn}&${params.join('&')}`,
        account.accessToken,
      );
      const fetchedAt = new Date();
      for (const e of res.elements ?? []) {
        const id = e.share ?? e.ugcPost;
        const s = e.totalShareStatistics;
        if (!id || !s) continue;
        out.set(id, {
          engagement: {
            likes: num(s.likeCount) ?? null,
            comments: num(s.commentCount) ?? null,
            shares: num(s.shareCount) ?? null,
            impressions: num(s.impressionCount) ?? null,
            reach: num(s.uniqueImpressionsCount) ?? null,
          },
          sources: sourcesFor(this.apiVersion, fetchedAt, [
            ['engagement.likes', 'totalShareStatistics.likeCount'],
            ['engagement.comments', 'totalShareStatistics.commentCount'],
            ['engagement.shares', 'totalShareStatistics.shareCount'],
            ['engagement.impressions', 'totalShareStatistics.impressionCount'],
            ['engagement.reach', 'totalShareStatistics.uniqueImpressionsCount'],
          ]),
        });
      }
    }
    return out;
  }
}
