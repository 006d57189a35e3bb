import { PlatformStatus, PlatformType } from '@soash/shared';
import mongoose, { Types } from 'mongoose';
import { describe, expect, it, vi } from 'vitest';
import { countCommands, describeCalls } from '../../../../test/helpers/commands.js';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { SandboxProvider } from '../../../connectors/sandbox/sandbox.provider.js';
import type { AccountDay, PostRecord } from '../../../connectors/types.js';
import { ActivityMetricModel } from '../../activities/activity-metric.model.js';
import { engagementRateOf, mergeHashtags, toEngagement, upsertActivities, upsertSnapshots } from '../../activities/activity.ingest.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { connectSandboxPlatform } from '../../platforms/platform-connect.service.js';
import { PlatformModel } from '../../platforms/platform.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { ACTIVE_CHECK_MS, readStoredDays, runPullJob, upsertStats } from '../sync.service.js';

const DAY = 86_400_000;

/** A stored document without what differs between two writes of the same data. */
function comparable(doc: Record<string, unknown>): Record<string, unknown> {
  const { _id, createdAt, updatedAt, platformId, activityId, ...rest } = doc;
  void _id;
  void platformId;
  void activityId;
  expect(createdAt).toBeInstanceOf(Date);
  expect(updatedAt).toBeInstanceOf(Date);
  return rest;
}

const fetchedAt = new Date('2026-03-02T10:00:00Z');
const sources = [{ field: 'engagement.likes', metric: 'x.likes', apiVersion: 'v1', fetchedAt }];
const posts: PostRecord[] = [
  { externalId: 'a', type: 'image' as never, content: 'Hello #Launch #tips', mediaUrls: ['https://e.test/a.jpg'], permalink: 'https://e.test/p/a', publishedAt: new Date('2026-03-01T08:00:00Z'), hashtags: ['Team'] },
  { externalId: 'b', type: 'reel' as never, mediaUrls: [], publishedAt: new Date('2026-03-01T09:00:00Z') },
];

