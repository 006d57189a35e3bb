import { randomBytes } from 'node:crypto';
import { addDays, DAY_MS, HOUR_MS, utcDay } from '../common.js';
import { FakeServer, fakeRandom, type FakeRequest, type FakeResponse } from '../testing/fake-server.js';

/**
 * A fake of the Facebook Graph API for Pages: the login dialog redirect, the code exchange, the
 * long-lived exchange (`fb_exchange_token`), `/me/accounts` with Page tokens, the Page node,
 * `/{page-id}/insights/{metrics}` (period=day, at most 90 days between since and until, values
 * keyed by `end_time` = the next day 08:00 UTC), `/{page-id}/posts` with cursors, and
 * `/{post-id}/insights/{metrics}`. Retired metrics (`page_fans`, `page_impressions*`) are refused
 * with error #100; tokens can be revoked (error 190).
 *
 * Sources (read 2026-12-01):
 * - Login dialog and Login for Business:
 *   https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow and
 *   https://developers.facebook.com/docs/facebook-login/facebook-login-for-business/ — the dialog
 *   takes `scope`, or with Login for Business a `config_id` whose configuration (set up in the
 *   App Dashboard) decides the permissions; `scope` is then ignored. The granted permissions are
 *   what the token may do.
 * - `/me/accounts`: https://developers.facebook.com/docs/graph-api/reference/user/accounts/ —
 *   the Pages the user has a task on, with `access_token` when asked for in `fields`; needs
 *   `pages_show_list`. Cursor paging as in https://developers.facebook.com/docs/graph-api/results
 *   (`limit`, `after`; `paging.next` only when there is a next page).
 * - `/me/businesses`: https://developers.facebook.com/docs/graph-api/reference/user/businesses/
 *   and `/{business-id}/owned_pages`, `/client_pages`:
 *   https://developers.facebook.com/docs/marketing-api/reference/business/owned_pages/ and
 *   .../client_pages/ — need `business_management`, else error #200 (permission).
 * - Reels: https://developers.facebook.com/docs/video-api/guides/reels-insights/ and
 *   https://developers.facebook.com/docs/graph-api/reference/video/video_insights/ — a reel's
 *   metrics come from `/{video-id}/video_insights` (lifetime: `blue_reels_play_count`,
 *   `post_impressions_unique`, `post_video_likes_by_reaction_type` as an object keyed by reaction,
 *   `post_video_social_actions` as an object of comments and shares); a reel's post id has no
 *   `/insights` (error #100). A reel's feed attachment is a video whose `url` is its /reel/ page
 *   and whose `target.id` is the video (https://developers.facebook.com/docs/graph-api/reference/story-attachment/).
 * - Errors: https://developers.facebook.com/docs/graph-api/guides/error-handling/
 */
export interface FakeFbPost {
  id: string;
  message: string;
  created_time: Date;
  media_type?: 'photo' | 'video' | 'album';
  reactions: number;
  comments: number;
  shares: number;
  reach: number;
  views: number;
}

export interface FakeFbPage {
  id: string;
  name: string;
  followers: number;
  posts: FakeFbPost[];
  /** Reels on the Page: in the feed as video posts, with their metrics on the video. */
  reels: FakeFbReel[];
}

export interface FakeFbReel {
  postId: string;
  videoId: string;
  created_time: Date;
  plays: number;
  reach: number;
  reactions: Record<string, number>;
  comments: number;
  shares: number;
}

export interface FakeFbBusiness {
  id: string;
  name: string;
  owned: string[];
  client: string[];
}

export interface FakeFbUser {
  /** Pages the user has a task on (/me/accounts). */
  pages: string[];
  businesses: FakeFbBusiness[];
  /** Business Pages whose token the user cannot get (no task on them). */
  noTask?: string[];
}

const RETIRED = new Set(['page_fans', 'page_impressions', 'page_impressions_unique', 'page_engaged_users', 'post_impressions_unique', 'page_fan_adds']);

