import { randomBytes } from 'node:crypto';
import { DAY_MS, HOUR_MS } from '../common.js';
import { FakeServer, fakeRandom, type FakeRequest, type FakeResponse } from '../testing/fake-server.js';

/**
 * A fake of TikTok Login Kit and the Display API v2: /v2/auth/authorize/, POST /v2/oauth/token/
 * (authorization_code; refresh_token rotates: the old refresh token stops working), GET
 * /v2/user/info/, POST /v2/video/list/ (max_count ≤ 20, cursor + has_more) and POST
 * /v2/video/query/. Answers carry `error: { code: "ok" }`; failures use access_token_invalid
 * (401), rate_limit_exceeded (429) and internal_error (500); the token endpoint answers
 * `{ error: "invalid_grant" }` for unknown or used refresh tokens.
 *
 * Token lifetimes, from "Manage OAuth Access Tokens"
 * (https://developers.tiktok.com/docs/en/oauth-user-access-token-management, last updated
 * 2026-11-05): access tokens 2 h (`expires_in`), refresh tokens 180 days (`refresh_expires_in`);
 * "both fields return the remaining lifetime in seconds". Rotation, from "Refresh a User Access
 * Token" (https://developers.tiktok.com/docs/en/oauth-refresh-a-user-access-token, last updated
 * 2026-11-02): a refresh returns a new refresh_token and the one sent stops working. So the fake
 * keeps the grant's end fixed at authorisation + 180 days: each rotated refresh token inherits it,
 * `refresh_expires_in` counts down, and a refresh after the end is `invalid_grant`.
 */
export interface FakeVideo {
  id: string;
  create_time: number;
  description: string;
  likes: number;
  comments: number;
  shares: number;
  views: number;
}

export interface FakeTikTokUser {
  openId: string;
  username: string;
  followers: number;
  videos: FakeVideo[];
}

export class FakeTikTok extends FakeServer {
  readonly clientKey = 'tt-client-key';
  readonly clientSecret = 'tt-client-secret';
  readonly users = new Map<string, FakeTikTokUser>();
  readonly access = new Map<string, { openId: string; valid: boolean }>();
  readonly refresh = new Map<string, { openId: string; valid: boolean; grantEndsAt: number }>();
  private readonly codes = new Map<string, string>();
  consentAs = '';

  constructor() {
    super();
    this.route('GET', '/v2/auth/authorize', (req) => this.authorize(req));
    this.route('POST', '/v2/oauth/token', (req) => this.token(req));
    this.route('GET', '/v2/user/info', (req) => this.api(req, (u) => ({ body: { data: { user: this.userJson(u, req.query.get('fields') ?? '') } } })));
    this.route('POST', '/v2/video/list', (req) => this.api(req, (u) => this.list(req, u)));
    this.route('POST', '/v2/video/query', (req) => this.api(req, (u) => this.query(req, u)));
  }

  env(): Record<string, string> {
    return { TIKTOK_CLIENT_KEY: this.clientKey, TIKTOK_CLIENT_SECRET: this.clientSecret, TIKTOK_API_URL: this.url, TIKTOK_AUTH_URL: `${this.url}/v2/auth/authorize/` };
  }

  addUser(openId: string, videos = 30): FakeTikTokUser {
    const n = openId.length + videos;
    const list: FakeVideo[] = [];
    for (let i = 0; i < videos; i++) {
      const views = 1000 + Math.round(20_000 * fakeRandom(n, i));
      list.push({
        id: `73${String(10_000_000 + i * 7 + n)}`,
        create_time: Math.floor((Date.now() - (1 + i * 20) * HOUR_MS) / 1000),
        description: `Day ${i} of learning #DanceChallenge #fyp`,
        likes: Math.round(views * 0.09),
        comments: Math.round(views * 0.004),
        shares: Math.round(views * 0.006),
        views,
      });
    }
    const user = { openId, username: `fake.tt.${openId.slice(-4)}`, followers: 25_000, videos: list };
    this.users.set(openId, user);
    return user;
  }

  revoke(openId: string): void {
    for (const t of [...this.access.values(), ...this.refresh.values()]) if (t.openId === openId) t.valid = false;
  }

  currentRefresh(openId: string): string | undefined {
    return [...this.refresh.entries()].find(([, v]) => v.openId === openId && v.valid)?.[0];
  }

  issued(): string[] {
    return [...this.access.keys(), ...this.refresh.keys()];
  }

