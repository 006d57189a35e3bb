import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { byIdLoader } from '../../lib/loader.js';
import { UserProfileModel, type UserProfile } from './user-profile.model.js';
import { UserModel, type User } from './user.model.js';

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

/** Paths the model hides (`select: false`): an aggregation does not apply that, so it excludes them itself. */
function hiddenPaths(model: { schema: { eachPath(fn: (path: string, type: { options?: { select?: unknown } }) => void): void } }): Record<string, 0> {
  const out: Record<string, 0> = {};
  model.schema.eachPath((path, type) => {
    if (type.options?.select === false) out[path] = 0;
  });
  return out;
}

export function userLoaders() {
  /** Users by id, without secrets (they are `select: false`). */
  const userById = byIdLoader(UserModel);
  /** Each user's profile, created with timezone UTC when missing. */
  const profileByUserId = new DataLoader<string, UserProfile>(async (userIds) => {
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
  });
  /**
   * The signed-in viewer's account and profile in one command (users with their profile joined),
   * priming `userById` and `profileByUserId`: whatever a request asks of the viewer (plan, role,
   * timezone, profile fields) then costs that one read. Null for a user that does not exist.
   */
  const viewerAccount = new DataLoader<string, true | null>(async (userIds) => {
    const rows = await UserModel.aggregate<User & { profile: UserProfile[] }>([
      { $match: { _id: { $in: userIds.map((id) => new Types.ObjectId(id)) } } },
      { $project: hiddenPaths(UserModel) },
      { $lookup: { from: UserProfileModel.collection.collectionName, localField: '_id', foreignField: 'userId', as: 'profile' } },
    ]);
    const byId = new Map(rows.map((r) => [r._id.toHexString(), r]));
    return userIds.map((id) => {
      const row = byId.get(id);
      if (!row) return null;
      const { profile, ...user } = row;
      userById.prime(id, user as User);
      // A user without a profile yet gets one when something asks for it (profileByUserId creates it).
      if (profile[0]) profileByUserId.prime(id, profile[0]);
      return true as const;
    });
  });
  return { userById, profileByUserId, viewerAccount };
}
