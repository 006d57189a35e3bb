import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivity, createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { MAX_CATEGORIES_PER_USER } from '../categories.service.js';
import { ContentCategoryModel } from '../category.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type Gql = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const errorOf = (body: Gql) => body.errors?.[0];
const fieldsOf = (body: Gql) => ((errorOf(body)?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);

const CREATE = 'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id name colorCode } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id name colorCode } }';
const DELETE = 'mutation($id: ID!) { deleteCategory(id: $id) }';
const ASSIGN = 'mutation($a: ID!, $c: [ID!]!) { assignCategories(activityId: $a, categoryIds: $c) { id categories { id name } } }';
const BY_CATEGORY = 'query($c: ID!) { activities(filter: { categoryId: $c }, first: 100) { totalCount edges { node { id categories { name } } } } }';

async function create(token: string, name: string, colorCode = '#112233'): Promise<{ id: string; name: string; colorCode: string }> {
  const { body } = await server.gql(CREATE, { input: { name, colorCode } }, token);
  expect(body.errors, name).toBeUndefined();
  return body.data!.createCategory;
}

/** A user with one account and `n` posts published in the last days. */
async function userWithPosts(n: number) {
  const { user, token } = await createUser();
  const platform = await createPlatform(user._id);
  const posts = [];
  for (let i = 0; i < n; i++) posts.push(await createActivity(user._id, platform._id, { publishedAt: new Date(Date.now() - (i + 1) * 3600_000) }));
  return { user, token, posts: posts.map((p) => p._id.toHexString()) };
}

describe('categories: successful cases', () => {
  it('create, rename, recolour and list: names trimmed, colours upper-cased, sorted by name', async () => {
    const { token } = await createUser();
    const launch = await create(token, '  Launch  ', '#a1b2c3');
    expect(launch).toMatchObject({ name: 'Launch', colorCode: '#A1B2C3' });
    await create(token, 'behind the scenes');
    const renamed = await server.gql(UPDATE, { id: launch.id, input: { name: 'Product launch' } }, token);
    expect(renamed.body.data!.updateCategory).toEqual({ id: launch.id, name: 'Product launch', colorCode: '#A1B2C3' });
    const recoloured = await server.gql(UPDATE, { id: launch.id, input: { colorCode: '#00ff00' } }, token);
    expect(recoloured.body.data!.updateCategory).toEqual({ id: launch.id, name: 'Product launch', colorCode: '#00FF00' });
    // Changing only the case of its own name is not a conflict.
    const recased = await server.gql(UPDATE, { id: launch.id, input: { name: 'PRODUCT LAUNCH' } }, token);
    expect(recased.body.data!.updateCategory.name).toBe('PRODUCT LAUNCH');
    const unchanged = await server.gql(UPDATE, { id: launch.id, input: {} }, token);
    expect(unchanged.body.data!.updateCategory.name).toBe('PRODUCT LAUNCH');
    const list = await server.gql('{ categories { name colorCode } }', {}, token);
    expect(list.body.data!.categories.map((c: { name: string }) => c.name)).toEqual(['behind the scenes', 'PRODUCT LAUNCH']);
  });

  it('assignCategories replaces a post’s set (many-to-many), and the category filter finds the posts', async () => {
    const { token, posts } = await userWithPosts(3);
    const a = await create(token, 'A');
    const b = await create(token, 'B');
    const first = await server.gql(ASSIGN, { a: posts[0], c: [a.id, b.id, a.id] }, token);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.assignCategories.categories.map((c: { name: string }) => c.name).sort()).toEqual(['A', 'B']);
    await server.gql(ASSIGN, { a: posts[1], c: [a.id] }, token);
    await server.gql(ASSIGN, { a: posts[2], c: [b.id] }, token);

    const inA = (await server.gql(BY_CATEGORY, { c: a.id }, token)).body.data!.activities;
    expect(inA.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([posts[0], posts[1]].sort());
    const inB = (await server.gql(BY_CATEGORY, { c: b.id }, token)).body.data!.activities;
    expect(inB.totalCount).toBe(2);

    // Replacing, then clearing.
    const replaced = await server.gql(ASSIGN, { a: posts[0], c: [b.id] }, token);
    expect(replaced.body.data!.assignCategories.categories).toEqual([{ id: b.id, name: 'B' }]);
    expect((await server.gql(BY_CATEGORY, { c: a.id }, token)).body.data!.activities.totalCount).toBe(1);
    const cleared = await server.gql(ASSIGN, { a: posts[0], c: [] }, token);
    expect(cleared.body.data!.assignCategories.categories).toEqual([]);
    expect((await ActivityModel.findById(posts[0]).lean())!.categoryIds).toEqual([]);
  });

  it('analytics filter by category: the dashboard and the CSV export count only the assigned posts', async () => {
    const { token, posts } = await userWithPosts(3);
    const launch = await create(token, 'Launch');
    const tips = await create(token, 'Tips');
    await server.gql(ASSIGN, { a: posts[0], c: [launch.id, tips.id] }, token);
    await server.gql(ASSIGN, { a: posts[1], c: [tips.id] }, token);
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const Q = `query($r: DateRangeInput!, $f: AnalyticsFilterInput) {
      overview(input: { range: $r, filter: $f }) { posts { value } }
      timeseries(input: { range: $r, filter: $f, metric: POSTS, granularity: MONTH }) { points { value } }
      topActivities(input: { range: $r, filter: $f, limit: 50 }) { activity { id } }
      contentTypePerformance(input: { range: $r, filter: $f }) { posts }
    }`;
    const CSV = `mutation($r: DateRangeInput!, $f: AnalyticsFilterInput) {
      csv: exportCsv(input: { report: POSTS, range: $r, filter: $f, delivery: INLINE }) { rowCount }
    }`;
    const run = async (categoryIds?: string[]) => {
      const vars = { r: { from: weekAgo, to: today }, f: categoryIds ? { categoryIds } : null };
      const { body } = await server.gql(Q, vars, token);
      const csv = await server.gql(CSV, vars, token);
      expect(body.errors, JSON.stringify(categoryIds)).toBeUndefined();
      expect(csv.body.errors, JSON.stringify(categoryIds)).toBeUndefined();
      const d = { ...body.data!, ...csv.body.data! };
      return {
        overview: d.overview.posts.value,
        timeseries: d.timeseries.points.reduce((n: number, p: { value: number }) => n + p.value, 0),
        top: d.topActivities.map((t: { activity: { id: string } }) => t.activity.id).sort(),
        types: d.contentTypePerformance.reduce((n: number, r: { posts: number }) => n + r.posts, 0),
        csv: d.csv.rowCount,
      };
    };
    expect(await run()).toEqual({ overview: 3, timeseries: 3, top: [...posts].sort(), types: 3, csv: 3 });
    expect(await run([launch.id])).toEqual({ overview: 1, timeseries: 1, top: [posts[0]], types: 1, csv: 1 });
    expect(await run([tips.id])).toEqual({ overview: 2, timeseries: 2, top: [posts[0], posts[1]].sort(), types: 2, csv: 2 });
    expect(await run([launch.id, tips.id])).toEqual({ overview: 2, timeseries: 2, top: [posts[0], posts[1]].sort(), types: 2, csv: 2 });
    // After deleting a category its posts no longer count under it, and the id is unknown.
    await server.gql(DELETE, { id: tips.id }, token);
    expect(await run([launch.id])).toMatchObject({ overview: 1 });
    const gone = await server.gql(Q, { r: { from: weekAgo, to: today }, f: { categoryIds: [tips.id] } }, token);
    expect(errorOf(gone.body)?.extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('deleteCategory unassigns it from every post and never deletes a post', async () => {
    const { user, token, posts } = await userWithPosts(2);
    const gone = await create(token, 'Going');
    const stays = await create(token, 'Staying');
    await server.gql(ASSIGN, { a: posts[0], c: [gone.id, stays.id] }, token);
    await server.gql(ASSIGN, { a: posts[1], c: [gone.id] }, token);

    const { body } = await server.gql(DELETE, { id: gone.id }, token);
    expect({ ...body, extensions: undefined }).toEqual({ data: { deleteCategory: true } });
    expect(await ContentCategoryModel.exists({ _id: gone.id })).toBeNull();
    expect(await ActivityModel.countDocuments({ workspaceId: user._id })).toBe(2);
    expect(await ActivityModel.countDocuments({ categoryIds: new Types.ObjectId(gone.id) })).toBe(0);
    const p0 = (await ActivityModel.findById(posts[0]).lean())!;
    expect(p0.categoryIds.map(String)).toEqual([stays.id]);
    // The filter now answers like any unknown category.
    expect(errorOf((await server.gql(BY_CATEGORY, { c: gone.id }, token)).body)?.extensions).toEqual({ code: 'NOT_FOUND' });
    // The name is free again.
    await create(token, 'going');
  });
});

describe('categories: failing cases', () => {
  it('names are unique per user regardless of case: CONFLICT naming the name', async () => {
    const { user, token } = await createUser();
    const other = await createUser();
    const launch = await create(token, 'Launch');
    const tips = await create(token, 'Tips');
    const dup = await server.gql(CREATE, { input: { name: ' launch ', colorCode: '#000000' } }, token);
    expect(errorOf(dup.body)?.extensions).toEqual({ code: 'CONFLICT', field: 'name' });
    expect(errorOf(dup.body)?.message).toContain('"launch"');
    const rename = await server.gql(UPDATE, { id: tips.id, input: { name: 'LAUNCH' } }, token);
    expect(errorOf(rename.body)?.extensions).toEqual({ code: 'CONFLICT', field: 'name' });
    expect(errorOf(rename.body)?.message).toContain('"LAUNCH"');
    expect(await ContentCategoryModel.findById(tips.id).lean()).toMatchObject({ name: 'Tips' });
    expect(await ContentCategoryModel.countDocuments({ workspaceId: user._id, nameKey: 'launch', _id: { $ne: new Types.ObjectId(launch.id) } })).toBe(0);
    // Another user may use the same name.
    await create(other.token, 'Launch');
  });

  it('refuses bad colours and empty or long names, naming the field', async () => {
    const { token } = await createUser();
    const cat = await create(token, 'Fine');
    for (const colorCode of ['red', '#12345', '#1234567', '123456', '#GGGGGG', '']) {
      const { body } = await server.gql(CREATE, { input: { name: `C ${colorCode}`, colorCode } }, token);
      expect(errorOf(body)?.extensions?.code, colorCode).toBe('BAD_USER_INPUT');
      expect(fieldsOf(body), colorCode).toEqual(['colorCode']);
      const upd = await server.gql(UPDATE, { id: cat.id, input: { colorCode } }, token);
      expect(fieldsOf(upd.body), colorCode).toEqual(['colorCode']);
    }
    const long = await server.gql(CREATE, { input: { name: 'x'.repeat(51), colorCode: '#000000' } }, token);
    expect(fieldsOf(long.body)).toEqual(['name']);
    for (const name of ['', '   ']) {
      const { body } = await server.gql(CREATE, { input: { name, colorCode: '#000000' } }, token);
      expect(errorOf(body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
      const upd = await server.gql(UPDATE, { id: cat.id, input: { name } }, token);
      expect(errorOf(upd.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    }
    expect(await ContentCategoryModel.findById(cat.id).lean()).toMatchObject({ name: 'Fine', colorCode: '#112233' });
  });

  it(`a user has at most ${MAX_CATEGORIES_PER_USER} categories`, async () => {
    const { user, token } = await createUser();
    await ContentCategoryModel.insertMany(
      Array.from({ length: MAX_CATEGORIES_PER_USER - 1 }, (_, i) => ({ workspaceId: user._id, name: `c${i}`, nameKey: `c${i}`, colorCode: '#000000' })),
    );
    await create(token, 'The last one');
    const { body } = await server.gql(CREATE, { input: { name: 'One too many', colorCode: '#000000' } }, token);
    expect(errorOf(body)?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: MAX_CATEGORIES_PER_USER });
    expect(errorOf(body)?.message).toContain(String(MAX_CATEGORIES_PER_USER));
    expect(await ContentCategoryModel.countDocuments({ workspaceId: user._id })).toBe(MAX_CATEGORIES_PER_USER);
  });

  it('ownership on both sides: another user’s post or category is NOT_FOUND and nothing changes', async () => {
    const a = await userWithPosts(1);
    const b = await userWithPosts(1);
    const catA = await create(a.token, 'Mine');
    const catB = await create(b.token, 'Theirs');
    await server.gql(ASSIGN, { a: a.posts[0], c: [catA.id] }, a.token);

    const cases: Array<[string, Record<string, unknown>, string]> = [
      // B's own post with A's category.
      [ASSIGN, { a: b.posts[0], c: [catA.id] }, 'Category not found'],
      // B's own category mixed in with A's.
      [ASSIGN, { a: b.posts[0], c: [catB.id, catA.id] }, 'Category not found'],
      // A's post with B's own category.
      [ASSIGN, { a: a.posts[0], c: [catB.id] }, 'Activity not found'],
      [UPDATE, { id: catA.id, input: { name: 'Hijacked' } }, 'Category not found'],
      [DELETE, { id: catA.id }, 'Category not found'],
      [ASSIGN, { a: b.posts[0], c: [new Types.ObjectId().toHexString()] }, 'Category not found'],
    ];
    for (const [query, vars, message] of cases) {
      const { body } = await server.gql(query, vars, b.token);
      expect(errorOf(body), JSON.stringify(vars)).toMatchObject({ message, extensions: { code: 'NOT_FOUND' } });
    }
    expect(await ContentCategoryModel.findById(catA.id).lean()).toMatchObject({ name: 'Mine' });
    expect((await ActivityModel.findById(a.posts[0]).lean())!.categoryIds.map(String)).toEqual([catA.id]);
    expect((await ActivityModel.findById(b.posts[0]).lean())!.categoryIds).toEqual([]);
    // A's listing is untouched and B sees none of A's categories.
    expect((await server.gql(BY_CATEGORY, { c: catA.id }, a.token)).body.data!.activities.totalCount).toBe(1);
    expect((await server.gql('{ categories { id } }', {}, b.token)).body.data!.categories).toEqual([{ id: catB.id }]);
  });

  it('malformed ids name the argument; every operation needs a sign-in', async () => {
    const { token, posts } = await userWithPosts(1);
    const cat = await create(token, 'X');
    expect(errorOf((await server.gql(ASSIGN, { a: 'nope', c: [cat.id] }, token)).body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'activityId' });
    expect(errorOf((await server.gql(ASSIGN, { a: posts[0], c: [cat.id, 'nope'] }, token)).body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'categoryIds' });
    expect(errorOf((await server.gql(DELETE, { id: '123' }, token)).body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    for (const [query, vars] of [
      [CREATE, { input: { name: 'n', colorCode: '#000000' } }],
      [UPDATE, { id: cat.id, input: { name: 'n' } }],
      [DELETE, { id: cat.id }],
      [ASSIGN, { a: posts[0], c: [] }],
    ] as const) {
      expect(errorOf((await server.gql(query, vars)).body)?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