describe('ingestion on the driver: successful cases', () => {
  it('stores posts, snapshots and stats exactly as mongoose’s own bulkWrite would (types, defaults, timestamps)', async () => {
    const { user } = await createUser();
    const raw = { platformId: new Types.ObjectId(), workspaceId: user._id, platformType: PlatformType.INSTAGRAM };
    const viaMongoose = { platformId: new Types.ObjectId(), workspaceId: user._id, platformType: PlatformType.INSTAGRAM };
    const counters = { engagement: { likes: 10, comments: 2, reach: 400 }, sources };
    const items = [{ post: posts[0]!, counters }, { post: posts[1]! }];

    const ids = await upsertActivities(raw, items, fetchedAt);
    // The reference: the same upserts through mongoose's casting (how they were written before).
    await ActivityModel.bulkWrite(
      items.map(({ post, counters: c }) => ({
        updateOne: {
          filter: { platformId: viaMongoose.platformId, externalId: post.externalId },
          update: {
            $set: {
              type: post.type,
              content: post.content,
              mediaUrls: post.mediaUrls,
              permalink: post.permalink,
              hashtags: mergeHashtags(post.hashtags, post.content),
              publishedAt: post.publishedAt,
              isPublished: true,
              ...(c ? { engagement: toEngagement(c.engagement), engagementRate: engagementRateOf(PlatformType.INSTAGRAM, toEngagement(c.engagement)), metricsUpdatedAt: fetchedAt, sources: c.sources } : {}),
            },
            $setOnInsert: { workspaceId: user._id, isScheduled: false, categoryIds: [], ...(c ? {} : { engagement: { total: 0 }, sources: [] }) },
          },
          upsert: true,
        },
      })) as never,
    );
    for (const externalId of ['a', 'b']) {
      const a = await ActivityModel.collection.findOne({ platformId: raw.platformId, externalId });
      const b = await ActivityModel.collection.findOne({ platformId: viaMongoose.platformId, externalId });
      expect(comparable(a!)).toEqual(comparable(b!));
      expect(ids.get(externalId)!.equals(a!._id)).toBe(true);
      await expect(ActivityModel.hydrate(a!).validate()).resolves.toBeUndefined();
    }

    const snap = { activityId: ids.get('a')!, date: new Date('2026-03-01T00:00:00Z'), counters };
    await upsertSnapshots(raw, [snap]);
    const otherActivity = new Types.ObjectId();
    await ActivityMetricModel.bulkWrite([
      {
        updateOne: {
          filter: { activityId: otherActivity, date: snap.date },
          update: {
            $set: { engagement: toEngagement(counters.engagement), engagementRate: engagementRateOf(PlatformType.INSTAGRAM, toEngagement(counters.engagement)), sources },
            $setOnInsert: { platformId: viaMongoose.platformId, workspaceId: user._id },
          },
          upsert: true,
        },
      },
    ] as never);
    const sa = await ActivityMetricModel.collection.findOne({ activityId: snap.activityId });
    const sb = await ActivityMetricModel.collection.findOne({ activityId: otherActivity });
    expect(comparable(sa!)).toEqual(comparable(sb!));

    const day: AccountDay = {
      date: new Date('2026-03-01T00:00:00Z'),
      followers: 1200,
      reach: 300,
      engagement: 30,
      demographics: { ageGroups: [{ range: '18-24', share: 0.5 }], genderSplit: { female: 0.6, male: 0.4 }, locations: [{ country: 'DE', share: 1 }] },
      sources: [{ field: 'followers', metric: 'x.followers', apiVersion: 'v1', fetchedAt }],
    };
    await upsertStats(raw, [day]);
    await StatsModel.bulkWrite([
      {
        updateOne: {
          filter: { platformId: viaMongoose.platformId, date: day.date },
          update: {
            $set: { followers: 1200, reach: 300, engagement: 30, demographics: day.demographics, engagementRate: 0.1, sources: day.sources },
            $setOnInsert: { workspaceId: user._id },
          },
          upsert: true,
        },
      },
    ] as never);
    const ta = await StatsModel.collection.findOne({ platformId: raw.platformId });
    const tb = await StatsModel.collection.findOne({ platformId: viaMongoose.platformId });
    expect(comparable(ta!)).toEqual(comparable(tb!));
  });

  it('takes ids of new posts from the upsert result and reads back only posts that already existed', async () => {
    const { user } = await createUser();
    const target = { platformId: new Types.ObjectId(), workspaceId: user._id, platformType: PlatformType.INSTAGRAM };
    const first = await countCommands(() => upsertActivities(target, [{ post: posts[0]! }], fetchedAt));
    expect(describeCalls(first.calls)).toEqual(['update activities']);

    const second = await countCommands(() => upsertActivities(target, [{ post: posts[0]! }, { post: posts[1]! }], fetchedAt));
    expect(describeCalls(second.calls)).toEqual(['update activities', 'find activities']);
    const stored = await ActivityModel.find({ platformId: target.platformId }).lean();
    expect(stored).toHaveLength(2);
    for (const s of stored) expect(second.result.get(s.externalId)!.equals(s._id)).toBe(true);
  });

  it('a sandbox backfill never reads posts back, and its volume options reach every pull job', { timeout: 120_000 }, async () => {
    const { user } = await createUser();
    const days = 12;
    const startedAt = Date.now();
    const { result: platform, calls } = await countCommands(() =>
      connectSandboxPlatform(user._id, PlatformType.INSTAGRAM, { backfill: 'inline', days, sandboxOptions: { postsPerDay: 8 } }),
    );
    expect(describeCalls(calls).filter((c) => c === 'find activities')).toEqual([]);

    // The account keeps its volume: what the provider generates with it is exactly what is stored.
    const stored = await PlatformModel.findById(platform._id).lean();
    expect(stored!.sandboxOptions).toEqual({ postsPerDay: 8 });
    // Its first complete pulls are marked (metric alerts wait for both).
    expect(stored!.firstStatsPullAt).toBeInstanceOf(Date);
    expect(stored!.firstActivitiesPullAt).toBeInstanceOf(Date);
    const provider = new SandboxProvider(PlatformType.INSTAGRAM, { postsPerDay: 8 });
    const since = new Date(Math.floor(startedAt / DAY) * DAY - 29 * DAY);
    const expected: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await provider.listPosts({ platformUserId: platform.platformUserId, accessToken: '' }, { since, cursor });
      expected.push(...page.posts.filter((p) => p.publishedAt.getTime() <= startedAt).map((p) => p.externalId));
      cursor = page.nextCursor;
    } while (cursor);
    const externalIds = async () => (await ActivityModel.find({ platformId: platform._id }, { externalId: 1 }).lean()).map((p) => p.externalId).sort();
    // The volume option is in effect: 8 a day over the 29 days and the part of today before the
    // sync (a random count, lower just after midnight UTC), where Instagram's default is 0.9 a day.
    expect(expected.length).toBeGreaterThan(8 * 15);
    expect(await externalIds()).toEqual([...expected].sort());

    // A later pull (a job carries only the id) generates the same posts: nothing new, nothing duplicated.
    const snapshots = await ActivityMetricModel.countDocuments({ platformId: platform._id });
    // ... and, the account being marked already, sends no first-pull update.
    const client = mongoose.connection.getClient();
    const platformUpdates: Array<Record<string, unknown>> = [];
    const listener = (ev: { commandName: string; command: Record<string, any> }) => {
      if (ev.commandName === 'update' && ev.command.update === 'platforms') platformUpdates.push(...ev.command.updates.map((u: { q: Record<string, unknown> }) => u.q));
    };
    client.on('commandStarted', listener);
    try {
      await runPullJob('activities', { platformId: platform._id.toHexString(), kind: 'backfill', days }, {});
    } finally {
      client.off('commandStarted', listener);
    }
    expect(platformUpdates.length).toBeGreaterThan(0);
    expect(platformUpdates.filter((q) => 'firstActivitiesPullAt' in q)).toEqual([]);
    expect(await externalIds()).toEqual([...expected].sort());
    expect(await ActivityMetricModel.countDocuments({ platformId: platform._id })).toBe(snapshots);
    // The first-pull mark stays the first one.
    expect((await PlatformModel.findById(platform._id).lean())!.firstActivitiesPullAt).toEqual(stored!.firstActivitiesPullAt);
  });

  it('a batch that races another writer on the same new keys ends with one document per key', async () => {
    const { user } = await createUser();
    const target = { platformId: new Types.ObjectId(), workspaceId: user._id, platformType: PlatformType.INSTAGRAM };
    const many = Array.from({ length: 40 }, (_, i) => ({ post: { ...posts[1]!, externalId: `race-${i}` } }));
    const [a, b] = await Promise.all([upsertActivities(target, many, fetchedAt), upsertActivities(target, many, fetchedAt)]);
    const stored = await ActivityModel.find({ platformId: target.platformId }).lean();
    expect(stored).toHaveLength(40);
    for (const s of stored) {
      expect(a.get(s.externalId)!.equals(s._id)).toBe(true);
      expect(b.get(s.externalId)!.equals(s._id)).toBe(true);
    }
  });

  it('a first backfill inserts its posts and snapshots whole, storing what the upserts store; a key stored after all takes the upsert path', async () => {
    const { user } = await createUser();
    const viaUpsert = { platformId: new Types.ObjectId(), workspaceId: user._id, platformType: PlatformType.INSTAGRAM };
    const viaInsert = { platformId: new Types.ObjectId(), workspaceId: user._id, platformType: PlatformType.INSTAGRAM };
    const counters = { engagement: { likes: 10, comments: 2, reach: 400 }, sources };
    const items = [{ post: posts[0]!, counters }, { post: posts[1]! }];
    const upserted = await upsertActivities(viaUpsert, items, fetchedAt);
    const hint = { newKeys: true };
    const stored = new Map();
    const { result: inserted, calls } = await countCommands(() => upsertActivities(viaInsert, items, fetchedAt, stored, hint));
    expect(describeCalls(calls)).toEqual(['insert activities']);
    expect(hint.newKeys).toBe(true);
    for (const externalId of ['a', 'b']) {
      const a = await ActivityModel.collection.findOne({ platformId: viaUpsert.platformId, externalId });
      const b = await ActivityModel.collection.findOne({ platformId: viaInsert.platformId, externalId });
      expect(comparable(b!)).toEqual(comparable(a!));
      expect(upserted.get(externalId)!.equals(a!._id)).toBe(true);
      expect(inserted.get(externalId)!.equals(b!._id)).toBe(true);
    }
    expect(stored.get('a').engagement).toMatchObject({ likes: 10, reach: 400, total: 12 });
    const snap = (target: typeof viaUpsert, ids: Map<string, Types.ObjectId>) => [{ activityId: ids.get('a')!, date: new Date('2026-03-01T00:00:00Z'), counters }];
    await upsertSnapshots(viaUpsert, snap(viaUpsert, upserted));
    expect(describeCalls((await countCommands(() => upsertSnapshots(viaInsert, snap(viaInsert, inserted), hint))).calls)).toEqual(['insert activity_metrics']);
    const sa = await ActivityMetricModel.collection.findOne({ activityId: upserted.get('a') });
    const sb = await ActivityMetricModel.collection.findOne({ activityId: inserted.get('a') });
    expect(comparable(sb!)).toEqual(comparable(sa!));

    // A retried backfill: 'b' is stored (with the counters a later pull must not lose), 'c' is new.
    const retry = [
      { post: posts[1]!, counters: { engagement: { likes: 5 }, sources } },
      { post: { ...posts[0]!, externalId: 'c' }, counters },
    ];
    const ids = await upsertActivities(viaInsert, retry, fetchedAt, undefined, hint);
    expect(hint.newKeys).toBe(false);
    const docs = await ActivityModel.find({ platformId: viaInsert.platformId }).lean();
    expect(docs.map((d) => d.externalId).sort()).toEqual(['a', 'b', 'c']);
    for (const d of docs) expect(ids.get(d.externalId) ?? inserted.get(d.externalId)).toEqual(d._id);
    expect(ids.get('b')).toEqual(inserted.get('b'));
    expect(docs.find((d) => d.externalId === 'b')!.engagement).toMatchObject({ likes: 5, total: 5 });
    expect(docs.find((d) => d.externalId === 'c')!.engagement).toMatchObject({ likes: 10, reach: 400, total: 12 });
    // With the hint cleared, the next batch upserts directly.
    const next = await countCommands(() => upsertActivities(viaInsert, [{ post: { ...posts[1]!, externalId: 'd' } }], fetchedAt, undefined, hint));
    expect(describeCalls(next.calls)).toEqual(['update activities']);
  });

  it("followersChange follows the previous day, across batches written newest first and into the day after a batch", async () => {
    const { user } = await createUser();
    const target = { platformId: new Types.ObjectId(), workspaceId: user._id, platformType: PlatformType.INSTAGRAM };
    const d = (n: number) => new Date(Date.UTC(2026, 2, n));
    const row = (n: number, followers?: number | null): AccountDay => ({ date: d(n), ...(followers !== undefined ? { followers } : {}), sources: [] });
    const changes = async () =>
      Object.fromEntries((await StatsModel.find({ platformId: target.platformId }).sort({ date: 1 }).lean()).map((s) => [s.date.getUTCDate(), s.followersChange ?? null]));
    // A day stored before the range.
    await upsertStats(target, [row(1, 100)]);
    // A pull of days 2–7 in two chunks, newest first, with one read of the stored days.
    const known = await readStoredDays(target.platformId, { $gte: d(1), $lte: d(7) });
    // The account's follower days are widened before each write that extends them.
    const seen = { from: d(1), to: d(1) };
    const first = await countCommands(() => upsertStats(target, [row(5, 130), row(6), row(7, 150)], known, seen));
    // The follower days widened before the write, the stats revision raised after it (stats-revision.ts).
    expect(describeCalls(first.calls)).toEqual(['update platforms', 'update stats', 'update platforms']);
    expect(seen).toEqual({ from: d(1), to: d(7) });
    // Day 6 reported no follower count: neither it nor day 7 has a change; day 5's previous day is not stored yet.
    expect(await changes()).toEqual({ 1: null, 5: null, 6: null, 7: null });
    const second = await countCommands(() => upsertStats(target, [row(2, 110), row(3, 115), row(4, 120)], known, seen));
    expect(describeCalls(second.calls)).toEqual(['update stats', 'update platforms']);
    expect(await changes()).toEqual({ 1: null, 2: 10, 3: 5, 4: 5, 5: 10, 6: null, 7: null });
    // A later pull of day 6 alone fills it, and day 7's change follows in the same write.
    const later = await countCommands(() => upsertStats(target, [row(6, 140)], undefined, seen));
    expect(describeCalls(later.calls)).toEqual(['find stats', 'update stats', 'update platforms']);
    expect(await changes()).toEqual({ 1: null, 2: 10, 3: 5, 4: 5, 5: 10, 6: 10, 7: 10 });
    // A revised count that goes missing again clears the changes it made.
    await upsertStats(target, [row(6, null)]);
    expect(await changes()).toEqual({ 1: null, 2: 10, 3: 5, 4: 5, 5: 10, 6: null, 7: null });
  });

  it("a day's account rate uses the platform's denominator: X by impressions, TikTok (no daily views) none, Instagram by reach", async () => {
    const { user } = await createUser();
    const date = new Date('2026-03-01T00:00:00Z');
    const rateOf = async (platformType: PlatformType, row: Partial<AccountDay>) => {
      const target = { platformId: new Types.ObjectId(), workspaceId: user._id, platformType };
      await upsertStats(target, [{ date, engagement: 30, sources: [], ...row } as AccountDay]);
      return (await StatsModel.findOne({ platformId: target.platformId }).lean())!.engagementRate;
    };
    expect(await rateOf(PlatformType.TWITTER, { impressions: 600 })).toBeCloseTo(0.05, 12);
    expect(await rateOf(PlatformType.TIKTOK, { reach: 100, impressions: 600 })).toBeNull();
    expect(await rateOf(PlatformType.INSTAGRAM, { reach: 300, impressions: 600 })).toBeCloseTo(0.1, 12);
  });
});

