import { Scope, SessionOnly } from '../../auth/scope.js';
import { ApiScope, WorkspaceRole } from '@soash/shared';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { MinRole } from '../../auth/min-role.js';
import type { Context } from '../../server/context.js';
import { ChangeRoleArgs, Member, MembersArgs, TransferOwnershipArgs } from './dto/team.types.js';
import * as members from './members.service.js';

@Resolver(() => Member)
export class MembersResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.WORKSPACE_READ)
  @Query(() => [Member], { description: 'The members of the active workspace, owner first. Any member may read it.' })
  members(@Args(() => MembersArgs) args: MembersArgs, @Ctx() ctx: Context): Promise<Member[]> {
    return members.listMembers(members.teamActorOf(ctx), args);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => Member, {
    description:
      'Gives a member another role (admin, editor or viewer). Admins and owners; the owner’s role changes only by transferOwnership, and only the owner changes another admin.',
  })
  changeRole(@Args(() => ChangeRoleArgs) args: ChangeRoleArgs, @Ctx() ctx: Context): Promise<Member> {
    return members.changeRole(members.teamActorOf(ctx), args.userId, args.role);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => Member, {
    description: 'Removes a member: their access ends with their next request. Admins and owners; never the owner, and only the owner removes another admin.',
  })
  removeMember(@Arg('userId', () => ID) userId: string, @Ctx() ctx: Context): Promise<Member> {
    return members.removeMember(members.teamActorOf(ctx), userId);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @SessionOnly()
  @Mutation(() => Boolean, { description: 'Leaves the active workspace. Any member but the owner, who transfers ownership first.' })
  leaveWorkspace(@Ctx() ctx: Context): Promise<boolean> {
    return members.leaveWorkspace(members.teamActorOf(ctx));
  }

  @MinRole(WorkspaceRole.OWNER)
  @SessionOnly()
  @Mutation(() => Member, {
    description:
      'Owner only: makes another active member the owner (confirmed with the owner’s password; the new owner’s plan limits apply). The old owner stays as an admin.',
  })
  transferOwnership(@Args(() => TransferOwnershipArgs) args: TransferOwnershipArgs, @Ctx() ctx: Context): Promise<Member> {
    return members.transferOwnership(members.teamActorOf(ctx), args.userId, args.password);
  }
}
