import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countCommands, describeCalls } from '../../../../test/helpers/commands.js';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { overviewPageRequests } from '../../../bench/overview-page.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { withTotal } from '../../activities/engagement.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { FOLLOWER_HISTORY_READ, FOLLOWER_LOOK_BACK, forgetKeptFollowerHistories } from '../followers.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const DAY = 86_400_000;
const day = (s: string) => Date.parse(`${s}T00:00:00Z`);

async function seed() {
  const u = await createUser({ subscriptionTier: 'enterprise' as never });
  await WorkspaceModel.updateOne({ _id: u.user._id }, { $set: { timezone: 'Europe/Berlin' } });
  const platforms = [];
  for (let i = 0; i < 3; i++) platforms.push(await createPlatform(u.user._id, { followerCount: 5000 + i }));
  const stats = [];
  const posts = [];
  for (const [i, p] of platforms.entries()) {
    // A year of daily stats, 2025-06-01 .. 2026-05-31.
    for (let t = day('2025-06-01'); t <= day('2026-05-31'); t += DAY) {
      stats.push({ workspaceId: u.user._id, platformId: p._id, date: new Date(t), followers: 1000 + i * 100 + Math.round((t - day('2025-06-01')) / DAY) });
    }
    for (let t = day('2025-06-01'); t <= day('2026-05-31'); t += 2 * DAY) {
      posts.push({
        workspaceId: u.user._id,
        platformId: p._id,
        externalId: `${i}-${t}`,
        type: 'image',
        isPublished: true,
        publishedAt: new Date(t + 10 * 3600_000),
        hashtags: ['a', 'b'],
        engagement: withTotal({ likes: 10 + (t % 7), comments: 2, reach: 300 }),
        engagementRate: 0.04,
      });
    }
  }
  await StatsModel.insertMany(stats);
  await ActivityModel.insertMany(posts);
  return { ...u, platforms };
}

/**
 * The commands one GraphQL request sends, as "name collection". Follower histories kept by earlier
 * requests are forgotten first: these tests are about what a read sends (the test of keeping them
 * is below).
 */
async function commandsOf(query: string, variables: Record<string, unknown>, token: string): Promise<string[]> {
  forgetKeptFollowerHistories();
  const { result, calls } = await countCommands(() => server.gql(query, variables, token));
  expect(result.body.errors).toBeUndefined();
  return describeCalls(calls);
}

const count = (calls: string[], c: string) => calls.filter((x) => x === c).length;
/** The follower history's read of its days, and its look-back outside them (followers.ts). */
const HISTORY = `aggregate stats ${FOLLOWER_HISTORY_READ}`;
const LOOK_BACK = `aggregate stats ${FOLLOWER_LOOK_BACK}`;

/** What `fn` sends, as "start aggregate stats followerHistory" / "done update api_point_buckets", in the order seen. */
async function commandTimeline<T>(fn: () => Promise<T>): Promise<T & { events: string[] }> {
  forgetKeptFollowerHistories();
  const client = (await import('mongoose')).default.connection.getClient();
  const events: string[] = [];
  const names = new Map<number, string>();
  const started = (ev: { commandName: string; command: Record<string, unknown>; requestId: number }) => {
    const target = ev.command?.[ev.commandName];
    const comment = typeof ev.command?.comment === 'string' ? ` ${ev.command.comment}` : '';
    const n = `${ev.commandName === 'findAndModify' ? 'update' : ev.commandName} ${String(target)}${comment}`;
    names.set(ev.requestId, n);
    events.push(`start ${n}`);
  };
  const succeeded = (ev: { requestId: number }) => {
    const n = names.get(ev.requestId);
    if (n) events.push(`done ${n}`);
  };
  client.on('commandStarted', started);
  client.on('commandSucceeded', succeeded);
  try {
    return { ...(await fn()), events };
  } finally {
    client.off('commandStarted', started);
    client.off('commandSucceeded', succeeded);
  }
}

/**
 * A follower history's reads go out beside the rate-limit charge: the accounts' read is sent
 * before the charge is answered, and the rows are read once the accounts are in (their stats
 * revisions decide whether a kept history answers; followers.ts#kept), whether or not the charge
 * is answered by then.
 */