export class FakeFacebook extends FakeServer {
  readonly appId = 'fb-app-id';
  readonly appSecret = 'fb-app-secret';
  readonly pages = new Map<string, FakeFbPage>();
  /** token → page id (Page tokens) or `user:<page id>` (user tokens). */
  readonly tokens = new Map<string, { subject: string; revoked: boolean; scopes: string[] }>();
  private readonly codes = new Map<string, { who: string; scopes: string[] }>();
  /** Users by id; `consentAs` a Page id not listed here is a user with just that Page. */
  readonly users = new Map<string, FakeFbUser>();
  /** Facebook Login for Business configurations: config_id → the permissions it grants. */
  readonly configs = new Map<string, string[]>([['8800112233', ['pages_show_list', 'pages_read_engagement', 'read_insights', 'business_management']]]);
  /** Answers of /me/accounts per page (Graph API default 25; asking for more is allowed). */
  accountsPageSize = 25;
  /** Extra metric names this fake treats as retired (to test the fallback). */
  readonly retiredExtra = new Set<string>();
  consentAs = '';

  constructor() {
    super();
    this.route('GET', '/v23.0/dialog/oauth', (req) => this.dialog(req));
    this.route('GET', '/v23.0/oauth/access_token', (req) => this.accessToken(req));
    this.route('GET', '/v23.0/me/accounts', (req) => this.accounts(req));
    this.route('GET', '/v23.0/me/businesses', (req) => this.withUser(req, 'business_management', (user) => this.list(req, user.businesses.map((b) => ({ id: b.id, name: b.name })))));
    this.route('GET', '/v23.0/:id/owned_pages', (req, p) => this.withUser(req, 'business_management', (user) => this.businessPages(req, user, p.id!, 'owned')));
    this.route('GET', '/v23.0/:id/client_pages', (req, p) => this.withUser(req, 'business_management', (user) => this.businessPages(req, user, p.id!, 'client')));
    this.route('GET', '/v23.0/:id/video_insights', (req, p) => this.withPage(req, (page) => this.videoInsights(req, page, p.id!)));
    this.route('GET', '/v23.0/:id/insights/:metrics', (req, p) => this.withPage(req, (page) => this.insights(req, page, p.id!, p.metrics!)));
    this.route('GET', '/v23.0/:id/posts', (req, p) => this.withPage(req, (page) => this.listPosts(req, page, p.id!)));
    this.route('GET', '/v23.0/:id', (req, p) => this.withPage(req, (page) => this.node(page, p.id!)));
  }

  env(): Record<string, string> {
    return {
      FACEBOOK_APP_ID: this.appId,
      FACEBOOK_APP_SECRET: this.appSecret,
      FACEBOOK_API_URL: this.url,
      FACEBOOK_AUTH_URL: `${this.url}/v23.0/dialog/oauth`,
    };
  }

  addPage(id: string, posts = 30): FakeFbPage {
    const n = Number(id.slice(-4)) || 1;
    const types: Array<FakeFbPost['media_type']> = ['photo', 'video', undefined, 'album'];
    const list: FakeFbPost[] = [];
    for (let i = 0; i < posts; i++) {
      const reach = 300 + Math.round(1500 * fakeRandom(n, i));
      list.push({
        id: `${id}_${9000 + i}`,
        message: `Update ${i} #SmallBusiness #local`,
        created_time: new Date(Date.now() - (5 + i * 30) * HOUR_MS),
        media_type: types[i % 4],
        reactions: Math.round(reach * 0.05),
        comments: Math.round(reach * 0.01),
        shares: i % 3 === 0 ? 0 : Math.round(reach * 0.004),
        reach,
        views: reach * 2,
      });
    }
    const page: FakeFbPage = { id, name: `Fake Page ${n}`, followers: 12_000, posts: list, reels: [] };
    this.pages.set(id, page);
    return page;
  }

  /** A reel on the Page, published `hoursAgo`. */
  addReel(pageId: string, reel: Omit<FakeFbReel, 'postId' | 'videoId' | 'created_time'> & { hoursAgo?: number }): FakeFbReel {
    const page = this.pages.get(pageId)!;
    const i = page.reels.length;
    const r: FakeFbReel = { ...reel, postId: `${pageId}_${8000 + i}`, videoId: `${pageId.slice(-4)}${77000 + i}`, created_time: new Date(Date.now() - (reel.hoursAgo ?? 2) * HOUR_MS) };
    page.reels.push(r);
    return r;
  }

  addUser(id: string, user: FakeFbUser): void {
    this.users.set(id, user);
  }

  private userOf(who: string): FakeFbUser {
    return this.users.get(who) ?? { pages: [who], businesses: [] };
  }

