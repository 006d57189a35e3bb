import type { ContentType, PlatformType } from '@soash/shared';
import type { EngagementCounters } from '../modules/activities/engagement.model.js';
import type { Demographics } from '../modules/stats/stats.model.js';
import type { MetricSource } from '../lib/provenance.js';

/**
 * The one interface every platform adapter implements. Connectors are called only by jobs and by
 * the OAuth callback; they never touch the database. Each adapter maps the platform's own metric
 * names to Soash's fields and says where every number came from (`sources`).
 */

/** Tokens as the platform issued them (plaintext; the platforms module encrypts before storing). */
export interface TokenSet {
  accessToken: string;
  /** Absent when the platform issued none (it must then not overwrite a stored one). */
  refreshToken?: string;
  /** When the access token expires; absent for tokens that do not expire (Facebook Page tokens). */
  expiresAt?: Date;
  refreshTokenExpiresAt?: Date;
  scopes?: string[];
  issuedAt: Date;
}

export interface AuthorizeInput {
  /** Opaque, signed, single-use value the callback must echo. */
  state: string;
  redirectUri: string;
  /** S256 PKCE challenge, for providers with `pkce: true`. */
  codeChallenge?: string;
}

export interface ExchangeInput {
  code: string;
  redirectUri: string;
  codeVerifier?: string;
}

export interface ExchangeResult {
  tokens: TokenSet;
  /** The account id, when the token endpoint returns it (Instagram user_id, TikTok open_id). */
  platformUserId?: string;
}

/** What a connector needs to call the platform for one connected account. */
export interface AccountAccess {
  platformUserId: string;
  accessToken: string;
}

export interface AccountProfile {
  platformUserId: string;
  username?: string;
  displayName?: string;
  avatarUrl?: string;
  followerCount?: number;
  followingCount?: number;
  /** Provenance of followerCount / followingCount (they become today's followers/following). */
  sources: MetricSource[];
}

/** Whole UTC days, both ends included. */
export interface DayRange {
  from: Date;
  to: Date;
}

/** One UTC day of account metrics. Unreported metrics are left undefined (stored as null). */
export interface AccountDay {
  date: Date;
  followers?: number | null;
  following?: number | null;
  posts?: number | null;
  engagement?: number | null;
  impressions?: number | null;
  reach?: number | null;
  profileViews?: number | null;
  demographics?: Demographics;
  sources: MetricSource[];
}

export interface PostCounters {
  engagement: EngagementCounters;
  sources: MetricSource[];
}

export interface PostRecord {
  externalId: string;
  type: ContentType;
  content?: string;
  mediaUrls: string[];
  permalink?: string;
  publishedAt: Date;
  /** Hashtags the platform lists separately (captions are parsed too). */
  hashtags?: string[];
  /** Counters the listing carries (complete for X and TikTok, likes/comments only for Instagram). */
  counters?: PostCounters;
  /** The platform's id of the post's media where metrics are read from it (a Facebook reel's video id). */
  mediaId?: string;
}

export interface PostPage {
  posts: PostRecord[];
  /** Opaque cursor for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

export interface ListPostsInput {
  /** Oldest publication time of interest; adapters may stop early once past it. */
  since: Date;
  cursor?: string;
}

export interface RateLimitInfo {
  remaining?: number;
  limit?: number;
  /** 'requests' (X: calls left in the window) or 'percent' (Meta: share of the budget left). */
  unit: 'requests' | 'percent';
  resetAt?: Date;
}

export interface ProviderHooks {
  /** Called with what the platform said about the rate-limit budget after each response. */
  onRateLimit?(info: RateLimitInfo): void;
  /** Called with the number of posts a response returned, for platforms that bill per post read (X). */
  onPostReads?(count: number): void;
}

/** How an account's access is kept alive. */
export interface RefreshPolicy {
  /** Whether `refreshTokens` can renew this account's access without the user. */
  refreshable: boolean;
  /** Earliest age of the access token at which a refresh is accepted (Instagram: 24 h). */
  minTokenAgeMs?: number;
  /** When the user will have to connect again unless something changes; absent when never. */
  needsReauthBy?: Date;
}

