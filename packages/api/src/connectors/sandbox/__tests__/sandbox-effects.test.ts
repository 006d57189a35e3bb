import { describe, expect, it } from 'vitest';
import { DAY_MS, PlatformType, postEngagementRate } from '@soash/shared';
import { analyse, type EngineInput, type PostSample } from '../../../modules/insights/engine.js';
import { postCountersAt, postsOnDay, rateEffect, sandboxAccount, type SandboxAccount } from '../generator.js';
import { withTotal } from '../../../modules/activities/engagement.model.js';

/**
 * A fresh sandbox user: an Instagram and a TikTok account with the free plan's 90 days of
 * history, analysed by the insights engine exactly as the job would (UTC, rates under the metric
 * model). The accounts' planted effects (generator.ts, `RATE_EFFECTS`) must come out as findings,
 * and what comes out must be what was planted: the statistics stay as strict as ever.
 */
const today = Math.floor(Date.UTC(2026, 10, 30) / DAY_MS);
const nowMs = today * DAY_MS + 12 * 3_600_000;

function freshUser(n: number): { input: EngineInput; accounts: SandboxAccount[] } {
  const accounts = [sandboxAccount(`sandbox-instagram-user${n}`, PlatformType.INSTAGRAM), sandboxAccount(`sandbox-tiktok-user${n}`, PlatformType.TIKTOK)];
  const posts: PostSample[] = [];
  accounts.forEach((acc, k) => {
    for (let day = today - 89; day < today; day++) {
      for (const p of postsOnDay(acc, day)) {
        if (p.publishedAt.getTime() > nowMs) continue;
        const e = withTotal(postCountersAt(acc, p, nowMs));
        const rate = postEngagementRate(acc.type, e);
        if (rate === null) continue;
        const d = p.publishedAt;
        posts.push({ account: k, type: p.type, hashtags: p.hashtags, dow: d.getUTCDay() === 0 ? 7 : d.getUTCDay(), hour: d.getUTCHours(), day, rate, engagements: e.total });
      }
    }
  });
  return {
    accounts,
    input: {
      accounts: accounts.map((a, k) => ({ id: `acc${k}`, platform: a.type, name: `@${a.username}` })),
      posts,
      daily: [],
      today,
      window: { fromDay: today - 89, toDay: today - 1 },
    },
  };
}

/** The pattern keys an account's planted effects can produce ("above" for the strong ones). */
function plantedKeys(acc: SandboxAccount): Set<string> {
  const p = acc.planted;
  return new Set([
    ...(p.bestType ? [`performance:content_type:${p.bestType}:above`] : []),
    `performance:posting_time:hour-${p.primeHour}:above`,
    ...p.strongTags.map((t) => `performance:hashtag:#${t}:above`),
    `performance:hashtag:#${p.weakTag}:below`,
  ]);
}

describe('sandbox accounts carry real, documented engagement effects', () => {
  it('each account has its own planted effects, deterministic per seed', () => {
    const a = sandboxAccount('sandbox-instagram-a', PlatformType.INSTAGRAM);
    expect(sandboxAccount('sandbox-instagram-a', PlatformType.INSTAGRAM).planted).toEqual(a.planted);
    expect(a.planted.strongTags).toHaveLength(2);
    expect(new Set(a.planted.strongTags).size).toBe(2);
    expect(a.tags).toEqual(expect.arrayContaining([...a.planted.strongTags, a.planted.weakTag]));
    // TikTok has one format: no format effect can exist within the account.
    expect(sandboxAccount('sandbox-tiktok-a', PlatformType.TIKTOK).planted.bestType).toBeNull();
    const many = Array.from({ length: 20 }, (_, i) => sandboxAccount(`sandbox-instagram-${i}`, PlatformType.INSTAGRAM).planted);
    expect(new Set(many.map((p) => `${p.bestType}|${p.primeHour}|${p.strongTags.join()}`)).size).toBeGreaterThan(10);
  });

  it('the effects are on the engagement rate (per post), not only on reach', () => {
    const acc = sandboxAccount('sandbox-instagram-rate', PlatformType.INSTAGRAM);
    const rates = { planted: [] as number[], rest: [] as number[] };
    for (let day = today - 180; day < today; day++) {
      for (const p of postsOnDay(acc, day)) {
        const e = withTotal(postCountersAt(acc, p, nowMs));
        const rate = postEngagementRate(acc.type, e)!;
        (rateEffect(acc, { type: p.type, hour: p.publishedAt.getUTCHours(), hashtags: p.hashtags }) > 1 ? rates.planted : rates.rest).push(rate);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(rates.planted) / median(rates.rest)).toBeGreaterThan(1.3);
  });

  it('a fresh Instagram + TikTok user with 90 days gets findings, and they are the planted ones', () => {
    let withFindings = 0;
    let above = 0;
    let unplanted = 0;
    const kinds = new Set<string>();
    const users = 12;
    for (let n = 0; n < users; n++) {
      const { input, accounts } = freshUser(n);
      const performance = analyse(input).findings.filter((f) => f.key.startsWith('performance:'));
      if (performance.length > 0) withFindings++;
      for (const f of performance) {
        kinds.add(f.key.split(':')[1]!);
        if (!f.key.endsWith(':above')) continue;
        above++;
        // A finding on one account must be one of its planted effects; a stratified (two-account)
        // one must be planted on at least one of them.
        const ids = f.evidence.accounts.map((a) => Number(a.platformId.slice(3)));
        const planted = new Set(ids.flatMap((k) => [...plantedKeys(accounts[k]!)]));
        if (!planted.has(f.key)) unplanted++;
      }
    }
    expect(withFindings, 'users with at least one finding').toBe(users);
    // Formats, hours and hashtags all come out across the users.
    expect([...kinds].sort()).toEqual(['content_type', 'hashtag', 'posting_time']);
    // "Do more of X" is what was planted, allowing for the false discovery rate the insights accept.
    expect(unplanted / above).toBeLessThanOrEqual(0.1);
  });
});
