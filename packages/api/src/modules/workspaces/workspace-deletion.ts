import { AuditAction, WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { conflict, forbidden } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { viewerOf, type Context } from '../../server/context.js';
import { deleteWorkspaceData } from '../users/user-deletion.js';
import { workspaceNotFound } from './access.js';
import { auditActor, recordAudit } from './audit.service.js';
import { checkPassword } from './members.service.js';
import { TeamMemberModel } from './team-member.model.js';
import { WorkspaceModel, type Workspace } from './workspace.model.js';

/**
 * owner: deletes a workspace and everything in it (deleteWorkspaceData), confirmed with the
 * owner's password. A workspace the viewer is not an active member of is NOT_FOUND like a missing
 * id; a member who is not its owner is FORBIDDEN; a wrong password is BAD_USER_INPUT naming
 * `password` (rate-limited like every password check).
 *
 * Deleting the last workspace one owns is allowed: the viewer then works in another workspace
 * they are a member of, or has none until they create one (createWorkspace; with no workspace,
 * workspace operations answer NOT_FOUND). Members lose access on their next request, and users
 * who had it as their last used workspace fall back to their oldest membership.
 *
 * The workspace's audit log is kept for its retention (AUDIT_RETENTION_DAYS), with a last
 * `workspace.deleted` event: who deleted it, when and from where. Nobody can read it through the
 * API any more (there is no workspace to be a member of); it is the operators' record.
 */
export async function deleteWorkspace(ctx: Context, id: string, password: string): Promise<boolean> {
  const viewer = viewerOf(ctx);
  const workspaceId = toObjectId(id, 'id');
  const memberships = await ctx.loaders.membershipsByUser.load(viewer.id);
  const membership = memberships.find((m) => m.workspaceId.equals(workspaceId));
  if (!membership) throw workspaceNotFound();
  const ws = await WorkspaceModel.findById(workspaceId, { name: 1, ownerId: 1 }).lean<Pick<Workspace, '_id' | 'name' | 'ownerId'>>();
  if (!ws) throw workspaceNotFound();
  if (membership.role !== WorkspaceRole.OWNER || !ws.ownerId.equals(viewer.id)) throw forbidden('Only the owner can delete a workspace');
  await checkPassword({ userId: viewer.id }, password);
  const members = await TeamMemberModel.countDocuments({ workspaceId, isActive: true });
  await deleteWorkspaceData(workspaceId);
  await recordAudit(auditActor(ctx, workspaceId), AuditAction.WORKSPACE_DELETED, { type: 'workspace', id: workspaceId }, { name: ws.name, members });
  ctx.loaders.membershipsByUser.clearAll();
  ctx.loaders.workspaceById.clear(workspaceId.toHexString());
  ctx.loaders.userById.clear(viewer.id);
  return true;
}

/** A workspace an account owns that other people still use. */
export interface SharedWorkspace {
  id: string;
  name: string;
  /** Active members besides the owner. */
  otherMembers: number;
}

/** The workspaces `ownerId` owns that have active members besides them. */
export async function sharedOwnedWorkspaces(ownerId: Types.ObjectId): Promise<SharedWorkspace[]> {
  const owned = await WorkspaceModel.find({ ownerId }, { name: 1 }).sort({ _id: 1 }).lean<Array<Pick<Workspace, '_id' | 'name'>>>();
  if (owned.length === 0) return [];
  const others = await TeamMemberModel.find({ workspaceId: { $in: owned.map((w) => w._id) }, isActive: true, userId: { $ne: ownerId } }, { workspaceId: 1 }).lean();
  const counts = new Map<string, number>();
  for (const m of others) counts.set(m.workspaceId.toHexString(), (counts.get(m.workspaceId.toHexString()) ?? 0) + 1);
  return owned
    .filter((w) => counts.has(w._id.toHexString()))
    .map((w) => ({ id: w._id.toHexString(), name: w.name, otherMembers: counts.get(w._id.toHexString())! }));
}

/**
 * Account deletion removes the workspaces the account owns; one that other members still use is
 * not deleted behind their back: CONFLICT naming those workspaces (`extensions.workspaces`), to
 * transfer their ownership (or remove their members) first. Workspaces only the owner uses go with
 * the account.
 */
export async function assertNoSharedWorkspaces(ownerId: Types.ObjectId): Promise<void> {
  const shared = await sharedOwnedWorkspaces(ownerId);
  if (shared.length === 0) return;
  const names = shared.map((w) => `"${w.name}"`).join(', ');
  throw conflict(
    `You own ${shared.length === 1 ? 'a workspace' : 'workspaces'} other members still use (${names}): transfer ownership to one of them (transferOwnership) or remove the other members first`,
    { workspaces: shared },
  );
}
