import { Types } from 'mongoose';
import { ActivityModel } from '../modules/activities/activity.model.js';
import { seededRandom } from '../modules/analytics/statistics.js';
import { DAY_MS, localDayOf } from '@soash/shared';
import { templateWriter } from '../modules/insights/idea-writer.js';
import { runAnalysis } from '../modules/insights/engine-runner.js';
import { generateInsightsForUser, loadAnalysisData } from '../modules/insights/insights.service.js';
import { PlatformModel } from '../modules/platforms/platform.model.js';
import { StatsModel } from '../modules/stats/stats.model.js';
import { raiseStatsRevision } from '../modules/stats/stats-revision.js';
import { UserModel } from '../modules/users/user.model.js';
import { ensurePersonalWorkspace } from '../modules/workspaces/workspaces.service.js';
import { timed, watchProcess } from './measure.js';
import { registerSuite, type BenchContext, type BenchRow } from './registry.js';

/**
 * The insights scaling curve: `insights:generate` through its real code path (database read,
 * worker thread, writes) at 2 000, 10 000, 25 000 and 100 000 posts on three accounts of
 * different platforms within the analysis window, and the API process's event-loop delay
 * (perf_hooks.monitorEventLoopDelay, p99) while it runs. Posts are written with the driver's
 * insertMany. Targets from issue 13: 25k < 5 s, 100k < 20 s, p99 < 50 ms.
 */
export const INSIGHTS_SIZES = [2_000, 10_000, 25_000, 100_000];
export const INSIGHTS_TARGETS: Record<number, number> = { 25_000: 5_000, 100_000: 20_000 };
export const TARGET_LOOP_P99_MS = 50;

const TYPES = ['image', 'reel', 'carousel', 'video', 'story'];
const TAGS = ['launch', 'tips', 'team', 'product', 'howto', 'sale', 'news', 'design', 'travel', 'coffee', 'recipe', 'behindthescenes', 'community', 'event', 'promo'];
const PLATFORMS = ['instagram', 'tiktok', 'linkedin'] as const;

async function seedUser(posts: number, rng: () => number, now: number) {
  const workspaceId = new Types.ObjectId();
  const tz = 'Europe/Berlin';
  await UserModel.collection.insertOne({ _id: workspaceId, name: 'Bench', email: `bench-${workspaceId.toHexString()}@example.test`, subscriptionTier: 'enterprise', createdAt: new Date(), updatedAt: new Date() });
  await ensurePersonalWorkspace({ _id: workspaceId, name: 'Bench' }, { timezone: tz });
  const platformIds = PLATFORMS.map(() => new Types.ObjectId());
  await PlatformModel.collection.insertMany(
    PLATFORMS.map((type, i) => ({ _id: platformIds[i]!, workspaceId, type, sandbox: true, platformUserId: `bench-${workspaceId.toHexString()}-${i}`, username: `bench${i}`, isActive: true, scopes: [], status: 'active' })),
  );
  const today = localDayOf(now, tz);
  const BATCH = 5_000;
  for (let start = 0; start < posts; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, posts - start) }, (_, k) => {
      const i = start + k;
      const reach = 200 + Math.floor(rng() * 5000);
      const rate = Math.exp(Math.log(0.04) + 0.8 * Math.sqrt(-2 * Math.log(Math.max(rng(), 1e-12))) * Math.cos(2 * Math.PI * rng()));
      const total = Math.round(rate * reach);
      return {
        workspaceId,
        platformId: platformIds[i % 3]!,
        externalId: `bench-${i}`,
        type: TYPES[Math.floor(rng() * TYPES.length)],
        hashtags: TAGS.filter(() => rng() < 0.15),
        content: `Post ${i}`,
        isPublished: true,
        publishedAt: new Date(now - 60_000 - rng() * 170 * DAY_MS),
        engagement: { likes: total, comments: 0, shares: 0, saves: 0, reach, views: Math.round(reach * 1.3), impressions: reach * 2, total },
        createdAt: new Date(),
        updatedAt: new Date(),
      };
    });
    await ActivityModel.collection.insertMany(docs, { ordered: false });
  }
  const stats = [];
  for (const p of platformIds) {
    let followers = 10_000;
    for (let d = today - 100; d <= today; d++) {
      followers += Math.round(10 + 5 * (rng() - 0.5));
      stats.push({ workspaceId, platformId: p, date: new Date(d * DAY_MS), followers, engagement: Math.round(300 * rng()) });
    }
  }
  await StatsModel.collection.insertMany(stats);
  await raiseStatsRevision({ platformIds });
  return workspaceId;
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const sizes = ctx.options.list('insights-sizes')?.map(Number) ?? INSIGHTS_SIZES;
  const suite = 'insights';
  const rows: BenchRow[] = [];
  const rng = seededRandom(13);
  const now = Date.now();
  // The machine's own share: the same delay measured while the process does nothing (on a shared,
  // loaded machine the OS alone can hold a runnable thread back for tens of milliseconds).
  const idle = await watchProcess(() => new Promise((resolve) => setTimeout(resolve, 2_000)));
  rows.push({ suite, name: 'event-loop delay p99, idle process (baseline)', value: idle.loopDelayP99Ms, unit: 'ms', note: `max ${idle.loopDelayMaxMs.toFixed(0)} ms; no target: what the machine's load alone causes` });
  for (const n of sizes) {
    ctx.log(`bench: insights: ${n} posts`);
    const workspaceId = await seedUser(n, rng, now);
    // The raw-driver floor: reading the same posts, nothing else.
    const [, floorMs] = await timed(() =>
      ActivityModel.collection
        .find({ workspaceId, isPublished: true }, { projection: { type: 1, hashtags: 1, publishedAt: 1, platformId: 1, engagement: 1 } })
        .batchSize(2000)
        .toArray(),
    );
    // The statistics alone, in the worker thread.
    const data = await loadAnalysisData(workspaceId, new Date(now));
    const [, engineMs] = await timed(() => runAnalysis(data.input));
    // The real job path, with the API process's event-loop delay while it runs.
    const t0 = performance.now();
    const w = await watchProcess(() => generateInsightsForUser(workspaceId, { now: new Date(now), writer: templateWriter }));
    const ms = performance.now() - t0;
    const r = w.result;
    if (r.posts < n * 0.99) throw new Error(`expected ${n} posts in the window, analysed ${r.posts}`);
    const target = INSIGHTS_TARGETS[n];
    rows.push({
      suite,
      name: `insights:generate ${n.toLocaleString('en-US')} posts`,
      p50Ms: ms,
      floorP50Ms: floorMs,
      ratioP50: ms / Math.max(floorMs, 1e-9),
      runs: 1,
      ...(target ? { target: `≤ ${target} ms, complete`, pass: ms <= target && r.partial === null } : {}),
      note: `statistics in the worker ${engineMs.toFixed(0)} ms${r.partial ? '; PARTIAL: time budget hit' : ''}`,
    });
    rows.push({
      suite,
      name: `event-loop delay p99 during ${n.toLocaleString('en-US')}`,
      value: w.loopDelayP99Ms,
      unit: 'ms',
      target: `p99 ≤ ${TARGET_LOOP_P99_MS} ms`,
      pass: w.loopDelayP99Ms <= TARGET_LOOP_P99_MS,
      note: `max ${w.loopDelayMaxMs.toFixed(0)} ms`,
    });
  }
  return rows;
}

registerSuite({
  name: 'insights',
  description: 'insights:generate at 2k, 10k, 25k and 100k posts (3 accounts of 3 platforms) and the event-loop delay while it runs (--insights-sizes=2000,10000)',
  run,
});
