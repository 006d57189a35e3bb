import { PlatformType, SubscriptionTier } from '@soash/shared';
import { randomBytes } from 'node:crypto';
import { connectSandboxPlatform } from '../modules/platforms/platform-connect.service.js';
import type { Platform } from '../modules/platforms/platform.model.js';
import { ensurePersonalWorkspace } from '../modules/workspaces/workspaces.service.js';
import { UserModel, type User } from '../modules/users/user.model.js';

/** A user on the unlimited plan (ranges of a year are not cut by the plan's history). */
export async function benchUser(timezone = 'Europe/Berlin'): Promise<User> {
  const suffix = randomBytes(5).toString('hex');
  const user = (
    await UserModel.create({
      name: `Bench ${suffix}`,
      email: `bench-${suffix}@example.test`,
      // Never signs in with a password: requests carry an access token signed for it.
      passwordHash: 'bench-without-password',
      subscriptionTier: SubscriptionTier.ENTERPRISE,
      isVerified: true,
    })
  ).toObject() as User;
  await ensurePersonalWorkspace(user, { timezone });
  return user;
}

export interface SandboxVolume {
  accounts: number;
  postsPerDay: number;
  days: number;
}

/**
 * Sandbox accounts filled by the real pull jobs (connect → stats and activities backfill), at the
 * requested volume: what a user of that size sees.
 */
export async function connectSandboxAccounts(user: User, v: SandboxVolume, type: PlatformType = PlatformType.INSTAGRAM): Promise<Platform[]> {
  const out: Platform[] = [];
  for (let i = 0; i < v.accounts; i++) {
    out.push(
      await connectSandboxPlatform(user._id, type, {
        platformUserId: `bench-${user._id.toHexString()}-${i}`,
        backfill: 'inline',
        days: v.days,
        sandboxOptions: { postsPerDay: v.postsPerDay },
      }),
    );
  }
  return out;
}
