import { PlatformType } from '@soash/shared';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { connectSandboxPlatform } from '../../platforms/platform-connect.service.js';
import { PlatformModel } from '../../platforms/platform.model.js';
import { StatsModel } from '../stats.model.js';
import { completeFollowerDays, knownNoneAfter, knownNoneBefore } from '../follower-days.js';

describe('follower days: successful cases', () => {
  it('an account connected and pulled has its follower days known, enclosing exactly its rows with a count; the startup pass leaves them', async () => {
    const { user } = await createUser();
    const platform = await connectSandboxPlatform(user._id, PlatformType.INSTAGRAM, { backfill: 'inline', days: 45 });
    const rows = await StatsModel.find({ platformId: platform._id, followers: { $ne: null } }, { date: 1 }).sort({ date: 1 }).lean();
    expect(rows.length).toBeGreaterThan(30);
    const stored = (await PlatformModel.findById(platform._id).lean())!;
    expect(stored.followerDaysKnown).toBe(true);
    expect(stored.followersFrom).toEqual(rows[0]!.date);
    expect(stored.followersTo).toEqual(rows.at(-1)!.date);
    expect(knownNoneBefore(stored, rows[0]!.date)).toBe(true);
    expect(knownNoneBefore(stored, new Date(rows[0]!.date.getTime() + 86_400_000))).toBe(false);
    expect(knownNoneAfter(stored, rows.at(-1)!.date)).toBe(true);
    expect(knownNoneAfter(stored, new Date(rows.at(-1)!.date.getTime() - 86_400_000))).toBe(false);
    await completeFollowerDays();
    expect((await PlatformModel.findById(platform._id).lean())!).toMatchObject({ followersFrom: stored.followersFrom, followersTo: stored.followersTo });
  });

  it('an account without them (connected before they were kept) gets them from its rows; one without rows gets them known and empty', async () => {
    const { user } = await createUser();
    const [a, b] = await PlatformModel.create([
      { workspaceId: user._id, type: PlatformType.INSTAGRAM, platformUserId: 'legacy-a', isActive: true },
      { workspaceId: user._id, type: PlatformType.INSTAGRAM, platformUserId: 'legacy-b', isActive: true },
    ]);
    const d = (n: number) => new Date(Date.UTC(2026, 0, n));
    await StatsModel.insertMany([
      { workspaceId: user._id, platformId: a!._id, date: d(3), followers: null },
      { workspaceId: user._id, platformId: a!._id, date: d(4), followers: 10 },
      { workspaceId: user._id, platformId: a!._id, date: d(9), followers: 12 },
      { workspaceId: user._id, platformId: a!._id, date: d(11) },
    ]);
    expect(knownNoneBefore((await PlatformModel.findById(a!._id).lean())!, d(1))).toBe(false);
    expect(await completeFollowerDays()).toBeGreaterThanOrEqual(2);
    expect(await PlatformModel.findById(a!._id).lean()).toMatchObject({ followerDaysKnown: true, followersFrom: d(4), followersTo: d(9) });
    const empty = (await PlatformModel.findById(b!._id).lean())!;
    expect(empty.followerDaysKnown).toBe(true);
    expect(empty.followersFrom).toBeUndefined();
    expect(knownNoneBefore(empty, d(1)) && knownNoneAfter(empty, d(1))).toBe(true);
    // Nothing is left to compute.
    expect(await completeFollowerDays()).toBe(0);
  });
});
