import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SoashClient, SoashError } from '../src/client.js';
import { graphql } from '../src/gql/index.js';
import { allPosts, readOverview, readRateLimit, type Post } from '../src/partner.js';
import { startReceiver, type VerifiedEvent } from '../src/webhooks.js';
import { createKey, signIn, untilSynced } from './admin.js';

/**
 * The example partner app against a live Soash: an admin of the demo workspace creates a key, then
 * the partner, holding only that key, reads the overview, pages through every post and reads its
 * rate-limit budget.
 */
const endpoint = `${inject('soashUrl')}/graphql`;
let partner: SoashClient;
let totalPosts = 0;
let keyPrefix = '';

const PlatformsDocument = graphql(`
  query PartnerPlatforms {
    platforms {
      id
    }
  }
`);

beforeAll(async () => {
  const admin = await signIn(endpoint, 'demo@soash.app', 'demo-password');
  totalPosts = await untilSynced(admin);
  const created = await createKey(admin, 'Example partner app', ['ANALYTICS_READ', 'POSTS_READ']);
  expect(created.secret).toMatch(/^soash_[0-9A-Za-z]{10}_[0-9A-Za-z]{38}$/);
  expect(created.apiKey.status).toBe('ACTIVE');
  keyPrefix = created.apiKey.prefix;
  partner = new SoashClient({ endpoint, token: created.secret });
});

describe('the partner app with an API key: successful cases', () => {
  it('reads the overview of the last 30 days', async () => {
    const overview = await readOverview(partner, 30);
    expect(overview.range.to).toBe(new Date().toISOString().slice(0, 10));
    expect(overview.posts.value).toBeGreaterThan(0);
    expect(overview.engagements.value).toBeGreaterThan(0);
    expect(overview.followers.value).toBeGreaterThan(0);
  });

  it('pages through every post with cursors: none repeated, none skipped, newest first', async () => {
    const pages: Post[][] = [];
    for await (const page of allPosts(partner, { pageSize: 40 })) pages.push(page);
    const posts = pages.flat();
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBe(Math.ceil(totalPosts / 40));
    expect(pages.slice(0, -1).every((p) => p.length === 40)).toBe(true);
    expect(posts).toHaveLength(totalPosts);
    expect(new Set(posts.map((p) => p.id)).size).toBe(totalPosts);
    const times = posts.map((p) => Date.parse(p.publishedAt as string));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(posts.map((p) => p.platform.type)).size).toBe(3);
  });

  it('reads its own budget, which the key spends apart from the signed-in admin', async () => {
    const first = await partner.request(graphql(`query PartnerBudgetProbe { rateLimit { remaining max } }`));
    expect(first.cost?.throttle.max).toBe(first.data.rateLimit.max);
    expect(first.rateLimit.limit).toBe(first.data.rateLimit.max);
    const budget = await readRateLimit(partner);
    expect(budget.cost).toBe(1);
    expect(budget.max).toBeGreaterThan(0);
    expect(budget.remaining).toBeLessThan(budget.max);
    expect(budget.restoreRate).toBeGreaterThan(0);
    expect(Date.parse(budget.resetAt as string)).toBeGreaterThan(Date.now() - 5_000);
  });
});

describe('the partner app with an API key: failing cases', () => {
  it('is refused what its scopes do not cover, with the missing scope named', async () => {
    const err = await partner.request(PlatformsDocument).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoashError);
    expect((err as SoashError).code).toBe('FORBIDDEN');
    expect((err as SoashError).errors[0]?.extensions?.scope).toBe('platforms:read');
  });

  it('a mistyped key is UNAUTHENTICATED before anything is read', async () => {
    const wrong = new SoashClient({ endpoint, token: `${keyPrefix}${'x'.repeat(38)}` });
    const err = await readOverview(wrong).catch((e: unknown) => e);
    expect((err as SoashError).code).toBe('UNAUTHENTICATED');
  });
});

const CreateEndpointDocument = graphql(`
  mutation PartnerCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
        url
        events
      }
    }
  }
`);

const SyncDocument = graphql(`
  mutation PartnerSyncPlatform($id: ID!) {
    syncPlatform(id: $id) {
      id
    }
  }
`);

describe('the partner app with an API key: webhooks', () => {
  it('registers its receiver, triggers a sync and receives a signed sync.completed', async () => {
    const admin = await signIn(endpoint, 'demo@soash.app', 'demo-password');
    const created = await createKey(admin, 'Example partner webhooks', ['PLATFORMS_READ', 'PLATFORMS_WRITE', 'WEBHOOKS_WRITE']);
    const hooks = new SoashClient({ endpoint, token: created.secret });
    const events: VerifiedEvent[] = [];
    let secret = '';
    // The receiver verifies every delivery with the Standard Webhooks library before it is counted.
    const receiver = await startReceiver({ secret: () => secret, onEvent: (e) => void events.push(e) });
    try {
      const { data } = await hooks.request(CreateEndpointDocument, { input: { url: receiver.url, events: ['SYNC_COMPLETED'], description: 'Example partner app' } });
      secret = data.createWebhookEndpoint.secret;
      expect(secret).toMatch(/^whsec_/);
      expect(data.createWebhookEndpoint.endpoint.events).toEqual(['SYNC_COMPLETED']);
      const platforms = (await hooks.request(PlatformsDocument)).data.platforms;
      expect(platforms.length).toBeGreaterThan(0);
      const job = (await hooks.request(SyncDocument, { id: platforms[0]!.id })).data.syncPlatform;
      await expect.poll(() => events.find((e) => e.type === 'sync.completed' && (e.data as { systemJobId?: string }).systemJobId === job.id), { timeout: 60_000, interval: 250 }).toBeTruthy();
      const event = events.find((e) => (e.data as { systemJobId?: string }).systemJobId === job.id)!;
      expect(event.id).toMatch(/^msg_/);
      expect((event.data as { platformId?: string }).platformId).toBe(platforms[0]!.id);
      expect(receiver.rejected()).toBe(0);
    } finally {
      await receiver.close();
    }
  });
});