describe('ingestion: a pull that lacks a counter', () => {
  const src = (field: string, metric: string, at: Date) => ({ field, metric, apiVersion: 'v24.0', fetchedAt: at });
  const first = {
    engagement: { likes: 10, comments: 2, shares: 3, saves: 1, reach: 400, impressions: 900 },
    sources: [
      src('engagement.likes', 'like_count', fetchedAt),
      src('engagement.comments', 'comments_count', fetchedAt),
      src('engagement.shares', 'shares', fetchedAt),
      src('engagement.saves', 'saved', fetchedAt),
      src('engagement.reach', 'reach', fetchedAt),
      src('engagement.impressions', 'views', fetchedAt),
    ],
  };
  const later = new Date(fetchedAt.getTime() + 3_600_000);
  // An empty insight set: only the listing's likes and comments come back.
  const listingOnly = { engagement: { likes: 12, comments: 3 }, sources: [src('engagement.likes', 'like_count', later), src('engagement.comments', 'comments_count', later)] };

  it('keeps the stored values and their provenance, updates what it reports, and recomputes the total and the rate from both', async () => {
    const { user } = await createUser();
    const target = { platformId: new Types.ObjectId(), workspaceId: user._id, platformType: PlatformType.INSTAGRAM };
    await upsertActivities(target, [{ post: posts[0]! }, { post: posts[1]!, counters: first }], fetchedAt);
    const stored = new Map();
    const { calls } = await countCommands(() => upsertActivities(target, [{ post: posts[1]!, counters: listingOnly }], later, stored));
    // The ids of posts that existed are read back anyway; their counters come with them, and one more write fixes total, rate and provenance.
    expect(describeCalls(calls)).toEqual(['update activities', 'find activities', 'update activities']);
    const doc = (await ActivityModel.findOne({ platformId: target.platformId, externalId: 'b' }).lean())!;
    expect(doc.engagement).toEqual({ likes: 12, comments: 3, shares: 3, saves: 1, reach: 400, impressions: 900, views: null, navigation: null, total: 19 });
    expect(doc.engagementRate).toBeCloseTo(19 / 400, 12);
    expect(doc.metricsUpdatedAt).toEqual(later);
    const at = (field: string) => doc.sources.find((s) => s.field === field)?.fetchedAt;
    expect(at('engagement.reach')).toEqual(fetchedAt);
    expect(at('engagement.shares')).toEqual(fetchedAt);
    expect(at('engagement.likes')).toEqual(later);
    expect(doc.sources).toHaveLength(6);
    await expect(ActivityModel.hydrate(doc).validate()).resolves.toBeUndefined();
    // What the caller snapshots is the post as stored.
    expect(stored.get('b').engagement).toMatchObject({ likes: 12, reach: 400, total: 19 });
    // The post without counters was left as it was.
    expect((await ActivityModel.findOne({ platformId: target.platformId, externalId: 'a' }).lean())!.engagement).toMatchObject({ total: 0 });
  });

  it('a new post stores an unreported counter as null, never 0, in the same single write; a later pull can still fill it', async () => {
    const { user } = await createUser();
    const target = { platformId: new Types.ObjectId(), workspaceId: user._id, platformType: PlatformType.INSTAGRAM };
    const stored = new Map();
    const { calls } = await countCommands(() => upsertActivities(target, [{ post: posts[1]!, counters: listingOnly }], later, stored));
    expect(describeCalls(calls)).toEqual(['update activities']);
    const doc = (await ActivityModel.findOne({ platformId: target.platformId, externalId: 'b' }).lean())!;
    expect(doc.engagement).toEqual({ likes: 12, comments: 3, shares: null, saves: null, reach: null, impressions: null, views: null, navigation: null, total: 15 });
    expect(doc.engagementRate).toBeNull();
    expect(doc.sources.map((s) => s.field)).toEqual(['engagement.likes', 'engagement.comments']);
    expect(stored.get('b').engagement).toMatchObject({ likes: 12, reach: null });
    await upsertActivities(target, [{ post: posts[1]!, counters: first }], later);
    const filled = (await ActivityModel.findOne({ platformId: target.platformId, externalId: 'b' }).lean())!;
    expect(filled.engagement).toMatchObject({ likes: 10, reach: 400, total: 16 });
    expect(filled.engagementRate).toBeCloseTo(16 / 400, 12);
  });
});

