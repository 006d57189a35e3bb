import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { UserProfileModel } from '../users/user-profile.model.js';
import { normalizeTimezone } from './scope.js';

export function analyticsLoaders() {
  return {
    /** Each user's timezone (UserProfile.timezone, UTC by default): read once per request. */
    timezoneByUser: new DataLoader<string, string>(async (userIds) => {
      const profiles = await UserProfileModel.find({ userId: { $in: userIds.map((id) => new Types.ObjectId(id)) } }, { userId: 1, timezone: 1 }).lean();
      const byUser = new Map(profiles.map((p) => [p.userId.toHexString(), p.timezone]));
      return userIds.map((id) => normalizeTimezone(byUser.get(id)));
    }),
  };
}