export interface StoredTokenState {
  hasRefreshToken: boolean;
  tokenExpiry?: Date;
  refreshTokenExpiry?: Date;
  tokenIssuedAt?: Date;
}

/**
 * One account a login can connect, when one login reaches several (the Pages a Facebook user can
 * read, the LinkedIn organizations a member administers). The user picks among them.
 */
export interface ConnectableAccount {
  platformUserId: string;
  name: string;
  username?: string;
  avatarUrl?: string;
  /** How the login reaches it, for the picker ("Administrator", "Business: Acme Ltd"). */
  detail?: string;
  /** The account's own tokens (a Facebook Page token); absent when the login's tokens serve it. */
  tokens?: TokenSet;
}

export interface Provider {
  readonly type: PlatformType;
  /** True for the built-in sandbox provider. */
  readonly sandbox: boolean;
  /** Human name for messages ("Instagram"). */
  readonly label: string;
  /** Recorded in every MetricSource. */
  readonly apiVersion: string;
  readonly scopes: readonly string[];
  readonly pkce: boolean;
  /** Most pulls of this platform running at once across all workers (null: no limit). */
  readonly maxConcurrentPulls: number | null;
  /** Largest date range one fetchAccountMetrics call accepts (Facebook: 90 days per since/until). */
  readonly accountMetricsChunkDays: number;
  /** Page size the sync asks for. */
  readonly postsPageSize: number;
  /**
   * The post listing carries complete counters (X, TikTok); otherwise the sync asks
   * fetchPostMetrics (listing counters, if any, are the fallback).
   */
  readonly countersInListing: boolean;
  /** Only the sandbox can tell what a post's counters were on past days. */
  readonly historicalPostMetrics: boolean;
  /**
   * The platform bills every post read (X pay-per-use): the sync lists only new posts, refreshes
   * older ones on a decay schedule and keeps within the monthly post-read budget.
   */
  readonly billedPostReads?: boolean;

  /** App credentials are configured (always true for the sandbox). */
  isConfigured(): boolean;
  /** The env variables that configure this platform (for the "not configured" message). */
  readonly configVariables: readonly string[];

  buildAuthorizeUrl(input: AuthorizeInput): string;
  exchangeCode(input: ExchangeInput): Promise<ExchangeResult>;
  refreshPolicy(state: StoredTokenState, now?: Date): RefreshPolicy;
  /** Renews access. Throws ConnectorError kind `auth` when the grant is gone. */
  refreshToken(current: { accessToken: string; refreshToken?: string }): Promise<TokenSet>;

  /**
   * Accounts the login can connect, for platforms where one login reaches several (the user
   * chooses which). Absent when a login is exactly one account.
   */
  listConnectableAccounts?(exchange: ExchangeResult): Promise<ConnectableAccount[]>;

  fetchProfile(account: AccountAccess): Promise<AccountProfile>;
  /** Daily account metrics for `range` (at most accountMetricsChunkDays days). */
  fetchAccountMetrics(account: AccountAccess, range: DayRange): Promise<AccountDay[]>;
  /** Posts, newest first, paginated. */
  listPosts(account: AccountAccess, input: ListPostsInput): Promise<PostPage>;
  /** Current lifetime counters of the given posts, keyed by externalId. */
  fetchPostMetrics(account: AccountAccess, posts: PostRecord[]): Promise<Map<string, PostCounters>>;
  /**
   * Stories live now, for platforms whose story insights vanish (Instagram: 24 h after posting);
   * a poll job reads them while they last. Their counters come from fetchPostMetrics.
   */
  listLiveStories?(account: AccountAccess): Promise<PostRecord[]>;
  /** Counters as they were at the end of each given UTC day (historicalPostMetrics only). */
  postMetricsOnDays?(account: AccountAccess, post: PostRecord, days: Date[]): Map<number, PostCounters>;
}