describe('ingestion: an account disconnected while its pull runs', () => {
  /** What disconnectPlatform does (platforms.service.ts), while the provider is answering. */
  async function disconnect(platformId: Types.ObjectId) {
    await PlatformModel.updateOne({ _id: platformId }, { $set: { isActive: false } });
    await Promise.all([ActivityMetricModel.deleteMany({ platformId }), ActivityModel.deleteMany({ platformId }), StatsModel.deleteMany({ platformId })]);
    await PlatformModel.deleteOne({ _id: platformId });
  }

  for (const kind of ['activities', 'stats'] as const) {
    /**
     * A backfill of a fresh sandbox account over `days` whose `atCall`-th answer (a page of posts,
     * a chunk of days) runs `during` before it is returned.
     */
    async function runWith(v: { days: number; postsPerDay: number; atCall: number }, during: (platformId: Types.ObjectId) => Promise<void>) {
      const { user } = await createUser();
      const platform = await connectSandboxPlatform(user._id, PlatformType.INSTAGRAM, { backfill: 'none', days: v.days, sandboxOptions: { postsPerDay: v.postsPerDay } });
      const method = kind === 'activities' ? 'listPosts' : 'fetchAccountMetrics';
      const original = SandboxProvider.prototype[method] as (...args: unknown[]) => Promise<unknown>;
      let calls = 0;
      const spy = vi.spyOn(SandboxProvider.prototype, method).mockImplementation(async function (this: SandboxProvider, ...args: unknown[]) {
        const answer = await original.apply(this, args);
        if (++calls === v.atCall) await during(platform._id);
        return answer as never;
      });
      try {
        const outcome = await runPullJob(kind, { platformId: platform._id.toHexString(), kind: 'backfill', days: v.days }, {});
        return { platform, outcome, calls };
      } finally {
        spy.mockRestore();
      }
    }

    it(`${kind}: the run stops at its next check (at most ${ACTIVE_CHECK_MS} ms apart, and always before it is marked synced) and removes what it wrote`, { timeout: 60_000 }, async () => {
      // The second page (or chunk of days) comes back after the account is gone.
      const { platform, outcome, calls } = await runWith({ days: 120, postsPerDay: 8, atCall: 2 }, disconnect);
      expect(outcome).toMatchObject({ note: 'The account was disconnected during the run; nothing more was stored', result: { skipped: true } });
      expect(calls).toBeGreaterThanOrEqual(2);
      expect(await ActivityModel.countDocuments({ platformId: platform._id })).toBe(0);
      expect(await ActivityMetricModel.countDocuments({ platformId: platform._id })).toBe(0);
      expect(await StatsModel.countDocuments({ platformId: platform._id })).toBe(0);
    });

    /** A short backfill (a page or two of posts, one chunk of days) whose first answer runs `during`. */
    async function shortRun(during: (platformId: Types.ObjectId) => Promise<void>) {
      const run = await runWith({ days: 10, postsPerDay: 2, atCall: 1 }, during);
      expect(run.calls).toBeGreaterThanOrEqual(1);
      return run;
    }

    it(`${kind}: a disconnect during the run's last answer is caught by the mark that ends it, and what it wrote is removed`, { timeout: 60_000 }, async () => {
      // Well within ACTIVE_CHECK_MS of the start: no check between the writes looks; the mark does.
      const { platform, outcome } = await shortRun(disconnect);
      expect(outcome).toMatchObject({ note: 'The account was disconnected during the run; nothing more was stored', result: { skipped: true } });
      expect(await PlatformModel.exists({ _id: platform._id })).toBeNull();
      expect(await ActivityModel.countDocuments({ platformId: platform._id })).toBe(0);
      expect(await StatsModel.countDocuments({ platformId: platform._id })).toBe(0);
    });

    it(`${kind}: an account that needs re-authorisation by the end of its run keeps that status and what was pulled, unmarked`, { timeout: 60_000 }, async () => {
      const { platform, outcome } = await shortRun(async (platformId) => {
        await PlatformModel.updateOne({ _id: platformId }, { $set: { status: PlatformStatus.NEEDS_REAUTH } });
      });
      expect(outcome.result?.skipped).toBeUndefined();
      const after = await PlatformModel.findById(platform._id).lean();
      expect(after!.status).toBe(PlatformStatus.NEEDS_REAUTH);
      expect(after!.lastSyncedAt).toEqual(platform.lastSyncedAt);
      const kept = kind === 'activities' ? await ActivityModel.countDocuments({ platformId: platform._id }) : await StatsModel.countDocuments({ platformId: platform._id });
      expect(kept).toBeGreaterThan(0);
    });
  }
});
