import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { createTeam, type Team } from '../../workspaces/__tests__/team-fixtures.js';
import { ContentCategoryModel } from '../../categories/category.model.js';
import { UserModel } from '../../users/user.model.js';
import { wsFirst } from '../../../../test/helpers/ws.js';

/**
 * Cost-based rate limits, with API_POINTS_SCALE=0.002: on the free plan an API key's bucket holds
 * 20 points and refills 0.2 points a second (a signed-in user's twice that), so a few requests
 * empty it and it does not refill during a test.
 * Two servers on the one database stand for two API processes.
 */
let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  a = await startTestServer({ API_POINTS_SCALE: '0.002' });
  b = await startTestServer({ API_POINTS_SCALE: '0.002' });
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const TEN_PLATFORMS = '{ platforms { id } }';

async function keyFor(team: Team, scopes: string[]): Promise<string> {
  const res = await a.gql('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', { i: { name: 'rl', scopes } }, team.owner.token, { 'x-workspace-id': team.workspaceId });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.createApiKey.secret as string;
}

async function raw(server: TestServer, query: string, token: string) {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: any } };
}

async function teamWithTenPlatforms(): Promise<{ team: Team; key: string }> {
  const team = await createTeam();
  for (let i = 0; i < 10; i++) await createPlatform(team.workspace._id);
  return { team, key: await keyFor(team, ['PLATFORMS_READ', 'CATEGORIES_WRITE', 'POSTS_READ']) };
}

describe('rate limits: successful cases', () => {
  it('every response carries extensions.cost and X-RateLimit-* headers; the unused part of the charge is refunded', async () => {
    const team = await createTeam();
    await createPlatform(team.workspace._id);
    const key = await keyFor(team, ['PLATFORMS_READ']);
    const res = await raw(a, TEN_PLATFORMS, key);
    expect(res.body.errors).toBeUndefined();
    // A list without a page size is priced at 10 items; one came back.
    expect(res.body.extensions.cost).toEqual({ requested: 10, actual: 1, throttle: { max: 20, remaining: 19, restoreRate: 0.2 } });
    expect(res.headers.get('x-ratelimit-limit')).toBe('20');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('19');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(reset * 1000).toBeLessThan(Date.now() + 10_000);
  });

  it('rateLimit tells the budget after this request\'s charge', async () => {
    const team = await createTeam();
    const key = await keyFor(team, ['PLATFORMS_READ']);
    const res = await raw(a, '{ rateLimit { max remaining restoreRate resetAt cost } }', key);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.rateLimit).toMatchObject({ max: 20, restoreRate: 0.2, cost: 1 });
    expect(res.body.data.rateLimit.remaining).toBe(19);
  });

  it('a key and its creator\'s session have separate buckets', async () => {
    const { team, key } = await teamWithTenPlatforms();
    expect((await raw(a, TEN_PLATFORMS, key)).status).toBe(200);
    expect((await raw(a, TEN_PLATFORMS, key)).status).toBe(200);
    expect((await raw(a, TEN_PLATFORMS, key)).status).toBe(429);
    const session = await a.gql(TEN_PLATFORMS, {}, team.owner.token, { 'x-workspace-id': team.workspaceId });
    expect(session.status).toBe(200);
  });

  it('API keys and signed-in users have buckets of their own sizes, by the workspace owner\'s plan (TIER_LIMITS)', async () => {
    const team = await createTeam();
    const key = await keyFor(team, ['PLATFORMS_READ']);
    const asKey = await raw(a, TEN_PLATFORMS, key);
    const asSession = await a.gql(TEN_PLATFORMS, {}, team.owner.token, { 'x-workspace-id': team.workspaceId });
    // Free plan × 0.002: apiPoints 10000/100 → 20/0.2, sessionPoints 20000/200 → 40/0.4.
    expect(asKey.body.extensions.cost.throttle).toMatchObject({ max: 20, restoreRate: 0.2 });
    expect((asSession.body as { extensions?: any }).extensions.cost.throttle).toMatchObject({ max: 40, restoreRate: 0.4 });
    await UserModel.updateOne({ _id: team.owner.user._id }, { $set: { subscriptionTier: 'pro' } });
    // Pro × 0.002: apiPoints 25000/250 → 50/0.5, sessionPoints 50000/500 → 100/1.
    expect((await raw(a, '{ rateLimit { max restoreRate } }', key)).body.data.rateLimit).toEqual({ max: 50, restoreRate: 0.5 });
    const proSession = await a.gql('{ rateLimit { max restoreRate } }', {}, team.owner.token, { 'x-workspace-id': team.workspaceId });
    expect(proSession.body.data!.rateLimit).toEqual({ max: 100, restoreRate: 1 });
    // An editor's session draws on the owner's plan, in a bucket of its own.
    const editor = await a.gql('{ rateLimit { max remaining } }', {}, team.editor.token, { 'x-workspace-id': team.workspaceId });
    expect(editor.body.data!.rateLimit).toEqual({ max: 100, remaining: 99 });
  });

  it('rateLimit over graphql-ws answers the caller\'s budget after that operation\'s charge, from the same bucket as HTTP', async () => {
    const { key } = await teamWithTenPlatforms();
    expect((await raw(a, TEN_PLATFORMS, key)).body.extensions.cost.throttle.remaining).toBe(10);
    const answer = await wsFirst(b, key, '{ rateLimit { max remaining restoreRate resetAt cost } }');
    expect(answer.type).toBe('next');
    expect(answer.payload.errors).toBeUndefined();
    expect(answer.payload.data.rateLimit).toMatchObject({ max: 20, remaining: 9, restoreRate: 0.2, cost: 1 });
    expect(Date.parse(answer.payload.data.rateLimit.resetAt)).toBeGreaterThan(Date.now());
    // What the socket spent, HTTP sees.
    expect((await raw(a, '{ rateLimit { remaining } }', key)).body.data.rateLimit.remaining).toBe(8);
  });
});

