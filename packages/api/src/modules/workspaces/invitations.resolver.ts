import { SessionOnly } from '../../auth/scope.js';
import { WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MinRole } from '../../auth/min-role.js';
import { viewerOf, type Context } from '../../server/context.js';
import { InviteArgs, UserSummary } from './dto/team.types.js';
import { Invitation } from './invitation.model.js';
import * as invitations from './invitations.service.js';
import { teamActorOf } from './members.service.js';
import { Workspace } from './workspace.model.js';

export async function userSummary(ctx: Context, id: Types.ObjectId | undefined): Promise<UserSummary | null> {
  if (!id) return null;
  const user = await ctx.loaders.userById.load(id.toHexString());
  return user ? { id: user._id.toHexString(), name: user.name, email: user.email } : null;
}

@Resolver(() => Invitation)
export class InvitationsResolver {
  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Query(() => [Invitation], { description: 'The pending invitations of the active workspace (expired ones included, to resend), newest first. Admins and owners.' })
  invitations(@Ctx() ctx: Context): Promise<Invitation[]> {
    return invitations.listInvitations(teamActorOf(ctx));
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => Invitation, {
    description:
      'Invites an address into the active workspace and mails it a link (valid 7 days, single use). Inviting an address with a pending invitation resends it. Admins and owners.',
  })
  invite(@Args(() => InviteArgs) args: InviteArgs, @Ctx() ctx: Context): Promise<Invitation> {
    return invitations.invite(ctx.config, teamActorOf(ctx), args.email, args.role);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => Invitation, { description: 'Mails a pending invitation again with a new link valid 7 days; the previous link stops working. Admins and owners.' })
  resendInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Invitation> {
    return invitations.resendInvitation(ctx.config, teamActorOf(ctx), id);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => Invitation, { description: 'Withdraws a pending invitation; its link stops working at once. Admins and owners.' })
  revokeInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Invitation> {
    return invitations.revokeInvitation(teamActorOf(ctx), id);
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => Workspace, {
    description:
      'Accepts an invitation with the token from its link, signed in with the invited address. Makes the viewer a member with the invited role and the workspace their active one. Errors carry extensions.reason: invalid, expired, used, revoked (BAD_USER_INPUT) or wrong_email (FORBIDDEN).',
  })
  async acceptInvitation(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<Workspace> {
    const viewer = viewerOf(ctx);
    const workspace = await invitations.acceptInvitation(ctx, new Types.ObjectId(viewer.id), token);
    // The request's memberships were read before joining: the answer's viewerRole needs the new one.
    ctx.loaders.membershipsByUser.clear(viewer.id);
    return workspace;
  }

  @FieldResolver(() => UserSummary, { nullable: true, description: 'Who sent the invitation (null if that account was deleted).' })
  invitedBy(@Root() invitation: Invitation, @Ctx() ctx: Context): Promise<UserSummary | null> {
    return userSummary(ctx, invitation.invitedBy);
  }

  @FieldResolver(() => Boolean, { description: 'True once expiresAt has passed: resend it to send a fresh link.' })
  isExpired(@Root() invitation: Invitation): boolean {
    return invitation.expiresAt.getTime() <= Date.now();
  }
}
