import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCommands } from '../../../../test/helpers/commands.js';
import { createActivity, createPlatform, createUser as createFixtureUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { ContentCategoryModel } from '../../categories/category.model.js';
import { ActivityMetricModel } from '../activity-metric.model.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

// These tests use fixed dates in January 2026: on an unlimited plan, so the plan's history limit
// (tested in the subscriptions suite) stays out of the way.
const createUser = (overrides: Parameters<typeof createFixtureUser>[0] = {}) => createFixtureUser({ subscriptionTier: 'enterprise', ...overrides });

const errorOf = (body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => body.errors?.[0];
const day = (d: number, h = 12) => new Date(Date.UTC(2026, 0, d, h));

const LIST = `query($filter: ActivityFilter, $sort: ActivitySort, $first: Int, $after: String) {
  activities(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Page = { totalCount: number; edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

async function list(token: string, vars: Record<string, unknown>): Promise<Page> {
  const { body } = await server.gql<{ activities: Page }>(LIST, vars, token);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!.activities;
}

async function listIds(token: string, vars: Record<string, unknown>): Promise<string[]> {
  return (await list(token, { first: 100, ...vars })).edges.map((e) => e.node.id);
}

/** Every page of a list, `first` at a time. */
async function walk(token: string, vars: Record<string, unknown>, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: Page = await list(token, { ...vars, first, after });
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

type Doc = { _id: Types.ObjectId } & Record<string, any>;
const get = (doc: Doc, path: string) => path.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), doc) ?? null;

/** What MongoDB does: null/missing lowest, ties broken by _id in the same direction. */
function expectedOrder(docs: Doc[], path: string, dir: 1 | -1): string[] {
  const val = (d: Doc) => {
    const v = get(d, path);
    return v instanceof Date ? v.getTime() : v;
  };
  return [...docs]
    .sort((a, b) => {
      const va = val(a);
      const vb = val(b);
      if (va !== vb) {
        if (va === null) return -dir;
        if (vb === null) return dir;
        return va < vb ? -dir : dir;
      }
      return a._id.toHexString() < b._id.toHexString() ? -dir : dir;
    })
    .map((d) => d._id.toHexString());
}

describe('activities: successful cases', () => {
  it('lists only the viewer’s posts, newest first, with platform, categories and metric history', async () => {
    const a = await createUser();
    const b = await createUser();
    const pa = await createPlatform(a.user._id);
    const pb = await createPlatform(b.user._id);
    const cat = await ContentCategoryModel.create({ workspaceId: a.user._id, name: 'Launch', nameKey: 'launch', colorCode: '#ff0000' });
    const older = await createActivity(a.user._id, pa._id, { publishedAt: day(1), categoryIds: [cat._id] });
    const newer = await createActivity(a.user._id, pa._id, { publishedAt: day(2) });
    await createActivity(b.user._id, pb._id, { publishedAt: day(3) });
    await ActivityMetricModel.create([
      { activityId: older._id, platformId: pa._id, workspaceId: a.user._id, date: day(3, 0), engagement: { likes: 9, total: 9 } },
      { activityId: older._id, platformId: pa._id, workspaceId: a.user._id, date: day(1, 0), engagement: { likes: 1, total: 1 } },
      { activityId: older._id, platformId: pa._id, workspaceId: a.user._id, date: day(2, 0), engagement: { likes: 5, total: 5 } },
    ]);

    const { body } = await server.gql(
      `{ activities { totalCount edges { node { id platform { id } categories { id name colorCode } metrics { date engagement { likes } } } } } }`,
      {},
      a.token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.activities.totalCount).toBe(2);
    const nodes = body.data!.activities.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toEqual([
      { id: newer._id.toHexString(), platform: { id: pa._id.toHexString() }, categories: [], metrics: [] },
      {
        id: older._id.toHexString(),
        platform: { id: pa._id.toHexString() },
        categories: [{ id: cat._id.toHexString(), name: 'Launch', colorCode: '#ff0000' }],
        metrics: [1, 2, 3].map((d, i) => ({ date: day(d, 0).toISOString(), engagement: { likes: [1, 5, 9][i] } })),
      },
    ]);

    const one = await server.gql(
      'query($id: ID!, $from: DateTime, $to: DateTime) { activity(id: $id) { id metrics(from: $from, to: $to) { date } } }',
      { id: older._id.toHexString(), from: day(2, 0).toISOString(), to: day(3, 0).toISOString() },
      a.token,
    );
    expect(one.body.data!.activity).toEqual({ id: older._id.toHexString(), metrics: [{ date: day(2, 0).toISOString() }, { date: day(3, 0).toISOString() }] });
  });

  it('filters by platform, type, date range, hashtag, category and caption text', async () => {
    const { user, token } = await createUser();
    const p1 = await createPlatform(user._id);
    const p2 = await createPlatform(user._id, { type: 'tiktok' });
    const cat = await ContentCategoryModel.create({ workspaceId: user._id, name: 'Promo', nameKey: 'promo', colorCode: '#00ff00' });
    const reel = await createActivity(user._id, p1._id, { type: 'reel', publishedAt: day(5), hashtags: ['launch', 'summer'], content: 'Summer SALE: 50% (off)!' });
    const image = await createActivity(user._id, p1._id, { type: 'image', publishedAt: day(10), hashtags: ['launch'], categoryIds: [cat._id], content: 'new photo' });
    const video = await createActivity(user._id, p2._id, { type: 'video', publishedAt: day(15), content: 'behind the scenes' });
    const id = (d: Doc) => d._id.toHexString();

    expect(await listIds(token, { filter: { platformIds: [p2._id.toHexString()] } })).toEqual([id(video)]);
    expect(await listIds(token, { filter: { platformIds: [p1._id.toHexString(), p2._id.toHexString()] } })).toHaveLength(3);
    expect(await listIds(token, { filter: { types: ['REEL', 'VIDEO'] } })).toEqual([id(video), id(reel)]);
    expect(await listIds(token, { filter: { from: day(5).toISOString(), to: day(10).toISOString() } })).toEqual([id(image), id(reel)]);
    expect(await listIds(token, { filter: { from: day(6).toISOString() } })).toEqual([id(video), id(image)]);
    expect(await listIds(token, { filter: { hashtag: '#LAUNCH' } })).toEqual([id(image), id(reel)]);
    expect(await listIds(token, { filter: { categoryId: cat._id.toHexString() } })).toEqual([id(image)]);
    // Case-insensitive substring; regex characters are literal.
    expect(await listIds(token, { filter: { search: 'sale: 50% (OFF)' } })).toEqual([id(reel)]);
    expect(await listIds(token, { filter: { search: '.*' } })).toEqual([]);
    expect(await listIds(token, { filter: { search: 'PHOTO', types: ['IMAGE'], hashtag: 'launch' } })).toEqual([id(image)]);
  });

  it("filters by hour and weekday of the viewer's timezone (the posts behind a posting-time finding), across DST", async () => {
    const { user, token } = await createUser();
    await WorkspaceModel.updateOne({ _id: user._id }, { $set: { timezone: 'Europe/Berlin' } });
    const p = await createPlatform(user._id);
    const at = (iso: string) => createActivity(user._id, p._id, { publishedAt: new Date(iso) });
    // Berlin is UTC+1 in winter, UTC+2 in summer: all three are at 18:xx local time.
    const monWinter = await at('2026-01-05T17:30:00Z'); // Monday 18:30
    const tueWinter = await at('2026-01-06T17:05:00Z'); // Tuesday 18:05
    const monSummer = await at('2026-06-01T16:45:00Z'); // Monday 18:45
    const monMorning = await at('2026-01-05T08:00:00Z'); // Monday 09:00
    const monEvening = await at('2026-01-05T18:00:00Z'); // Monday 19:00 (UTC 18:00: not the local 18:00 hour)
    await createActivity(user._id, p._id, { publishedAt: undefined });
    const ids = (...docs: Doc[]) => docs.map((d) => d._id.toHexString()).sort();
    const got = async (filter: Record<string, unknown>) => (await listIds(token, { filter })).sort();
    expect(await got({ hours: [18] })).toEqual(ids(monWinter, tueWinter, monSummer));
    expect(await got({ weekdays: [1] })).toEqual(ids(monWinter, monSummer, monMorning, monEvening));
    expect(await got({ hours: [18], weekdays: [1] })).toEqual(ids(monWinter, monSummer));
    expect(await got({ hours: [9, 18], weekdays: [1], from: '2026-01-01T00:00:00Z', to: '2026-01-31T23:59:59Z' })).toEqual(ids(monWinter, monMorning));
    expect((await list(token, { filter: { hours: [18], weekdays: [2] }, first: 1 })).totalCount).toBe(1);
  });

  it('sorts by every field in both directions, posts without a value lowest, ties by id', async () => {
    const { user, token } = await createUser();
    const p = await createPlatform(user._id);
    const docs: Doc[] = [];
    const specs = [
      { publishedAt: day(3), engagement: { likes: 10, total: 10 }, engagementRate: 0.1 },
      { publishedAt: day(1), engagement: { likes: 30, total: 30 }, engagementRate: null },
      { publishedAt: day(3), engagement: { likes: 10, total: 10 }, engagementRate: 0.3 },
      { publishedAt: undefined, engagement: { likes: 0, total: 0 }, engagementRate: undefined },
      { publishedAt: day(2), engagement: { likes: 20, total: 20 }, engagementRate: 0.1 },
      { publishedAt: undefined, engagement: { likes: 20, total: 20 }, engagementRate: null },
      { publishedAt: day(4), engagement: { likes: 5, total: 5 }, engagementRate: 0.05 },
    ];
    for (const s of specs) docs.push(await createActivity(user._id, p._id, s));

    for (const [field, path] of [
      ['PUBLISHED_AT', 'publishedAt'],
      ['ENGAGEMENT', 'engagement.total'],
      ['ENGAGEMENT_RATE', 'engagementRate'],
    ] as const) {
      for (const [direction, dir] of [['ASC', 1], ['DESC', -1]] as const) {
        const expected = expectedOrder(docs, path, dir);
        expect(await listIds(token, { sort: { field, direction } }), `${field} ${direction}`).toEqual(expected);
        // Page by page (2 at a time, so pages split ties and null runs) gives the same order.
        expect(await walk(token, { sort: { field, direction } }, 2), `${field} ${direction} paged`).toEqual(expected);
      }
    }
    // The default is newest first.
    expect(await listIds(token, {})).toEqual(expectedOrder(docs, 'publishedAt', -1));
  });

  it('cursors stay stable when posts are added between pages', async () => {
    const { user, token } = await createUser();
    const p = await createPlatform(user._id);
    const docs: Doc[] = [];
    for (let i = 0; i < 9; i++) docs.push(await createActivity(user._id, p._id, { publishedAt: day(10 + i), engagement: { likes: i % 3, total: i % 3 } }));

    const cases = [
      // [sort, a post that sorts before the first page's cursor, one that sorts after it]
      [{ field: 'PUBLISHED_AT', direction: 'DESC' }, { publishedAt: day(28) }, { publishedAt: day(1) }],
      [{ field: 'PUBLISHED_AT', direction: 'ASC' }, { publishedAt: day(1) }, { publishedAt: day(28) }],
      [{ field: 'ENGAGEMENT', direction: 'DESC' }, { engagement: { likes: 99, total: 99 } }, { engagement: { likes: 0, total: 0 } }],
    ] as const;
    for (const [sort, early, late] of cases) {
      const seen: string[] = [];
      let page = await list(token, { sort, first: 3 });
      seen.push(...page.edges.map((e) => e.node.id));
      const before = await createActivity(user._id, p._id, { publishedAt: day(20), engagement: { likes: 1, total: 1 }, ...early });
      const after = await createActivity(user._id, p._id, { publishedAt: day(20), engagement: { likes: 1, total: 1 }, ...late });
      while (page.pageInfo.hasNextPage) {
        page = await list(token, { sort, first: 3, after: page.pageInfo.endCursor });
        seen.push(...page.edges.map((e) => e.node.id));
      }
      const label = `${sort.field} ${sort.direction}`;
      expect(new Set(seen).size, `${label}: no duplicates`).toBe(seen.length);
      for (const d of docs) expect(seen, `${label}: no skips`).toContain(d._id.toHexString());
      expect(seen, label).not.toContain(before._id.toHexString());
      expect(seen.filter((id) => id === after._id.toHexString()), label).toHaveLength(1);
      docs.push(before, after);
    }
  });

  it('field resolvers are batched: 50 posts with platform and categories cost as many commands as 5', async () => {
    const run = async (n: number) => {
      const { user, token } = await createUser();
      const platforms = [await createPlatform(user._id), await createPlatform(user._id)];
      const cats = await ContentCategoryModel.create([
        { workspaceId: user._id, name: 'One', nameKey: 'one', colorCode: '#000001' },
        { workspaceId: user._id, name: 'Two', nameKey: 'two', colorCode: '#000002' },
      ]);
      for (let i = 0; i < n; i++) {
        await createActivity(user._id, platforms[i % 2]!._id, { publishedAt: day(1 + (i % 28)), categoryIds: [cats[i % 2]!._id, cats[(i + 1) % 2]!._id] });
      }
      const { result, commands } = await countCommands(() =>
        server.gql(`query($n: Int) { activities(first: $n) { edges { node { id platform { id } categories { id } } } } }`, { n }, token),
      );
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data!.activities.edges).toHaveLength(n);
      return commands;
    };
    const five = await run(5);
    const fifty = await run(50);
    expect(fifty.length).toBe(five.length);
    // posts + count + platforms + categories + the viewer's plan (history limit)
    expect(five.length).toBeLessThanOrEqual(5);
  });

  it('categories lists the viewer’s categories by name', async () => {
    const a = await createUser();
    const b = await createUser();
    await ContentCategoryModel.create([
      { workspaceId: a.user._id, name: 'beta', nameKey: 'beta', colorCode: '#000001' },
      { workspaceId: a.user._id, name: 'Alpha', nameKey: 'alpha', colorCode: '#000002' },
      { workspaceId: b.user._id, name: 'Theirs', nameKey: 'theirs', colorCode: '#000003' },
    ]);
    const { body } = await server.gql('{ categories { name colorCode } }', {}, a.token);
    expect(body.data!.categories).toEqual([
      { name: 'Alpha', colorCode: '#000002' },
      { name: 'beta', colorCode: '#000001' },
    ]);
  });
});

describe('activities: failing cases', () => {
  it('another user’s post answers like a missing one; a malformed id names the argument', async () => {
    const a = await createUser();
    const b = await createUser();
    const post = await createActivity(a.user._id, (await createPlatform(a.user._id))._id);
    const theirs = await server.gql('query($id: ID!) { activity(id: $id) { id } }', { id: post._id.toHexString() }, b.token);
    const missing = await server.gql('query($id: ID!) { activity(id: $id) { id } }', { id: new Types.ObjectId().toHexString() }, b.token);
    expect(errorOf(theirs.body)).toEqual(expect.objectContaining({ message: errorOf(missing.body)!.message, extensions: { code: 'NOT_FOUND' } }));
    expect(errorOf(missing.body)?.extensions).toEqual({ code: 'NOT_FOUND' });
    const bad = await server.gql('{ activity(id: "123") { id } }', {}, b.token);
    expect(errorOf(bad.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('filters on another user’s account or category answer NOT_FOUND; malformed ids name the field', async () => {
    const a = await createUser();
    const b = await createUser();
    const pa = await createPlatform(a.user._id);
    const pb = await createPlatform(b.user._id);
    const ca = await ContentCategoryModel.create({ workspaceId: a.user._id, name: 'A', nameKey: 'a', colorCode: '#000001' });
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ platformIds: [pa._id.toHexString()] }, { code: 'NOT_FOUND' }],
      [{ platformIds: [pb._id.toHexString(), pa._id.toHexString()] }, { code: 'NOT_FOUND' }],
      [{ platformIds: [new Types.ObjectId().toHexString()] }, { code: 'NOT_FOUND' }],
      [{ categoryId: ca._id.toHexString() }, { code: 'NOT_FOUND' }],
      [{ platformIds: ['x'] }, { code: 'BAD_USER_INPUT', field: 'platformIds' }],
      [{ categoryId: 'x' }, { code: 'BAD_USER_INPUT', field: 'categoryId' }],
      [{ from: day(5).toISOString(), to: day(4).toISOString() }, { code: 'BAD_USER_INPUT', field: 'to' }],
      [{ hashtag: '#' }, { code: 'BAD_USER_INPUT', field: 'hashtag' }],
      [{ hours: [24] }, { code: 'BAD_USER_INPUT', fields: [{ field: 'hours', messages: ['hours must be whole hours from 0 to 23'] }] }],
      [{ hours: [-1] }, { code: 'BAD_USER_INPUT', fields: [{ field: 'hours', messages: ['hours must be whole hours from 0 to 23'] }] }],
      [{ weekdays: [0] }, { code: 'BAD_USER_INPUT', fields: [{ field: 'weekdays', messages: ['weekdays must be ISO weekdays from 1 (Monday) to 7 (Sunday)'] }] }],
      [{ weekdays: [8] }, { code: 'BAD_USER_INPUT', fields: [{ field: 'weekdays', messages: ['weekdays must be ISO weekdays from 1 (Monday) to 7 (Sunday)'] }] }],
    ];
    for (const [filter, extensions] of cases) {
      const { body } = await server.gql(LIST, { filter }, b.token);
      expect(errorOf(body)?.extensions, JSON.stringify(filter)).toEqual(extensions);
      expect(body.data).toBeNull();
    }
  });

  it('enforces page size bounds and refuses cursors that are not from the list', async () => {
    const { token } = await createUser();
    for (const first of [0, 101]) {
      const { body } = await server.gql(LIST, { first }, token);
      expect(errorOf(body)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(errorOf(body)?.extensions)).toContain('first');
    }
    expect((await list(token, { first: 100 })).totalCount).toBe(0);
    for (const after of ['garbage', Buffer.from('{"v":1}').toString('base64url'), Buffer.from('{"v":"x","d":1,"id":"aaaaaaaaaaaaaaaaaaaaaaaa"}').toString('base64url')]) {
      const { body } = await server.gql(LIST, { after }, token);
      expect(errorOf(body)?.extensions, after).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('metrics refuses a reversed range; every query needs a sign-in', async () => {
    const { user, token } = await createUser();
    const post = await createActivity(user._id, (await createPlatform(user._id))._id);
    const { body } = await server.gql(
      'query($id: ID!) { activity(id: $id) { metrics(from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { date } } }',
      { id: post._id.toHexString() },
      token,
    );
    expect(errorOf(body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    for (const q of ['{ activities { totalCount } }', `{ activity(id: "${post._id.toHexString()}") { id } }`, '{ categories { id } }']) {
      expect(errorOf((await server.gql(q)).body)?.extensions?.code, q).toBe('UNAUTHENTICATED');
    }
  });
});
