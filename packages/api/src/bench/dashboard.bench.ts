import { DAY_MS, dayToString, localDayOf, startOfLocalDay } from '@soash/shared';
import mongoose, { type Types } from 'mongoose';
import { startBenchApi, type BenchApi } from './api.js';
import { benchUser, connectSandboxAccounts } from './fixture.js';
import { commandSummary, interleave, percentile, timed, watchProcess, type Pair, type PairResult } from './measure.js';
import { overviewPageRequests, type DayRange } from './overview-page.js';
import { registerSuite, type BenchContext, type BenchRow } from './registry.js';
import { raiseStatsRevision } from '../modules/stats/stats-revision.js';

/**
 * Dashboard queries end to end (GraphQL over HTTP: auth, context, loaders, services) against the
 * minimal raw-driver query that produces the same numbers, interleaved in one run; then one whole
 * Overview page load against the sum of its floors; then many concurrent clients on the page.
 *
 * Targets (issue 13): each query ≤ 1.3× its floor at p50 and ≤ 2× at p99; the page ≤ 1.5× the sum
 * of its floors; under load no request fails.
 */

const QUERY_P50 = 1.3;
const QUERY_P99 = 2;
const PAGE_P50 = 1.5;

const TZ = 'Europe/Berlin';
const FOLLOWERS_365 = 'timeseries FOLLOWERS DAY 365d';
const FOLLOWERS_365_FRESH = '  the same, first request after a stats write';

// ---------------------------------------------------------------------------------------------
// The floors: the driver, one round trip per independent read, nothing but what the numbers need
// and everything they need: each number the query returns is computed (lifts within each account,
// whether a counter is reported at all, the rate's own engagements) with the cheapest correct
// expression, so that a ratio compares the same answer.

interface Floors {
  workspaceId: Types.ObjectId;
  platformIds: Types.ObjectId[];
}

const db = () => mongoose.connection.db!;
const dayDate = (day: number) => new Date(day * DAY_MS);
const localStart = (day: number) => new Date(startOfLocalDay(day, TZ));
const parse = (s: string) => Date.parse(`${s}T00:00:00Z`) / DAY_MS;
/** The rate of every post here (Instagram accounts): engagements / reach, the metric model's denominator. */
const RATE = { $cond: [{ $gt: ['$engagement.reach', 0] }, { $divide: ['$engagement.total', '$engagement.reach'] }, null] };

function postsIn(f: Floors, r: DayRange): Record<string, unknown> {
  return { workspaceId: f.workspaceId, publishedAt: { $gte: localStart(parse(r.from)), $lt: localStart(parse(r.to) + 1) }, isPublished: true };
}

function totals(f: Floors, r: DayRange) {
  return db()
    .collection('activities')
    .aggregate([
      { $match: postsIn(f, r) },
      {
        $group: {
          _id: null,
          posts: { $sum: 1 },
          engagements: { $sum: '$engagement.total' },
          impressions: { $sum: '$engagement.impressions' },
          reach: { $sum: '$engagement.reach' },
          views: { $sum: '$engagement.views' },
          rated: { $sum: { $cond: [{ $gt: ['$engagement.reach', 0] }, '$engagement.total', 0] } },
          // Whether any post reports each counter (a sum of 0 and "not reported" answer differently).
          impressionsReported: { $max: '$engagement.impressions' },
          reachReported: { $max: '$engagement.reach' },
          viewsReported: { $max: '$engagement.views' },
        },
      },
    ])
    .toArray();
}

