import { ASSIGNABLE_ROLES, AuditAction, roleAtLeast, TIER_LIMITS, WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { verifyPassword } from '../../auth/password.js';
import { badInput, forbidden, notFound, unauthenticated } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { consumeRateLimit } from '../../lib/rate-limit.js';
import { viewerOf, type Context } from '../../server/context.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { platformLimitError, workspaceLimitError, workspaceLimitOf } from '../subscriptions/plan-limits.js';
import { withPlatformSlots } from '../subscriptions/platform-slots.js';
import { AUTH_LIMITS } from '../users/auth.service.js';
import { UserModel, type User } from '../users/user.model.js';
import { recordAudit } from './audit.service.js';
import { TeamMemberModel, type TeamMember } from './team-member.model.js';
import { WorkspaceModel } from './workspace.model.js';
import { ownedWorkspaceIds } from './workspaces.service.js';

/**
 * Who performs a team operation: a user, in the active workspace, with their role there (read from
 * team_members on this request), plus where the request came from (for the audit log).
 */
export interface TeamActor {
  userId: string;
  workspaceId: string;
  workspaceRole: WorkspaceRole;
  ip?: string;
  userAgent?: string;
}

/** A membership with the member's account, as the `Member` GraphQL type shows it. */
export interface MemberView {
  userId: Types.ObjectId;
  name: string;
  email: string;
  role: WorkspaceRole;
  isActive: boolean;
  joinedAt: Date;
  invitedBy?: Types.ObjectId;
}

/** The actor of a request: its viewer in the active workspace (resolved by the auth checker), ip and user agent. */
export function teamActorOf(ctx: Context): TeamActor {
  const viewer = viewerOf(ctx);
  if (!viewer.workspaceId || !viewer.workspaceRole) throw notFound('Workspace');
  return { userId: viewer.id, workspaceId: viewer.workspaceId, workspaceRole: viewer.workspaceRole, ip: ctx.ip, userAgent: ctx.userAgent };
}

const oid = (id: string | Types.ObjectId) => (id instanceof Types.ObjectId ? id : new Types.ObjectId(id));

/** Defence in depth: the resolvers' @MinRole says the same, the services do not rely on it. */
export function assertRole(actor: TeamActor, minimum: WorkspaceRole): void {
  if (!roleAtLeast(actor.workspaceRole, minimum)) throw forbidden();
}

/** A role a member may be given: admin, editor or viewer (ownership moves only by transfer). */
export function assertAssignable(role: WorkspaceRole, field = 'role'): void {
  if (!ASSIGNABLE_ROLES.includes(role)) {
    throw badInput(`${field} must be one of ${ASSIGNABLE_ROLES.join(', ')} (ownership moves only with transferOwnership)`, field);
  }
}

function view(member: TeamMember, user: Pick<User, 'name' | 'email'> | undefined): MemberView {
  return {
    userId: member.userId,
    name: user?.name ?? '(deleted account)',
    email: user?.email ?? '',
    role: member.role,
    isActive: member.isActive,
    joinedAt: member.joinedAt ?? member.createdAt,
    invitedBy: member.invitedBy,
  };
}

async function withUsers(members: TeamMember[]): Promise<MemberView[]> {
  const users = await UserModel.find({ _id: { $in: members.map((m) => m.userId) } }, { name: 1, email: 1 }).lean<User[]>();
  const byId = new Map(users.map((u) => [u._id.toHexString(), u]));
  return members.map((m) => view(m, byId.get(m.userId.toHexString())));
}

const ROLE_ORDER: Record<WorkspaceRole, number> = { owner: 0, admin: 1, editor: 2, viewer: 3 };

/**
 * The members of the active workspace: owner first, then by role and join date. Removed members
 * (isActive false) only when asked for; their rows stay for the history.
 */
export async function listMembers(actor: TeamActor, opts: { includeRemoved?: boolean | null } = {}): Promise<MemberView[]> {
  assertRole(actor, WorkspaceRole.VIEWER);
  const filter: Record<string, unknown> = { workspaceId: oid(actor.workspaceId) };
  if (!opts.includeRemoved) filter.isActive = true;
  const members = await TeamMemberModel.find(filter).lean<TeamMember[]>();
  const views = await withUsers(members);
  return views.sort(
    (a, b) =>
      Number(b.isActive) - Number(a.isActive) ||
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      a.joinedAt.getTime() - b.joinedAt.getTime() ||
      a.userId.toHexString().localeCompare(b.userId.toHexString()),
  );
}

/** The active membership of `userId` in the actor's workspace; NOT_FOUND for anyone else. */
async function activeMember(actor: TeamActor, userId: Types.ObjectId): Promise<TeamMember> {
  const member = await TeamMemberModel.findOne({ workspaceId: oid(actor.workspaceId), userId, isActive: true }).lean<TeamMember>();
  if (!member) throw notFound('Member');
  return member;
}

async function memberView(workspaceId: string | Types.ObjectId, userId: Types.ObjectId): Promise<MemberView> {
  const member = await TeamMemberModel.findOne({ workspaceId: oid(workspaceId), userId }).lean<TeamMember>();
  if (!member) throw notFound('Member');
  return (await withUsers([member]))[0]!;
}

/**
 * Whom an actor may manage: nobody manages the owner (ownership moves by transfer only), and
 * admins are managed only by the owner; an admin may still step themselves down.
 */
function assertMayManage(actor: TeamActor, target: TeamMember, what: string): void {
  if (target.role === WorkspaceRole.OWNER) throw forbidden(`The owner cannot be ${what}; ownership moves only with transferOwnership`);
  const self = target.userId.toHexString() === actor.userId;
  if (target.role === WorkspaceRole.ADMIN && actor.workspaceRole !== WorkspaceRole.OWNER && !self) {
    throw forbidden(`Only the owner can change or remove another admin`);
  }
}

/** Forget the workspace as the user's default when they lose access to it. */
async function forgetAsDefault(userId: Types.ObjectId, workspaceId: Types.ObjectId): Promise<void> {
  await UserModel.updateOne({ _id: userId, lastWorkspaceId: workspaceId }, { $unset: { lastWorkspaceId: 1 } });
}

/** admin+: gives a member another assignable role. Unchanged role: no write, no audit event. */
export async function changeRole(actor: TeamActor, rawUserId: string, role: WorkspaceRole): Promise<MemberView> {
  assertRole(actor, WorkspaceRole.ADMIN);
  assertAssignable(role);
  const userId = toObjectId(rawUserId, 'userId');
  const target = await activeMember(actor, userId);
  assertMayManage(actor, target, 'given another role');
  if (!roleAtLeast(actor.workspaceRole, role)) throw forbidden('You cannot give a role above your own');
  if (target.role !== role) {
    const updated = await TeamMemberModel.updateOne({ _id: target._id, isActive: true, role: target.role }, { $set: { role } });
    // Someone else changed or removed the member meanwhile: report the state as it is now.
    if (updated.modifiedCount === 0) throw notFound('Member');
    await recordAudit(actor, AuditAction.MEMBER_ROLE_CHANGED, { type: 'member', id: userId }, { from: target.role, to: role });
  }
  return memberView(actor.workspaceId, userId);
}

/** admin+: ends a member's access (from their next request). Not the owner; another admin only by the owner. */
export async function removeMember(actor: TeamActor, rawUserId: string): Promise<MemberView> {
  assertRole(actor, WorkspaceRole.ADMIN);
  const userId = toObjectId(rawUserId, 'userId');
  if (userId.toHexString() === actor.userId) throw badInput('To leave the workspace yourself, use leaveWorkspace', 'userId');
  const target = await activeMember(actor, userId);
  assertMayManage(actor, target, 'removed');
  const updated = await TeamMemberModel.updateOne({ _id: target._id, isActive: true }, { $set: { isActive: false } });
  if (updated.modifiedCount === 0) throw notFound('Member');
  await forgetAsDefault(userId, target.workspaceId);
  await recordAudit(actor, AuditAction.MEMBER_REMOVED, { type: 'member', id: userId }, { role: target.role });
  return memberView(actor.workspaceId, userId);
}

/** Any member but the owner (who transfers ownership first) leaves the active workspace. */
export async function leaveWorkspace(actor: TeamActor): Promise<boolean> {
  assertRole(actor, WorkspaceRole.VIEWER);
  const userId = oid(actor.userId);
  const member = await activeMember(actor, userId);
  if (member.role === WorkspaceRole.OWNER) {
    throw forbidden('The owner cannot leave; transfer ownership to another member first (transferOwnership)');
  }
  const updated = await TeamMemberModel.updateOne({ _id: member._id, isActive: true }, { $set: { isActive: false } });
  if (updated.modifiedCount === 0) throw notFound('Member');
  await forgetAsDefault(userId, member.workspaceId);
  await recordAudit(actor, AuditAction.MEMBER_LEFT, { type: 'member', id: userId }, { role: member.role });
  return true;
}

/** Checks a user's password, rate-limited like every other password check of an account; BAD_USER_INPUT naming `password` when wrong. */
export async function checkPassword(actor: Pick<TeamActor, 'userId'>, password: string): Promise<void> {
  await consumeRateLimit(`password-check:user:${actor.userId}`, AUTH_LIMITS.passwordCheckPerUser, 'password attempts');
  const user = await UserModel.findById(actor.userId).select('+passwordHash').lean<User>();
  if (!user) throw unauthenticated('Account no longer exists');
  if (!(await verifyPassword(user.passwordHash, password))) throw badInput('password is incorrect', 'password');
}

/**
 * The new owner's plan must take the workspace: the subscription stays on the owning user and its
 * limits count across every workspace they own (the plan's maxWorkspaces, and its connected
 * accounts over all of them, this workspace's included). LIMIT_EXCEEDED otherwise.
 */
export async function assertNewOwnerPlanFits(newOwnerId: Types.ObjectId, workspaceId: Types.ObjectId): Promise<void> {
  const owner = await UserModel.findById(newOwnerId, { subscriptionTier: 1 }).lean<User>();
  if (!owner) throw notFound('Member');
  const owned = await ownedWorkspaceIds(newOwnerId);
  const maxOwned = workspaceLimitOf(owner.subscriptionTier);
  if (owned.length >= maxOwned) {
    throw workspaceLimitError(
      owner.subscriptionTier,
      `The new owner's ${owner.subscriptionTier} plan allows them to own ${maxOwned} workspace${maxOwned === 1 ? '' : 's'} and they own ${owned.length}; they can upgrade or delete one first`,
    );
  }
  const limit = TIER_LIMITS[owner.subscriptionTier].maxPlatforms;
  if (limit === null) return;
  const connected = await PlatformModel.countDocuments({ workspaceId: { $in: [...owned, workspaceId] } });
  if (connected > limit) {
    throw platformLimitError(
      owner.subscriptionTier,
      limit,
      `The new owner's ${owner.subscriptionTier} plan allows ${limit} connected account${limit === 1 ? '' : 's'} across their workspaces; with this one they would have ${connected}. They can upgrade, or accounts can be disconnected first`,
    );
  }
}

export interface TransferHooks {
  /** Replaces assertNewOwnerPlanFits (tests). */
  assertOwnerCanTake?: (newOwnerId: Types.ObjectId, workspaceId: Types.ObjectId) => Promise<void>;
}

/**
 * owner: hands the workspace to another active member, confirmed with the owner's password. The
 * new owner's plan must take it (assertNewOwnerPlanFits) and applies from then on; the old owner
 * stays as an admin.
 *
 * Without transactions the writes are ordered so that every intermediate state is safe:
 * Workspace.ownerId moves first (compare-and-set on the old owner, so two transfers cannot both
 * win), then the new owner's membership is promoted, then the old one demoted. The access check
 * reads roles from team_members, so at no point does anyone gain more than the end state gives.
 */
export async function transferOwnership(actor: TeamActor, rawUserId: string, password: string, hooks: TransferHooks = {}): Promise<MemberView> {
  assertRole(actor, WorkspaceRole.OWNER);
  const userId = toObjectId(rawUserId, 'userId');
  if (userId.toHexString() === actor.userId) throw badInput('You already own this workspace; choose another member', 'userId');
  await checkPassword(actor, password);
  const target = await activeMember(actor, userId);
  const workspaceId = oid(actor.workspaceId);
  // Under the new owner's platform-slot lease: no account of theirs is connected between the plan check and the move.
  await withPlatformSlots(userId, async () => {
    await (hooks.assertOwnerCanTake ?? assertNewOwnerPlanFits)(userId, workspaceId);
    const moved = await WorkspaceModel.updateOne({ _id: workspaceId, ownerId: oid(actor.userId) }, { $set: { ownerId: userId } });
    if (moved.modifiedCount === 0) throw forbidden('You are no longer the owner of this workspace');
    await TeamMemberModel.updateOne({ _id: target._id }, { $set: { role: WorkspaceRole.OWNER, isActive: true } });
    await TeamMemberModel.updateOne({ workspaceId, userId: oid(actor.userId) }, { $set: { role: WorkspaceRole.ADMIN } });
  });
  await recordAudit(actor, AuditAction.OWNERSHIP_TRANSFERRED, { type: 'member', id: userId }, { from: actor.userId, to: userId.toHexString(), previousRole: target.role });
  return memberView(workspaceId, userId);
}

/**
 * Makes `userId` an active member with `role` (invitation accepted): a new membership, or a
 * removed member back with the invited role. An active member keeps the role they have (accepting
 * is idempotent). Returns whether the user joined (false: they already were an active member).
 */
export async function joinWorkspace(workspaceId: Types.ObjectId, userId: Types.ObjectId, role: WorkspaceRole, invitedBy?: Types.ObjectId): Promise<boolean> {
  assertAssignable(role);
  const now = new Date();
  // Upsert on the unique (workspaceId, userId): concurrent accepts end in one membership.
  const existing = await TeamMemberModel.findOneAndUpdate(
    { workspaceId, userId },
    { $setOnInsert: { workspaceId, userId, role, isActive: true, invitedBy, joinedAt: now } },
    { upsert: true, returnDocument: 'before' },
  ).lean<TeamMember>();
  if (!existing) return true;
  if (existing.isActive) return false;
  const back = await TeamMemberModel.updateOne({ _id: existing._id, isActive: false }, { $set: { isActive: true, role, invitedBy, joinedAt: now } });
  return back.modifiedCount > 0;
}
