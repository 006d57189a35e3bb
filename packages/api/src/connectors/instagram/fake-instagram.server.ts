import { randomBytes } from 'node:crypto';
import { GRAPH_API_VERSIONS } from '../api-versions.js';
import { DAY_MS, HOUR_MS, utcDay } from '../common.js';
import { FakeServer, fakeRandom, type FakeRequest, type FakeResponse } from '../testing/fake-server.js';

/**
 * A fake of the Instagram API with Instagram Login, serving the documented payloads: the
 * authorize redirect, the code exchange (`{ data: [{ access_token, user_id, permissions }] }`),
 * the long-lived exchange and `ig_refresh_token` refresh (refused for tokens under 24 h),
 * `/me`, `/{id}/insights` (total_value per day, follower_demographics breakdowns),
 * `/{id}/media` with cursor paging and `/{media-id}/insights`. Retired metrics (`impressions`,
 * `plays`, `video_views`) are refused with error #100, as since April 2025. Invalid, expired and
 * revoked tokens get error 190 (subcodes 463 / 458); every API answer carries X-App-Usage.
 *
 * Sources (read 2026-12-01):
 * - Versions: any Graph API version of the changelog
 *   (https://developers.facebook.com/docs/graph-api/changelog/versions/) is served, expired ones
 *   too ("calls to an expired version are upgraded to the oldest available"); a path with no
 *   such version is not a Graph API path.
 * - Media insights, "Instagram Media Insights"
 *   (https://developers.facebook.com/documentation/instagram-platform/reference/instagram-media/insights,
 *   updated 2026-06-18): the metric × media product type matrix below; a metric outside it is
 *   refused with `(#100) The Media Insights API does not support the <m1, m2> metric for this
 *   media product type.` (the wording Meta answers with); unavailable data is an empty `data`
 *   set, not zeros; a story with too few viewers gets `(#10) Not enough viewers for the media to
 *   show insights`; story metrics are available for 24 hours only.
 * - Stories, "Instagram User Stories" (`GET /{ig-user-id}/stories`,
 *   https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/stories):
 *   the stories of the last 24 hours, with the media fields.
 * - Account insights, "Instagram Account Insights"
 *   (https://developers.facebook.com/documentation/instagram-platform/api-reference/instagram-user/insights/,
 *   updated 2026-06-16): a metric it does not offer (a withdrawn one) is refused with
 *   `(#100) metric[i] must be one of the following values: …`.
 */
export interface FakeIgMedia {
  id: string;
  caption: string;
  media_type: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  media_product_type: 'FEED' | 'REELS' | 'STORY';
  timestamp: Date;
  like_count: number;
  comments_count: number;
  insights: { views: number; reach: number; shares: number; saved: number; replies?: number; navigation?: number };
}

export interface FakeIgAccount {
  id: string;
  username: string;
  followers: number;
  media: FakeIgMedia[];
  /** Stories, newest first (only those of the last 24 h are listed). */
  stories: FakeIgMedia[];
}

type ProductType = FakeIgMedia['media_product_type'];

/** Which metric each media product type offers (the documented matrix). */
export const MEDIA_METRIC_MATRIX: Readonly<Record<ProductType, ReadonlySet<string>>> = {
  FEED: new Set(['comments', 'follows', 'likes', 'profile_activity', 'profile_visits', 'reach', 'saved', 'shares', 'total_interactions', 'views']),
  REELS: new Set(['comments', 'ig_reels_avg_watch_time', 'ig_reels_video_view_total_time', 'likes', 'reach', 'saved', 'shares', 'total_interactions', 'views']),
  STORY: new Set(['follows', 'navigation', 'profile_activity', 'profile_visits', 'reach', 'replies', 'shares', 'total_interactions', 'views']),
};

/** The account metrics of the documented list this fake serves. */
const ACCOUNT_METRICS = ['accounts_engaged', 'comments', 'follows_and_unfollows', 'likes', 'profile_links_taps', 'profile_views', 'reach', 'replies', 'saves', 'shares', 'total_interactions', 'views'];

interface TokenInfo {
  userId: string;
  kind: 'short' | 'long';
  issuedAt: number;
  expiresAt: number;
  state: 'valid' | 'expired' | 'revoked';
}

function isToken(x: TokenInfo | FakeResponse): x is TokenInfo {
  return 'userId' in x;
}