const PointBuckets = () => mongoose.connection.db!.collection('api_point_buckets');

/**
 * The bucket commands (api_point_buckets) a request sends, in order; `atLeast`: also those sent
 * just after its response (a refund is written without holding the response for it).
 */
async function bucketCommands(fn: () => Promise<unknown>, atLeast = 0): Promise<string[]> {
  const client = mongoose.connection.getClient();
  const seen: string[] = [];
  const mine = new Set<number>();
  let done = 0;
  const listener = (ev: { commandName: string; command: Record<string, unknown>; requestId: number }) => {
    if (ev.command?.[ev.commandName] !== 'api_point_buckets') return;
    seen.push(ev.commandName);
    mine.add(ev.requestId);
  };
  const finished = (ev: { requestId: number }) => {
    if (mine.has(ev.requestId)) done++;
  };
  client.on('commandStarted', listener);
  client.on('commandSucceeded', finished);
  try {
    await fn();
    // Until those sent after the response are done too.
    for (let i = 0; (done < atLeast || done < seen.length) && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
  } finally {
    client.off('commandStarted', listener);
    client.off('commandSucceeded', finished);
  }
  return seen;
}

describe('rate limits: bucket commands per request', () => {
  it('an idle bucket is charged in one write, a busy one by the conditional $inc; nothing is read back when nothing is refunded', async () => {
    const team = await createTeam();
    await createPlatform(team.workspace._id);
    const key = await keyFor(team, ['PLATFORMS_READ']);
    const before = new Set((await PointBuckets().find({}, { projection: { _id: 1 } }).toArray()).map((b) => String(b._id)));
    // A new key: its bucket is idle (full). rateLimit costs 1 and is charged 1: no refund.
    expect(await bucketCommands(() => raw(a, '{ rateLimit { remaining } }', key))).toEqual(['update']);
    const bucketId = (await PointBuckets().find({}, { projection: { _id: 1 } }).toArray()).map((b) => String(b._id)).find((id) => !before.has(id))!;
    expect(bucketId).toMatch(/^key:/);
    // 0.2 points a second: the bucket is now busy, and this process knows it: the $inc straight
    // away. Charged 10, answered 1: 9 refunded (written without holding the response).
    const busy = await bucketCommands(async () => expect((await raw(a, TEN_PLATFORMS, key)).body.extensions.cost.throttle.remaining).toBe(18), 2);
    expect(busy).toEqual(['findAndModify', 'findAndModify']);
    // The refund is in the stored bucket: the next request sees 18 before its own charge.
    expect((await raw(a, '{ rateLimit { remaining } }', key)).body.data.rateLimit.remaining).toBe(17);
    // The bucket went idle behind this process's back (another process, or time): the $inc finds
    // it not busy and refuses; the idle write then charges it, full again.
    await PointBuckets().updateOne({ _id: bucketId as never }, { $set: { tat: Date.now() - 60_000 } });
    expect(await bucketCommands(() => raw(a, '{ rateLimit { remaining } }', key))).toEqual(['findAndModify', 'update']);
    expect((await raw(a, '{ rateLimit { remaining } }', key)).body.data.rateLimit.remaining).toBe(18);
  });
});

describe('rate limits: failing cases', () => {
  it('over the limit: HTTP 429, RATE_LIMITED with retryAfterSeconds and Retry-After, and nothing runs', async () => {
    const { team, key } = await teamWithTenPlatforms();
    expect((await raw(a, TEN_PLATFORMS, key)).body.extensions.cost.throttle.remaining).toBe(10);
    expect((await raw(a, TEN_PLATFORMS, key)).body.extensions.cost.throttle.remaining).toBe(0);
    const refused = await raw(a, 'mutation { createCategory(input: { name: "Never", colorCode: "#112233" }) { id } }', key);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(retry);
    expect(refused.body.extensions.cost).toMatchObject({ requested: 1, actual: 0, throttle: { max: 20, remaining: 0 } });
    expect(await ContentCategoryModel.countDocuments({ workspaceId: team.workspace._id })).toBe(0);
  });

  it('two API processes share one bucket: what one spent, the other refuses', async () => {
    const { key } = await teamWithTenPlatforms();
    expect((await raw(a, TEN_PLATFORMS, key)).status).toBe(200);
    expect((await raw(b, TEN_PLATFORMS, key)).status).toBe(200);
    const third = await raw(b, TEN_PLATFORMS, key);
    expect(third.status).toBe(429);
    expect((await raw(a, TEN_PLATFORMS, key)).status).toBe(429);
  });

  it('concurrent requests on both processes never spend more than the bucket holds', async () => {
    const { key } = await teamWithTenPlatforms();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => raw(i % 2 ? a : b, TEN_PLATFORMS, key)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(results.filter((r) => r.status === 429)).toHaveLength(10);
  });

  it('over graphql-ws the same bucket pays: operations are charged before they run and refused when it is empty', async () => {
    const { key } = await teamWithTenPlatforms();
    expect((await raw(a, TEN_PLATFORMS, key)).status).toBe(200);
    const first = await wsFirst(b, key, TEN_PLATFORMS);
    expect(first.payload).toMatchObject({ data: { platforms: expect.any(Array) } });
    const refused = await wsFirst(b, key, TEN_PLATFORMS);
    expect(refused.type).toBe('error');
    expect(refused.payload[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
  });

  it('an operation costing more than the bucket holds is LIMIT_EXCEEDED naming the bucket size', async () => {
    const { user, token } = await createUser();
    void user;
    const res = await a.gql('{ overview(input: { range: { from: "2026-01-01", to: "2026-01-31" } }) { posts { value } } }', {}, token);
    // A signed-in user's bucket: the free plan's sessionPoints (20000 × 0.002).
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 40 });
  });
});

