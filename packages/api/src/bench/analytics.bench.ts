import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { connectDatabase, ensureIndexes } from '../db/connection.js';
import type { DatabaseServer } from '../db/harness.js';
import { ActivityModel } from '../modules/activities/activity.model.js';
import { withTotal } from '../modules/activities/engagement.model.js';
import { ActivityRankMetric, ComparePeriod, CsvReport, EngagementRateFormula, FollowerNormalization, Granularity, TimeseriesMetric } from '../modules/analytics/analytics.enums.js';
import { csvLines } from '../modules/analytics/csv-export.service.js';
import { overview, timeseries } from '../modules/analytics/dashboard.service.js';
import { bestTimesToPost, hashtagPerformance, topActivities } from '../modules/analytics/posts.service.js';
import { seededRandom } from '../modules/analytics/statistics.js';
import { DAY_MS, dayToString, localDayOf } from '@soash/shared';
import { templateWriter } from '../modules/insights/idea-writer.js';
import { generateInsightsForUser } from '../modules/insights/insights.service.js';
import { PlatformModel } from '../modules/platforms/platform.model.js';
import { StatsModel } from '../modules/stats/stats.model.js';
import { UserProfileModel } from '../modules/users/user-profile.model.js';

/**
 * Analytics at the size of a busy account: 20 000 posts over a year on three accounts, a year of
 * daily stats. The stand-in (a Java server that evaluates every pipeline stage itself) is several
 * times slower than mongod, so it gets its own time targets; the memory target is the same.
 */
const POSTS = 20_000;
const TARGETS = {
  mongod: { queryMs: 1_000, insightsMs: 5_000 },
  standin: { queryMs: 6_000, insightsMs: 20_000 },
};
const TARGET_CSV_HEAP_MB = 64;

interface Result {
  name: string;
  value: number;
  unit: string;
  target: number;
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

export async function runAnalyticsBench(server: DatabaseServer): Promise<boolean> {
  await connectDatabase(server.uri, { dbName: `soash_bench_${randomBytes(4).toString('hex')}` });
  await ensureIndexes();
  const { queryMs: TARGET_QUERY_MS, insightsMs: TARGET_INSIGHTS_MS } = server.source === 'standin' ? TARGETS.standin : TARGETS.mongod;
  try {
    const rng = seededRandom(1);
    const userId = new Types.ObjectId();
    const tz = 'Europe/Berlin';
    await UserProfileModel.create({ userId, timezone: tz });
    const platforms = await PlatformModel.insertMany(
      [0, 1, 2].map((i) => ({ userId, type: 'instagram' as const, sandbox: true, platformUserId: `bench-${userId.toHexString()}-${i}` })),
    );
    const now = Date.now();
    const today = localDayOf(now, tz);
    const tags = ['launch', 'tips', 'team', 'product', 'howto', 'sale', 'news', 'design', 'travel', 'coffee'];
    const types = ['image', 'reel', 'carousel', 'video'];
    for (let start = 0; start < POSTS; start += 2000) {
      await ActivityModel.insertMany(
        Array.from({ length: Math.min(2000, POSTS - start) }, (_, k) => {
          const i = start + k;
          const reach = 200 + Math.floor(rng() * 5000);
          return {
            userId,
            platformId: platforms[i % 3]!._id,
            externalId: `bench-${i}`,
            type: types[Math.floor(rng() * types.length)],
            hashtags: tags.filter(() => rng() < 0.2),
            content: `Post ${i}`,
            isPublished: true,
            publishedAt: new Date(now - rng() * 365 * DAY_MS),
            engagement: withTotal({ likes: Math.floor(reach * 0.04 * rng() * 2), comments: Math.floor(rng() * 20), reach, impressions: reach * 2 }),
          };
        }),
        { lean: true },
      );
    }
    const stats = [];
    for (const p of platforms) {
      let followers = 10_000;
      for (let d = today - 364; d <= today; d++) {
        followers += Math.round(10 + 5 * (rng() - 0.5));
        stats.push({ userId, platformId: p._id, date: new Date(d * DAY_MS), followers, engagement: Math.round(300 * rng()), profileViews: Math.round(50 * rng()) });
      }
    }
    await StatsModel.insertMany(stats, { lean: true });

    // An unlimited plan: a year of history is measured whatever the free plan's limit.
    const req = { userId, tz, tier: 'enterprise' as const };
    const range = { from: dayToString(today - 364), to: dayToString(today) };
    const formula = EngagementRateFormula.BY_REACH;
    const results: Result[] = [];
    const q = async (name: string, fn: () => Promise<unknown>) => {
      const [, ms] = await time(fn);
      results.push({ name, value: ms, unit: 'ms', target: TARGET_QUERY_MS });
    };
    await q('overview (1 year)', () => overview(req, { range, engagementRateFormula: formula }));
    await q('overview by followers', () => overview(req, { range, engagementRateFormula: EngagementRateFormula.BY_FOLLOWERS }));
    await q('timeseries DAY engagements', () => timeseries(req, { range, metric: TimeseriesMetric.ENGAGEMENTS, granularity: Granularity.DAY }));
    await q('timeseries WEEK followers', () => timeseries(req, { range, metric: TimeseriesMetric.FOLLOWERS, granularity: Granularity.WEEK }));
    await q('bestTimesToPost', () => bestTimesToPost(req, { range }));
    await q('hashtagPerformance', () => hashtagPerformance(req, { range }));
    await q('topActivities per follower', () =>
      topActivities(req, { range, by: ActivityRankMetric.ENGAGEMENTS, normalizeBy: FollowerNormalization.FOLLOWERS_AT_PUBLISH, limit: 10 }),
    );
    const [, insightsMs] = await time(() => generateInsightsForUser(userId, { now: new Date(now), writer: templateWriter }));
    results.push({ name: 'insights:generate (~10k posts in window)', value: insightsMs, unit: 'ms', target: TARGET_INSIGHTS_MS });

    // CSV of every post: heap growth stays flat because rows stream from a cursor.
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let rows = 0;
    let bytes = 0;
    for await (const line of csvLines(req, { report: CsvReport.POSTS, range, engagementRateFormula: formula, compare: ComparePeriod.PREVIOUS_PERIOD, granularity: Granularity.DAY })) {
      rows++;
      bytes += line.length;
      if (rows % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    results.push({ name: `CSV posts stream (${rows - 1} rows, ${(bytes / 1e6).toFixed(1)} MB), peak heap growth`, value: (peak - before) / 1e6, unit: 'MB', target: TARGET_CSV_HEAP_MB });

    let ok = true;
    console.log(`\nanalytics benchmark on ${server.description}, ${POSTS} posts`);
    for (const r of results) {
      const pass = r.value <= r.target;
      ok &&= pass;
      console.log(`${pass ? 'ok  ' : 'SLOW'} ${r.name.padEnd(60)} ${r.value.toFixed(r.unit === 'ms' ? 0 : 1).padStart(7)} ${r.unit} (target ≤ ${r.target} ${r.unit})`);
    }
    return ok;
  } finally {
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
  }
}
