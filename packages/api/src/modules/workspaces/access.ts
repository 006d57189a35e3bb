import { roleAtLeast, type WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { forbidden, notFound } from '../../lib/errors.js';
import { viewerOf, type Context, type Viewer } from '../../server/context.js';
import type { TeamMember } from './team-member.model.js';

/** The one answer for a workspace the viewer may not use: the same as for one that does not exist. */
export const workspaceNotFound = () => notFound('Workspace');

/**
 * Picks the active workspace among a user's active memberships: the requested one (X-Workspace-Id
 * header or an operation's workspaceId argument) when the user is a member of it, else none (the
 * request named a workspace it may not use); without a request, the last used one, else the oldest.
 */
export function pickMembership(
  memberships: readonly TeamMember[],
  requested: string | undefined,
  lastUsed: Types.ObjectId | undefined,
): { membership?: TeamMember; refused: boolean } {
  if (requested !== undefined) {
    const m = Types.ObjectId.isValid(requested) ? memberships.find((x) => x.workspaceId.toHexString() === requested.toLowerCase()) : undefined;
    return m ? { membership: m, refused: false } : { refused: true };
  }
  const last = lastUsed ? memberships.find((x) => x.workspaceId.equals(lastUsed)) : undefined;
  return { membership: last ?? memberships[0], refused: false };
}

/** The viewer's active workspace id; a viewer without one answers NOT_FOUND (as for a missing workspace). */
export function workspaceIdOf(viewer: Viewer): Types.ObjectId {
  if (!viewer.workspaceId) throw workspaceNotFound();
  return new Types.ObjectId(viewer.workspaceId);
}

/** The filter every workspace-owned query starts from: `{ workspaceId }` of the viewer's active workspace. */
export function workspaceScope(viewer: Viewer): { workspaceId: Types.ObjectId } {
  return { workspaceId: workspaceIdOf(viewer) };
}

/** workspaceScope of the request's viewer. */
export function scopeOf(ctx: Pick<Context, 'viewer' | 'authError'>): { workspaceId: Types.ObjectId } {
  return workspaceScope(viewerOf(ctx));
}

/** The active workspace id of the request's viewer. */
export function activeWorkspaceId(ctx: Pick<Context, 'viewer' | 'authError'>): Types.ObjectId {
  return workspaceIdOf(viewerOf(ctx));
}

/** Throws FORBIDDEN unless the viewer's role in the active workspace is at least `minimum` (NOT_FOUND without one). */
export function assertRole(viewer: Viewer, minimum: WorkspaceRole): void {
  if (!viewer.workspaceId || !viewer.workspaceRole) throw workspaceNotFound();
  if (!roleAtLeast(viewer.workspaceRole, minimum)) throw forbidden(`This needs the ${minimum} role or higher in this workspace`);
}

/** workspaceScope of the request's viewer, once their role is at least `minimum` (FORBIDDEN below it). */
export function scopeAtLeast(ctx: Pick<Context, 'viewer' | 'authError'>, minimum: WorkspaceRole): { workspaceId: Types.ObjectId } {
  const viewer = viewerOf(ctx);
  assertRole(viewer, minimum);
  return workspaceScope(viewer);
}
