import { Scope, SessionOnly } from '../../auth/scope.js';
import { ApiScope, WorkspaceRole } from '@soash/shared';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MinRole } from '../../auth/min-role.js';
import { WorkspaceRole as WorkspaceRoleEnum } from '../../lib/graphql-enums.js';
import type { Context } from '../../server/context.js';
import { CreateWorkspaceInput, UpdateWorkspaceInput } from './dto/workspace.inputs.js';
import { Workspace } from './workspace.model.js';
import { deleteWorkspace } from './workspace-deletion.js';
import * as workspaces from './workspaces.service.js';
import { workspaceNotFound } from './access.js';
import { connectedAcrossOwned } from '../platforms/platform-connect.service.js';
import { Plan } from '../subscriptions/plan.model.js';
import { planOf } from '../subscriptions/subscriptions.service.js';
import type { User } from '../users/user.model.js';

@Resolver(() => Workspace)
export class WorkspacesResolver {
  @Authorized()
  @SessionOnly()
  @Query(() => [Workspace], { description: "The workspaces the viewer is an active member of, oldest membership first. Send one's id as the X-Workspace-Id header to work in it." })
  workspaces(@Ctx() ctx: Context): Promise<Workspace[]> {
    return workspaces.listWorkspaces(ctx);
  }

  @Authorized()
  @Scope(ApiScope.WORKSPACE_READ)
  @Query(() => Workspace, { description: 'One of the viewer\'s workspaces. A workspace they are not an active member of is NOT_FOUND, like a missing id.' })
  workspace(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Workspace> {
    return workspaces.getWorkspace(ctx, id);
  }

  @Authorized()
  @Scope(ApiScope.WORKSPACE_READ)
  @Query(() => Workspace, {
    nullable: true,
    description:
      'The workspace this request works in: the one named by X-Workspace-Id when the viewer is an active member of it, else their last used one, else their oldest membership. Null when there is none (no membership left, or the header names a workspace the viewer may not use).',
  })
  activeWorkspace(@Ctx() ctx: Context): Promise<Workspace | null> {
    return workspaces.activeWorkspaceOrNull(ctx);
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => Workspace, {
    description: 'Creates a workspace owned by the viewer, who becomes its owner member; it becomes their last used workspace. Plan limits count across every workspace the owner owns.',
  })
  createWorkspace(@Arg('input', () => CreateWorkspaceInput) input: CreateWorkspaceInput, @Ctx() ctx: Context): Promise<Workspace> {
    return workspaces.createWorkspace(ctx, input);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => Workspace, {
    description:
      'Changes the name and brand profile (brand, industry, audience, values, goals, timezone, avatar, onboarding state) of a workspace (admins and the owner). workspaceId defaults to the active workspace.',
  })
  updateWorkspace(
    @Arg('input', () => UpdateWorkspaceInput) input: UpdateWorkspaceInput,
    @Arg('workspaceId', () => ID, { nullable: true, description: 'The workspace to change; the active one when omitted.' }) _workspaceId: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<Workspace> {
    return workspaces.updateWorkspace(ctx, input);
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => Boolean, {
    description:
      "Deletes a workspace and everything in it (accounts, posts, stats, categories, insights, invitations, memberships, exports, queued jobs), confirmed with the owner's password. Owner only: another member is FORBIDDEN; a workspace the viewer is not a member of is NOT_FOUND like a missing id; a wrong password is BAD_USER_INPUT naming password. Deleting one's last workspace is allowed: createWorkspace starts a new one.",
  })
  deleteWorkspace(@Arg('id', () => ID) id: string, @Arg('password', () => String) password: string, @Ctx() ctx: Context): Promise<boolean> {
    return deleteWorkspace(ctx, id, password);
  }

  @FieldResolver(() => WorkspaceRoleEnum, { description: "The viewer's role in this workspace." })
  viewerRole(@Root() ws: Workspace, @Ctx() ctx: Context): Promise<WorkspaceRole> {
    return workspaces.viewerRoleIn(ctx, ws._id);
  }

  @FieldResolver(() => Int, { description: 'How many active members the workspace has (the owner included).' })
  memberCount(@Root() ws: Workspace, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.memberCountByWorkspace.load(ws._id.toHexString());
  }

  @FieldResolver(() => ID, { description: "The owner's user id (the subscription this workspace runs on is the owner's)." })
  ownerId(@Root() ws: Workspace): string {
    return ws.ownerId.toHexString();
  }

  @FieldResolver(() => Plan, {
    description: "The plan this workspace runs on: its owner's (history reach, account limit). A member sees the owner's plan here, not their own.",
  })
  async plan(@Root() ws: Workspace, @Ctx() ctx: Context): Promise<Plan> {
    return planOf(await ownerOf(ws, ctx));
  }

  @FieldResolver(() => Int, {
    description: "Accounts connected across every workspace the owner owns: the number the plan's account limit (plan.maxPlatforms) counts.",
  })
  async accountsConnected(@Root() ws: Workspace, @Ctx() ctx: Context): Promise<number> {
    return connectedAcrossOwned(await ownerOf(ws, ctx));
  }
}

async function ownerOf(ws: Workspace, ctx: Context): Promise<User> {
  const owner = await ctx.loaders.userById.load(ws.ownerId.toHexString());
  if (!owner) throw workspaceNotFound();
  return owner;
}