  private authorize(req: FakeRequest): FakeResponse {
    const q = req.query;
    if (q.get('client_key') !== this.clientKey || q.get('response_type') !== 'code') return { status: 400, body: { error: 'invalid_request' } };
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, this.consentAs);
    return { redirect: `${q.get('redirect_uri')}?code=${code}&scopes=${encodeURIComponent(q.get('scope') ?? '')}&state=${encodeURIComponent(q.get('state') ?? '')}` };
  }

  /** Moves the end of the account's refresh grant `ms` earlier (as if authorised that long before). */
  ageGrant(openId: string, ms: number): void {
    for (const r of this.refresh.values()) if (r.openId === openId) r.grantEndsAt -= ms;
  }

  private pair(openId: string, grantEndsAt = Date.now() + 180 * DAY_MS): Record<string, unknown> {
    const accessToken = `act.${randomBytes(24).toString('hex')}`;
    const refreshToken = `rft.${randomBytes(24).toString('hex')}`;
    this.access.set(accessToken, { openId, valid: true });
    this.refresh.set(refreshToken, { openId, valid: true, grantEndsAt });
    return {
      access_token: accessToken,
      expires_in: 7200,
      open_id: openId,
      // The remaining lifetime of the grant, not a fresh 180 days.
      refresh_expires_in: Math.max(0, Math.floor((grantEndsAt - Date.now()) / 1000)),
      refresh_token: refreshToken,
      scope: 'user.info.basic,user.info.profile,user.info.stats,video.list',
      token_type: 'Bearer',
    };
  }

  private token(req: FakeRequest): FakeResponse {
    const f = req.form;
    const grant = { status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token is invalid or expired.', log_id: 'fake-log' } };
    if (f.get('client_key') !== this.clientKey || f.get('client_secret') !== this.clientSecret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client key or secret is incorrect.', log_id: 'fake-log' } };
    }
    if (f.get('grant_type') === 'authorization_code') {
      const openId = this.codes.get(f.get('code') ?? '');
      if (!openId) return { ...grant, body: { ...grant.body, error_description: 'Authorization code is expired.' } };
      this.codes.delete(f.get('code')!);
      return { body: this.pair(openId) };
    }
    if (f.get('grant_type') === 'refresh_token') {
      const r = this.refresh.get(f.get('refresh_token') ?? '');
      if (!r || !r.valid || r.grantEndsAt <= Date.now()) return grant;
      // Rotation: the refresh token just used stops working; the new one ends with the grant.
      r.valid = false;
      return { body: this.pair(r.openId, r.grantEndsAt) };
    }
    return { status: 400, body: { error: 'unsupported_grant_type', log_id: 'fake-log' } };
  }

  private api(req: FakeRequest, fn: (u: FakeTikTokUser) => FakeResponse): FakeResponse {
    const t = this.access.get(req.bearer ?? '');
    if (!t || !t.valid) {
      return { status: 401, body: { data: {}, error: { code: 'access_token_invalid', message: 'The access token is invalid or not found in the request.', log_id: 'fake-log' } } };
    }
    const out = fn(this.users.get(t.openId)!);
    return { ...out, body: { ...(out.body as object), error: { code: 'ok', message: '', log_id: 'fake-log' } } };
  }

  private userJson(u: FakeTikTokUser, fields: string) {
    const all: Record<string, unknown> = {
      open_id: u.openId,
      union_id: `union-${u.openId}`,
      avatar_url: 'https://example.com/tt.jpg',
      display_name: `Fake ${u.username}`,
      username: u.username,
      follower_count: u.followers,
      following_count: 12,
      likes_count: 99_000,
      video_count: u.videos.length,
    };
    return Object.fromEntries(fields.split(',').filter((f) => f in all).map((f) => [f, all[f]]));
  }

  private videoJson(v: FakeVideo, fields: string) {
    const all: Record<string, unknown> = {
      id: v.id,
      create_time: v.create_time,
      title: '',
      video_description: v.description,
      cover_image_url: `https://example.com/${v.id}.jpg`,
      share_url: `https://www.tiktok.com/@fake/video/${v.id}`,
      duration: 23,
      like_count: v.likes,
      comment_count: v.comments,
      share_count: v.shares,
      view_count: v.views,
    };
    return Object.fromEntries(fields.split(',').filter((f) => f in all).map((f) => [f, all[f]]));
  }

  private list(req: FakeRequest, u: FakeTikTokUser): FakeResponse {
    const body = (req.json ?? {}) as { max_count?: number; cursor?: number };
    const max = body.max_count ?? 10;
    if (max > 20) return { status: 400, body: { data: {}, error: { code: 'invalid_params', message: 'max_count must be at most 20', log_id: 'fake-log' } } };
    const cursor = body.cursor ?? Number.MAX_SAFE_INTEGER;
    const rest = u.videos.filter((v) => v.create_time * 1000 < cursor);
    const page = rest.slice(0, max);
    return {
      body: {
        data: {
          videos: page.map((v) => this.videoJson(v, req.query.get('fields') ?? '')),
          cursor: page.length ? page.at(-1)!.create_time * 1000 : 0,
          has_more: rest.length > page.length,
        },
      },
    };
  }

  private query(req: FakeRequest, u: FakeTikTokUser): FakeResponse {
    const ids = ((req.json as { filters?: { video_ids?: string[] } })?.filters?.video_ids ?? []).slice(0, 20);
    return { body: { data: { videos: u.videos.filter((v) => ids.includes(v.id)).map((v) => this.videoJson(v, req.query.get('fields') ?? '')) } } };
  }
}
