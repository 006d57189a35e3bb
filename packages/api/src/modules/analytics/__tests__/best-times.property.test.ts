import fc from 'fast-check';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { withTotal } from '../../activities/engagement.model.js';
import { PlatformModel } from '../../platforms/platform.model.js';
import { bestTimesToPost } from '../posts.service.js';

/**
 * Best times on generated multi-platform accounts (Instagram by reach, TikTok by views, X by
 * impressions) with skewed rates and posts crowded into a few slots, so that many cells have
 * their own data: whatever the data, no recommended slot is at or below the average, every
 * recommended slot has enough posts, the list is ordered by its lower bound, and no interval goes
 * below 0.
 */
const COUNTER = { instagram: 'reach', tiktok: 'views', twitter: 'impressions' } as const;

const accountArb = fc.record({
  type: fc.constantFrom('instagram', 'tiktok', 'twitter' as const),
  // A per-account level (accounts differ a lot) and a per-slot effect.
  level: fc.double({ min: 0.005, max: 0.3, noNaN: true }),
  posts: fc.array(
    fc.record({
      // Nine slots (three weekdays × three hours) over eight weeks: many cells have posts of their own.
      week: fc.integer({ min: 0, max: 7 }),
      weekday: fc.constantFrom(0, 2, 4),
      hour: fc.constantFrom(9, 12, 18),
      // Log-normal-ish noise with the occasional viral post.
      noise: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      viral: fc.integer({ min: 0, max: 30 }).map((n) => n === 0),
      audience: fc.integer({ min: 50, max: 5000 }),
    }),
    { minLength: 10, maxLength: 80 },
  ),
  slotEffect: fc.dictionary(fc.constantFrom('9', '12', '18'), fc.double({ min: 0.5, max: 2.5, noNaN: true })),
});

describe('best times (property-based)', () => {
  it('never recommends a slot at or below the average; intervals ≥ 0; ordered by the lower bound', async () => {
    let recommended = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(accountArb, { minLength: 1, maxLength: 3 }), fc.integer({ min: 2, max: 6 }), async (accounts, minPosts) => {
        const { user } = await createUser({ subscriptionTier: 'enterprise' });
        const docs = [];
        for (const a of accounts) {
          const platform = await PlatformModel.create({ workspaceId: user._id, type: a.type, sandbox: true, platformUserId: `bt-${new Types.ObjectId().toHexString()}` });
          for (const [i, p] of a.posts.entries()) {
            const rate = a.level * (a.slotEffect[String(p.hour)] ?? 1) * Math.exp(p.noise) * (p.viral ? 8 : 1);
            docs.push({
              workspaceId: user._id,
              platformId: platform._id,
              externalId: `${platform._id.toHexString()}-${i}`,
              type: 'image',
              publishedAt: new Date(Date.UTC(2026, 4, 4 + 7 * p.week + p.weekday, p.hour, 15)),
              engagement: withTotal({ likes: Math.round(rate * p.audience), [COUNTER[a.type]]: p.audience }),
            });
          }
        }
        await ActivityModel.insertMany(docs);
        const b = await bestTimesToPost({ workspaceId: user._id, tz: 'UTC', tier: 'enterprise' }, { range: { from: '2026-05-01', to: '2026-06-30' }, minPosts });
        expect(b.totalPosts).toBeLessThanOrEqual(docs.length);
        expect(b.cells).toHaveLength(168);
        for (const c of b.cells) {
          if (c.low !== null) expect(c.low).toBeGreaterThanOrEqual(0);
          if (c.high !== null) expect(c.high).toBeGreaterThanOrEqual(c.low ?? 0);
        }
        expect(b.best.length).toBeLessThanOrEqual(3);
        recommended += b.best.length;
        for (const [i, c] of b.best.entries()) {
          expect(c.source).toBe('CELL');
          expect(c.posts).toBeGreaterThanOrEqual(Math.max(minPosts, 3));
          expect(c.low!).toBeGreaterThan(b.accountAverage!);
          expect(c.value!).toBeGreaterThan(b.accountAverage!);
          if (i > 0) expect(c.low!).toBeLessThanOrEqual(b.best[i - 1]!.low!);
        }
      }),
      // A fixed seed: the generated accounts (and so the check that some slots were recommended) repeat.
      { numRuns: Number(process.env.PROP_RUNS ?? 12), seed: 20261201 },
    );
    // The checks above looked at real recommendations, not only at empty lists.
    expect(recommended).toBeGreaterThan(0);
  }, 300_000);
});
