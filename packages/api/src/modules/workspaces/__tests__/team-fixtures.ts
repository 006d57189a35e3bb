import { WorkspaceRole } from '@soash/shared';
import { hashPassword } from '../../../auth/password.js';
import { createUser } from '../../../../test/helpers/fixtures.js';
import type { User } from '../../users/user.model.js';
import type { TeamActor } from '../members.service.js';
import { TeamMemberModel } from '../team-member.model.js';
import { WorkspaceModel, type Workspace } from '../workspace.model.js';

export const OWNER_PASSWORD = 'owner password that is long';

export interface TeamUser {
  user: User;
  token: string;
  actor: TeamActor;
}

export interface Team {
  workspace: Workspace;
  workspaceId: string;
  owner: TeamUser;
  admin: TeamUser;
  editor: TeamUser;
  viewer: TeamUser;
}

async function member(workspace: Workspace, role: WorkspaceRole, user?: { user: User; token: string }): Promise<TeamUser> {
  const made = user ?? (await createUser());
  await TeamMemberModel.create({ workspaceId: workspace._id, userId: made.user._id, role, isActive: true, joinedAt: new Date() });
  return {
    ...made,
    actor: { userId: made.user._id.toHexString(), workspaceId: workspace._id.toHexString(), workspaceRole: role, ip: '10.0.0.1', userAgent: 'test' },
  };
}

/** A workspace written straight to the database: an owner (with a real password) and one member of each other role. */
export async function createTeam(name = 'Brand'): Promise<Team> {
  const ownerUser = await createUser({ passwordHash: await hashPassword(OWNER_PASSWORD) });
  const workspace = (await WorkspaceModel.create({ name, ownerId: ownerUser.user._id })).toObject() as Workspace;
  const owner = await member(workspace, WorkspaceRole.OWNER, ownerUser);
  return {
    workspace,
    workspaceId: workspace._id.toHexString(),
    owner,
    admin: await member(workspace, WorkspaceRole.ADMIN),
    editor: await member(workspace, WorkspaceRole.EDITOR),
    viewer: await member(workspace, WorkspaceRole.VIEWER),
  };
}

/** Adds another member of `role` to a team's workspace. */
export function addMember(team: Team, role: WorkspaceRole): Promise<TeamUser> {
  return member(team.workspace, role);
}
