import { Types } from 'mongoose';
import { Role } from '../../lib/graphql-enums.js';
import { badInput, forbidden, notFound, unauthenticated } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import { escapeRegex } from '../../lib/regex.js';
import { trimmedOrNull, updateOf } from '../../lib/update-doc.js';
import { confirmViewer } from '../../auth/auth-checker.js';
import { viewerOf, type Context } from '../../server/context.js';
import type { AdminUpdateUserInput, CompleteOnboardingInput, UpdateAccountInput, UpdateProfileInput, UsersArgs } from './dto/account.inputs.js';
import { deleteUserData } from './user-deletion.js';
import type { UserProfile } from './user-profile.model.js';
import { UserModel, type User } from './user.model.js';
import { updateWorkspace } from '../workspaces/workspaces.service.js';

/** The signed-in user's account. An access token that outlived its account is no longer accepted. */
export async function viewerUser(ctx: Context): Promise<User> {
  // The one per-request account check (auth-checker.ts#confirmViewer, one read of account and
  // profile through users.loader.ts#viewerAccount): a gone account is UNAUTHENTICATED and the
  // viewer's role is the stored one, whether or not the operation went through @Authorized().
  // userById holds the account from then on; mutations that change it re-prime userById.
  const viewer = await confirmViewer(ctx);
  const user = await ctx.loaders.userById.load(viewer.id);
  if (!user) throw unauthenticated('Account no longer exists');
  return user;
}

/**
 * Admin operations check the role in the database too, not only in the access token: a demoted
 * admin loses access at once rather than when the token runs out.
 */
export async function requireAdmin(ctx: Context): Promise<User> {
  const user = await viewerUser(ctx);
  if (user.role !== Role.ADMIN) throw forbidden();
  return user;
}

/**
 * The brand profile shown as User.profile: that of the viewer's active workspace for the viewer,
 * that of the user's personal workspace for anyone else (admin lists). A user without a workspace
 * gets the defaults of a new one (nothing is stored).
 */
export async function profileOf(ctx: Context, user: Pick<User, '_id' | 'createdAt' | 'updatedAt'>): Promise<UserProfile> {
  const viewer = ctx.viewer;
  const id = viewer && viewer.id === user._id.toHexString() ? viewer.workspaceId : user._id.toHexString();
  const ws = id ? await ctx.loaders.workspaceById.load(id) : null;
  if (ws) return ws as unknown as UserProfile;
  return {
    _id: user._id,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    timezone: 'UTC',
    brandValues: [],
    businessGoals: [],
    onboardingCompleted: false,
  } as unknown as UserProfile;
}


export async function updateAccount(ctx: Context, input: UpdateAccountInput): Promise<User> {
  const viewer = viewerOf(ctx);
  if (input.name === null || (typeof input.name === 'string' && !input.name.trim())) throw badInput('name must not be empty', 'name');
  const update = updateOf({
    name: input.name?.trim(),
    firstName: trimmedOrNull(input.firstName),
    lastName: trimmedOrNull(input.lastName),
    company: trimmedOrNull(input.company),
  });
  const user = await UserModel.findOneAndUpdate({ _id: new Types.ObjectId(viewer.id) }, update, { returnDocument: 'after', runValidators: true }).lean<User>();
  if (!user) throw unauthenticated('Account no longer exists');
  ctx.loaders.userById.clear(viewer.id).prime(viewer.id, user);
  return user;
}

/**
 * Updates the brand profile, which lives on the active workspace (the same as updateWorkspace with
 * the profile fields; admins and the owner). Kept for clients written before workspaces.
 */
export async function updateProfile(ctx: Context, input: UpdateProfileInput): Promise<UserProfile> {
  return (await updateWorkspace(ctx, input)) as unknown as UserProfile;
}

/** Saves the profile collected by onboarding (same rules as updateProfile) and marks onboarding done. */
export function completeOnboarding(ctx: Context, input: CompleteOnboardingInput): Promise<UserProfile> {
  return updateProfile(ctx, { ...input, onboardingCompleted: true });
}

/** Every account, newest first; `search` matches part of the name or email (admins only). */
export async function listUsers(ctx: Context, args: UsersArgs): Promise<Connection<User>> {
  await requireAdmin(ctx);
  const search = args.search?.trim();
  const pattern = search ? { $regex: escapeRegex(search), $options: 'i' } : undefined;
  return paginate({
    model: UserModel,
    filter: pattern ? { $or: [{ name: pattern }, { email: pattern }] } : {},
    sortField: 'createdAt',
    direction: 'desc',
    first: args.first,
    after: args.after,
  });
}

export async function adminUpdateUser(ctx: Context, id: string, input: AdminUpdateUserInput): Promise<User> {
  const admin = await requireAdmin(ctx);
  const userId = toObjectId(id, 'id');
  if (userId.equals(admin._id) && input.role && input.role !== Role.ADMIN) {
    throw forbidden('You cannot remove your own admin role; ask another admin');
  }
  const user = await UserModel.findOneAndUpdate({ _id: userId }, updateOf({ role: input.role ?? undefined }), { returnDocument: 'after', runValidators: true }).lean<User>();
  if (!user) throw notFound('User');
  ctx.loaders.userById.clear(user._id.toHexString()).prime(user._id.toHexString(), user);
  return user;
}

export async function adminDeleteUser(ctx: Context, id: string): Promise<boolean> {
  const admin = await requireAdmin(ctx);
  const userId = toObjectId(id, 'id');
  if (userId.equals(admin._id)) throw forbidden('Use deleteAccount to delete your own account');
  if (!(await UserModel.exists({ _id: userId }))) throw notFound('User');
  await deleteUserData(userId);
  ctx.loaders.userById.clear(userId.toHexString());
  return true;
}
