import { describe, expect, it } from 'vitest';
import { DAY_MS, InsightType, parseDay, PatternType, PlatformType, postEngagementRate, Priority } from '@soash/shared';
import { analyse, performanceText, priorityOf, type AccountInfo, type DailyPoint, type EngineInput, type GroupDef, type PostSample } from '../engine.js';
import { mannWhitneyU, seededRandom } from '../../analytics/statistics.js';
import { generateAccount, type GeneratedAccount, type Plants, type Shape } from './generator.js';

const today = parseDay('2026-06-30')!;

interface Acc {
  acc: GeneratedAccount;
  platform?: PlatformType;
  name?: string;
}

/** The engine's input for generated accounts (UTC, rates under the metric model). */
function toInput(list: Acc[]): EngineInput {
  const accounts: AccountInfo[] = list.map((a, k) => ({ id: `acc${k}`, platform: a.platform ?? PlatformType.INSTAGRAM, name: a.name ?? `@account${k}` }));
  const posts: PostSample[] = [];
  const daily: DailyPoint[] = [];
  list.forEach(({ acc }, k) => {
    for (const p of acc.posts) {
      const d = new Date(p.publishedAt);
      const rate = postEngagementRate(accounts[k]!.platform, p.engagement);
      if (rate === null) continue;
      posts.push({
        account: k,
        type: p.type,
        hashtags: p.hashtags,
        dow: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
        hour: d.getUTCHours(),
        day: Math.floor(d.getTime() / DAY_MS),
        rate,
        engagements: p.engagement.total,
      });
    }
    acc.days.forEach((d, i) => daily.push({ account: k, day: d.date.getTime() / DAY_MS, followerChange: i === 0 ? null : d.followers - acc.days[i - 1]!.followers }));
  });
  return { accounts, posts, daily, today, window: { fromDay: today - 179, toDay: today } };
}

const one = (seed: number, plants?: Plants, shape?: Shape, extra: Partial<Parameters<typeof generateAccount>[0]> = {}) => toInput([{ acc: generateAccount({ seed, today, plants, shape, ...extra }) }]);

describe('insights engine: planted effects', () => {
  const plants: Plants = { bestHour: 18, bestType: 'reel', bestHashtag: 'launch', anomalyDaysAgo: 6 };
  for (const [seed, shape] of [
    [1, {}],
    [2, {}],
    [3, { sigma: 0.9, viralChance: 0.02 }],
  ] as Array<[number, Shape]>) {
    it(`finds the planted hour, type, hashtag and follower anomaly (seed ${seed}${shape.viralChance ? ', heavy tails' : ''})`, () => {
      // Heavy tails hide a 2× effect more often: the heavy-tailed account gets a 2.5× one.
      const r = analyse(one(seed, { ...plants, multiplier: shape.viralChance ? 2.5 : 2 }, shape));
      const find = (key: string) => r.findings.find((f) => f.key === key);
      for (const key of ['performance:content_type:reel:above', 'performance:posting_time:hour-18:above', 'performance:hashtag:#launch:above']) {
        const f = find(key);
        expect(f, key).toBeDefined();
        expect(f!.evidence.effect).toBeGreaterThan(1.3);
        expect(f!.evidence.interval!.low).toBeLessThan(f!.evidence.effect!);
        expect(f!.evidence.interval!.high).toBeGreaterThan(f!.evidence.effect!);
        expect(f!.priority).not.toBe(Priority.LOW);
        expect(f!.evidence.accounts.map((a) => a.name)).toEqual(['@account0']);
        expect(find(key.replace(':above', ':below'))).toBeUndefined();
      }
      expect(r.findings.find((f) => f.key.startsWith('trend:anomaly:followers:acc0:'))).toBeDefined();
      // One finding, one card: the engine states a pattern once; the action is in its own sentence.
      expect(r.findings.filter((f) => f.insightType === InsightType.RECOMMENDATION)).toEqual([]);
      expect(find('performance:content_type:reel:above')!.title).toBe('Make more reels on @account0 (Instagram)');
      // The link opens exactly the posts behind each finding: the hour (local), the format, the hashtag.
      expect(find('performance:posting_time:hour-18:above')!.evidence.posts).toMatchObject({ platformIds: ['acc0'], type: null, hashtag: null, hours: [18], weekdays: [] });
      expect(find('performance:content_type:reel:above')!.evidence.posts).toMatchObject({ type: 'reel', hours: [], weekdays: [] });
      expect(find('performance:hashtag:#launch:above')!.evidence.posts).toMatchObject({ hashtag: 'launch', hours: [], weekdays: [] });
    });
  }

  it('finds a day of unusually strong posts, naming the account', () => {
    const r = analyse(one(8, { engagementSpike: { daysAgo: 4, posts: 5, multiplier: 6 } }, { sigma: 0.9, viralChance: 0.02 }));
    const spike = r.findings.filter((f) => f.key.startsWith('trend:anomaly:engagements:'));
    expect(spike.map((f) => f.key)).toEqual([`trend:anomaly:engagements:acc0:2026-06-26`]);
    expect(spike[0]!.title).toBe('Unusually strong posts on @account0 (Instagram), Friday 26 Jun 2026');
    expect(spike[0]!.evidence.groupSize).toBeGreaterThanOrEqual(5);
  });

  it('reports a follower spike lasting several days once, with every day’s value, keyed by its first day', () => {
    const r = analyse(one(7, { anomalyDaysAgo: 8, anomalyDays: 4 }));
    const spikes = r.findings.filter((f) => f.key.startsWith('trend:anomaly:followers:'));
    expect(spikes).toHaveLength(1);
    const e = spikes[0]!.evidence;
    expect(e.period.from).toBe(new Date((today - 8) * DAY_MS).toISOString().slice(0, 10));
    expect(e.period.to).toBe(new Date((today - 5) * DAY_MS).toISOString().slice(0, 10));
    expect(e.groupSize).toBe(4);
    expect(e.values).toHaveLength(4);
    expect(e.groupValue).toBe(e.values!.reduce((a, b) => a + b, 0));
    expect(spikes[0]!.title).toMatch(/^Unusual follower change on @account0 \(Instagram\) for 4 days/);
  });
});

