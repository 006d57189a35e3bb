import { SessionOnly } from '../../auth/scope.js';
import { WorkspaceRole } from '@soash/shared';
import { MinRole } from '../../auth/min-role.js';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionType, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { AdminUpdateUserInput, CompleteOnboardingInput, UpdateAccountInput, UpdateProfileInput, UsersArgs } from './dto/account.inputs.js';
import { UserProfile } from './user-profile.model.js';
import { User } from './user.model.js';
import * as users from './users.service.js';

export const UserConnection = connectionType(User, 'User');

@Resolver(() => User)
export class UsersResolver {
  @Authorized()
  @SessionOnly()
  @Query(() => User, { description: 'The signed-in user.' })
  me(@Ctx() ctx: Context): Promise<User> {
    return users.viewerUser(ctx);
  }

  @FieldResolver(() => UserProfile, { description: 'Brand and onboarding details (created with timezone UTC if missing).' })
  profile(@Root() user: User, @Ctx() ctx: Context): Promise<UserProfile> {
    return users.profileOf(ctx, user);
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => User, { description: "Changes the viewer's name, first/last name or company." })
  updateAccount(@Arg('input', () => UpdateAccountInput) input: UpdateAccountInput, @Ctx() ctx: Context): Promise<User> {
    return users.updateAccount(ctx, input);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => UserProfile, { description: "Changes the viewer's brand profile. A bad timezone is BAD_USER_INPUT naming timezone." })
  updateProfile(@Arg('input', () => UpdateProfileInput) input: UpdateProfileInput, @Ctx() ctx: Context): Promise<UserProfile> {
    return users.updateProfile(ctx, input);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => UserProfile, { description: 'Saves the onboarding profile (same rules as updateProfile) and sets onboardingCompleted.' })
  completeOnboarding(@Arg('input', () => CompleteOnboardingInput) input: CompleteOnboardingInput, @Ctx() ctx: Context): Promise<UserProfile> {
    return users.completeOnboarding(ctx, input);
  }

  @Authorized('admin')
  @SessionOnly()
  @Query(() => UserConnection, { description: 'Every account, newest first (admins only).' })
  users(@Args(() => UsersArgs) args: UsersArgs, @Ctx() ctx: Context): Promise<Connection<User>> {
    return users.listUsers(ctx, args);
  }

  @Authorized('admin')
  @SessionOnly()
  @Mutation(() => User, { description: "Changes a user's role (admins only; an admin cannot demote themself)." })
  adminUpdateUser(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AdminUpdateUserInput) input: AdminUpdateUserInput,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return users.adminUpdateUser(ctx, id, input);
  }

  @Authorized('admin')
  @SessionOnly()
  @Mutation(() => Boolean, { description: 'Deletes a user and everything they own (admins only; not oneself).' })
  adminDeleteUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return users.adminDeleteUser(ctx, id);
  }
}
