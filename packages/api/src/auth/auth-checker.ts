import type { AuthChecker } from 'type-graphql';
import { Types } from 'mongoose';
import { unauthenticated, forbidden } from '../lib/errors.js';
import { toObjectId } from '../lib/ids.js';
import { assertRole, pickMembership, workspaceNotFound } from '../modules/workspaces/access.js';
import { UserModel } from '../modules/users/user.model.js';
import type { Context, Viewer } from '../server/context.js';
import { parseWorkspaceRule } from './min-role.js';
import { assertScope } from './scope.js';

/**
 * The viewer of a request, confirmed against the database once per request: the access token's
 * user must still exist (a token that outlived its account is UNAUTHENTICATED), and the role is the
 * one stored now (a demoted admin loses access at once, not when the token runs out). The lookup
 * goes through the request's users loaders (users.loader.ts#viewerAccount), so it is the one read of
 * the viewer's account and profile that the resolvers share.
 *
 * The active workspace is resolved here too, from the user's active memberships (team_members,
 * read on every request): the X-Workspace-Id header when the user is a member of it, else the last
 * used workspace (User.lastWorkspaceId), else the oldest membership. A requested workspace the user
 * is not an active member of leaves the viewer without one: workspace operations then answer
 * NOT_FOUND, exactly as for a workspace that does not exist.
 */
const confirmed = new WeakMap<Context, Promise<Viewer>>();
/** Requests whose named workspace was refused (not a member, malformed, missing). */
const refusedWorkspace = new WeakSet<Context>();

async function resolveWorkspace(ctx: Context, viewer: Viewer, requested: string | undefined, lastUsed: Types.ObjectId | undefined): Promise<Viewer> {
  const memberships = await ctx.loaders.membershipsByUser.load(viewer.id);
  const { membership, refused } = pickMembership(memberships, requested, lastUsed);
  if (refused) refusedWorkspace.add(ctx);
  else refusedWorkspace.delete(ctx);
  const { workspaceId: _w, workspaceRole: _r, ...rest } = viewer;
  if (!membership) return rest;
  // Remember an explicit choice so that the next request without a header lands in the same workspace.
  if (requested !== undefined && !lastUsed?.equals(membership.workspaceId)) {
    await UserModel.updateOne({ _id: new Types.ObjectId(viewer.id) }, { $set: { lastWorkspaceId: membership.workspaceId } });
  }
  return { ...rest, workspaceId: membership.workspaceId.toHexString(), workspaceRole: membership.role };
}

/**
 * An API key works in its own workspace only, as its creator with the creator's current role there
 * (so never above it). The creator no longer an active member → UNAUTHENTICATED: the key died with
 * the membership. An X-Workspace-Id naming another workspace is refused like a workspace the
 * viewer is not a member of (NOT_FOUND for workspace operations). An OAuth access token is held
 * the same way to the granted workspace and the granting user's membership and role there.
 */
async function resolveKeyWorkspace(ctx: Context, viewer: Viewer): Promise<Viewer> {
  const keyWorkspace = (viewer.apiKey ?? viewer.oauth)!.workspaceId;
  const memberships = await ctx.loaders.membershipsByUser.load(viewer.id);
  const membership = memberships.find((m) => m.workspaceId.toHexString() === keyWorkspace);
  if (!membership) {
    ctx.viewer = null;
    ctx.authError = viewer.oauth
      ? 'OAuth access no longer valid: the user who granted it is no longer a member of its workspace'
      : 'API key no longer valid: the member who created it has left its workspace';
    throw unauthenticated(ctx.authError);
  }
  const requested = ctx.requestedWorkspaceId?.toLowerCase();
  if (requested !== undefined && requested !== keyWorkspace) refusedWorkspace.add(ctx);
  return { ...viewer, workspaceId: keyWorkspace, workspaceRole: membership.role };
}

export function confirmViewer(ctx: Context): Promise<Viewer> {
  let check = confirmed.get(ctx);
  if (!check) {
    const claimed = ctx.viewer;
    if (!claimed) return Promise.reject(unauthenticated(ctx.authError));
    // viewerAccount reads account and profile in one command and primes userById with the account.
    check = ctx.loaders.viewerAccount.load(claimed.id).then(async (found) => {
      const user = found ? await ctx.loaders.userById.load(claimed.id) : null;
      if (!user) {
        ctx.viewer = null;
        ctx.authError = 'Account no longer exists';
        throw unauthenticated(ctx.authError);
      }
      if (claimed.apiKey || claimed.oauth) {
        ctx.viewer = await resolveKeyWorkspace(ctx, claimed);
        ctx.scope.workspaceId = ctx.viewer.workspaceId;
        return ctx.viewer;
      }
      const base: Viewer = user.role !== claimed.role ? { ...claimed, role: user.role } : claimed;
      ctx.viewer = await resolveWorkspace(ctx, base, ctx.requestedWorkspaceId, user.lastWorkspaceId);
      ctx.scope.workspaceId = ctx.viewer.workspaceId;
      return ctx.viewer;
    });
    confirmed.set(ctx, check);
  }
  return check;
}

/**
 * Switches the request to the workspace an operation names in its `workspaceId` argument (it wins
 * over the header). Not a member → NOT_FOUND.
 */
async function useWorkspaceArgument(ctx: Context, viewer: Viewer, workspaceId: string): Promise<Viewer> {
  if (viewer.workspaceId === workspaceId) return viewer;
  // An API key or OAuth token cannot be moved to another workspace.
  if (viewer.apiKey || viewer.oauth) throw workspaceNotFound();
  const user = await ctx.loaders.userById.load(viewer.id);
  ctx.viewer = await resolveWorkspace(ctx, viewer, workspaceId, user?.lastWorkspaceId);
  ctx.scope.workspaceId = ctx.viewer.workspaceId;
  if (!ctx.viewer.workspaceId) throw workspaceNotFound();
  return ctx.viewer;
}

/**
 * The one auth checker behind every @Authorized() and @MinRole(). No viewer, or one whose account
 * is gone (or whose API key died) → UNAUTHENTICATED. An API key without the operation's scope, or
 * on an operation closed to keys → FORBIDDEN (auth/scope.ts). System roles given (@Authorized(Role.ADMIN)) and the viewer has none of
 * them → FORBIDDEN. A workspace rule (@MinRole(role)): no usable active workspace → NOT_FOUND; a
 * role below the minimum → FORBIDDEN. Which objects belong to the workspace is checked by the
 * services (workspaceScope).
 */
export const authChecker: AuthChecker<Context> = async ({ context, args, info }, roles) => {
  if (!context.viewer && !confirmed.has(context)) throw unauthenticated(context.authError);
  let viewer = await confirmViewer(context);
  assertScope(viewer, info);
  const workspaceRules = roles.map(parseWorkspaceRule).filter((r) => r !== undefined);
  const systemRoles = roles.filter((r) => parseWorkspaceRule(r) === undefined);
  if (systemRoles.length > 0 && !systemRoles.includes(viewer.role)) throw forbidden();
  if (workspaceRules.length > 0) {
    const named = (args as { workspaceId?: unknown } | undefined)?.workspaceId;
    // A malformed id is BAD_USER_INPUT naming the argument, as for every other id argument.
    if (typeof named === 'string') viewer = await useWorkspaceArgument(context, viewer, toObjectId(named, 'workspaceId').toHexString());
    else if (refusedWorkspace.has(context)) throw workspaceNotFound();
    for (const rule of workspaceRules) assertRole(viewer, rule);
  }
  return true;
};
