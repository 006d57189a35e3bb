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
}

const RETIRED = new Set(['page_fans', 'page_impressions', 'page_impressions_unique', 'page_engaged_users', 'post_impressions_unique', 'page_fan_adds']);

export class FakeFacebook extends FakeServer {
  readonly appId = 'fb-app-id';
  readonly appSecret = 'fb-app-secret';
  readonly pages = new Map<string, FakeFbPage>();
  /** token → page id (Page tokens) or `user:<page id>` (user tokens). */
  readonly tokens = new Map<string, { subject: string; revoked: boolean }>();
  private readonly codes = new Map<string, string>();
  /** Extra metric names this fake treats as retired (to test the fallback). */
  readonly retiredExtra = new Set<string>();
  consentAs = '';

  constructor() {
    super();
    this.route('GET', '/v23.0/dialog/oauth', (req) => this.dialog(req));
    this.route('GET', '/v23.0/oauth/access_token', (req) => this.accessToken(req));
    this.route('GET', '/v23.0/me/accounts', (req) => this.accounts(req));
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
    const page = { id, name: `Fake Page ${n}`, followers: 12_000, posts: list };
    this.pages.set(id, page);
    return page;
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

  issued(): string[] {
    return [...this.tokens.keys()];
  }

  private issue(subject: string): string {
    const token = `EAA${randomBytes(24).toString('hex')}`;
    this.tokens.set(token, { subject, revoked: false });
    return token;
  }

  private dialog(req: FakeRequest): FakeResponse {
    const redirect = req.query.get('redirect_uri')!;
    if (req.query.get('client_id') !== this.appId) return { status: 400, body: { error: { message: 'Invalid App ID', code: 101 } } };
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, this.consentAs);
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
      return { body: { access_token: this.issue(t.subject), token_type: 'bearer', expires_in: 5_183_944 } };
    }
    const pageId = this.codes.get(q.get('code') ?? '');
    if (!pageId) return { status: 400, body: { error: { message: 'This authorization code has been used.', type: 'OAuthException', code: 100, error_subcode: 36009 } } };
    this.codes.delete(q.get('code')!);
    return { body: { access_token: this.issue(`user:${pageId}`), token_type: 'bearer', expires_in: 5183 } };
  }

  private tokenError(): FakeResponse {
    return {
      status: 400,
      body: { error: { message: 'Error validating access token: The user has not authorized application.', type: 'OAuthException', code: 190, error_subcode: 458, fbtrace_id: 'Afake' } },
    };
  }

  private accounts(req: FakeRequest): FakeResponse {
    const t = this.tokens.get(req.query.get('access_token') ?? '');
    if (!t || t.revoked || !t.subject.startsWith('user:')) return this.tokenError();
    const page = this.pages.get(t.subject.slice(5))!;
    return { body: { data: [{ id: page.id, name: page.name, category: 'Local business', access_token: this.issue(page.id), tasks: ['ANALYZE'] }], paging: { cursors: { before: 'a', after: 'b' } } } };
  }

  private withPage(req: FakeRequest, fn: (page: FakeFbPage) => FakeResponse): FakeResponse {
    const t = this.tokens.get(req.query.get('access_token') ?? '');
    if (!t || t.revoked || t.subject.startsWith('user:')) return this.tokenError();
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
    if (!post) return { status: 400, body: { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
    const values: Record<string, number> = { post_total_media_view_unique: post.reach, post_media_view: post.views };
    return { body: { data: metrics.map((name) => ({ name, period: 'lifetime', values: [{ value: values[name] ?? 0 }], id: `${id}/insights/${name}/lifetime` })) } };
  }

  private listPosts(req: FakeRequest, page: FakeFbPage, id: string): FakeResponse {
    if (id !== page.id) return this.invalidMetric();
    const limit = Number(req.query.get('limit') ?? 25);
    const since = Number(req.query.get('since') ?? 0) * 1000;
    const all = page.posts.filter((p) => p.created_time.getTime() >= since);
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
          ...(p.media_type ? { attachments: { data: [{ media_type: p.media_type }] } } : {}),
          ...(p.shares ? { shares: { count: p.shares } } : {}),
          reactions: { data: [], summary: { total_count: p.reactions, viewer_reaction: 'NONE' } },
          comments: { data: [], summary: { order: 'ranked', total_count: p.comments, can_comment: true } },
        })),
        paging: { cursors: { before: String(start), after: String(start + slice.length) }, ...(more ? { next: `${this.url}/v23.0/${id}/posts?after=${start + slice.length}` } : {}) },
      },
    };
  }
}