function startedBesideTheCharge(events: string[]): void {
  expect(events.indexOf('start find platforms')).toBeGreaterThan(-1);
  expect(events.indexOf('start find platforms')).toBeLessThan(events.indexOf('done update api_point_buckets'));
  expect(events.indexOf(`start ${HISTORY}`)).toBeGreaterThan(events.indexOf('done find platforms'));
}

describe('per-request reads: successful cases', () => {
  it('each Overview page request reads the viewer (account, profile, plan) in one command and the follower history at most once', async () => {
    const u = await seed();
    let total = 0;
    for (const r of overviewPageRequests({ from: '2026-05-04', to: '2026-05-31' })) {
      const calls = await commandsOf(r.query, r.variables, u.token);
      total += calls.length;
      expect(count(calls, 'find users'), r.name).toBe(0);
      expect(count(calls, 'find user_profiles'), r.name).toBe(0);
      // Every signed-in request confirms the account once (auth-checker.ts#confirmViewer); the
      // analytics reads of plan, timezone and profile share that one command.
      expect(count(calls, 'aggregate users'), r.name).toBe(1);
      expect(count(calls, HISTORY), r.name).toBeLessThanOrEqual(1);
      // The workspace's accounts are read once per request: the analytics, the `platforms` list
      // and each row's or post's `platform` share that read (platforms.loader.ts).
      expect(count(calls, 'find platforms'), r.name).toBeLessThanOrEqual(1);
    }
    // 35 before the viewer and follower-history reads were shared (see docs/performance.md); the
    // metric model adds one small read of the accounts' platforms per request that shows a rate
    // (overview, trends, best times, top posts, what works), shared by the fields of the request;
    // +1 for OverviewInsights, which now confirms the account like every signed-in request; the
    // follower history takes its accounts from that same per-request read (−1 where both are asked).
    // The rate limit's bucket commands are not counted here (see test/helpers/commands.ts).
    // 31 before the `platforms` list (KPIs), the breakdown rows' and the top posts' `platform`
    // shared that read too: 27.
    expect(total).toBeLessThanOrEqual(27);
  });

  it('a year of followers reads the days in one command and what lies outside them for every account in one more; the accounts are read once', async () => {
    const u = await seed();
    const q = `query($r: DateRangeInput!) {
      a: timeseries(input: { range: $r, metric: FOLLOWERS, granularity: DAY }) { points { value } }
      b: timeseries(input: { range: $r, metric: FOLLOWER_GROWTH, granularity: WEEK }) { points { value } }
    }`;
    // The range starts with the data: no account's rows start on the day before it, so each needs
    // its count before the range (there is none) and its newest.
    const calls = await commandsOf(q, { r: { from: '2025-06-01', to: '2026-05-31' } }, u.token);
    expect(count(calls, HISTORY)).toBe(1);
    expect(count(calls, LOOK_BACK)).toBe(1);
    expect(count(calls, 'find platforms')).toBeLessThanOrEqual(1);

    // Once the accounts' follower days are known (stats/follower-days.ts; computed here from the
    // rows, as at startup for accounts connected before they were kept), nothing is looked for
    // outside the days: no account has a count before 2025-06-01 or after 2026-05-31.
    const { completeFollowerDays } = await import('../../stats/follower-days.js');
    expect(await completeFollowerDays()).toBeGreaterThanOrEqual(3);
    const before = await server.gql(q, { r: { from: '2025-06-01', to: '2026-05-31' } }, u.token);
    const known = await commandsOf(q, { r: { from: '2025-06-01', to: '2026-05-31' } }, u.token);
    expect(count(known, HISTORY)).toBe(1);
    expect(count(known, LOOK_BACK)).toBe(0);
    // A range that starts after the data does: the count before it is read (one more command).
    const later = await commandsOf(q, { r: { from: '2025-09-01', to: '2026-05-31' } }, u.token);
    expect(count(later, LOOK_BACK)).toBe(0); // the day before the range is stored: no lookup
    const gap = await commandsOf(q, { r: { from: '2026-06-10', to: '2026-06-30' } }, u.token);
    expect(count(gap, LOOK_BACK)).toBe(1); // nothing stored in the range: its last count before is read
    // The same answers as before the follower days were known.
    const after = await server.gql(q, { r: { from: '2025-06-01', to: '2026-05-31' } }, u.token);
    expect(after.body).toEqual(before.body);
  });

  it('fields of one request share one follower-history read, bounded by the range (plus a day either side)', async () => {
    const u = await seed();
    const q = `query($r: DateRangeInput!) {
      a: timeseries(input: { range: $r, metric: FOLLOWERS }) { points { value } }
      b: timeseries(input: { range: $r, metric: FOLLOWER_GROWTH }) { points { value } }
      c: platformBreakdown(input: { range: $r }) { followers followerGrowth }
      d: topActivities(input: { range: $r, normalizeBy: FOLLOWERS_AT_PUBLISH }) { followers }
    }`;
    const filters: Array<Record<string, unknown>> = [];
    const client = (await import('mongoose')).default.connection.getClient();
    const listener = (ev: { command: Record<string, unknown> }) => {
      if (ev.command.aggregate === 'stats' && ev.command.comment === FOLLOWER_HISTORY_READ) filters.push((ev.command.pipeline as Array<Record<string, any>>)[0]!.$match);
    };
    client.on('commandStarted', listener);
    try {
      const { body } = await server.gql(q, { r: { from: '2026-05-04', to: '2026-05-31' } }, u.token);
      expect(body.errors).toBeUndefined();
      // Daily followers 1000 + i·100 + days since 2025-06-01: the 2026-05-31 count and the growth over the range.
      const end = (i: number) => 1000 + i * 100 + 364;
      expect(body.data!.a.points.at(-1).value).toBe(end(0) + end(1) + end(2));
      expect(body.data!.b.points[0].value).toBe(3);
      expect(body.data!.c.map((r: { followers: number }) => r.followers).sort()).toEqual([end(0), end(1), end(2)]);
      expect(body.data!.c[0].followerGrowth).toBe(28);
    } finally {
      client.off('commandStarted', listener);
    }
    expect(filters).toHaveLength(1);
    expect(filters[0]!.date).toEqual({ $gte: new Date('2026-05-03T00:00:00Z'), $lte: new Date('2026-06-01T00:00:00Z') });
  });

  it('contentTypePerformance reads the window once (totals and medians from one per-post read), for every formula', async () => {
    const u = await seed();
    for (const f of ['PLATFORM_DENOMINATOR', 'BY_REACH', 'BY_FOLLOWERS']) {
      const calls = await commandsOf(
        `query($r: DateRangeInput!) { contentTypePerformance(input: { range: $r, engagementRateFormula: ${f} }) { contentType posts engagements reach impressions engagementRate medianEngagementRate postsWithRate } }`,
        { r: { from: '2026-05-04', to: '2026-05-31' } },
        u.token,
      );
      expect(count(calls, 'aggregate activities'), f).toBe(1);
      expect(calls.filter((c) => c.endsWith(' activities')), f).toEqual(['aggregate activities']);
    }
  });

  it('an analytics request reads its accounts while its rate-limit charge is written, once, and a breakdown uses that same read', async () => {
    const u = await seed();
    const { body, events } = await commandTimeline(() =>
      server.gql(
        'query($r: DateRangeInput!) { platformBreakdown(input: { range: $r }) { platformId displayName followers } }',
        { r: { from: '2026-05-04', to: '2026-05-31' } },
        u.token,
      ),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.platformBreakdown).toHaveLength(3);
    // One read of the accounts (the rows' names, the metric model and the follower history share it).
    expect(events.filter((e) => e === 'start find platforms')).toHaveLength(1);
    // It was sent before the charge was answered: the two overlap instead of following each other.
    const charge = events.findIndex((e) => e.startsWith('done') && e.endsWith('api_point_buckets'));
    expect(charge).toBeGreaterThan(-1);
    expect(events.indexOf('start find platforms')).toBeLessThan(charge);
  });

  it('a follower timeseries reads its history while the charge is written, from literals or variables, once per distinct range', async () => {
    const u = await seed();
    const series = (body: { data?: Record<string, any> | null }, field = 'timeseries') => body.data![field].points.map((p: { value: number | null }) => p.value);
    // Through variables.
    const viaVariables = await commandTimeline(() =>
      server.gql('query($i: TimeseriesInput!) { timeseries(input: $i) { points { bucket value } } }', { i: { range: { from: '2026-05-01', to: '2026-05-31' }, metric: 'FOLLOWERS' } }, u.token),
    );
    expect(viaVariables.body.errors).toBeUndefined();
    expect(viaVariables.events.filter((e) => e === `start ${HISTORY}`)).toHaveLength(1);
    startedBesideTheCharge(viaVariables.events);
    // The last day of the range: 3 accounts at 1000 + i·100 + 364.
    expect(series(viaVariables.body).at(-1)).toBe(1364 + 1464 + 1564);

    // Literals, two aliases: each distinct range is read once, both beside the charge; the same
    // range again shares its read.
    const aliased = await commandTimeline(() =>
      server.gql(
        `{ a: timeseries(input: { range: { from: "2026-05-01", to: "2026-05-31" }, metric: FOLLOWER_GROWTH }) { points { value } }
           b: timeseries(input: { range: { from: "2026-01-01", to: "2026-01-31" }, metric: FOLLOWERS }) { points { value } }
           c: timeseries(input: { range: { from: "2026-01-01", to: "2026-01-31" }, metric: FOLLOWERS, granularity: WEEK }) { points { value } } }`,
        {},
        u.token,
      ),
    );
    expect(aliased.body.errors).toBeUndefined();
    expect(aliased.events.filter((e) => e === `start ${HISTORY}`)).toHaveLength(2);
    startedBesideTheCharge(aliased.events);
    expect(series(aliased.body, 'a')).toEqual(Array(31).fill(3));
    expect(series(aliased.body, 'b')[0]).toBe(1214 + 1314 + 1414);

    // A filtered series is read by its resolver (once its accounts are checked), not twice.
    const filtered = await commandTimeline(() =>
      server.gql(
        'query($i: TimeseriesInput!) { timeseries(input: $i) { points { value } } }',
        { i: { range: { from: '2026-05-01', to: '2026-05-31' }, metric: 'FOLLOWERS', filter: { platformIds: [u.platforms[0]!._id.toHexString()] } } },
        u.token,
      ),
    );
    expect(filtered.body.errors).toBeUndefined();
    expect(filtered.events.filter((e) => e === `start ${HISTORY}`)).toHaveLength(1);
    expect(series(filtered.body).at(-1)).toBe(1364);

    // A field left out reads nothing: by a directive on it, or on what holds it (an inline
    // fragment or a fragment spread), skipped or not included.
    for (const [query, variables] of [
      ['query($s: Boolean!) { timeseries(input: { range: { from: "2026-05-01", to: "2026-05-31" }, metric: FOLLOWERS }) @skip(if: $s) { points { value } } platforms { id } }', { s: true }],
      ['query($s: Boolean!) { ... @skip(if: $s) { timeseries(input: { range: { from: "2026-05-01", to: "2026-05-31" }, metric: FOLLOWERS }) { points { value } } } platforms { id } }', { s: true }],
      ['query($i: Boolean!) { ...F @include(if: $i) platforms { id } } fragment F on Query { timeseries(input: { range: { from: "2026-05-01", to: "2026-05-31" }, metric: FOLLOWERS }) { points { value } } }', { i: false }],
    ] as const) {
      const out = await commandTimeline(() => server.gql(query, variables, u.token));
      expect(out.body.errors, query).toBeUndefined();
      expect(out.body.data, query).not.toHaveProperty('timeseries');
      expect(out.events, query).not.toContain(`start ${HISTORY}`);
    }
    // The same spread included is read beside the charge.
    const spread = await commandTimeline(() =>
      server.gql(
        'query($i: Boolean!) { ...F @include(if: $i) } fragment F on Query { timeseries(input: { range: { from: "2026-05-01", to: "2026-05-31" }, metric: FOLLOWERS }) { points { value } } }',
        { i: true },
        u.token,
      ),
    );
    expect(spread.body.errors).toBeUndefined();
    expect(spread.events.filter((e) => e === `start ${HISTORY}`)).toHaveLength(1);
    startedBesideTheCharge(spread.events);

    // A metric without followers reads no history at all.
    const engagements = await commandTimeline(() =>
      server.gql('{ timeseries(input: { range: { from: "2026-05-01", to: "2026-05-31" }, metric: ENGAGEMENTS }) { points { value } } }', {}, u.token),
    );
    expect(engagements.body.errors).toBeUndefined();
    expect(engagements.events).not.toContain(`start ${HISTORY}`);
  });

  it('only the selected fields are computed: accumulators, follower history and per-post counters follow the selection', async () => {
    const u = await seed();
    const client = (await import('mongoose')).default.connection.getClient();
    const seen: Array<{ name: string; command: Record<string, any> }> = [];
    const listener = (ev: { commandName: string; command: Record<string, any> }) => {
      const target = ev.command?.[ev.commandName];
      if (target === 'activities' || target === 'stats') seen.push({ name: [ev.commandName, target, ev.command.comment].filter(Boolean).join(' '), command: ev.command });
    };
    const run = async (query: string) => {
      seen.length = 0;
      client.on('commandStarted', listener);
      try {
        const { body } = await server.gql(query, { r: { from: '2026-05-04', to: '2026-05-31' } }, u.token);
        expect(body.errors).toBeUndefined();
        return { data: body.data!, commands: [...seen] };
      } finally {
        client.off('commandStarted', listener);
      }
    };
    const groupOf = (c: { command: Record<string, any> }) => Object.keys(c.command.pipeline.find((st: Record<string, unknown>) => st.$group).$group).sort();
    // The fields a post's row carries; the post's id is left out unless asked for (`_id: 0`).
    const projectOf = (c: { command: Record<string, any> }) => {
      const project = c.command.pipeline.find((st: Record<string, unknown>) => st.$project).$project as Record<string, unknown>;
      expect(project._id).toBe(0);
      return Object.keys(project).filter((k) => k !== '_id').sort();
    };

    const postsOnly = await run('query($r: DateRangeInput!) { overview(input: { range: $r }) { posts { value previous } } }');
    expect(postsOnly.data.overview.posts.value).toBe(3 * 14);
    expect(postsOnly.commands.map((c) => c.name)).toEqual(['aggregate activities', 'aggregate activities']);
    expect(groupOf(postsOnly.commands[0]!)).toEqual(['_id', 'posts']);

    const all = await run('query($r: DateRangeInput!) { overview(input: { range: $r }) { posts { value } reach { value } engagementRate { value } followers { value } } }');
    expect(all.data.overview.posts.value).toBe(3 * 14);
    expect(all.data.overview.reach.value).toBe(3 * 14 * 300);
    expect(all.data.overview.followers.value).toBe(3 * 1000 + 300 + 3 * 364);
    expect(all.commands.filter((c) => c.name === HISTORY)).toHaveLength(1);
    expect(groupOf(all.commands.find((c) => c.name === 'aggregate activities')!)).toEqual(['_id', 'posts', 'rateDenominator', 'rateEngagements', 'reach', 'reachReported']);

    const rows = await run('query($r: DateRangeInput!) { platformBreakdown(input: { range: $r }) { platformId posts engagements } }');
    expect(rows.data.platformBreakdown.map((r: { posts: number }) => r.posts)).toEqual([14, 14, 14]);
    expect(rows.commands.map((c) => c.name)).toEqual(['aggregate activities']);
    expect(groupOf(rows.commands[0]!)).toEqual(['_id', 'engagements', 'posts']);

    const types = await run('query($r: DateRangeInput!) { contentTypePerformance(input: { range: $r }) { contentType posts medianEngagementRate } }');
    expect(types.data.contentTypePerformance).toEqual([{ contentType: 'IMAGE', posts: 3 * 14, medianEngagementRate: expect.any(Number) }]);
    // Neither impressions, reach, engagements nor the rate's totals asked for: only type, account and rate.
    expect(projectOf(types.commands[0]!)).toEqual(['acc', 'r', 'type']);

    // Hashtags: the engagements are read only when averageEngagements is selected (any alias).
    const tags = await run('query($r: DateRangeInput!) { hashtagPerformance(input: { range: $r }) { hashtags { hashtag posts lift } } }');
    expect(tags.data.hashtagPerformance.hashtags.map((h: { hashtag: string }) => h.hashtag).sort()).toEqual(['a', 'b']);
    expect(projectOf(tags.commands[0]!)).toEqual(['acc', 'h', 'r']);
    const withAvg = await run('query($r: DateRangeInput!) { hashtagPerformance(input: { range: $r }) { hashtags { hashtag } more: hashtags { avg: averageEngagements } } }');
    expect(projectOf(withAvg.commands[0]!)).toEqual(['acc', 'h', 'r', 't']);
    const avg = withAvg.data.hashtagPerformance.more[0].avg;
    expect(avg).toBeGreaterThan(12);
  });

  it('totalCount is counted only when the query selects it', async () => {
    const u = await seed();
    const without = await commandsOf('{ activities(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }', {}, u.token);
    const withCount = await commandsOf('{ activities(first: 5) { totalCount edges { node { id } } } }', {}, u.token);
    expect(count(without, 'aggregate activities')).toBe(0);
    expect(count(withCount, 'aggregate activities')).toBe(1);
    const { body } = await server.gql('{ activities(first: 5) { totalCount } }', {}, u.token);
    expect(body.data!.activities.totalCount).toBe(3 * 183);
  });
});