  /** Every Page the user reaches (own and business), for token checks. */
  private reach(who: string): Set<string> {
    const u = this.userOf(who);
    return new Set([...u.pages, ...u.businesses.flatMap((b) => [...b.owned, ...b.client])].filter((p) => !u.noTask?.includes(p)));
  }

  /** page_follows on a UTC day. */
  follows(pageId: string, day: Date): number {
    const d = Math.floor(day.getTime() / DAY_MS);
    return 10_000 + (d % 1000) * 2;
  }

  daily(pageId: string, day: Date): Record<string, number> {
    const d = Math.floor(day.getTime() / DAY_MS);
    const reach = 800 + Math.round(400 * fakeRandom(Number(pageId.slice(-4)), d));
    return {
      page_follows: this.follows(pageId, day),
      page_media_view: reach * 2,
      page_total_media_view_unique: reach,
      page_post_engagements: Math.round(reach * 0.06),
      page_views_total: Math.round(reach * 0.03),
    };
  }

  revoke(pageId: string): void {
    for (const t of this.tokens.values()) if (t.subject === pageId || t.subject === `user:${pageId}`) t.revoked = true;
  }

  /** The user's granted permissions were these (e.g. business_management declined). */
  grantedScopes: string[] | undefined;

  issued(): string[] {
    return [...this.tokens.keys()];
  }

  private issue(subject: string, scopes: string[] = []): string {
    const token = `EAA${randomBytes(24).toString('hex')}`;
    this.tokens.set(token, { subject, revoked: false, scopes });
    return token;
  }