const RETIRED = new Set(['impressions', 'plays', 'video_views', 'clips_replays_count']);
const LONG_LIVED_S = 5_183_944;

export class FakeInstagram extends FakeServer {
  readonly clientId = 'ig-client-id';
  readonly clientSecret = 'ig-client-secret';
  readonly accounts = new Map<string, FakeIgAccount>();
  readonly tokens = new Map<string, TokenInfo>();
  private readonly codes = new Map<string, string>();
  /** The account the next consent is given for. */
  consentAs = '';
  /** The user refuses on the consent screen. */
  deny = false;
  /** Metrics Meta stopped offering for a media product type (refused with #100 from then on). */
  readonly withdrawn: Record<ProductType, Set<string>> = { FEED: new Set(), REELS: new Set(), STORY: new Set() };
  /** Account metrics Meta stopped offering. */
  readonly withdrawnAccountMetrics = new Set<string>();
  /** Media whose insights come back as an empty set (not available yet). */
  readonly emptyInsights = new Set<string>();
  /** Stories with too few viewers for insights (#10). */
  readonly fewViewers = new Set<string>();
  private calls = 0;

  constructor() {
    super();
    this.route('GET', '/oauth/authorize', (req) => this.authorize(req));
    this.route('POST', '/oauth/access_token', (req) => this.exchangeCode(req));
    this.route('GET', '/access_token', (req) => this.exchangeLongLived(req));
    this.route('GET', '/refresh_access_token', (req) => this.refresh(req));
    this.route('GET', '/:version/me', (req, p) => this.api(req, p.version!, (user) => this.me(user)));
    this.route('GET', '/:version/:id/insights', (req, p) => this.api(req, p.version!, (user) => this.insights(req, user, p.id!)));
    this.route('GET', '/:version/:id/media', (req, p) => this.api(req, p.version!, (user) => this.media(req, user, p.id!)));
    this.route('GET', '/:version/:id/stories', (req, p) => this.api(req, p.version!, (user) => this.stories(user, p.id!)));
  }

  env(): Record<string, string> {
    return {
      INSTAGRAM_CLIENT_ID: this.clientId,
      INSTAGRAM_CLIENT_SECRET: this.clientSecret,
      INSTAGRAM_API_URL: this.url,
      INSTAGRAM_AUTH_URL: `${this.url}/oauth/authorize`,
      INSTAGRAM_TOKEN_URL: `${this.url}/oauth/access_token`,
    };
  }

  /** An account with `posts` media, the newest 3 h old and one every 17 h before that. */
  addAccount(id: string, posts = 40, followers = 5000): FakeIgAccount {
    const n = Number(id.slice(-4)) || 1;
    const kinds: Array<Pick<FakeIgMedia, 'media_type' | 'media_product_type'>> = [
      { media_type: 'IMAGE', media_product_type: 'FEED' },
      { media_type: 'VIDEO', media_product_type: 'REELS' },
      { media_type: 'CAROUSEL_ALBUM', media_product_type: 'FEED' },
    ];
    const media: FakeIgMedia[] = [];
    for (let i = 0; i < posts; i++) media.push(this.makeMedia(id, n, i, kinds[i % 3]!));
    const acc = { id, username: `fake_ig_${n}`, followers, media, stories: [] };
    this.accounts.set(id, acc);
    return acc;
  }

  private makeMedia(id: string, n: number, i: number, kind: Pick<FakeIgMedia, 'media_type' | 'media_product_type'>): FakeIgMedia {
    const reach = 400 + Math.round(2000 * fakeRandom(n, i, 1));
    return {
      id: `${id}${String(1000 + i)}`,
      caption: `Post ${i} about #Coffee and #BrunchTime${i % 4 === 0 ? ' #Coffee' : ''}`,
      ...kind,
      timestamp: new Date(Date.now() - (3 + i * 17) * HOUR_MS),
      like_count: Math.round(reach * 0.08),
      comments_count: Math.round(reach * 0.01),
      insights: { views: reach * 2, reach, shares: Math.round(reach * 0.005), saved: Math.round(reach * 0.012) },
    };
  }

