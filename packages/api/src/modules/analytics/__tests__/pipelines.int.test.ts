import type { PipelineStage } from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { withTotal } from '../../activities/engagement.model.js';
import { Granularity, TimeseriesMetric } from '../analytics.enums.js';
import { timeseries } from '../dashboard.service.js';
import { hashtagPerformance } from '../posts.service.js';

/** The pipelines' shapes: what the database is asked to compute (issue: dashboard pipelines at the floor). */
afterEach(() => {
  vi.restoreAllMocks();
});

async function account() {
  const { user } = await createUser({ subscriptionTier: 'enterprise' });
  const p = await createPlatform(user._id);
  const t = await createPlatform(user._id, { type: 'tiktok' });
  await ActivityModel.insertMany([
    { workspaceId: user._id, platformId: p._id, externalId: 'a', type: 'image', hashtags: ['x', 'y'], publishedAt: new Date('2026-03-02T10:00:00Z'), engagement: withTotal({ likes: 10, reach: 100 }) },
    { workspaceId: user._id, platformId: t._id, externalId: 'b', type: 'video', hashtags: ['x'], publishedAt: new Date('2026-03-03T10:00:00Z'), engagement: withTotal({ likes: 30, views: 100 }) },
    { workspaceId: user._id, platformId: p._id, externalId: 'c', type: 'image', hashtags: ['x', 'y'], publishedAt: new Date('2026-03-04T10:00:00Z'), engagement: withTotal({ likes: 20, reach: 100 }) },
  ]);
  return { workspaceId: user._id, tz: 'UTC', tier: 'enterprise' as const };
}

function spyPipelines(): PipelineStage[][] {
  const seen: PipelineStage[][] = [];
  const original = ActivityModel.aggregate.bind(ActivityModel);
  vi.spyOn(ActivityModel, 'aggregate').mockImplementation(((pipeline: PipelineStage[]) => {
    seen.push(pipeline);
    return original(pipeline);
  }) as never);
  return seen;
}

const groupFields = (pipeline: PipelineStage[]) => {
  const g = pipeline.find((s): s is PipelineStage.Group => '$group' in s);
  return g ? Object.keys(g.$group).sort() : null;
};

describe('dashboard pipelines: successful cases', () => {
  it('the post $group computes only the accumulators the asked metric needs', async () => {
    const req = await account();
    const range = { from: '2026-03-01', to: '2026-03-31' };
    const expected: Record<string, string[]> = {
      [TimeseriesMetric.POSTS]: ['_id', 'posts'],
      [TimeseriesMetric.ENGAGEMENTS]: ['_id', 'engagements', 'posts'],
      [TimeseriesMetric.REACH]: ['_id', 'posts', 'reach', 'reachReported'],
      [TimeseriesMetric.ENGAGEMENT_RATE]: ['_id', 'posts', 'rateDenominator', 'rateEngagements'],
    };
    for (const [metric, fields] of Object.entries(expected)) {
      const seen = spyPipelines();
      const t = await timeseries(req, { range, metric: metric as TimeseriesMetric, granularity: Granularity.MONTH });
      expect(seen.map(groupFields), metric).toEqual([fields]);
      vi.restoreAllMocks();
      if (metric === TimeseriesMetric.ENGAGEMENT_RATE) expect(t.points[0]!.value).toBeCloseTo(60 / 300, 12);
    }
  });

  it('hashtag medians ship one rate per post: no $unwind, no $push of rows', async () => {
    const req = await account();
    const seen = spyPipelines();
    const h = await hashtagPerformance(req, { range: { from: '2026-03-01', to: '2026-03-31' }, minPosts: 2 });
    expect(seen).toHaveLength(1);
    const stages = JSON.stringify(seen[0]);
    expect(stages).not.toContain('$unwind');
    expect(stages).not.toContain('$push');
    expect(stages).not.toContain('$group');
    // x: 0.1, 0.3, 0.2 (TikTok by views) → median 0.2; y: 0.1, 0.2 → 0.15.
    expect(h.hashtags.map((t) => [t.hashtag, t.posts])).toEqual([
      ['x', 3],
      ['y', 2],
    ]);
    expect(h.hashtags[0]!.medianEngagementRate).toBeCloseTo(0.2, 12);
    expect(h.hashtags[1]!.medianEngagementRate).toBeCloseTo(0.15, 12);
  });
});
