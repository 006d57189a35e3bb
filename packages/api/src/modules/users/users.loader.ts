import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { byIdLoader } from '../../lib/loader.js';
import { TeamMemberModel, type TeamMember } from '../workspaces/team-member.model.js';
import { WorkspaceModel, type Workspace } from '../workspaces/workspace.model.js';
import { UserModel, type User } from './user.model.js';

/** Paths the model hides (`select: false`): an aggregation does not apply that, so it excludes them itself. */
function hiddenPaths(model: { schema: { eachPath(fn: (path: string, type: { options?: { select?: unknown } }) => void): void } }): Record<string, 0> {
  const out: Record<string, 0> = {};
  model.schema.eachPath((path, type) => {
    if (type.options?.select === false) out[path] = 0;
  });
  return out;
}

const byCreation = (a: TeamMember, b: TeamMember) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a._id.toHexString() < b._id.toHexString() ? -1 : 1);

/**
 * `membershipsByUser` is the workspaces module's loader (workspaces.loader.ts); viewerAccount
 * primes it so that the auth check's read of the account also brings the memberships.
 */
export function userLoaders(membershipsByUser: DataLoader<string, TeamMember[]>, workspaceById: DataLoader<string, Workspace | null>) {
  /** Users by id, without secrets (they are `select: false`). */
  const userById = byIdLoader(UserModel);
  /**
   * The signed-in viewer's account, memberships and owned workspaces in one command (the user with
   * their team_members rows and the workspaces they own joined), priming `userById`, `membershipsByUser`
   * (active ones, oldest first) and `workspaceById`: the auth check (account, role, active
   * workspace and role in it) and what requests ask of the workspace (timezone, owner, brand
   * profile) cost that one read.
   * Null for a user that does not exist.
   */
  const viewerAccount = new DataLoader<string, true | null>(async (userIds) => {
    const rows = await UserModel.aggregate<User & { memberships: TeamMember[]; workspaces: Workspace[] }>([
      { $match: { _id: { $in: userIds.map((id) => new Types.ObjectId(id)) } } },
      { $project: hiddenPaths(UserModel) },
      { $lookup: { from: TeamMemberModel.collection.collectionName, localField: '_id', foreignField: 'userId', as: 'memberships' } },
      // The workspaces the user owns (usually the active one): its timezone, owner and profile are
      // then read with the account. A teammate's active workspace costs one more read (workspaceById).
      { $lookup: { from: WorkspaceModel.collection.collectionName, localField: '_id', foreignField: 'ownerId', as: 'workspaces' } },
    ]);
    const byId = new Map(rows.map((r) => [r._id.toHexString(), r]));
    return userIds.map((id) => {
      const row = byId.get(id);
      if (!row) return null;
      const { memberships, workspaces, ...user } = row;
      userById.prime(id, user as User);
      const active = memberships.filter((m) => m.isActive).sort(byCreation);
      membershipsByUser.prime(id, active);
      const mine = new Set(active.map((m) => m.workspaceId.toHexString()));
      for (const ws of workspaces) if (mine.has(ws._id.toHexString())) workspaceById.prime(ws._id.toHexString(), ws);
      return true as const;
    });
  });
  return { userById, viewerAccount };
}
