import type { Types } from 'mongoose';
import { nicheFor, withBrand } from '../../connectors/sandbox/brand.js';
import { UserModel } from '../users/user.model.js';
import { WorkspaceModel } from '../workspaces/workspace.model.js';

/**
 * The platformUserId of a new sandbox account, carrying the workspace's brand: named after the brand
 * (or the company its owner gave at sign-up) and posting about what the industry suggests, so a bakery's
 * sandbox is not a fitness studio.
 */
export async function brandedSandboxId(workspaceId: Types.ObjectId, base: string): Promise<string> {
  const profile = await WorkspaceModel.findById(workspaceId, { brandName: 1, industry: 1, brandDescription: 1, ownerId: 1 }).lean();
  const user = profile ? await UserModel.findById(profile.ownerId, { company: 1 }).lean() : null;
  const name = profile?.brandName?.trim() || user?.company?.trim() || undefined;
  const niche = nicheFor(profile?.industry, name, profile?.brandDescription) ?? undefined;
  return withBrand(base, { name, niche });
}
