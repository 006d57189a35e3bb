import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { byIdLoader } from '../../lib/loader.js';
import { TeamMemberModel, type TeamMember } from './team-member.model.js';
import { WorkspaceModel } from './workspace.model.js';

/**
 * Per-request loaders of the workspaces module. Memberships are read fresh on every request (the
 * loaders live one request), so a removed member or a changed role takes effect on the next request.
 */
export function workspaceLoaders() {
  /** Workspaces by id (no access check: callers pass ids the viewer is a member of). */
  const workspaceById = byIdLoader(WorkspaceModel);
  /** The active memberships of each user, oldest first: one query per batch of users. */
  const membershipsByUser = new DataLoader<string, TeamMember[]>(async (userIds) => {
    const rows = await TeamMemberModel.find({ userId: { $in: userIds.map((id) => new Types.ObjectId(id)) }, isActive: true })
      .sort({ createdAt: 1, _id: 1 })
      .lean<TeamMember[]>();
    const byUser = new Map<string, TeamMember[]>(userIds.map((id) => [id, []]));
    for (const r of rows) byUser.get(r.userId.toHexString())?.push(r);
    return userIds.map((id) => byUser.get(id)!);
  });
  /** Active member counts per workspace id. */
  const memberCountByWorkspace = new DataLoader<string, number>(async (ids) => {
    const rows = await TeamMemberModel.aggregate<{ _id: Types.ObjectId; n: number }>([
      { $match: { workspaceId: { $in: ids.map((id) => new Types.ObjectId(id)) }, isActive: true } },
      { $group: { _id: '$workspaceId', n: { $sum: 1 } } },
    ]);
    const byId = new Map(rows.map((r) => [r._id.toHexString(), r.n]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
  return { workspaceById, membershipsByUser, memberCountByWorkspace };
}