describe('follower history in a window: successful cases', () => {
  it('keeps each account its own series, with many accounts and rows in any order', async () => {
    const { loadFollowerHistory } = await import('../followers.js');
    const u = await createUser();
    const workspaceId = u.user._id;
    const ps = [];
    for (let i = 0; i < 11; i++) ps.push(await createPlatform(workspaceId, {}));
    const rows = [];
    for (const [i, p] of ps.entries()) for (let k = 0; k < 20; k++) rows.push({ workspaceId, platformId: p._id, date: new Date(day('2026-03-01') + k * DAY), followers: i * 1000 + k });
    // Interleaved and reversed in part: neither by account nor by day.
    rows.sort((a, b) => (a.followers % 7) - (b.followers % 7) || b.date.getTime() - a.date.getTime());
    await StatsModel.insertMany(rows);
    const from = day('2026-03-01') / DAY;
    const history = await loadFollowerHistory({ workspaceId }, { fromDay: from, toDay: from + 19 });
    for (const [i, p] of ps.entries()) {
      for (let k = 0; k < 20; k++) expect(history.atOrBefore(p._id.toHexString(), from + k), `${i} ${k}`).toBe(i * 1000 + k);
      expect(history.period(from, from + 19, [p._id.toHexString()])).toEqual({ followers: i * 1000 + 19, growth: 19, base: i * 1000 });
    }
  });

  it('answers every lookup exactly as the whole history does, for gaps before, within and after the days', async () => {
    const { loadFollowerHistory } = await import('../followers.js');
    const u = await createUser();
    const workspaceId = u.user._id;
    // Account 0: data that stops 40 days before the window (its last count comes from the anchor lookup).
    // Account 1: data that starts inside the window and goes on after it (newest lies beyond it).
    // Account 2: no daily stats, only a profile count. Account 3: every other day.
    const ps = [];
    for (let i = 0; i < 4; i++) ps.push(await createPlatform(workspaceId, { followerCount: 700 + i }));
    const rows = [];
    for (let t = day('2026-01-01'); t <= day('2026-02-10'); t += DAY) rows.push({ workspaceId, platformId: ps[0]!._id, date: new Date(t), followers: 100 + (t - day('2026-01-01')) / DAY });
    for (let t = day('2026-03-25'); t <= day('2026-05-10'); t += DAY) rows.push({ workspaceId, platformId: ps[1]!._id, date: new Date(t), followers: 5000 - (t - day('2026-03-25')) / DAY });
    for (let t = day('2026-01-02'); t <= day('2026-06-30'); t += 2 * DAY) rows.push({ workspaceId, platformId: ps[3]!._id, date: new Date(t), followers: 40 + (t % 13) });
    await StatsModel.insertMany(rows);
    const fromDay = day('2026-03-20') / DAY;
    const toDay = day('2026-04-10') / DAY;
    const whole = await loadFollowerHistory({ workspaceId });
    const { completeFollowerDays } = await import('../../stats/follower-days.js');
    const { PlatformModel } = await import('../../platforms/platform.model.js');
    // Each set of windowed answers is compared with the whole history: with the accounts' follower
    // days unknown (every lookup made), known exactly, and known but wider than the rows (as after
    // retention deleted some: the bounds are never narrowed).
    for (const bounds of ['unknown', 'exact', 'wider'] as const) {
      if (bounds === 'exact') await completeFollowerDays();
      if (bounds === 'wider') await PlatformModel.updateMany({ workspaceId }, { $set: { followersFrom: new Date(day('2025-01-01')), followersTo: new Date(day('2027-01-01')) } });
      if (bounds !== 'unknown') expect(await PlatformModel.countDocuments({ workspaceId, followerDaysKnown: true })).toBe(4);
    for (const latest of [false, true]) {
      const part = await loadFollowerHistory({ workspaceId }, { fromDay, toDay, latest });
      for (const p of ps.map((x) => x._id.toHexString())) {
        for (let d = fromDay - 1; d <= toDay + 1; d++) {
          expect(part.atPublish(p, d), `${p} ${d}`).toEqual(whole.atPublish(p, d));
          expect(part.atOrBefore(p, d)).toEqual(whole.atOrBefore(p, d));
        }
        if (latest) expect(part.latest(p)).toBe(whole.latest(p));
      }
      for (const [a, b] of [[fromDay, toDay], [fromDay, fromDay + 6], [fromDay + 7, toDay]] as const) {
        expect(part.period(a, b)).toEqual(whole.period(a, b));
        expect([...part.dailyChanges(a, b)].sort()).toEqual([...whole.dailyChanges(a, b)].sort());
      }
    }
    }
  });
});

