import { randomBytes } from 'node:crypto';
import { DAY_MS, HOUR_MS, utcDay } from '../common.js';
import { FakeServer, fakeRandom, type FakeRequest, type FakeResponse } from '../testing/fake-server.js';

/**
 * A fake of LinkedIn's OAuth 2.0 endpoints and the versioned Community Management REST API:
 * organizationAcls, organizations, networkSizes, organizationalEntityShareStatistics (DAY time
 * intervals, or lifetime per share/ugcPost), organizationalEntityFollowerStatistics (DAY
 * follower gains) and posts (author finder, start/count paging). Requests without the
 * LinkedIn-Version and X-Restli-Protocol-Version headers, or with a percent-encoded Rest.li
 * object, are refused. Refresh tokens are issued only in "partner" mode, and refreshing does not
 * extend them. Revoked and expired tokens get 401 REVOKED_ACCESS_TOKEN / EXPIRED_ACCESS_TOKEN.
 *
 * Sources (read 2026-12-01):
 * - Versioning: https://learn.microsoft.com/en-us/linkedin/marketing/versioning — every call
 *   needs `LinkedIn-Version: YYYYMM`; versions are released monthly and supported for at least
 *   one year, then sunset; a missing header is an error, a sunset one is HTTP 426
 *   `NONEXISTENT_VERSION` ("Requested version … is not active"). This fake accepts only the
 *   versions of the last 12 months up to the current month, computed from today's date.
 * - Organization access control:
 *   https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role
 *   — `GET /rest/organizationAcls?q=roleAssignee` (optional `role`, `state`, `start`/`count`)
 *   lists the member's roles (ADMINISTRATOR, CONTENT_ADMIN, ANALYST, …; APPROVED or REQUESTED)
 *   with `paging.total`; statistics need an approved ADMINISTRATOR or CONTENT_ADMIN role on the
 *   organization, anything else gets 403 ACCESS_DENIED.
 * - Share and follower statistics:
 *   https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/share-statistics
 *   and .../follower-statistics — time-bound data for a rolling 12 months; a `timeRange` starting
 *   earlier is refused with 400.
 * - OAuth: https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
 *   and .../programmatic-refresh-tokens (refresh tokens for approved partners, 365 days, not
 *   extended by refreshing); errors: https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling
 */
export interface FakeLiPost {
  id: string;
  commentary: string;
  publishedAt: number;
  media?: 'image' | 'video' | 'multi';
  likes: number;
  comments: number;
  shares: number;
  impressions: number;
  unique: number;
}

export interface FakeLiOrg {
  id: string;
  name: string;
  vanity: string;
  followers: number;
  posts: FakeLiPost[];
}

export interface FakeLiAcl {
  orgId: string;
  role: 'ADMINISTRATOR' | 'CONTENT_ADMIN' | 'ANALYST' | 'RECRUITING_POSTER' | 'DIRECT_SPONSORED_CONTENT_POSTER';
  state?: 'APPROVED' | 'REQUESTED';
}

interface TokenInfo {
  /** The member the token belongs to. */
  member: string;
  state: 'valid' | 'expired' | 'revoked';
}

const STATS_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMIN']);

