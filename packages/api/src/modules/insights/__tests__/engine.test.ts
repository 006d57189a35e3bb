import { describe, expect, it } from 'vitest';
import { Priority } from '../../../lib/graphql-enums.js';
import { DAY_MS, parseDay } from '@soash/shared';
import { analyse, priorityOf, type DailyPoint, type EngineInput, type PostSample } from '../engine.js';
import { seededRandom } from '../../analytics/statistics.js';
import { generateAccount, type GeneratedAccount, type Plants } from './generator.js';

const today = parseDay('2026-06-30')!;

function toInput(acc: GeneratedAccount, seedKey: string): EngineInput {
  const posts: PostSample[] = acc.posts.map((p) => {
    const d = new Date(p.publishedAt);
    const dow = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    return { type: p.type, hashtags: p.hashtags, dow, hour: d.getUTCHours(), rate: p.engagement.total / p.engagement.reach, engagements: p.engagement.total };
  });
  const daily: DailyPoint[] = acc.days.map((d, i) => ({
    day: d.date.getTime() / DAY_MS,
    followerChange: i === 0 ? null : d.followers - acc.days[i - 1]!.followers,
    engagements: d.engagement,
  }));
  return { seedKey, rateLabel: 'engagement rate by reach', posts, daily, today, window: { fromDay: today - 180, toDay: today } };
}

describe('insights engine: anomaly runs', () => {
  it('reports a spike lasting several days once, with every day’s value, keyed by its first day', () => {
    const r = analyse(toInput(generateAccount({ seed: 7, today, plants: { anomalyDaysAgo: 8, anomalyDays: 4 } }), 'u-run'));
    const spikes = r.findings.filter((f) => f.key.startsWith('trend:anomaly:followers:'));
    expect(spikes).toHaveLength(1);
    const e = spikes[0]!.evidence as { date: string; endDate: string; days: number; values: number[]; total: number };
    expect(e.date).toBe(new Date((today - 8) * DAY_MS).toISOString().slice(0, 10));
    expect(e.endDate).toBe(new Date((today - 5) * DAY_MS).toISOString().slice(0, 10));
    expect(e.days).toBe(4);
    expect(e.values).toHaveLength(4);
    expect(e.total).toBe(e.values.reduce((a, b) => a + b, 0));
    expect(spikes[0]!.title).toMatch(/for 4 days/);
  });
});

describe('insights engine: planted effects', () => {
  const plants: Plants = { bestHour: 18, bestType: 'reel', bestHashtag: 'launch', anomalyDaysAgo: 6 };
  for (const seed of [1, 2, 3]) {
    it(`finds the planted hour, type, hashtag and anomaly (seed ${seed})`, () => {
      const r = analyse(toInput(generateAccount({ seed, today, plants }), `u${seed}`));
      const find = (key: string) => r.findings.find((f) => f.key === key);
      expect(find('performance:content_type:reel:above')).toBeDefined();
      expect(find('performance:posting_time:hour-18:above')).toBeDefined();
      expect(find('performance:hashtag:#launch:above')).toBeDefined();
      expect(r.findings.find((f) => f.key.startsWith('trend:anomaly:followers:'))).toBeDefined();
      // Direction: the planted groups are above the rest, with the cited numbers agreeing.
      for (const key of ['performance:content_type:reel:above', 'performance:posting_time:hour-18:above', 'performance:hashtag:#launch:above']) {
        const f = find(key)!;
        expect((f.evidence as { ratioOfMedians: number }).ratioOfMedians).toBeGreaterThan(1.3);
        expect(f.priority).not.toBe(Priority.LOW);
        expect(find(key.replace(':above', ':below'))).toBeUndefined();
      }
      // The recommendation acts on one of the planted patterns.
      const rec = r.findings.find((f) => f.insightType === 'recommendation')!;
      expect(['reel', 'hour-18', '#launch']).toContain(rec.pattern!.id);
    });
  }
});

describe('insights engine: pure noise', () => {
  it('yields no high-priority insight on 20 noise accounts', () => {
    for (let seed = 100; seed < 120; seed++) {
      const r = analyse(toInput(generateAccount({ seed, today }), `n${seed}`));
      expect(r.findings.filter((f) => f.priority === Priority.HIGH), `seed ${seed}`).toEqual([]);
      // Whatever noise lets through is rare and never strong.
      expect(r.findings.length, `seed ${seed}`).toBeLessThanOrEqual(3);
    }
  });
});

describe('insights engine: rules', () => {
  it('priority needs both significance and effect size', () => {
    expect(priorityOf(0.0005, 0.6, 2)).toBe(Priority.HIGH);
    expect(priorityOf(0.0005, 0.6, 1.2)).toBe(Priority.MEDIUM); // large rank effect, small practical ratio
    expect(priorityOf(0.005, 0.6, 2)).toBe(Priority.MEDIUM); // not significant enough for HIGH
    expect(priorityOf(0.03, 0.6, 2)).toBe(Priority.MEDIUM);
    expect(priorityOf(0.0005, 0.2, 2)).toBe(Priority.LOW);
    expect(priorityOf(0.04, 0.1, 1.05)).toBe(Priority.LOW);
  });

  it('is deterministic: the same account gives the same findings and keys', () => {
    const input = toInput(generateAccount({ seed: 5, today, plants: { bestType: 'video' } }), 'same');
    expect(analyse(input)).toEqual(analyse(input));
  });

  it('says nothing about an empty account', () => {
    const r = analyse({ seedKey: 'x', rateLabel: 'engagement rate by reach', posts: [], daily: [], today, window: { fromDay: today - 179, toDay: today } });
    expect(r).toEqual({ userMedian: null, patterns: [], tests: [], findings: [] });
  });

  it('detects accelerating and slowing follower growth', () => {
    for (const [before, after, key] of [
      [5, 25, 'trend:followers:accelerating'],
      [25, 5, 'trend:followers:declining'],
    ] as const) {
      const rng = seededRandom(7);
      const daily: DailyPoint[] = Array.from({ length: 90 }, (_, i) => {
        const day = today - 89 + i;
        const mean = day > today - 28 ? after : before;
        return { day, followerChange: Math.round(mean + (rng() - 0.5) * 10), engagements: null };
      });
      const r = analyse({ seedKey: 'g', rateLabel: 'engagement rate by reach', posts: [], daily, today, window: { fromDay: today - 179, toDay: today } });
      const f = r.findings.find((x) => x.key === key);
      expect(f).toBeDefined();
      expect(f!.priority).toBe(Priority.HIGH);
      expect(f!.description).toMatch(/followers a day on average/);
      expect(r.findings.filter((x) => x.key.startsWith('trend:followers:'))).toHaveLength(1);
    }
  });
});
