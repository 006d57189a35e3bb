import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivity, createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { ActivityMetricModel } from '../activity-metric.model.js';
import { ActivityModel } from '../activity.model.js';
import { backfillMetricModelRates } from '../activity-rates.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 0, d, h));

/**
 * Posts as an older version stored them: `engagementRate` = engagements ÷ reach on every platform
 * (TikTok and X posts without reach had none). The posts explorer must show the one metric model's
 * rate and label, the same number the dashboard shows for the same post.
 */
async function seed() {
  const { user, token } = await createUser({ subscriptionTier: 'enterprise' });
  const ig = await createPlatform(user._id, { type: 'instagram' as never, username: 'bakery' });
  const tt = await createPlatform(user._id, { type: 'tiktok' as never, username: 'bakery.tt' });
  const x = await createPlatform(user._id, { type: 'twitter' as never, username: 'bakery_x' });
  const igPost = await createActivity(user._id, ig._id, { publishedAt: day(10), engagement: { likes: 30, total: 30, reach: 1000, views: 3000 }, engagementRate: 0.03 });
  // TikTok: views 2000 → 5 %; the old stored rate used reach (20 %).
  const ttPost = await createActivity(user._id, tt._id, { publishedAt: day(11), engagement: { likes: 100, total: 100, views: 2000, reach: 500 }, engagementRate: 0.2 });
  // X: impressions 400 → 10 %; no reach, so no stored rate.
  const xPost = await createActivity(user._id, x._id, { publishedAt: day(12), engagement: { likes: 40, total: 40, impressions: 400 }, engagementRate: null });
  await ActivityMetricModel.create({ activityId: ttPost._id, platformId: tt._id, workspaceId: user._id, date: day(11, 0), engagement: { likes: 50, total: 50, views: 1000, reach: 100 }, engagementRate: 0.5 });
  return { user, token, igPost, ttPost, xPost };
}

describe('posts explorer rates: the one metric model', () => {
  it('each post shows its platform’s rate and label, equal to the dashboard’s top posts for the same post', async () => {
    const { token, igPost, ttPost, xPost } = await seed();
    const { body } = await server.gql<any>(
      `{
        activities(first: 10) { edges { node { id engagementRate rateLabel } } }
        topActivities(input: { range: { from: "2026-01-01", to: "2026-01-31" }, by: ENGAGEMENTS }) { engagementRate rateLabel activity { id } }
      }`,
      {},
      token,
    );
    expect(body.errors).toBeUndefined();
    const nodes = new Map(body.data.activities.edges.map((e: any) => [e.node.id, e.node]));
    expect(nodes.get(igPost._id.toHexString())).toMatchObject({ engagementRate: 0.03, rateLabel: 'engagement rate by reach' });
    expect(nodes.get(ttPost._id.toHexString())).toMatchObject({ engagementRate: 0.05, rateLabel: 'engagement rate by views' });
    expect(nodes.get(xPost._id.toHexString())).toMatchObject({ engagementRate: 0.1, rateLabel: 'engagement rate by impressions' });
    for (const t of body.data.topActivities) {
      const n = nodes.get(t.activity.id) as { engagementRate: number; rateLabel: string };
      expect([t.activity.id, n.engagementRate, n.rateLabel]).toEqual([t.activity.id, t.engagementRate, t.rateLabel]);
    }
  });

  it("a post's daily snapshots use the same denominator", async () => {
    const { token, ttPost } = await seed();
    const { body } = await server.gql<any>(`query($id: ID!) { activity(id: $id) { rateLabel metrics { engagementRate } } }`, { id: ttPost._id.toHexString() }, token);
    expect(body.errors).toBeUndefined();
    expect(body.data.activity).toEqual({ rateLabel: 'engagement rate by views', metrics: [{ engagementRate: 0.05 }] });
  });

  it('the start-up backfill rewrites stored rates of TikTok and X posts, so sorting by rate follows the metric model; a second run writes nothing', async () => {
    const { token, user, igPost, ttPost, xPost } = await seed();
    const first = await backfillMetricModelRates();
    expect(first.activities).toBeGreaterThanOrEqual(2);
    expect(first.snapshots).toBeGreaterThanOrEqual(1);
    const stored = await ActivityModel.find({ workspaceId: user._id }, { engagementRate: 1 }).lean();
    expect(Object.fromEntries(stored.map((s) => [s._id.toHexString(), s.engagementRate]))).toEqual({
      [igPost._id.toHexString()]: 0.03,
      [ttPost._id.toHexString()]: 0.05,
      [xPost._id.toHexString()]: 0.1,
    });
    expect((await ActivityMetricModel.findOne({ activityId: ttPost._id }).lean())!.engagementRate).toBe(0.05);
    const { body } = await server.gql<any>(`{ activities(sort: { field: ENGAGEMENT_RATE, direction: DESC }) { edges { node { id } } } }`, {}, token);
    expect(body.data.activities.edges.map((e: any) => e.node.id)).toEqual([xPost, ttPost, igPost].map((p) => p._id.toHexString()));
    expect(await backfillMetricModelRates()).toEqual({ activities: 0, snapshots: 0 });
  });
});