function followerRows(f: Floors, fromDay: number, toDay: number) {
  return db()
    .collection('stats')
    .find({ workspaceId: f.workspaceId, date: { $gte: dayDate(fromDay - 1), $lte: dayDate(toDay + 1) }, followers: { $ne: null } }, { projection: { _id: 0, platformId: 1, date: 1, followers: 1 } })
    .toArray();
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = values.sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A post's rate over its account's median rate (the lifts are measured within each account). */
function withinAccount(rows: Array<Record<string, any>>): (row: Record<string, any>) => number | null {
  const byAccount = new Map<string, number[]>();
  for (const row of rows) {
    if (row.r === null) continue;
    const key = String(row.p);
    let list = byAccount.get(key);
    if (!list) byAccount.set(key, (list = []));
    list.push(row.r);
  }
  const medians = new Map([...byAccount].map(([p, v]) => [p, median(v)]));
  return (row) => {
    const m = medians.get(String(row.p));
    return row.r !== null && m ? row.r / m : null;
  };
}

const floors = {
  overview: (f: Floors, r: DayRange) => {
    const days = parse(r.to) - parse(r.from) + 1;
    const prev = { from: dayToString(parse(r.from) - days), to: dayToString(parse(r.from) - 1) };
    return Promise.all([totals(f, r), totals(f, prev), followerRows(f, parse(prev.from), parse(r.to))]);
  },
  platforms: (f: Floors) => db().collection('platforms').find({ workspaceId: f.workspaceId }, { projection: { _id: 1 } }).toArray(),
  followersSeries: (f: Floors, r: DayRange) => followerRows(f, parse(r.from), parse(r.to)),
  bucketed: (f: Floors, r: DayRange, format: string, value: unknown) =>
    db()
      .collection('activities')
      .aggregate([
        { $match: postsIn(f, r) },
        { $group: { _id: { $dateToString: { format, date: '$publishedAt', timezone: TZ } }, v: { $sum: value } } },
      ])
      .toArray(),
  rateBucketed: (f: Floors, r: DayRange, format: string) =>
    db()
      .collection('activities')
      .aggregate([
        { $match: postsIn(f, r) },
        { $match: { 'engagement.reach': { $gt: 0 } } },
        { $group: { _id: { $dateToString: { format, date: '$publishedAt', timezone: TZ } }, t: { $sum: '$engagement.total' }, d: { $sum: '$engagement.reach' } } },
      ])
      .toArray(),
  breakdown: (f: Floors, r: DayRange) =>
    Promise.all([
      db().collection('platforms').find({ workspaceId: f.workspaceId }, { projection: { type: 1, username: 1, displayName: 1 } }).toArray(),
      db()
        .collection('activities')
        .aggregate([
          { $match: postsIn(f, r) },
          {
            $group: {
              _id: '$platformId',
              posts: { $sum: 1 },
              engagements: { $sum: '$engagement.total' },
              reach: { $sum: '$engagement.reach' },
              reachReported: { $max: '$engagement.reach' },
              // The rate's engagements: those of posts with a reach (the rate's denominator).
              rated: { $sum: { $cond: [{ $gt: ['$engagement.reach', 0] }, '$engagement.total', 0] } },
            },
          },
        ])
        .toArray(),
      followerRows(f, parse(r.from), parse(r.to)),
    ]),
  // Per account and slot (the heatmap compares each post with its own account), the weekday and
  // hour in one date conversion.
  bestTimes: (f: Floors, r: DayRange) =>
    db()
      .collection('activities')
      .aggregate([
        { $match: postsIn(f, r) },
        { $project: { s: { $dateToString: { format: '%u %H', date: '$publishedAt', timezone: TZ } }, p: '$platformId', r: RATE } },
        { $match: { r: { $ne: null } } },
        { $group: { _id: { p: '$p', s: '$s' }, n: { $sum: 1 }, sum: { $sum: '$r' }, sumSq: { $sum: { $multiply: ['$r', '$r'] } } } },
      ])
      .toArray(),
  top: async (f: Floors, r: DayRange, limit: number) => {
    const docs = await db()
      .collection('activities')
      .aggregate([{ $match: postsIn(f, r) }, { $sort: { 'engagement.total': -1, _id: -1 } }, { $limit: limit }])
      .toArray();
    await db()
      .collection('platforms')
      .find({ _id: { $in: [...new Set(docs.map((d) => d.platformId))] } })
      .toArray();
    return docs;
  },
  // The median rate per type and its lift: each post's rate over its own account's median.
  contentTypes: async (f: Floors, r: DayRange) => {
    const rows = await db()
      .collection('activities')
      .aggregate([{ $match: postsIn(f, r) }, { $project: { _id: 0, type: 1, p: '$platformId', r: RATE } }])
      .toArray();
    const index = withinAccount(rows);
    const byType = new Map<string, { rates: number[]; lifts: number[] }>();
    for (const row of rows) {
      if (row.r === null) continue;
      let g = byType.get(row.type);
      if (!g) byType.set(row.type, (g = { rates: [], lifts: [] }));
      g.rates.push(row.r);
      const i = index(row);
      if (i !== null) g.lifts.push(i);
    }
    return [...byType].map(([t, g]) => [t, g.rates.length, median(g.rates), median(g.lifts)]);
  },
  // Per hashtag: the median rate, lift and share of posts above their account's median.
  hashtags: async (f: Floors, r: DayRange) => {
    const rows = await db()
      .collection('activities')
      .aggregate([{ $match: postsIn(f, r) }, { $project: { _id: 0, hashtags: 1, p: '$platformId', r: RATE } }])
      .toArray();
    const index = withinAccount(rows);
    const byTag = new Map<string, { rates: number[]; lifts: number[]; above: number }>();
    for (const row of rows) {
      if (row.r === null) continue;
      const i = index(row);
      for (const t of new Set<string>(row.hashtags ?? [])) {
        let g = byTag.get(t);
        if (!g) byTag.set(t, (g = { rates: [], lifts: [], above: 0 }));
        g.rates.push(row.r);
        if (i !== null) g.lifts.push(i);
        if (i !== null && i > 1) g.above++;
      }
    }
    return [...byTag].map(([t, g]) => [t, g.rates.length, median(g.rates), median(g.lifts), g.above / g.rates.length]);
  },
  insights: (f: Floors) =>
    Promise.all([
      db().collection('ai_insights').find({ workspaceId: f.workspaceId, priority: { $in: ['high'] }, isDismissed: false }).sort({ rankKey: -1, _id: -1 }).limit(3).toArray(),
      db().collection('ai_insights').countDocuments({ workspaceId: f.workspaceId, priority: { $in: ['high'] }, isDismissed: false }),
    ]),
};

const FORMAT = { DAY: '%Y-%m-%d', WEEK: '%G-W%V', MONTH: '%Y-%m' } as const;

/** The floor of each Overview page request (same order as overviewPageRequests). */
function pageFloors(f: Floors, range: DayRange): Record<string, () => Promise<unknown>> {
  const requests = overviewPageRequests(range);
  const byName = Object.fromEntries(requests.map((r) => [r.name, r]));
  const granularity = byName.OverviewTrends!.variables.granularity as keyof typeof FORMAT;
  const wide = (byName.OverviewBestTimes!.variables.input as { range: DayRange }).range;
  return {
    OverviewKpis: () => Promise.all([floors.overview(f, range), floors.platforms(f)]),
    OverviewTrends: () =>
      Promise.all([floors.followersSeries(f, range), floors.bucketed(f, range, FORMAT[granularity], '$engagement.total'), floors.rateBucketed(f, range, FORMAT[granularity])]),
    OverviewBreakdown: () => floors.breakdown(f, range),
    OverviewBestTimes: () => floors.bestTimes(f, wide),
    OverviewTopPosts: () => floors.top(f, range, 5),
    OverviewContent: () => Promise.all([floors.contentTypes(f, range), floors.hashtags(f, range)]),
    OverviewInsights: () => floors.insights(f),
  };
}

// ---------------------------------------------------------------------------------------------

function ratioRow(suite: string, r: PairResult, p50Target: number, p99Target: number): BenchRow {
  const p50 = percentile(r.measured, 50);
  const p99 = percentile(r.measured, 99);
  const f50 = percentile(r.floor, 50);
  const f99 = percentile(r.floor, 99);
  const ratioP50 = p50 / f50;
  const ratioP99 = p99 / f99;
  return {
    suite,
    name: r.name,
    p50Ms: p50,
    p99Ms: p99,
    floorP50Ms: f50,
    floorP99Ms: f99,
    ratioP50,
    ratioP99,
    commands: r.commands,
    floorCommands: r.floorCommands,
    runs: r.measured.length,
    target: `≤ ${p50Target}× p50, ≤ ${p99Target}× p99`,
    pass: ratioP50 <= p50Target && ratioP99 <= p99Target,
    note: commandSummary(r.commandNames),
  };
}


async function loadTest(api: BenchApi, token: string, range: DayRange, clients: number, seconds: number) {
  const requests = overviewPageRequests(range);
  const latencies: number[] = [];
  const errors: string[] = [];
  const until = performance.now() + seconds * 1000;
  const client = async (offset: number) => {
    for (let i = offset; performance.now() < until; i++) {
      const r = requests[i % requests.length]!;
      const t0 = performance.now();
      try {
        await api.gql(r.query, r.variables, token);
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors.push(`${r.name}: ${(err as Error).message}`);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  const elapsed = (performance.now() - started) / 1000;
  return { latencies, errors, elapsed };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const o = ctx.options;
  const accounts = o.number('accounts', 3);
  // 3 × 17 × 365 ≈ 18 600 posts: the 19 000-post account the dashboard was first measured on (issue 13).
  const postsPerDay = o.number('posts-per-day', 17);
  const days = o.number('days', 365);
  const runs = Math.max(10, o.number('runs', 30));
  const warmup = o.number('warmup', 3);
  const clients = o.number('clients', 50);
  const loadSeconds = o.number('load-seconds', 30);
  // Only the queries whose names contain one of these (the page and the load test then run only
  // when "page" is among them): for profiling one query alone.
  const only = o.list('queries')?.map((q) => q.toLowerCase());
  // The ranges the Overview page is loaded for (issue 13 measured it at 28 and 365 days).
  const pageDays = (o.list('page-days') ?? ['28', '365']).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const picked = (name: string) => !only || only.some((q) => name.toLowerCase().includes(q));
  const suite = 'dashboard';

  const api = await startBenchApi();
  try {
    const user = await benchUser(TZ);
    ctx.log(`dashboard: seeding ${accounts} sandbox accounts × ${postsPerDay} posts/day × ${days} days through the pull jobs…`);
    const [platforms, seedMs] = await timed(() => connectSandboxAccounts(user, { accounts, postsPerDay, days }));
    const posts = await mongoose.connection.db!.collection('activities').countDocuments({ workspaceId: user._id });
    ctx.log(`dashboard: ${posts} posts seeded in ${(seedMs / 1000).toFixed(1)} s`);
    const token = api.tokenFor(user);
    const f: Floors = { workspaceId: user._id, platformIds: platforms.map((p) => p._id) };
    const today = localDayOf(Date.now(), TZ);
    const last = (n: number): DayRange => ({ from: dayToString(today - n + 1), to: dayToString(today) });
    const r28 = last(28);
    const r90 = last(90);
    const r365 = last(Math.min(365, days));
    const gql = (query: string, variables: Record<string, unknown>) => () => api.gql(query, variables, token);

    const followersPair = (name: string): Pair => ({
      name,
      measured: gql('query($r: DateRangeInput!) { timeseries(input: { range: $r, metric: FOLLOWERS, granularity: DAY }) { points { bucket value } } }', { r: r365 }),
      floor: () => floors.followersSeries(f, r365),
    });
    const allPairs: Pair[] = [
      {
        name: 'overview 28d',
        measured: gql(
          'query($r: DateRangeInput!) { overview(input: { range: $r }) { followers { value previous } followerGrowth { value } posts { value previous } engagements { value previous } engagementRate { value previous } reach { value } impressions { value } views { value } } }',
          { r: r28 },
        ),
        floor: () => floors.overview(f, r28),
      },
      {
        name: 'timeseries ENGAGEMENTS DAY 365d',
        measured: gql('query($r: DateRangeInput!) { timeseries(input: { range: $r, metric: ENGAGEMENTS, granularity: DAY }) { points { bucket value } } }', { r: r365 }),
        floor: () => floors.bucketed(f, r365, FORMAT.DAY, '$engagement.total'),
      },
      followersPair(FOLLOWERS_365),
      {
        name: 'platformBreakdown 28d',
        measured: gql('query($r: DateRangeInput!) { platformBreakdown(input: { range: $r }) { platformId followers followerGrowth posts engagements engagementRate reach } }', { r: r28 }),
        floor: () => floors.breakdown(f, r28),
      },
      {
        name: 'bestTimesToPost 90d',
        measured: gql('query($r: DateRangeInput!) { bestTimesToPost(input: { range: $r }) { totalPosts accountAverage cells { dayOfWeek hour value low high posts } } }', { r: r90 }),
        floor: () => floors.bestTimes(f, r90),
      },
      {
        name: 'topActivities 28d',
        measured: gql('query($r: DateRangeInput!) { topActivities(input: { range: $r, limit: 5 }) { rank value activity { id content platform { id username } } } }', { r: r28 }),
        floor: () => floors.top(f, r28, 5),
      },
      {
        name: 'contentTypePerformance 90d',
        measured: gql('query($r: DateRangeInput!) { contentTypePerformance(input: { range: $r }) { contentType posts medianEngagementRate lift } }', { r: r90 }),
        floor: () => floors.contentTypes(f, r90),
      },
      {
        name: 'hashtagPerformance 90d',
        measured: gql('query($r: DateRangeInput!) { hashtagPerformance(input: { range: $r }) { hashtags { hashtag posts medianEngagementRate lift successRate } } }', { r: r90 }),
        floor: () => floors.hashtags(f, r90),
      },
    ];
    const pairs = allPairs.filter((p) => picked(p.name));
    ctx.log(`dashboard: ${pairs.length} queries, ${warmup} warm-up + ${runs} measured rounds, interleaved with their floors…`);
    const rows: BenchRow[] = [];
    const watched = await watchProcess(() => interleave(pairs, { warmup, runs }));
    for (const r of watched.result) rows.push(ratioRow(suite, r, QUERY_P50, QUERY_P99));

    // The same follower series as the first request after a write to the accounts' stats: the
    // revision raised before each call (untimed), so the history kept by the last one is not
    // trusted and the rows are read (analytics/followers.ts#kept). In rounds of its own, since the
    // raise would make every other follower query of a round read afresh too.
    if (picked(FOLLOWERS_365)) {
      const fresh = followersPair(FOLLOWERS_365_FRESH);
      fresh.before = () => raiseStatsRevision({ workspaceIds: [f.workspaceId] });
      const [r] = await interleave([fresh], { warmup, runs });
      rows.push({
        ...ratioRow(suite, r!, QUERY_P50, QUERY_P99),
        target: undefined,
        pass: undefined,
        note: `no target: the read behind the row above, once per write (${commandSummary(r!.commandNames)})`,
      });
    }

    // The part of every request that is not its query: HTTP, parsing, the signed token, the viewer
    // read and the rate-limit charge, measured on a request that reads nothing else. A query whose
    // floor is below this ÷ 0.3 cannot be within 1.3× of it whatever its own reads cost.
    const fixed: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const [, ms] = await timed(gql('{ __typename }', {}));
      if (i >= warmup) fixed.push(ms);
    }
    rows.push({
      suite,
      name: '  fixed part of a request (signed-in `{ __typename }`)',
      p50Ms: percentile(fixed, 50),
      p99Ms: percentile(fixed, 99),
      runs: fixed.length,
      note: 'HTTP, Apollo, token, viewer read, rate-limit charge; no target',
    });

    // One Overview page load: its seven requests at once, as the browser sends them, against the
    // sum of the seven floors (each measured alone, in the same rounds).
    const tail: BenchRow[] = [
      { suite, name: 'peak RSS during the query rounds', value: watched.peakRssMb, unit: 'MB' },
      { suite, name: 'data', value: posts, unit: 'posts', note: `${accounts} accounts, ${days} days, seeded in ${(seedMs / 1000).toFixed(0)} s` },
    ];
    if (!picked('page')) return [...rows, ...tail];
    for (const wanted of pageDays) {
      const n = Math.min(wanted, days);
      const range = last(n);
      const page = overviewPageRequests(range);
      const pf = pageFloors(f, range);
      const pagePairs: Pair[] = [
        { name: `Overview page ${n}d (7 requests)`, measured: () => Promise.all(page.map((p) => api.gql(p.query, p.variables, token))), floor: async () => undefined },
        ...page.map((p) => ({ name: p.name, measured: () => api.gql(p.query, p.variables, token), floor: pf[p.name]! })),
      ];
      ctx.log(`dashboard: the Overview page, ${n} days…`);
      const pageResults = await interleave(pagePairs, { warmup, runs });
      const [whole, ...parts] = pageResults;
      const floorSum50 = parts.reduce((s, p) => s + percentile(p.floor, 50), 0);
      const floorSum99 = parts.reduce((s, p) => s + percentile(p.floor, 99), 0);
      const pageP50 = percentile(whole!.measured, 50);
      rows.push({
        suite,
        name: whole!.name,
        p50Ms: pageP50,
        p99Ms: percentile(whole!.measured, 99),
        floorP50Ms: floorSum50,
        floorP99Ms: floorSum99,
        ratioP50: pageP50 / floorSum50,
        ratioP99: percentile(whole!.measured, 99) / floorSum99,
        commands: whole!.commands,
        floorCommands: parts.reduce((s, p) => s + p.floorCommands, 0),
        runs: whole!.measured.length,
        target: `≤ ${PAGE_P50}× the sum of its floors (p50)`,
        pass: pageP50 / floorSum50 <= PAGE_P50,
        note: 'floor = sum of the 7 requests’ floors',
      });
      for (const p of parts) rows.push({ ...ratioRow(suite, p, QUERY_P50, QUERY_P99), name: `  ${p.name}`, target: undefined, pass: undefined });
    }

    if (loadSeconds > 0 && clients > 0) {
      ctx.log(`dashboard: ${clients} concurrent clients for ${loadSeconds} s on the Overview page's requests…`);
      const load = await watchProcess(() => loadTest(api, token, r28, clients, loadSeconds));
      const { latencies, errors, elapsed } = load.result;
      rows.push({
        suite,
        name: `load: ${clients} clients × ${loadSeconds} s, Overview requests`,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        value: latencies.length / elapsed,
        unit: 'req/s',
        runs: latencies.length + errors.length,
        target: '0 errors',
        pass: errors.length === 0,
        note: errors.length ? `${errors.length} errors, first: ${errors[0]}` : '0 errors',
      });
      rows.push({ suite, name: '  event-loop delay under load (p99 / max)', value: load.loopDelayP99Ms, unit: 'ms', note: `max ${load.loopDelayMaxMs.toFixed(0)} ms` });
      rows.push({ suite, name: '  peak RSS under load (API and clients, one process)', value: load.peakRssMb, unit: 'MB' });
    }
    return [...rows, ...tail];
  } finally {
    await api.close();
  }
}

registerSuite({ name: 'dashboard', description: 'dashboard queries over HTTP vs raw-driver floors, the Overview page, load', run });
