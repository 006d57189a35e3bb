import type { Types } from 'mongoose';
import { nicheFor, withBrand } from '../../connectors/sandbox/brand.js';
import { UserProfileModel } from '../users/user-profile.model.js';
import { UserModel } from '../users/user.model.js';

/**
 * The platformUserId of a new sandbox account, carrying the user's brand: named after the brand
 * (or the company given at sign-up) and posting about what the industry suggests, so a bakery's
 * sandbox is not a fitness studio.
 */
export async function brandedSandboxId(userId: Types.ObjectId, base: string): Promise<string> {
  const [profile, user] = await Promise.all([
    UserProfileModel.findOne({ userId }, { brandName: 1, industry: 1, brandDescription: 1 }).lean(),
    UserModel.findById(userId, { company: 1 }).lean(),
  ]);
  const name = profile?.brandName?.trim() || user?.company?.trim() || undefined;
  const niche = nicheFor(profile?.industry, name, profile?.brandDescription) ?? undefined;
  return withBrand(base, { name, niche });
}
