import { createHash, randomBytes } from 'node:crypto';
import { HOUR_MS } from '../common.js';
import { FakeServer, fakeRandom, type FakeRequest, type FakeResponse } from '../testing/fake-server.js';

/**
 * A fake of the X API v2 and its OAuth 2.0 endpoints: /i/oauth2/authorize (PKCE S256 required),
 * POST /2/oauth2/token (Basic client authentication; authorization_code checks the
 * code_verifier; refresh_token rotates the refresh token), GET /2/users/me, GET
 * /2/users/:id/tweets (max_results, start_time, pagination_token → meta.next_token) and GET
 * /2/tweets?ids=. Every answer carries x-rate-limit-limit/-remaining/-reset; invalid tokens get
 * 401, unknown grants 400 invalid_request.
 *
 * Sources (read 2026-12-01):
 * - User posts timeline, https://developer.x.com/en/docs/x-api/tweets/timelines/api-reference/get-users-id-tweets:
 *   the timeline holds the user's posts, quote posts, replies and retweets; `exclude=retweets,replies`
 *   leaves the user's own posts (quotes included). Replies and retweets carry `referenced_tweets`
 *   of type `replied_to` / `retweeted`, quotes of type `quoted`.
 * - Pricing, https://docs.x.com/x-api/getting-started/pricing: pay-per-use, prepaid credits, every
 *   post returned is a billed "Posts: Read" resource. Usage and billing,
 *   https://docs.x.com/x-api/fundamentals/post-cap: timelines and GET /2/tweets count, a post read
 *   again on the same UTC day is billed once, pay-per-use apps are capped at 2 million post reads
 *   a month.
 * - Errors, https://docs.x.com/x-api/fundamentals/response-codes-and-errors: problem-details bodies
 *   `{ title, detail, type }`; 402 when the account has no credits left (`CreditsDepleted`), 429
 *   with title `UsageCapExceeded` (type …/problems/usage-capped, `period: "Monthly"`) at the cap.
 */
export interface FakeTweet {
  id: string;
  text: string;
  created_at: Date;
  likes: number;
  replies: number;
  retweets: number;
  quotes: number;
  bookmarks: number;
  impressions: number;
  media?: 'photo' | 'video';
  /** A quote post is the user's own post; replies and retweets are left out by `exclude`. */
  kind?: 'post' | 'quote' | 'reply' | 'retweet';
}

export interface FakeXUser {
  id: string;
  username: string;
  followers: number;
  /** The user's own posts (including quote posts), newest first. */
  tweets: FakeTweet[];
  /** Replies and retweets, also on the timeline unless excluded. */
  others: FakeTweet[];
}

interface Grant {
  userId: string;
  access: Set<string>;
  refresh: string;
  revoked: boolean;
}

export class FakeTwitter extends FakeServer {
  readonly clientId = 'x-client-id';
  readonly clientSecret = 'x-client-secret';
  readonly users = new Map<string, FakeXUser>();
  private readonly codes = new Map<string, { userId: string; challenge: string; redirect: string }>();
  private readonly grants: Grant[] = [];
  /** Access tokens that have expired (2 h passed). */
  readonly expired = new Set<string>();
  readonly allIssued: string[] = [];
  consentAs = '';
  remaining = 900;
  /** Prepaid balance, in billed resources (post and user reads); Infinity = not limited. */
  credits = Number.POSITIVE_INFINITY;
  /** The pay-per-use monthly post-read cap. */
  monthlyPostCap = 2_000_000;
  /** Post reads billed so far (deduplicated per UTC day). */
  billedPostReads = 0;
  private readonly billedToday = new Set<string>();

  constructor() {
    super();
    this.route('GET', '/i/oauth2/authorize', (req) => this.authorize(req));
    this.route('POST', '/2/oauth2/token', (req) => this.token(req));
    this.route('GET', '/2/users/me', (req) => this.api(req, (u) => ({ body: { data: this.profile(u) } })));
    this.route('GET', '/2/users/:id/tweets', (req, p) => this.api(req, (u) => this.timeline(req, u, p.id!)));
    this.route('GET', '/2/tweets', (req) => this.api(req, (u) => this.lookup(req, u)));
  }

  env(): Record<string, string> {
    return { TWITTER_CLIENT_ID: this.clientId, TWITTER_CLIENT_SECRET: this.clientSecret, TWITTER_API_URL: this.url, TWITTER_AUTH_URL: `${this.url}/i/oauth2/authorize` };
  }