  private dialog(req: FakeRequest): FakeResponse {
    const redirect = req.query.get('redirect_uri')!;
    if (req.query.get('client_id') !== this.appId) return { status: 400, body: { error: { message: 'Invalid App ID', code: 101 } } };
    // Login for Business: the configuration decides the permissions and `scope` is ignored.
    const configId = req.query.get('config_id');
    let scopes: string[];
    if (configId) {
      const granted = this.configs.get(configId);
      if (!granted) return { status: 400, body: { error: { message: 'Invalid config_id', type: 'OAuthException', code: 100 } } };
      scopes = granted;
    } else {
      scopes = (req.query.get('scope') ?? '').split(',').filter(Boolean);
    }
    if (this.grantedScopes) scopes = scopes.filter((s) => this.grantedScopes!.includes(s));
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, { who: this.consentAs, scopes });
    return { redirect: `${redirect}?code=${code}&state=${encodeURIComponent(req.query.get('state') ?? '')}#_=_` };
  }

  private accessToken(req: FakeRequest): FakeResponse {
    const q = req.query;
    if (q.get('client_id') !== this.appId || q.get('client_secret') !== this.appSecret) {
      return { status: 400, body: { error: { message: 'Error validating client secret.', type: 'OAuthException', code: 1 } } };
    }
    if (q.get('grant_type') === 'fb_exchange_token') {
      const t = this.tokens.get(q.get('fb_exchange_token') ?? '');
      if (!t || t.revoked) return this.tokenError();
      return { body: { access_token: this.issue(t.subject, t.scopes), token_type: 'bearer', expires_in: 5_183_944 } };
    }
    const grant = this.codes.get(q.get('code') ?? '');
    if (!grant) return { status: 400, body: { error: { message: 'This authorization code has been used.', type: 'OAuthException', code: 100, error_subcode: 36009 } } };
    this.codes.delete(q.get('code')!);
    return { body: { access_token: this.issue(`user:${grant.who}`, grant.scopes), token_type: 'bearer', expires_in: 5183 } };
  }

  private tokenError(): FakeResponse {
    return {
      status: 400,
      body: { error: { message: 'Error validating access token: The user has not authorized application.', type: 'OAuthException', code: 190, error_subcode: 458, fbtrace_id: 'Afake' } },
    };
  }

  private withUser(req: FakeRequest, permission: string, fn: (user: FakeFbUser, who: string) => FakeResponse): FakeResponse {
    const t = this.tokens.get(req.query.get('access_token') ?? '');
    if (!t || t.revoked || !t.subject.startsWith('user:')) return this.tokenError();
    if (!t.scopes.includes(permission)) {
      return { status: 403, body: { error: { message: `(#200) Requires ${permission} permission to manage the object`, type: 'OAuthException', code: 200, fbtrace_id: 'Afake' } } };
    }
    return fn(this.userOf(t.subject.slice(5)), t.subject.slice(5));
  }

  /** Cursor paging: `limit` (default accountsPageSize), `after`; `paging.next` only when more follow. */
  private list(req: FakeRequest, all: unknown[], path = req.path): FakeResponse {
    const limit = Math.min(Number(req.query.get('limit') ?? this.accountsPageSize), this.accountsPageSize);
    const start = Number(req.query.get('after') ? Buffer.from(req.query.get('after')!, 'base64url').toString() : 0);
    const slice = all.slice(start, start + limit);
    const more = start + slice.length < all.length;
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
    return {
      body: {
        data: slice,
        paging: { cursors: { before: cursor(start), after: cursor(start + slice.length) }, ...(more ? { next: `${this.url}${path}?limit=${limit}&after=${cursor(start + slice.length)}` } : {}) },
      },
    };
  }

  private pageEntry(req: FakeRequest, pageId: string, withToken: boolean, scopes: string[]): Record<string, unknown> {
    const page = this.pages.get(pageId)!;
    const wantsToken = (req.query.get('fields') ?? '').split(',').includes('access_token');
    return {
      id: page.id,
      name: page.name,
      category: 'Local business',
      ...(wantsToken && withToken ? { access_token: this.issue(page.id, scopes) } : {}),
      tasks: ['ANALYZE', 'CREATE_CONTENT'],
    };
  }

  private accounts(req: FakeRequest): FakeResponse {
    return this.withUser(req, 'pages_show_list', (user) => {
      const scopes = this.tokens.get(req.query.get('access_token')!)!.scopes;
      return this.list(req, user.pages.map((id) => this.pageEntry(req, id, true, scopes)));
    });
  }

  /** Business Pages come without `access_token`: it is asked for on the Page node with the user token. */
  private businessPages(req: FakeRequest, user: FakeFbUser, businessId: string, kind: 'owned' | 'client'): FakeResponse {
    const b = user.businesses.find((x) => x.id === businessId);
    if (!b) return { status: 400, body: { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
    return this.list(req, b[kind].map((id) => this.pageEntry(req, id, false, [])));
  }

  private withPage(req: FakeRequest, fn: (page: FakeFbPage) => FakeResponse): FakeResponse {
    const t = this.tokens.get(req.query.get('access_token') ?? '');
    if (!t || t.revoked) return this.tokenError();
    if (t.subject.startsWith('user:')) {
      // A user token may ask a Page it has a task on for the Page's token (business Pages).
      const who = t.subject.slice(5);
      const pageId = /^\/v23\.0\/(\d+)$/.exec(req.path)?.[1];
      if (pageId && req.query.get('fields') === 'access_token' && this.pages.has(pageId)) {
        if (!this.reach(who).has(pageId)) return { status: 403, body: { error: { message: '(#10) You do not have sufficient permissions for this Page', type: 'OAuthException', code: 10 } } };
        return { body: { id: pageId, access_token: this.issue(pageId, t.scopes) } };
      }
      return this.tokenError();
    }
    const out = fn(this.pages.get(t.subject)!);
    return { ...out, headers: { 'x-app-usage': JSON.stringify({ call_count: 12, total_cputime: 4, total_time: 6 }), ...out.headers } };
  }

  private node(page: FakeFbPage, id: string): FakeResponse {
    if (id !== page.id) return { status: 400, body: { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
    return { body: { id: page.id, name: page.name, username: `fakepage${page.id.slice(-4)}`, picture: { data: { url: 'https://example.com/p.jpg' } }, followers_count: page.followers } };
  }

  private invalidMetric(): FakeResponse {
    return { status: 400, body: { error: { message: '(#100) The value must be a valid insights metric', type: 'OAuthException', code: 100 } } };
  }

  private insights(req: FakeRequest, page: FakeFbPage, id: string, metricList: string): FakeResponse {
    const metrics = metricList.split(',');
    if (metrics.some((m) => RETIRED.has(m) || this.retiredExtra.has(m))) return this.invalidMetric();
    if (id === page.id) {
      if (metrics[0] === 'page_follows_country') {
        return { body: { data: [{ name: 'page_follows_country', period: 'lifetime', values: [{ value: { US: 600, DE: 300, FR: 100 }, end_time: new Date().toISOString() }] }] } };
      }
      const since = Number(req.query.get('since')) * 1000;
      const until = Number(req.query.get('until')) * 1000;
      if (!(until > since) || until - since > 90 * DAY_MS) {
        return { status: 400, body: { error: { message: '(#100) There cannot be more than 90 days (7776000 s) between since and until', type: 'OAuthException', code: 100 } } };
      }
      const days: Date[] = [];
      for (let d = utcDay(since); d.getTime() < until; d = addDays(d, 1)) days.push(d);
      return {
        body: {
          data: metrics.map((name) => ({
            name,
            period: 'day',
            values: days.map((d) => ({ value: this.daily(page.id, d)[name] ?? 0, end_time: new Date(addDays(d, 1).getTime() + 8 * HOUR_MS).toISOString().replace(/\.\d{3}Z$/, '+0000') })),
            title: name,
            id: `${page.id}/insights/${name}/day`,
          })),
          paging: { previous: 'x', next: 'y' },
        },
      };
    }
    const post = page.posts.find((p) => p.id === id);
    if (!post && page.reels.some((r) => r.postId === id)) return this.invalidMetric();
    if (!post) return { status: 400, body: { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
    const values: Record<string, number> = { post_total_media_view_unique: post.reach, post_media_view: post.views };
    return { body: { data: metrics.map((name) => ({ name, period: 'lifetime', values: [{ value: values[name] ?? 0 }], id: `${id}/insights/${name}/lifetime` })) } };
  }

  private videoInsights(req: FakeRequest, page: FakeFbPage, videoId: string): FakeResponse {
    const reel = page.reels.find((r) => r.videoId === videoId);
    if (!reel) return { status: 400, body: { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
    const values: Record<string, unknown> = {
      blue_reels_play_count: reel.plays,
      post_impressions_unique: reel.reach,
      post_video_likes_by_reaction_type: reel.reactions,
      post_video_social_actions: { COMMENT: reel.comments, SHARE: reel.shares },
    };
    const asked = (req.query.get('metric') ?? Object.keys(values).join(',')).split(',');
    if (asked.some((m) => !(m in values))) return this.invalidMetric();
    return { body: { data: asked.map((name) => ({ name, period: 'lifetime', values: [{ value: values[name] }], title: name, id: `${videoId}/video_insights/${name}/lifetime` })) } };
  }

  private listPosts(req: FakeRequest, page: FakeFbPage, id: string): FakeResponse {
    if (id !== page.id) return this.invalidMetric();
    const limit = Number(req.query.get('limit') ?? 25);
    const since = Number(req.query.get('since') ?? 0) * 1000;
    const reelPosts: FakeFbPost[] = page.reels.map((r) => ({
      id: r.postId,
      message: 'New reel #behindthescenes',
      created_time: r.created_time,
      media_type: 'video',
      reactions: Object.values(r.reactions).reduce((a, b) => a + b, 0),
      comments: r.comments,
      shares: r.shares,
      reach: 0,
      views: 0,
    }));
    const all = [...page.posts, ...reelPosts].filter((p) => p.created_time.getTime() >= since).sort((a, b) => b.created_time.getTime() - a.created_time.getTime());
    const reelOf = new Map(page.reels.map((r) => [r.postId, r]));
    const start = Number(req.query.get('after') ?? 0);
    const slice = all.slice(start, start + limit);
    const more = start + slice.length < all.length;
    return {
      body: {
        data: slice.map((p) => ({
          id: p.id,
          message: p.message,
          created_time: p.created_time.toISOString().replace(/\.\d{3}Z$/, '+0000'),
          permalink_url: `https://www.facebook.com/${p.id}`,
          ...(reelOf.has(p.id)
            ? { attachments: { data: [{ media_type: 'video', url: `https://www.facebook.com/reel/${reelOf.get(p.id)!.videoId}/`, target: { id: reelOf.get(p.id)!.videoId } }] } }
            : p.media_type
              ? { attachments: { data: [{ media_type: p.media_type }] } }
              : {}),
          ...(p.shares ? { shares: { count: p.shares } } : {}),
          reactions: { data: [], summary: { total_count: p.reactions, viewer_reaction: 'NONE' } },
          comments: { data: [], summary: { order: 'ranked', total_count: p.comments, can_comment: true } },
        })),
        paging: { cursors: { before: String(start), after: String(start + slice.length) }, ...(more ? { next: `${this.url}/v23.0/${id}/posts?after=${start + slice.length}` } : {}) },
      },
    };
  }
}
