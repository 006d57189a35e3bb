import { ContentType, PlatformType } from '@soash/shared';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../common.js';
import { accountDay, decayShare, followersAt, hashtagEffect, postById, postCountersAt, postsOnDay, sandboxAccount } from '../generator.js';
import { SandboxProvider } from '../sandbox.provider.js';

const START = Date.UTC(2025, 0, 6) / DAY_MS; // a Monday
const NOW = Date.UTC(2027, 0, 4);
const days = (n: number) => Array.from({ length: n }, (_, i) => START + i);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

describe('sandbox data: successful cases', () => {
  it('is deterministic per account and differs between accounts', () => {
    const a1 = sandboxAccount('acct-a', PlatformType.INSTAGRAM);
    const a2 = sandboxAccount('acct-a', PlatformType.INSTAGRAM);
    const b = sandboxAccount('acct-b', PlatformType.INSTAGRAM);
    expect(postsOnDay(a1, START + 10)).toEqual(postsOnDay(a2, START + 10));
    expect(accountDay(a1, START + 10, NOW)).toEqual(accountDay(a2, START + 10, NOW));
    expect(a1.username).not.toBe(b.username);
    const post = days(30).flatMap((d) => postsOnDay(a1, d))[0]!;
    expect(postById(a1, post.externalId)).toEqual(post);
    expect(postById(a1, 'nope')).toBeUndefined();
  });

  it('followers grow along a curve', () => {
    const acc = sandboxAccount('growth', PlatformType.TIKTOK);
    const series = days(365).map((d) => followersAt(acc, (d + 1) * DAY_MS));
    expect(series.at(-1)!).toBeGreaterThan(series[0]!);
    const rises = series.slice(1).filter((f, i) => f >= series[i]!).length;
    expect(rises / (series.length - 1)).toBeGreaterThan(0.95);
  });

  it('daily follower changes vary from day to day, as real counts do', () => {
    for (const type of [PlatformType.INSTAGRAM, PlatformType.TIKTOK, PlatformType.LINKEDIN]) {
      const acc = sandboxAccount(`wobble-${type}`, type);
      const series = days(91).map((d) => followersAt(acc, (d + 1) * DAY_MS));
      const changes = series.slice(1).map((f, i) => f - series[i]!);
      const m = mean(changes);
      const sd = Math.sqrt(mean(changes.map((c) => (c - m) ** 2)));
      // Neither a ruler-straight curve nor noise that drowns the trend.
      expect(sd / Math.abs(m), type).toBeGreaterThan(0.1);
      expect(sd / Math.abs(m), type).toBeLessThan(1.5);
      // Within a day the count moves smoothly towards the next day's value.
      const mid = followersAt(acc, (START + 10.5) * DAY_MS);
      const [lo, hi] = [followersAt(acc, (START + 10) * DAY_MS), followersAt(acc, (START + 11) * DAY_MS)].sort((x, y) => x - y);
      expect(mid).toBeGreaterThanOrEqual(lo! - 1);
      expect(mid).toBeLessThanOrEqual(hi! + 1);
    }
  });

  it('has a weekly rhythm (LinkedIn: weekdays far above weekends)', () => {
    const acc = sandboxAccount('rhythm', PlatformType.LINKEDIN);
    const byWeekday = Array.from({ length: 7 }, () => [] as number[]);
    for (const d of days(364)) byWeekday[(d - START) % 7]!.push(accountDay(acc, d, NOW).impressions);
    const midweek = mean([...byWeekday[1]!, ...byWeekday[2]!, ...byWeekday[3]!]);
    const weekend = mean([...byWeekday[5]!, ...byWeekday[6]!]);
    expect(midweek).toBeGreaterThan(weekend * 1.3);
  });

  it('content types, hashtags and virality shape post reach', () => {
    const acc = sandboxAccount('effects', PlatformType.INSTAGRAM, { postsPerDay: 4 });
    const posts = days(730).flatMap((d) => postsOnDay(acc, d));
    expect(posts.length).toBeGreaterThan(2000);
    const reachOf = (t: ContentType) => mean(posts.filter((p) => p.type === t && !p.viral).map((p) => p.final.reach));
    expect(reachOf(ContentType.REEL)).toBeGreaterThan(reachOf(ContentType.IMAGE) * 1.2);
    expect(reachOf(ContentType.STORY)).toBeLessThan(reachOf(ContentType.IMAGE));
    const viral = posts.filter((p) => p.viral);
    expect(viral.length).toBeGreaterThan(5);
    const median = [...posts].map((p) => p.final.reach).sort((x, y) => x - y)[Math.floor(posts.length / 2)]!;
    expect(mean(viral.map((p) => p.final.reach))).toBeGreaterThan(median * 4);
    const effects = acc.tags.map((t) => hashtagEffect(acc, t));
    expect(Math.max(...effects)).toBeGreaterThan(Math.min(...effects) * 1.2);
    const best = acc.tags[effects.indexOf(Math.max(...effects))]!;
    const worst = acc.tags[effects.indexOf(Math.min(...effects))]!;
    const withTag = (t: string) => mean(posts.filter((p) => p.hashtags.includes(t) && !p.viral).map((p) => p.final.reach));
    expect(withTag(best)).toBeGreaterThan(withTag(worst));
  });

  it('post counters decay: stories are done within a day, reels keep growing', () => {
    const acc = sandboxAccount('decay', PlatformType.INSTAGRAM, { postsPerDay: 6 });
    const posts = days(60).flatMap((d) => postsOnDay(acc, d));
    const story = posts.find((p) => p.type === ContentType.STORY)!;
    const reel = posts.find((p) => p.type === ContentType.REEL)!;
    const t = (p: typeof story, days: number) => p.publishedAt.getTime() + days * DAY_MS;
    expect(decayShare(story, t(story, 1))).toBeGreaterThan(0.95);
    expect(decayShare(reel, t(reel, 1))).toBeLessThan(0.5);
    expect(decayShare(reel, t(reel, 3))).toBeLessThan(0.95);
    const series = [0.5, 1, 2, 4, 8, 16].map((d) => postCountersAt(acc, reel, t(reel, d)).likes!);
    for (let i = 1; i < series.length; i++) expect(series[i]).toBeGreaterThanOrEqual(series[i - 1]!);
    expect(postCountersAt(acc, reel, t(reel, -1)).likes).toBe(0);
  });

  it('reports only the counters the real platform reports', () => {
    const x = sandboxAccount('x', PlatformType.TWITTER, { postsPerDay: 5 });
    const p = postsOnDay(x, START)[0]!;
    const c = postCountersAt(x, p, NOW);
    expect(c.reach).toBeNull();
    expect(c.impressions).toBeGreaterThan(0);
    expect(accountDay(x, START, NOW).reach).toBeNull();
  });

  it('has demographics whose shares add up', () => {
    const d = accountDay(sandboxAccount('demo', PlatformType.FACEBOOK), START, NOW).demographics;
    expect(d.ageGroups.reduce((s, a) => s + a.share, 0)).toBeCloseTo(1, 2);
    const g = d.genderSplit!;
    expect(g.female! + g.male! + g.other!).toBeCloseTo(1, 2);
    expect(d.locations.length).toBe(5);
    expect(d.locations.reduce((s, l) => s + l.share, 0)).toBeLessThanOrEqual(1);
  });

  it('lists posts newest first across pages without gaps or repeats, at any volume', async () => {
    const provider = new SandboxProvider(PlatformType.INSTAGRAM, { postsPerDay: 40, now: () => NOW });
    const access = { platformUserId: 'volume', accessToken: '' };
    const since = new Date(NOW - 30 * DAY_MS);
    const seen: string[] = [];
    let cursor: string | undefined;
    let last = Infinity;
    do {
      const page = await provider.listPosts(access, { since, cursor });
      for (const p of page.posts) {
        expect(p.publishedAt.getTime()).toBeLessThanOrEqual(last);
        last = p.publishedAt.getTime();
        seen.push(p.externalId);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const acc = sandboxAccount('volume', PlatformType.INSTAGRAM, { postsPerDay: 40 });
    const expected = Array.from({ length: 32 }, (_, i) => Math.floor(NOW / DAY_MS) - i)
      .flatMap((d) => postsOnDay(acc, d))
      .filter((p) => p.publishedAt.getTime() >= since.getTime() && p.publishedAt.getTime() <= NOW);
    expect(seen.length).toBe(expected.length);
    expect(seen.length).toBeGreaterThan(800);
  });
});
