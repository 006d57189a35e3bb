import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { captureReads, collectionScans } from '../../../../test/helpers/explain.js';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { overviewPageRequests } from '../../../bench/overview-page.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { withTotal } from '../../activities/engagement.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';

/**
 * Every query the dashboard sends is answered from an index on MongoDB: each find / aggregate /
 * count the Overview page's requests (and the other dashboard fields) send is explained, and no
 * winning plan may contain a COLLSCAN. The stand-in implements no secondary indexes (every query
 * there is a scan; see docs/database.md), so there is nothing to check on it.
 */
const source = inject('mongoSource');
const onStandIn = source === 'standin';
const SKIP_REASON = 'skipped: the stand-in (mongo-java-server) has no secondary indexes, so every plan is a collection scan; runs on mongod or MONGODB_URI';

const DASHBOARD_COLLECTIONS = new Set(['activities', 'activity_metrics', 'stats', 'platforms', 'users', 'user_profiles']);
const DAY = 86_400_000;
const day = (s: string) => Date.parse(`${s}T00:00:00Z`);

let server: TestServer;
beforeAll(async () => {
  if (!onStandIn) server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('index shapes', () => {
  it.skipIf(onStandIn)(`every dashboard query is an index scan on MongoDB (${onStandIn ? SKIP_REASON : source})`, async () => {
    const u = await createUser({ subscriptionTier: 'enterprise' as never });
    await WorkspaceModel.updateOne({ _id: u.user._id }, { $set: { timezone: 'Europe/Berlin' } });
    const stats = [];
    const posts = [];
    for (let i = 0; i < 3; i++) {
      const p = await createPlatform(u.user._id, { followerCount: 100 });
      for (let t = day('2026-01-01'); t <= day('2026-05-31'); t += DAY) stats.push({ workspaceId: u.user._id, platformId: p._id, date: new Date(t), followers: 100 + i });
      for (let t = day('2026-01-01'); t <= day('2026-05-31'); t += DAY) {
        posts.push({ workspaceId: u.user._id, platformId: p._id, externalId: `${i}-${t}`, type: 'image', publishedAt: new Date(t + 9 * 3600_000), hashtags: ['x'], engagement: withTotal({ likes: 3, reach: 50 }) });
      }
    }
    await StatsModel.insertMany(stats);
    await ActivityModel.insertMany(posts);

    const range = { from: '2026-05-04', to: '2026-05-31' };
    const seen = await captureReads(DASHBOARD_COLLECTIONS, async () => {
      for (const r of overviewPageRequests(range)) expect((await server.gql(r.query, r.variables, u.token)).body.errors).toBeUndefined();
      const more = `query($r: DateRangeInput!) {
        timeseries(input: { range: $r, metric: PROFILE_VIEWS }) { points { value } }
        topActivities(input: { range: $r, normalizeBy: FOLLOWERS_LATEST }) { rank }
        platforms { latestStats { date } }
        audienceDemographics { merged { locations { country } } }
      }`;
      expect((await server.gql(more, { r: range }, u.token)).body.errors).toBeUndefined();
    });
    expect(seen.length).toBeGreaterThan(10);
    expect(await collectionScans(seen)).toEqual([]);
  });

  it.skipIf(onStandIn)(`the startup pass finds accounts without follower days and their rows from indexes (${onStandIn ? SKIP_REASON : source})`, async () => {
    const { completeFollowerDays } = await import('../../stats/follower-days.js');
    const { PlatformModel } = await import('../../platforms/platform.model.js');
    const u = await createUser();
    const p = await createPlatform(u.user._id, {});
    await PlatformModel.updateOne({ _id: p._id }, { $unset: { followerDaysKnown: 1 } });
    await StatsModel.insertMany([{ workspaceId: u.user._id, platformId: p._id, date: new Date(day('2026-01-01')), followers: 5 }]);
    const seen = await captureReads(new Set(['platforms', 'stats']), async () => {
      expect(await completeFollowerDays()).toBeGreaterThanOrEqual(1);
    });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(await collectionScans(seen)).toEqual([]);
  });
});