describe('follower histories kept across requests: successful cases', () => {
  it('answers the same days again without a read while the accounts’ stats are unchanged, and reads again after any write, in time, or for another workspace', async () => {
    const u = await seed();
    const q = 'query($r: DateRangeInput!) { timeseries(input: { range: $r, metric: FOLLOWERS }) { points { bucket value } } }';
    const r = { from: '2026-05-01', to: '2026-05-31' };
    const ask = async (token = u.token) => {
      const { result, calls } = await countCommands(() => server.gql(q, { r }, token));
      expect(result.body.errors).toBeUndefined();
      const points = (result.body.data as { timeseries: { points: Array<{ value: number | null }> } }).timeseries.points;
      return { reads: count(describeCalls(calls), HISTORY), first: points[0]!.value, last: points.at(-1)!.value };
    };
    // 2026-05-31: 3 accounts at 1000 + i·100 + 364; 2026-05-01 at … + 334.
    const first = await ask();
    expect(first).toEqual({ reads: 1, first: 1334 + 1434 + 1534, last: 1364 + 1464 + 1564 });
    expect(await ask()).toEqual({ ...first, reads: 0 });

    // The ingestion writes a new count for the last day: the next request reads and shows it.
    const { upsertStats } = await import('../../sync/sync.service.js');
    const { PlatformType } = await import('../../../lib/graphql-enums.js');
    const [p0, p1, p2] = u.platforms;
    await upsertStats({ platformId: p0!._id, workspaceId: u.user._id, platformType: PlatformType.INSTAGRAM }, [{ date: new Date(day('2026-05-31')), followers: 2000, sources: [] }]);
    expect(await ask()).toEqual({ reads: 1, first: first.first, last: 2000 + 1464 + 1564 });
    expect((await ask()).reads).toBe(0);

    // A write through the model, by account.
    await StatsModel.updateOne({ platformId: p1!._id, date: new Date(day('2026-05-31')) }, { $set: { followers: 3000 } });
    expect(await ask()).toEqual({ reads: 1, first: first.first, last: 2000 + 3000 + 1564 });
    // A delete by date alone, as retention sends it: every account's history is read again.
    await StatsModel.deleteMany({ date: { $lte: new Date(day('2026-05-01')) } });
    const trimmed = await ask();
    expect(trimmed.reads).toBe(1);
    expect(trimmed.first).toBeNull();

    // Another workspace asks for the same days: its own read and its own numbers; the first one's
    // history is still kept.
    const other = await createUser({ subscriptionTier: 'enterprise' as never });
    const op = await createPlatform(other.user._id, {});
    await StatsModel.insertMany([{ workspaceId: other.user._id, platformId: op._id, date: new Date(day('2026-05-31')), followers: 7 }]);
    expect(await ask(other.token)).toEqual({ reads: 1, first: null, last: 7 });
    expect((await ask()).reads).toBe(0);

    // An account's rows deleted (as a disconnect does): read again, and the account drops out.
    await StatsModel.deleteMany({ platformId: p2!._id });
    const withoutStats = await ask();
    expect(withoutStats).toEqual({ reads: 1, first: null, last: 2000 + 3000 });

    // Nothing is kept longer than HISTORY_KEPT_MS, whatever the revisions say.
    const { HISTORY_KEPT_MS } = await import('../followers.js');
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + HISTORY_KEPT_MS + 1);
    try {
      expect((await ask()).reads).toBe(1);
    } finally {
      clock.mockRestore();
    }
  });
});