  addUser(id: string, tweets = 50): FakeXUser {
    const n = Number(id.slice(-4)) || 1;
    const list: FakeTweet[] = [];
    for (let i = 0; i < tweets; i++) {
      const impressions = 200 + Math.round(3000 * fakeRandom(n, i));
      list.push({
        id: String(1_800_000_000_000_000_000n + BigInt(n * 100_000 + 99_999 - i)),
        text: `Thread ${i}: shipping notes #BuildInPublic #TypeScript`,
        created_at: new Date(Date.now() - (2 + i * 7) * HOUR_MS),
        likes: Math.round(impressions * 0.02),
        replies: Math.round(impressions * 0.002),
        retweets: Math.round(impressions * 0.003),
        quotes: i % 5,
        bookmarks: Math.round(impressions * 0.001),
        impressions,
        media: i % 6 === 0 ? 'photo' : i % 11 === 0 ? 'video' : undefined,
        kind: i % 5 === 4 ? 'quote' : 'post',
      });
    }
    // A reply after every 4th post and a retweet after every 7th, in between on the timeline.
    const others: FakeTweet[] = [];
    list.forEach((t, i) => {
      for (const kind of [i % 4 === 3 ? 'reply' : null, i % 7 === 6 ? 'retweet' : null] as const) {
        if (!kind) continue;
        others.push({ ...t, id: String(BigInt(t.id) * 10n + BigInt(others.length % 10)), text: kind === 'reply' ? '@someone agreed' : 'RT @other: worth reading', created_at: new Date(t.created_at.getTime() - 60_000 * (others.length % 50 + 1)), media: undefined, kind });
      }
    });
    const user = { id, username: `fake_x_${n}`, followers: 4321, tweets: list, others };
    this.users.set(id, user);
    return user;
  }

  post(userId: string): FakeTweet {
    const u = this.users.get(userId)!;
    const t: FakeTweet = { ...u.tweets[0]!, id: String(BigInt(u.tweets[0]!.id) + 1n), text: 'Fresh one #news', created_at: new Date(Date.now() - 30_000), likes: 1 };
    u.tweets.unshift(t);
    return t;
  }

  revoke(userId: string): void {
    for (const g of this.grants) if (g.userId === userId) g.revoked = true;
  }

  refreshTokenOf(userId: string): string | undefined {
    return this.grants.find((g) => g.userId === userId && !g.revoked)?.refresh;
  }

  issued(): string[] {
    return [...this.allIssued];
  }

  private mint(prefix: string): string {
    const t = `${prefix}${randomBytes(24).toString('base64url')}`;
    this.allIssued.push(t);
    return t;
  }