  /** A story posted `hoursAgo` hours ago. */
  addStory(id: string, hoursAgo: number): FakeIgMedia {
    const acc = this.accounts.get(id)!;
    const i = acc.stories.length;
    const reach = 300 + 40 * i;
    const story: FakeIgMedia = {
      id: `${id}9${String(100 + i)}`,
      caption: '',
      media_type: i % 2 ? 'VIDEO' : 'IMAGE',
      media_product_type: 'STORY',
      timestamp: new Date(Date.now() - hoursAgo * HOUR_MS),
      like_count: 0,
      comments_count: 0,
      insights: { views: reach * 2, reach, shares: 3 + i, saved: 0, replies: 5 + i, navigation: 120 + i },
    };
    acc.stories.unshift(story);
    return story;
  }

  /** A new post, published just now (for daily pulls). */
  publish(id: string): FakeIgMedia {
    const acc = this.accounts.get(id)!;
    const m = { ...this.makeMedia(id, 7, acc.media.length + 500, { media_type: 'IMAGE', media_product_type: 'FEED' }), timestamp: new Date(Date.now() - 60_000) };
    acc.media.unshift(m);
    return m;
  }

  /** What the account-level insights say for a UTC day. */
  daily(userId: string, day: Date): { reach: number; views: number; total_interactions: number; profile_views: number } {
    const d = Math.floor(day.getTime() / DAY_MS);
    const n = Number(userId.slice(-4)) || 1;
    const reach = 1000 + Math.round(500 * fakeRandom(n, d));
    return { reach, views: reach * 3, total_interactions: Math.round(reach * 0.07), profile_views: Math.round(reach * 0.02) };
  }

  revoke(userId: string): void {
    for (const t of this.tokens.values()) if (t.userId === userId) t.state = 'revoked';
  }

  expire(token: string): void {
    this.tokens.get(token)!.state = 'expired';
  }

  /** Pretends the account's tokens were issued `ms` earlier. */
  age(userId: string, ms: number): void {
    for (const t of this.tokens.values()) if (t.userId === userId) t.issuedAt -= ms;
  }

  /** Every token this fake ever issued (for leak checks). */
  issued(): string[] {
    return [...this.tokens.keys()];
  }

  // -------------------------------------------------------------------------------------------

  private authorize(req: FakeRequest): FakeResponse {
    const redirect = req.query.get('redirect_uri')!;
    const state = req.query.get('state') ?? '';
    if (req.query.get('client_id') !== this.clientId) return { status: 400, body: { error_message: 'Invalid platform app' } };
    if (this.deny) return { redirect: `${redirect}?error=access_denied&error_reason=user_denied&error_description=Permissions+error&state=${encodeURIComponent(state)}` };
    const code = randomBytes(12).toString('hex');
    this.codes.set(code, this.consentAs);
    return { redirect: `${redirect}?code=${code}&state=${encodeURIComponent(state)}#_` };
  }

  private issue(userId: string, kind: 'short' | 'long'): string {
    const token = `IG${kind === 'long' ? 'L' : 'S'}${randomBytes(24).toString('hex')}`;
    const now = Date.now();
    this.tokens.set(token, { userId, kind, issuedAt: now, expiresAt: now + (kind === 'long' ? LONG_LIVED_S * 1000 : HOUR_MS), state: 'valid' });
    return token;
  }

  private exchangeCode(req: FakeRequest): FakeResponse {
    const f = req.form;
    if (f.get('client_id') !== this.clientId || f.get('client_secret') !== this.clientSecret || f.get('grant_type') !== 'authorization_code') {
      return { status: 400, body: { error_type: 'OAuthException', code: 400, error_message: 'Invalid client' } };
    }
    const userId = this.codes.get(f.get('code') ?? '');
    if (!userId) return { status: 400, body: { error_type: 'OAuthException', code: 400, error_message: 'Matching code was not found or was already used' } };
    this.codes.delete(f.get('code')!);
    return { body: { data: [{ access_token: this.issue(userId, 'short'), user_id: userId, permissions: 'instagram_business_basic,instagram_business_manage_insights' }] } };
  }