/** Months since year 0 of a date (UTC), to compare versions by month. */
function month(d: Date): number {
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Whether LinkedIn still serves a version (released within the last 12 months, not in the future). */
export function supportedLinkedInVersion(version: string, now = new Date()): boolean {
  const m = /^(\d{4})(\d{2})(?:\.\d{2})?$/.exec(version);
  if (!m) return false;
  const v = Number(m[1]) * 12 + (Number(m[2]) - 1);
  const age = month(now) - v;
  return Number(m[2]) >= 1 && Number(m[2]) <= 12 && age >= 0 && age < 12;
}

export class FakeLinkedIn extends FakeServer {
  readonly clientId = 'li-client-id';
  readonly clientSecret = 'li-client-secret';
  readonly orgs = new Map<string, FakeLiOrg>();
  readonly tokens = new Map<string, TokenInfo>();
  /** member id → the member's roles. A member not listed administers the organization of its own id. */
  readonly members = new Map<string, FakeLiAcl[]>();
  private readonly refreshTokens = new Map<string, { member: string; expiresAt: number; revoked: boolean }>();
  private readonly codes = new Map<string, string>();
  /** The member who consents next (a member id, or an organization id for its only administrator). */
  consentAs = '';
  /** Approved Marketing Developer Platform partner: refresh tokens are issued. */
  partner = false;

  constructor() {
    super();
    this.route('GET', '/oauth/v2/authorization', (req) => this.authorize(req));
    this.route('POST', '/oauth/v2/accessToken', (req) => this.accessToken(req));
    this.route('GET', '/rest/organizationAcls', (req) => this.rest(req, (member) => this.acls(req, member)));
    this.route('GET', '/rest/organizations/:id', (req, p) =>
      this.rest(req, (member) => this.asAdmin(member, p.id!, (org) => ({ body: { id: Number(org.id), localizedName: org.name, vanityName: org.vanity } }))),
    );
    this.route('GET', '/rest/networkSizes/:urn', (req, p) => this.rest(req, (member) => this.asAdmin(member, orgOf(p.urn), (org) => ({ body: { firstDegreeSize: org.followers } }))));
    this.route('GET', '/rest/organizationalEntityShareStatistics', (req) =>
      this.rest(req, (member) => this.asAdmin(member, orgOf(req.query.get('organizationalEntity')), (org) => this.shareStats(req, org))),
    );
    this.route('GET', '/rest/organizationalEntityFollowerStatistics', (req) =>
      this.rest(req, (member) => this.asAdmin(member, orgOf(req.query.get('organizationalEntity')), (org) => this.followerStats(req, org))),
    );
    this.route('GET', '/rest/posts', (req) => this.rest(req, (member) => this.asAdmin(member, orgOf(req.query.get('author')), (org) => this.posts(req, org))));
  }

  env(): Record<string, string> {
    return {
      LINKEDIN_CLIENT_ID: this.clientId,
      LINKEDIN_CLIENT_SECRET: this.clientSecret,
      LINKEDIN_API_URL: this.url,
      LINKEDIN_AUTH_URL: `${this.url}/oauth/v2/authorization`,
      LINKEDIN_TOKEN_URL: `${this.url}/oauth/v2/accessToken`,
    };
  }

  addOrg(id: string, posts = 20): FakeLiOrg {
    const n = Number(id.slice(-4)) || 1;
    const media: Array<FakeLiPost['media']> = [undefined, 'image', 'video', 'multi'];
    const list: FakeLiPost[] = [];
    for (let i = 0; i < posts; i++) {
      const impressions = 500 + Math.round(4000 * fakeRandom(n, i));
      list.push({
        id: i % 2 ? `urn:li:share:${7000000 + n * 1000 + i}` : `urn:li:ugcPost:${7000000 + n * 1000 + i}`,
        commentary: `We are hiring engineers {hashtag|\\#|Hiring} {hashtag|\\#|RemoteWork} update ${i}`,
        publishedAt: Date.now() - (4 + i * 15) * HOUR_MS,
        media: media[i % 4],
        likes: Math.round(impressions * 0.03),
        comments: Math.round(impressions * 0.004),
        shares: Math.round(impressions * 0.002),
        impressions,
        unique: Math.round(impressions * 0.7),
      });
    }
    const org = { id, name: `Fake Org ${n}`, vanity: `fake-org-${n}`, followers: 8000, posts: list };
    this.orgs.set(id, org);
    return org;
  }

  /** Net follower gain on a UTC day. */
  gain(day: Date): number {
    return 3 + (Math.floor(day.getTime() / DAY_MS) % 5);
  }

  dayShares(orgId: string, day: Date) {
    const d = Math.floor(day.getTime() / DAY_MS);
    const impressionCount = 1500 + Math.round(1000 * fakeRandom(Number(orgId.slice(-4)), d));
    return { impressionCount, uniqueImpressionsCount: Math.round(impressionCount * 0.6), likeCount: 40, commentCount: 6, shareCount: 3, clickCount: 25, engagement: 0.049 };
  }

  /** A member with these roles; `consentAs = id` makes them the next to log in. */
  addMember(id: string, acls: FakeLiAcl[]): void {
    this.members.set(id, acls);
  }

  private aclsOf(member: string): FakeLiAcl[] {
    return this.members.get(member) ?? [{ orgId: member, role: 'ADMINISTRATOR', state: 'APPROVED' }];
  }

  /** Revokes the grants of every member who administers the organization (or of that member). */
  revoke(orgOrMember: string): void {
    const hit = (member: string) => member === orgOrMember || this.aclsOf(member).some((a) => a.orgId === orgOrMember);
    for (const t of this.tokens.values()) if (hit(t.member)) t.state = 'revoked';
    for (const r of this.refreshTokens.values()) if (hit(r.member)) r.revoked = true;
  }

  issued(): string[] {
    return [...this.tokens.keys(), ...this.refreshTokens.keys()];
  }

  private authorize(req: FakeRequest): FakeResponse {
    const redirect = req.query.get('redirect_uri')!;
    if (req.query.get('client_id') !== this.clientId) return { status: 400, body: { error: 'invalid_client' } };
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, this.consentAs);
    return { redirect: `${redirect}?code=${code}&state=${encodeURIComponent(req.query.get('state') ?? '')}` };
  }

  private accessToken(req: FakeRequest): FakeResponse {
    const f = req.form;
    if (f.get('client_id') !== this.clientId || f.get('client_secret') !== this.clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    const invalid = { status: 400, body: { error: 'invalid_grant', error_description: 'The provided authorization grant or refresh token is invalid, expired or revoked' } };
    const access = () => {
      const t = `AQV${randomBytes(24).toString('base64url')}`;
      return t;
    };
    if (f.get('grant_type') === 'authorization_code') {
      const member = this.codes.get(f.get('code') ?? '');
      if (!member) return invalid;
      this.codes.delete(f.get('code')!);
      const token = access();
      this.tokens.set(token, { member, state: 'valid' });
      const body: Record<string, unknown> = { access_token: token, expires_in: 5_184_000, scope: 'r_organization_social,rw_organization_admin' };
      if (this.partner) {
        const refresh = `AQX${randomBytes(24).toString('base64url')}`;
        this.refreshTokens.set(refresh, { member, expiresAt: Date.now() + 365 * DAY_MS, revoked: false });
        Object.assign(body, { refresh_token: refresh, refresh_token_expires_in: 31_536_000 });
      }
      return { body };
    }
    if (f.get('grant_type') === 'refresh_token') {
      const r = this.refreshTokens.get(f.get('refresh_token') ?? '');
      if (!r || r.revoked || r.expiresAt < Date.now()) return invalid;
      const token = access();
      this.tokens.set(token, { member: r.member, state: 'valid' });
      // The refresh token is returned unchanged, with what is left of its lifetime.
      return { body: { access_token: token, expires_in: 5_184_000, refresh_token: f.get('refresh_token'), refresh_token_expires_in: Math.floor((r.expiresAt - Date.now()) / 1000), scope: 'r_organization_social,rw_organization_admin' } };
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }

  private forbidden(): FakeResponse {
    return { status: 403, body: { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: 'Not enough permissions to access this resource' } };
  }

  private rest(req: FakeRequest, fn: (member: string) => FakeResponse): FakeResponse {
    const version = String(req.headers['linkedin-version'] ?? '');
    if (!version || req.headers['x-restli-protocol-version'] !== '2.0.0') {
      return { status: 400, body: { status: 400, code: 'VERSION_MISSING', message: 'A version must be present. Please specify a version by adding the LinkedIn-Version header.' } };
    }
    // Versioning docs (2026-12-01): a sunset or unknown version is HTTP 426 NONEXISTENT_VERSION.
    if (!supportedLinkedInVersion(version)) {
      return { status: 426, body: { status: 426, code: 'NONEXISTENT_VERSION', message: `Requested version ${version} is not active` } };
    }
    const info = this.tokens.get(req.bearer ?? '');
    if (!info) return { status: 401, body: { status: 401, serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' } };
    if (info.state === 'revoked') return { status: 401, body: { status: 401, serviceErrorCode: 65601, code: 'REVOKED_ACCESS_TOKEN', message: 'The token used in the request has been revoked by the user' } };
    if (info.state === 'expired') return { status: 401, body: { status: 401, serviceErrorCode: 65602, code: 'EXPIRED_ACCESS_TOKEN', message: 'The token used in the request has expired' } };
    return fn(info.member);
  }

  /** Statistics and posts of an organization need an approved ADMINISTRATOR or CONTENT_ADMIN role. */
  private asAdmin(member: string, orgId: string | undefined, fn: (org: FakeLiOrg) => FakeResponse): FakeResponse {
    const org = orgId ? this.orgs.get(orgId) : undefined;
    const allowed = this.aclsOf(member).some((a) => a.orgId === orgId && STATS_ROLES.has(a.role) && (a.state ?? 'APPROVED') === 'APPROVED');
    return org && allowed ? fn(org) : this.forbidden();
  }

  /** organizationAcls?q=roleAssignee: the member's roles, filtered by role/state, paged by start/count. */
  private acls(req: FakeRequest, member: string): FakeResponse {
    if (req.query.get('q') !== 'roleAssignee') return this.badParam();
    const role = req.query.get('role');
    const state = req.query.get('state');
    const all = this.aclsOf(member).filter((a) => (!role || a.role === role) && (!state || (a.state ?? 'APPROVED') === state));
    const start = Number(req.query.get('start') ?? 0);
    const count = Number(req.query.get('count') ?? 10);
    return {
      body: {
        elements: all.slice(start, start + count).map((a) => ({ roleAssignee: `urn:li:person:${member}`, state: a.state ?? 'APPROVED', role: a.role, organization: `urn:li:organization:${a.orgId}` })),
        paging: { count, start, total: all.length, links: [] },
      },
    };
  }

  /** timeIntervals must arrive as a literal Rest.li object. */
  private interval(req: FakeRequest): { start: number; end: number } | 'bad' | undefined {
    if (/timeIntervals=%28/i.test(req.rawQuery)) return 'bad';
    const m = /timeIntervals=\(timeRange:\(start:(\d+),end:(\d+)\),timeGranularityType:DAY\)/.exec(req.rawQuery);
    return m ? { start: Number(m[1]), end: Number(m[2]) } : req.rawQuery.includes('timeIntervals') ? 'bad' : undefined;
  }

  private badParam(): FakeResponse {
    return { status: 400, body: { status: 400, code: 'ILLEGAL_ARGUMENT', message: 'Invalid param. Please check your request.' } };
  }

  /** Share/follower statistics docs (2026-12-01): time-bound data only for the last 12 months. */
  private outsideWindow(iv: { start: number }): boolean {
    const yearAgo = new Date();
    yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
    return iv.start < yearAgo.getTime();
  }

  private tooOld(): FakeResponse {
    return { status: 400, body: { status: 400, code: 'ILLEGAL_ARGUMENT', message: 'timeRange.start must be within the last 12 months' } };
  }

  private shareStats(req: FakeRequest, org: FakeLiOrg): FakeResponse {
    const iv = this.interval(req);
    if (iv === 'bad') return this.badParam();
    if (iv && this.outsideWindow(iv)) return this.tooOld();
    if (iv) {
      const elements = [];
      for (let t = utcDay(iv.start).getTime(); t < iv.end; t += DAY_MS) {
        elements.push({ organizationalEntity: `urn:li:organization:${org.id}`, timeRange: { start: t, end: t + DAY_MS }, totalShareStatistics: this.dayShares(org.id, new Date(t)) });
      }
      return { body: { paging: { count: 10, start: 0, links: [] }, elements } };
    }
    const lists = [...req.rawQuery.matchAll(/(shares|ugcPosts)=List\(([^)]*)\)/g)];
    const ids = lists.flatMap((m) => m[2]!.split(',').map(decodeURIComponent));
    const elements = org.posts
      .filter((p) => ids.includes(p.id))
      .map((p) => ({
        organizationalEntity: `urn:li:organization:${org.id}`,
        ...(p.id.startsWith('urn:li:share:') ? { share: p.id } : { ugcPost: p.id }),
        totalShareStatistics: { impressionCount: p.impressions, uniqueImpressionsCount: p.unique, likeCount: p.likes, commentCount: p.comments, shareCount: p.shares, clickCount: 5, engagement: 0.05 },
      }));
    return { body: { paging: { count: 10, start: 0, links: [] }, elements } };
  }

  private followerStats(req: FakeRequest, org: FakeLiOrg): FakeResponse {
    const iv = this.interval(req);
    if (iv === 'bad' || !iv) return this.badParam();
    if (this.outsideWindow(iv)) return this.tooOld();
    const elements = [];
    for (let t = utcDay(iv.start).getTime(); t < iv.end; t += DAY_MS) {
      elements.push({ organizationalEntity: `urn:li:organization:${org.id}`, timeRange: { start: t, end: t + DAY_MS }, followerGains: { organicFollowerGain: this.gain(new Date(t)) - 1, paidFollowerGain: 1 } });
    }
    return { body: { paging: { count: 10, start: 0, links: [] }, elements } };
  }

  private posts(req: FakeRequest, org: FakeLiOrg): FakeResponse {
    if (req.query.get('q') !== 'author') return this.badParam();
    const start = Number(req.query.get('start') ?? 0);
    const count = Number(req.query.get('count') ?? 10);
    const page = org.posts.slice(start, start + count);
    return {
      body: {
        paging: { start, count, total: org.posts.length, links: [] },
        elements: page.map((p) => ({
          id: p.id,
          author: `urn:li:organization:${org.id}`,
          commentary: p.commentary,
          visibility: 'PUBLIC',
          lifecycleState: 'PUBLISHED',
          createdAt: p.publishedAt - 60_000,
          publishedAt: p.publishedAt,
          lastModifiedAt: p.publishedAt,
          ...(p.media === 'multi'
            ? { content: { multiImage: { images: [{ id: 'urn:li:image:1' }, { id: 'urn:li:image:2' }] } } }
            : p.media
              ? { content: { media: { id: `urn:li:${p.media}:C4D${p.id.slice(-4)}` } } }
              : {}),
        })),
      },
    };
  }
}

function orgOf(urn: string | null | undefined): string | undefined {
  const m = /^urn:li:organization:(\d+)$/.exec(urn ?? '');
  return m?.[1];
}
