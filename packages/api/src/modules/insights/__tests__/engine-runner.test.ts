import { describe, expect, it } from 'vitest';
import { DAY_MS, parseDay, PlatformType, postEngagementRate } from '@soash/shared';
import { analyse, type EngineInput, type PostSample } from '../engine.js';
import { pack, runAnalysis, unpack } from '../engine-runner.js';
import { generateAccount } from './generator.js';

const today = parseDay('2026-06-30')!;

function input(posts: number, seeds = [1, 2]): EngineInput {
  const accounts = seeds.map((s, k) => ({ id: `acc${k}`, platform: k % 2 ? PlatformType.TIKTOK : PlatformType.INSTAGRAM, name: `@a${s}` }));
  const out: PostSample[] = [];
  const daily: EngineInput['daily'] = [];
  seeds.forEach((seed, k) => {
    const acc = generateAccount({ seed, today, posts, plants: { bestType: 'reel', bestHour: 18, bestHashtag: 'launch', anomalyDaysAgo: 5 } });
    for (const p of acc.posts) {
      const d = new Date(p.publishedAt);
      out.push({
        account: k,
        type: p.type,
        hashtags: p.hashtags,
        dow: d.getUTCDay() || 7,
        hour: d.getUTCHours(),
        day: Math.floor(d.getTime() / DAY_MS),
        rate: postEngagementRate(accounts[k]!.platform, p.engagement)!,
        engagements: p.engagement.total,
      });
    }
    acc.days.forEach((d, i) => daily.push({ account: k, day: d.date.getTime() / DAY_MS, followerChange: i === 0 ? null : d.followers - acc.days[i - 1]!.followers }));
  });
  return { accounts, posts: out, daily, today, window: { fromDay: today - 179, toDay: today } };
}

describe('insights engine in a worker thread', () => {
  it('packs posts into typed arrays and back without loss', async () => {
    const i = input(50);
    expect(unpack(await pack(i))).toEqual({ ...i, daily: i.daily.filter((d) => d.followerChange !== null) });
  });

  it('gives the same result as the engine on the calling thread', async () => {
    const i = input(240);
    const r = await runAnalysis(i);
    expect(r).toEqual(analyse(i));
    expect(r.findings.some((f) => f.key === 'performance:content_type:reel:above')).toBe(true);
  });

  it('keeps the calling event loop free while it works', async () => {
    const i = input(20_000, [3]);
    let ticks = 0;
    let worst = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
      ticks++;
    }, 5);
    const r = await runAnalysis(i);
    clearInterval(timer);
    expect(r.tests.length).toBeGreaterThan(10);
    // The interval kept firing during the analysis (a blocked loop would show one long gap).
    expect(ticks).toBeGreaterThan(3);
  });

  it('returns a clear partial result when the budget is used up', async () => {
    const r = await runAnalysis(input(240), { budgetMs: 0 });
    expect(r.partial).not.toBeNull();
    expect(r.partial!.testedGroups).toBe(0);
    expect(r.partial!.totalGroups).toBeGreaterThan(0);
  });
});