  private tokenError(state: TokenInfo['state'] | 'unknown'): FakeResponse {
    const error =
      state === 'expired'
        ? { message: 'Error validating access token: Session has expired.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: 'Afake' }
        : state === 'revoked'
          ? { message: 'Error validating access token: The user has not authorized application.', type: 'OAuthException', code: 190, error_subcode: 458, fbtrace_id: 'Afake' }
          : { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: 'Afake' };
    return { status: 400, body: { error } };
  }

  private check(token: string | null): TokenInfo | FakeResponse {
    const info = token ? this.tokens.get(token) : undefined;
    if (!info) return this.tokenError('unknown');
    if (info.state !== 'valid') return this.tokenError(info.state);
    if (info.expiresAt < Date.now()) return this.tokenError('expired');
    return info;
  }

  private exchangeLongLived(req: FakeRequest): FakeResponse {
    if (req.query.get('grant_type') !== 'ig_exchange_token' || req.query.get('client_secret') !== this.clientSecret) {
      return { status: 400, body: { error: { message: 'Invalid grant', type: 'OAuthException', code: 100 } } };
    }
    const info = this.check(req.query.get('access_token'));
    if (!isToken(info)) return info;
    if (info.kind !== 'short') return { status: 400, body: { error: { message: 'Not a short-lived token', type: 'OAuthException', code: 100 } } };
    return { body: { access_token: this.issue(info.userId, 'long'), token_type: 'bearer', expires_in: LONG_LIVED_S } };
  }

  private refresh(req: FakeRequest): FakeResponse {
    if (req.query.get('grant_type') !== 'ig_refresh_token') return { status: 400, body: { error: { message: 'Invalid grant_type', type: 'OAuthException', code: 100 } } };
    const info = this.check(req.query.get('access_token'));
    if (!isToken(info)) return info;
    const t = info;
    if (t.kind !== 'long' || Date.now() - t.issuedAt < 24 * HOUR_MS) {
      return { status: 400, body: { error: { message: 'The access token must be a long-lived token at least 24 hours old', type: 'OAuthException', code: 100 } } };
    }
    return { body: { access_token: this.issue(t.userId, 'long'), token_type: 'bearer', expires_in: LONG_LIVED_S } };
  }

  private api(req: FakeRequest, version: string, fn: (user: FakeIgAccount) => FakeResponse): FakeResponse {
    if (!GRAPH_API_VERSIONS[version]) return { status: 404, body: { error: { message: `fake has no route for ${req.path}` } } };
    const info = this.check(req.query.get('access_token'));
    if (!isToken(info)) return info;
    const user = this.accounts.get(info.userId);
    if (!user) return { status: 400, body: { error: { message: 'Unknown user', type: 'OAuthException', code: 100 } } };
    const out = fn(user);
    this.calls++;
    const usage = JSON.stringify({ call_count: this.calls % 100, total_cputime: 3, total_time: 4 });
    return { ...out, headers: { 'x-app-usage': usage, ...out.headers } };
  }

  private me(user: FakeIgAccount): FakeResponse {
    return {
      body: {
        user_id: user.id,
        id: `app-scoped-${user.id}`,
        username: user.username,
        name: `Fake ${user.username}`,
        profile_picture_url: `https://example.com/${user.username}.jpg`,
        followers_count: user.followers,
        follows_count: 321,
        media_count: user.media.length,
      },
    };
  }

  private insights(req: FakeRequest, user: FakeIgAccount, id: string): FakeResponse {
    const metrics = (req.query.get('metric') ?? '').split(',').filter(Boolean);
    const retired = metrics.find((m) => RETIRED.has(m));
    if (retired) {
      return { status: 400, body: { error: { message: `(#100) Starting from version v22.0 and above, the ${retired} metric is no longer supported.`, type: 'OAuthException', code: 100 } } };
    }
    if (id === user.id) {
      if (metrics[0] === 'follower_demographics') {
        const breakdown = req.query.get('breakdown');
        const results =
          breakdown === 'age'
            ? [['18-24', 300], ['25-34', 500], ['35-44', 200]]
            : breakdown === 'gender'
              ? [['F', 600], ['M', 380], ['U', 20]]
              : [['DE', 400], ['US', 350], ['FR', 250]];
        return {
          body: {
            data: [
              {
                name: 'follower_demographics',
                period: 'lifetime',
                title: 'Follower demographics',
                total_value: { breakdowns: [{ dimension_keys: [breakdown], results: results.map(([k, v]) => ({ dimension_values: [k], value: v })) }] },
                id: `${id}/insights/follower_demographics/lifetime`,
              },
            ],
          },
        };
      }
      if (req.query.get('metric_type') !== 'total_value') return { status: 400, body: { error: { message: '(#100) metric_type=total_value is required', type: 'OAuthException', code: 100 } } };
      const offered = ACCOUNT_METRICS.filter((m) => !this.withdrawnAccountMetrics.has(m));
      const bad = metrics.findIndex((m) => !offered.includes(m));
      if (bad >= 0) {
        return { status: 400, body: { error: { message: `(#100) metric[${bad}] must be one of the following values: ${offered.join(', ')}`, type: 'OAuthException', code: 100, fbtrace_id: 'Afake' } } };
      }
      const day = utcDay(Number(req.query.get('since')) * 1000);
      const values = this.daily(user.id, day);
      return {
        body: {
          data: metrics.map((name) => ({
            name,
            period: 'day',
            title: name,
            total_value: { value: values[name as keyof typeof values] ?? 0 },
            id: `${id}/insights/${name}/day`,
          })),
        },
      };
    }
    const m = user.media.find((x) => x.id === id) ?? user.stories.find((x) => x.id === id);
    if (!m) return { status: 400, body: { error: { message: 'Unsupported get request. Object does not exist', type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
    const type = m.media_product_type;
    const unsupported = metrics.filter((name) => !MEDIA_METRIC_MATRIX[type].has(name) || this.withdrawn[type].has(name));
    if (unsupported.length) {
      return {
        status: 400,
        body: { error: { message: `(#100) The Media Insights API does not support the ${unsupported.join(', ')} metric for this media product type.`, type: 'OAuthException', code: 100, fbtrace_id: 'Afake' } },
      };
    }
    if (type === 'STORY' && this.fewViewers.has(id)) {
      return { status: 400, body: { error: { message: '(#10) Not enough viewers for the media to show insights', type: 'OAuthException', code: 10, fbtrace_id: 'Afake' } } };
    }
    const expired = type === 'STORY' && Date.now() - m.timestamp.getTime() > DAY_MS;
    if (expired || this.emptyInsights.has(id)) return { body: { data: [] } };
    const v: Record<string, number> = { ...m.insights, likes: m.like_count, comments: m.comments_count };
    v.total_interactions = type === 'STORY' ? (v.replies ?? 0) + v.shares! : v.likes! + v.comments! + v.shares! + v.saved!;
    return { body: { data: metrics.map((name) => ({ name, period: 'lifetime', values: [{ value: v[name] ?? 0 }], title: name, id: `${id}/insights/${name}/lifetime` })) } };
  }

  private stories(user: FakeIgAccount, id: string): FakeResponse {
    if (id !== user.id) return { status: 400, body: { error: { message: 'Unsupported get request', type: 'GraphMethodException', code: 100 } } };
    const live = user.stories.filter((s) => Date.now() - s.timestamp.getTime() <= DAY_MS);
    return {
      body: {
        data: live.map((m) => ({
          id: m.id,
          caption: m.caption,
          media_type: m.media_type,
          media_product_type: 'STORY',
          media_url: `https://example.com/stories/${m.id}.jpg`,
          permalink: `https://www.instagram.com/stories/${user.username}/${m.id}/`,
          timestamp: m.timestamp.toISOString().replace(/\.\d{3}Z$/, '+0000'),
        })),
        paging: { cursors: { before: 'MA', after: 'MA' } },
      },
    };
  }

  private media(req: FakeRequest, user: FakeIgAccount, id: string): FakeResponse {
    if (id !== user.id) return { status: 400, body: { error: { message: 'Unsupported get request', type: 'GraphMethodException', code: 100 } } };
    const limit = Math.min(Number(req.query.get('limit') ?? 25), 100);
    const start = req.query.get('after') ? Number(Buffer.from(req.query.get('after')!, 'base64url').toString()) : 0;
    const page = user.media.slice(start, start + limit);
    const after = Buffer.from(String(start + page.length)).toString('base64url');
    const more = start + page.length < user.media.length;
    return {
      body: {
        data: page.map((m) => ({
          id: m.id,
          caption: m.caption,
          media_type: m.media_type,
          media_product_type: m.media_product_type,
          media_url: `https://example.com/media/${m.id}.jpg`,
          permalink: `https://www.instagram.com/p/${m.id}/`,
          timestamp: m.timestamp.toISOString().replace(/\.\d{3}Z$/, '+0000'),
          like_count: m.like_count,
          comments_count: m.comments_count,
        })),
        paging: {
          cursors: { before: Buffer.from(String(start)).toString('base64url'), after },
          ...(more ? { next: `${this.url}/v23.0/${id}/media?after=${after}` } : {}),
        },
      },
    };
  }
}
