import type { PlatformType } from '@soash/shared';
import { DAY_MS, eachDay, sourcesFor } from '../common.js';
import { permanentError } from '../errors.js';
import type {
  AccountAccess,
  AccountDay,
  AccountProfile,
  DayRange,
  ExchangeResult,
  ListPostsInput,
  PostCounters,
  PostPage,
  PostRecord,
  Provider,
  RefreshPolicy,
  TokenSet,
} from '../types.js';
import { accountDay, postById, postCountersAt, postsOnDay, sandboxAccount, type SandboxAccount, type SandboxOptions, type SandboxPost } from './generator.js';

export const SANDBOX_API_VERSION = 'sandbox-1';

/** Soash field → the sandbox's own metric name (recorded as provenance like any platform's). */
const DAY_METRICS: Array<[string, string]> = [
  ['followers', 'sandbox.followers'],
  ['following', 'sandbox.following'],
  ['posts', 'sandbox.posts'],
  ['engagement', 'sandbox.engagement'],
  ['impressions', 'sandbox.impressions'],
  ['reach', 'sandbox.reach'],
  ['profileViews', 'sandbox.profile_views'],
  ['demographics', 'sandbox.audience'],
];

const PAGE_SIZE = 50;

/**
 * The built-in provider behind sandbox accounts: no credentials, no network, deterministic data
 * (see generator.ts). It implements the same interface as the real adapters, so sandbox accounts
 * go through the very same jobs, upserts and progress reporting.
 */
export class SandboxProvider implements Provider {
  readonly sandbox = true;
  readonly label: string;
  readonly apiVersion = SANDBOX_API_VERSION;
  readonly scopes = [];
  readonly pkce = false;
  readonly maxConcurrentPulls = null;
  readonly accountMetricsChunkDays = 31;
  readonly postsPageSize = PAGE_SIZE;
  readonly countersInListing = false;
  readonly historicalPostMetrics = true;
  readonly configVariables = [];

  constructor(
    readonly type: PlatformType,
    private readonly opts: SandboxOptions & { now?: () => number } = {},
  ) {
    this.label = `Sandbox ${type}`;
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** One account object per account and provider, so generated posts are reused (generator.ts#postsOnDay). */
  private readonly accounts = new Map<string, SandboxAccount>();

  private account(access: AccountAccess): SandboxAccount {
    let acc = this.accounts.get(access.platformUserId);
    if (!acc) this.accounts.set(access.platformUserId, (acc = sandboxAccount(access.platformUserId, this.type, this.opts)));
    return acc;
  }

  isConfigured(): boolean {
    return true;
  }

  buildAuthorizeUrl(): string {
    throw permanentError(this.label, 'sandbox accounts connect without OAuth');
  }

  exchangeCode(): Promise<ExchangeResult> {
    return Promise.reject(permanentError(this.label, 'sandbox accounts connect without OAuth'));
  }

  refreshPolicy(): RefreshPolicy {
    return { refreshable: false };
  }

  refreshToken(): Promise<TokenSet> {
    return Promise.reject(permanentError(this.label, 'sandbox accounts have no tokens'));
  }

  async fetchProfile(access: AccountAccess): Promise<AccountProfile> {
    const acc = this.account(access);
    const now = this.now();
    const day = accountDay(acc, Math.floor(now / DAY_MS), now);
    return {
      platformUserId: access.platformUserId,
      username: acc.username,
      displayName: acc.displayName,
      followerCount: day.followers,
      followingCount: day.following,
      sources: sourcesFor(this.apiVersion, new Date(now), [
        ['followers', 'sandbox.followers'],
        ['following', 'sandbox.following'],
      ]),
    };
  }

  async fetchAccountMetrics(access: AccountAccess, range: DayRange): Promise<AccountDay[]> {
    const acc = this.account(access);
    const now = this.now();
    const fetchedAt = new Date(now);
    const sources = sourcesFor(this.apiVersion, fetchedAt, DAY_METRICS);
    return eachDay(range)
      .filter((d) => d.getTime() <= now)
      .map((date) => {
        const m = accountDay(acc, date.getTime() / DAY_MS, now);
        return { date, ...m, sources: m.reach === null ? sources.filter((s) => s.field !== 'reach') : sources };
      });
  }

  async listPosts(access: AccountAccess, input: ListPostsInput): Promise<PostPage> {
    const acc = this.account(access);
    const now = this.now();
    const sinceDay = Math.floor(input.since.getTime() / DAY_MS);
    // Cursor "<day>:<n>": continue at day <day>, skipping its <n> newest posts.
    const [cursorDay, cursorSkip] = input.cursor ? input.cursor.split(':').map(Number) : [Math.floor(now / DAY_MS), 0];
    const out: SandboxPost[] = [];
    let day = cursorDay!;
    let skip = cursorSkip ?? 0;
    for (; day >= sinceDay; day--, skip = 0) {
      const posts = postsOnDay(acc, day)
        .filter((p) => p.publishedAt.getTime() <= now && p.publishedAt >= input.since)
        .reverse();
      const rest = posts.slice(skip);
      const room = PAGE_SIZE - out.length;
      if (rest.length > room) {
        out.push(...rest.slice(0, room));
        return { posts: out.map((p) => this.toRecord(p)), nextCursor: `${day}:${skip + room}` };
      }
      out.push(...rest);
      if (out.length === PAGE_SIZE) {
        return { posts: out.map((p) => this.toRecord(p)), nextCursor: day - 1 >= sinceDay ? `${day - 1}:0` : undefined };
      }
    }
    return { posts: out.map((p) => this.toRecord(p)) };
  }

  private toRecord(p: SandboxPost): PostRecord {
    return {
      externalId: p.externalId,
      type: p.type,
      content: p.caption,
      mediaUrls: [`https://example.com/sandbox/${this.type}/${p.externalId}.jpg`],
      permalink: `https://example.com/sandbox/${this.type}/p/${p.externalId}`,
      publishedAt: p.publishedAt,
      hashtags: p.hashtags,
    };
  }

  private counters(access: AccountAccess, externalId: string, atMs: number): PostCounters | undefined {
    const acc = this.account(access);
    const post = postById(acc, externalId);
    return post ? this.countersOf(acc, post, atMs) : undefined;
  }

  private countersOf(acc: SandboxAccount, post: SandboxPost, atMs: number): PostCounters {
    const engagement = postCountersAt(acc, post, atMs);
    const fetchedAt = new Date(Math.min(atMs, this.now()));
    const fields = Object.entries(engagement).filter(([, v]) => v !== null);
    return { engagement, sources: sourcesFor(this.apiVersion, fetchedAt, fields.map(([k]) => [`engagement.${k}`, `sandbox.${k}`])) };
  }

  async fetchPostMetrics(access: AccountAccess, posts: PostRecord[]): Promise<Map<string, PostCounters>> {
    const now = this.now();
    const out = new Map<string, PostCounters>();
    for (const p of posts) {
      const c = this.counters(access, p.externalId, now);
      if (c) out.set(p.externalId, c);
    }
    return out;
  }

  postMetricsOnDays(access: AccountAccess, post: PostRecord, days: Date[]): Map<number, PostCounters> {
    const now = this.now();
    const acc = this.account(access);
    const generated = postById(acc, post.externalId);
    const out = new Map<number, PostCounters>();
    if (!generated) return out;
    for (const day of days) out.set(day.getTime(), this.countersOf(acc, generated, Math.min(day.getTime() + DAY_MS, now)));
    return out;
  }
}
