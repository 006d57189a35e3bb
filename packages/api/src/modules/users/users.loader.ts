import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { byIdLoader } from '../../lib/loader.js';
import { UserProfileModel, type UserProfile } from './user-profile.model.js';
import { UserModel } from './user.model.js';

/** The values a profile starts with (created at sign-up, or lazily for accounts that have none). */
export function profileDefaults(userId: Types.ObjectId) {
  return { userId, timezone: 'UTC', brandValues: [], businessGoals: [], onboardingCompleted: false };
}

/**
 * Makes sure each user has a profile: one upsert per missing user in a single bulkWrite, with
 * $setOnInsert only, so a concurrent creation or a re-run never changes an existing profile.
 */
export async function ensureProfiles(userIds: Types.ObjectId[]): Promise<void> {
  if (!userIds.length) return;
  await UserProfileModel.bulkWrite(
    userIds.map((userId) => ({
      updateOne: { filter: { userId }, update: { $setOnInsert: profileDefaults(userId) }, upsert: true },
    })),
    { ordered: false },
  );
}

export function userLoaders() {
  return {
    /** Users by id, without secrets (they are `select: false`). */
    userById: byIdLoader(UserModel),
    /** Each user's profile, created with timezone UTC when missing. */
    profileByUserId: new DataLoader<string, UserProfile>(async (userIds) => {
      const ids = userIds.map((id) => new Types.ObjectId(id));
      const find = () => UserProfileModel.find({ userId: { $in: ids } }).lean<UserProfile[]>();
      let profiles = await find();
      if (profiles.length < ids.length) {
        const have = new Set(profiles.map((p) => p.userId.toHexString()));
        await ensureProfiles(ids.filter((id) => !have.has(id.toHexString())));
        profiles = await find();
      }
      const byUser = new Map(profiles.map((p) => [p.userId.toHexString(), p]));
      return userIds.map((id) => byUser.get(id) ?? new Error('profile could not be created'));
    }),
  };
}