describe('insights engine: platform confounding', () => {
  // Account A: TikTok, only videos, all at 18:00 with #fyp, three times the rate. Account B:
  // Instagram, every format, hour and hashtag alike. Nothing here is an effect *within* an account.
  const input = () =>
    toInput([
      { acc: generateAccount({ seed: 51, today, shape: { onlyType: 'video', onlyHour: 18, onlyHashtag: 'fyp', medianRate: 0.12 } }), platform: PlatformType.TIKTOK, name: '@a' },
      { acc: generateAccount({ seed: 52, today, shape: { medianRate: 0.04 } }), platform: PlatformType.INSTAGRAM, name: '@b' },
    ]);

  it('the data is confounded: pooling both accounts would "find" videos, 18:00 and #fyp', () => {
    const { posts } = input();
    for (const inGroup of [(p: PostSample) => p.type === 'video', (p: PostSample) => p.hour === 18, (p: PostSample) => p.hashtags.includes('fyp')]) {
      const pooled = mannWhitneyU(posts.filter(inGroup).map((p) => p.rate), posts.filter((p) => !inGroup(p)).map((p) => p.rate));
      expect(pooled.p).toBeLessThan(1e-10);
    }
  });

  it('reports no video, 18:00 or #fyp finding: effects are estimated within each account', () => {
    const r = analyse(input());
    const keys = r.findings.map((f) => f.key);
    expect(keys.filter((k) => /content_type:video|hour-18|#fyp/.test(k))).toEqual([]);
    expect(r.findings.filter((f) => f.insightType === InsightType.PERFORMANCE && f.priority !== Priority.LOW)).toEqual([]);
    // Success rates compare each post with its own account's median, so TikTok's level does not leak in.
    const video = r.patterns.find((p) => p.patternType === PatternType.CONTENT_TYPE && p.id === 'video')!;
    expect(video.successRate).toBeGreaterThan(0.35);
    expect(video.successRate).toBeLessThan(0.65);
  });

  it('still finds an effect present within both accounts, combining them, named by each platform’s rate', () => {
    const r = analyse(
      toInput([
        { acc: generateAccount({ seed: 53, today, plants: { bestType: 'reel' }, shape: { medianRate: 0.1 } }), platform: PlatformType.TIKTOK, name: '@a' },
        { acc: generateAccount({ seed: 54, today, plants: { bestType: 'reel' } }), platform: PlatformType.INSTAGRAM, name: '@b' },
      ]),
    );
    const reel = r.findings.find((f) => f.key === 'performance:content_type:reel:above')!;
    expect(reel.evidence.accounts.map((a) => a.name)).toEqual(['@a', '@b']);
    expect(reel.evidence.metric).toBe('engagement rate by views (TikTok) and reach (Instagram)');
    expect(reel.evidence.effect).toBeGreaterThan(1.5);
    expect(reel.title).toBe('Make more reels on 2 accounts');
    expect(reel.evidence.posts!.platformIds).toEqual(['acc0', 'acc1']);
  });
});

describe('insights engine: pure noise', () => {
  it('≥ 300 effect-free accounts (light, heavy-tailed with viral posts, sparse weekly posters): HIGH ≤ 1 %, MEDIUM ≤ 5 %', () => {
    let high = 0;
    let medium = 0;
    let accounts = 0;
    const shapes: Array<[Shape, Partial<Parameters<typeof generateAccount>[0]>]> = [
      [{}, {}],
      [{ sigma: 1.1, viralChance: 0.03 }, {}],
      [{ sigma: 1.1, viralChance: 0.03 }, { posts: 26, postDays: 180 }],
    ];
    for (let seed = 1000; seed < 1105; seed++) {
      for (const [shape, extra] of shapes) {
        const r = analyse(one(seed, undefined, shape, extra));
        accounts++;
        if (r.findings.some((f) => f.priority === Priority.HIGH)) high++;
        else if (r.findings.some((f) => f.priority === Priority.MEDIUM)) medium++;
      }
    }
    expect(accounts).toBeGreaterThanOrEqual(300);
    expect(high / accounts).toBeLessThanOrEqual(0.01);
    expect(medium / accounts).toBeLessThanOrEqual(0.05);
  });
});

describe('insights engine: rules', () => {
  it('priority needs both significance and effect size', () => {
    expect(priorityOf(0.0005, 0.6, 2)).toBe(Priority.HIGH);
    expect(priorityOf(0.0005, 0.6, 1.2)).toBe(Priority.MEDIUM);
    expect(priorityOf(0.005, 0.6, 2)).toBe(Priority.MEDIUM);
    expect(priorityOf(0.03, 0.6, 2)).toBe(Priority.MEDIUM);
    expect(priorityOf(0.0005, 0.2, 2)).toBe(Priority.LOW);
    expect(priorityOf(0.04, 0.1, 1.05)).toBe(Priority.LOW);
  });

  it('is deterministic: the same account gives the same findings and keys', () => {
    const input = one(5, { bestType: 'video' });
    expect(analyse(input)).toEqual(analyse(input));
  });

  it('says nothing about an empty account', () => {
    const r = analyse({ accounts: [], posts: [], daily: [], today, window: { fromDay: today - 179, toDay: today } });
    expect(r).toEqual({ accountMedians: [], patterns: [], tests: [], findings: [], partial: null });
  });

  it('stops at the time budget with a partial result whose correction is as strict as a full run’s', () => {
    const input = one(1, { bestType: 'reel' });
    const full = analyse(input);
    const cut = analyse({ ...input, deadline: Date.now() - 1 });
    expect(cut.partial).toEqual({ testedGroups: 0, totalGroups: full.tests.length });
    expect(cut.findings.filter((f) => f.insightType === InsightType.PERFORMANCE)).toEqual([]);
    expect(full.partial).toBeNull();
  });

  it('detects accelerating and slowing follower growth, per account', () => {
    for (const [before, after, key] of [
      [5, 25, 'trend:followers:acc0:accelerating'],
      [25, 5, 'trend:followers:acc0:declining'],
    ] as const) {
      const rng = seededRandom(7);
      const daily: DailyPoint[] = Array.from({ length: 90 }, (_, i) => {
        const day = today - 90 + i;
        const m = day >= today - 28 ? after : before;
        return { account: 0, day, followerChange: Math.round(m + (rng() - 0.5) * 10) };
      });
      const r = analyse({ accounts: [{ id: 'acc0', platform: PlatformType.LINKEDIN, name: 'Acme' }], posts: [], daily, today, window: { fromDay: today - 179, toDay: today } });
      const f = r.findings.find((x) => x.key === key);
      expect(f).toBeDefined();
      expect(f!.priority).toBe(Priority.HIGH);
      expect(f!.title).toMatch(/on Acme \(LinkedIn\)$/);
      expect(r.findings.filter((x) => x.key.startsWith('trend:followers:'))).toHaveLength(1);
    }
  });
});

describe('insights engine: sentences', () => {
  const base = {
    direction: 'above' as const,
    accounts: ['@bakery (Instagram)'],
    metric: 'engagement rate by reach',
    n1: 48,
    n2: 131,
    groupMedian: 0.0461,
    restMedian: 0.022,
    ratio: 2.1,
    interval: { low: 1.62, high: 2.74 },
    rankBiserial: 0.52,
    q: 0.0004,
    tests: 31,
    fromDay: parseDay('2026-01-02')!,
    toDay: parseDay('2026-06-29')!,
    perAccount: [{ label: '@bakery (Instagram)', n1: 48, n2: 131, groupMedian: 0.0461, restMedian: 0.022 }],
  };
  const g = (patternType: PatternType, id: string, name: string, label: string, singular: string): GroupDef => ({ patternType, id, name, label, singular });
  const reel = g(PatternType.CONTENT_TYPE, 'reel', 'reel', 'reels', 'reel');
  const story = g(PatternType.CONTENT_TYPE, 'story', 'story', 'stories', 'story');
  const hour = g(PatternType.POSTING_TIME, 'hour-18', '18:00', 'posts published 18:00–19:00', 'post published 18:00–19:00');
  const weekday = g(PatternType.POSTING_TIME, 'weekday-2', 'Tuesday', 'posts published on Tuesdays', 'post published on a Tuesday');
  const tag = g(PatternType.HASHTAG, '#devops', '#devops', 'posts with #devops', 'post with #devops');

  it('content type, above', () => {
    const t = performanceText({ ...base, group: reel });
    expect(t.title).toMatchInlineSnapshot(`"Make more reels on @bakery (Instagram)"`);
    expect(t.sentence).toMatchInlineSnapshot(`"Make more reels on @bakery (Instagram): your 48 reels earned a median engagement rate by reach of 4.61 %, against 2.2 % for your 131 other posts (2 Jan – 29 Jun 2026)."`);
    expect(t.howWeKnow).toMatchInlineSnapshot(`
      [
        "We compared your reels with the other posts of the same account, by rank, so a single viral post cannot decide it.",
        "Allowing for the 31 patterns we checked, this is very unlikely to be chance: less than 1 in 1,000.",
        "Picked at random, a reel beat another post of the same account 76 times in 100.",
        "They earned 2.1× the rate of the other posts; the true figure is most likely between 1.6× and 2.7× (95 % interval).",
        "@bakery (Instagram): median 4.61 % over 48 reels, against 2.2 % over 131 other posts.",
        "Period analysed: 2 Jan – 29 Jun 2026. Rates are the engagement rate by reach: each post's engagements divided by its reach.",
      ]
    `);
  });

  it('content type, below, and the singular of one other post', () => {
    const t = performanceText({ ...base, group: story, direction: 'below', n1: 9, n2: 1, ratio: 0.31, interval: { low: 0.2, high: 0.5 }, rankBiserial: -0.6, q: 0.004, groupMedian: 0.011, restMedian: 0.035 });
    expect(t.title).toMatchInlineSnapshot(`"Make fewer stories on @bakery (Instagram)"`);
    expect(t.sentence).toMatchInlineSnapshot(`"Make fewer stories on @bakery (Instagram), or rethink them: your 9 stories earned a median engagement rate by reach of 1.1 %, against 3.5 % for your 1 other post (2 Jan – 29 Jun 2026)."`);
    expect(t.howWeKnow[1]).toMatchInlineSnapshot(`"Allowing for the 31 patterns we checked, this is unlikely to be chance: about 1 in 300."`);
  });

  it('posting hour, weekday and hashtag', () => {
    expect(performanceText({ ...base, group: hour }).sentence).toMatchInlineSnapshot(`"Post more between 18:00 and 19:00 on @bakery (Instagram): your 48 posts published 18:00–19:00 earned a median engagement rate by reach of 4.61 %, against 2.2 % for your 131 other posts (2 Jan – 29 Jun 2026)."`);
    expect(performanceText({ ...base, group: weekday, q: 0.03 }).sentence).toMatchInlineSnapshot(`"Post more on Tuesdays on @bakery (Instagram): your 48 posts published on Tuesdays earned a median engagement rate by reach of 4.61 %, against 2.2 % for your 131 other posts (2 Jan – 29 Jun 2026)."`);
    expect(performanceText({ ...base, group: weekday, q: 0.03 }).howWeKnow[1]).toMatchInlineSnapshot(`"Allowing for the 31 patterns we checked, this is probably not chance, though not certain: about 1 in 30."`);
    const below = performanceText({ ...base, group: tag, direction: 'below', ratio: 0.2, groupMedian: 0.004, restMedian: 0.02 });
    expect(below.title).toMatchInlineSnapshot(`"Use #devops less on @bakery (Instagram)"`);
    expect(below.sentence).toMatchInlineSnapshot(`"Use #devops less on @bakery (Instagram), or rethink the posts you tag with it: your 48 posts with #devops earned a median engagement rate by reach of 0.4 %, against 2 % for your 131 other posts (2 Jan – 29 Jun 2026)."`);
  });

  it('several accounts: the ratio within each account, not one blended rate', () => {
    const t = performanceText({
      ...base,
      group: reel,
      accounts: ['@bakery (Instagram)', '@bakery.tok (TikTok)'],
      metric: 'engagement rate by reach (Instagram) and views (TikTok)',
      groupMedian: null,
      restMedian: null,
      perAccount: [
        { label: '@bakery (Instagram)', n1: 30, n2: 100, groupMedian: 0.05, restMedian: 0.025 },
        { label: '@bakery.tok (TikTok)', n1: 18, n2: 31, groupMedian: 0.1, restMedian: 0.05 },
      ],
    });
    expect(t.title).toMatchInlineSnapshot(`"Make more reels on 2 accounts"`);
    expect(t.sentence).toMatchInlineSnapshot(`"Make more reels on 2 accounts: on @bakery (Instagram) and @bakery.tok (TikTok), your reels earned 2.1× the engagement rate of the same account's other posts (48 reels against 131 other posts, 2 Jan – 29 Jun 2026)."`);
    expect(t.howWeKnow).toMatchInlineSnapshot(`
      [
        "We compared your reels with the other posts of the same account, account by account, and combined the 2 accounts; posts of different accounts are never compared with each other.",
        "Allowing for the 31 patterns we checked, this is very unlikely to be chance: less than 1 in 1,000.",
        "Picked at random, a reel beat another post of the same account 76 times in 100.",
        "They earned 2.1× the rate of the other posts; the true figure is most likely between 1.6× and 2.7× (95 % interval).",
        "@bakery (Instagram): median 5 % over 30 reels, against 2.5 % over 100 other posts.",
        "@bakery.tok (TikTok): median 10 % over 18 reels, against 5 % over 31 other posts.",
        "Period analysed: 2 Jan – 29 Jun 2026. Rates are the engagement rate by reach (Instagram) and views (TikTok): each post's engagements divided by its reach (Instagram) or views (TikTok).",
      ]
    `);
  });

  it('never prints "100.0 %" or a duplicate hashtag', () => {
    const t = performanceText({ ...base, group: reel, groupMedian: 1, restMedian: 0.5 });
    expect(t.sentence).toContain('100 %');
    expect(t.sentence).not.toContain('100.0');
    const r = analyse(toInput([{ acc: generateAccount({ seed: 3, today, plants: { bestHashtag: 'Launch' } }) }]));
    const tags = r.patterns.filter((p) => p.patternType === PatternType.HASHTAG).map((p) => p.patternName);
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags).toContain('#launch');
  });
});