  private authorize(req: FakeRequest): FakeResponse {
    const q = req.query;
    const redirect = q.get('redirect_uri')!;
    const bad = q.get('response_type') !== 'code' || q.get('client_id') !== this.clientId || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge');
    if (bad || !(q.get('scope') ?? '').split(' ').includes('offline.access')) return { status: 400, body: { error: 'invalid_request' } };
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, { userId: this.consentAs, challenge: q.get('code_challenge')!, redirect });
    return { redirect: `${redirect}?state=${encodeURIComponent(q.get('state') ?? '')}&code=${code}` };
  }

  private token(req: FakeRequest): FakeResponse {
    const basic = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    if (req.headers.authorization !== basic) return { status: 401, body: { error: 'unauthorized_client', error_description: 'Missing valid authorization header' } };
    const f = req.form;
    const invalid = { status: 400, body: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' } };
    let grant: Grant | undefined;
    if (f.get('grant_type') === 'authorization_code') {
      const c = this.codes.get(f.get('code') ?? '');
      if (!c) return invalid;
      this.codes.delete(f.get('code')!);
      const challenge = createHash('sha256').update(f.get('code_verifier') ?? '').digest('base64url');
      if (challenge !== c.challenge || f.get('redirect_uri') !== c.redirect) return { status: 400, body: { error: 'invalid_request', error_description: 'Value passed for the code verifier was invalid.' } };
      grant = { userId: c.userId, access: new Set(), refresh: '', revoked: false };
      this.grants.push(grant);
    } else if (f.get('grant_type') === 'refresh_token') {
      grant = this.grants.find((g) => !g.revoked && g.refresh === f.get('refresh_token'));
      if (!grant) return invalid;
    } else {
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    const access = this.mint('xa-');
    grant.access.add(access);
    grant.refresh = this.mint('xr-');
    return { body: { token_type: 'bearer', expires_in: 7200, access_token: access, scope: 'tweet.read users.read offline.access', refresh_token: grant.refresh } };
  }

  private api(req: FakeRequest, fn: (u: FakeXUser) => FakeResponse): FakeResponse {
    const grant = this.grants.find((g) => g.access.has(req.bearer ?? ''));
    const reset = String(Math.floor(Date.now() / 1000) + 900);
    if (!grant || grant.revoked || this.expired.has(req.bearer!)) {
      return { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
    }
    const limits = { 'x-rate-limit-limit': '900', 'x-rate-limit-remaining': String(this.remaining), 'x-rate-limit-reset': reset };
    if (this.credits <= 0) {
      return {
        status: 402,
        headers: limits,
        body: { title: 'CreditsDepleted', detail: 'Your enrolled account does not have any credits to fulfill this request.', type: 'https://api.twitter.com/2/problems/credits' },
      };
    }
    if (this.billedPostReads >= this.monthlyPostCap && req.path !== '/2/users/me') {
      return {
        status: 429,
        headers: limits,
        body: { title: 'UsageCapExceeded', detail: 'Usage cap exceeded: Monthly product cap', type: 'https://api.twitter.com/2/problems/usage-capped', period: 'Monthly', scope: 'Product' },
      };
    }
    this.remaining = Math.max(0, this.remaining - 1);
    const out = fn(this.users.get(grant.userId)!);
    if (req.path === '/2/users/me') this.credits -= 1;
    else this.bill((out.body as { data?: Array<{ id: string }> } | undefined)?.data ?? []);
    return { ...out, headers: { ...limits, 'x-rate-limit-remaining': String(this.remaining), ...out.headers } };
  }

  /** Posts returned are billed once per UTC day each. */
  private bill(posts: Array<{ id: string }>): void {
    const day = new Date().toISOString().slice(0, 10);
    for (const p of posts) {
      const key = `${day}:${p.id}`;
      if (this.billedToday.has(key)) continue;
      this.billedToday.add(key);
      this.billedPostReads++;
      this.credits -= 1;
    }
  }

  private profile(u: FakeXUser) {
    return {
      id: u.id,
      name: `Fake ${u.username}`,
      username: u.username,
      profile_image_url: 'https://example.com/x.jpg',
      public_metrics: { followers_count: u.followers, following_count: 99, tweet_count: u.tweets.length, listed_count: 3, like_count: 10 },
    };
  }

  private json(t: FakeTweet) {
    return {
      id: t.id,
      text: t.text,
      created_at: t.created_at.toISOString(),
      edit_history_tweet_ids: [t.id],
      public_metrics: { retweet_count: t.retweets, reply_count: t.replies, like_count: t.likes, quote_count: t.quotes, bookmark_count: t.bookmarks, impression_count: t.impressions },
      entities: { hashtags: [...t.text.matchAll(/#(\w+)/g)].map((m) => ({ start: m.index, end: m.index! + m[0].length, tag: m[1] })) },
      ...(t.media ? { attachments: { media_keys: [`3_${t.id}`] } } : {}),
      ...(t.kind && t.kind !== 'post'
        ? { referenced_tweets: [{ type: t.kind === 'quote' ? 'quoted' : t.kind === 'reply' ? 'replied_to' : 'retweeted', id: '1799999999999999999' }] }
        : {}),
    };
  }

  private timeline(req: FakeRequest, u: FakeXUser, id: string): FakeResponse {
    if (id !== u.id) return { status: 403, body: { title: 'Forbidden', status: 403 } };
    const max = Math.min(100, Math.max(5, Number(req.query.get('max_results') ?? 10)));
    const since = req.query.get('start_time') ? Date.parse(req.query.get('start_time')!) : 0;
    const exclude = new Set((req.query.get('exclude') ?? '').split(',').filter(Boolean));
    if ([...exclude].some((e) => e !== 'retweets' && e !== 'replies')) {
      return { status: 400, body: { errors: [{ parameters: { exclude: [req.query.get('exclude')] }, message: 'The `exclude` query parameter value is not one of [replies,retweets]' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' } };
    }
    const others = u.others.filter((t) => !(t.kind === 'reply' && exclude.has('replies')) && !(t.kind === 'retweet' && exclude.has('retweets')));
    const all = [...u.tweets, ...others].filter((t) => t.created_at.getTime() >= since).sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
    const start = Number(req.query.get('pagination_token') ?? 0);
    const page = all.slice(start, start + max);
    if (!page.length) return { body: { meta: { result_count: 0 } } };
    const withMedia = page.filter((t) => t.media);
    return {
      body: {
        data: page.map((t) => this.json(t)),
        ...(withMedia.length ? { includes: { media: withMedia.map((t) => ({ media_key: `3_${t.id}`, type: t.media, url: `https://example.com/${t.id}.jpg` })) } } : {}),
        meta: { result_count: page.length, newest_id: page[0]!.id, oldest_id: page.at(-1)!.id, ...(start + max < all.length ? { next_token: String(start + max) } : {}) },
      },
    };
  }

  private lookup(req: FakeRequest, u: FakeXUser): FakeResponse {
    const ids = (req.query.get('ids') ?? '').split(',');
    return { body: { data: [...u.tweets, ...u.others].filter((t) => ids.includes(t.id)).map((t) => this.json(t)) } };
  }
}
