import { AuditAction, canonicalTimeZone, WorkspaceRole } from '@soash/shared';
import { auditActor, recordAudit } from './audit.service.js';
import { Types } from 'mongoose';
import { badInput, isDuplicateKeyError, unauthenticated } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { trimmedOrNull, updateOf } from '../../lib/update-doc.js';
import { viewerOf, type Context } from '../../server/context.js';
import { workspaceLimitError, workspaceLimitOf } from '../subscriptions/plan-limits.js';
import { withPlatformSlots } from '../subscriptions/platform-slots.js';
import { UserModel, type User } from '../users/user.model.js';
import { activeWorkspaceId, assertRole, workspaceNotFound } from './access.js';
import { TeamMemberModel, type TeamMember } from './team-member.model.js';
import { WorkspaceModel, type Workspace } from './workspace.model.js';
import { recomputeScheduleTimes } from '../reports/report-schedule-times.js';

/** The brand profile fields a workspace carries (what used to be UserProfile). */
export interface BrandProfileFields {
  brandName?: string | null;
  brandDescription?: string | null;
  industry?: string | null;
  targetAudience?: string | null;
  brandValues?: string[] | null;
  businessGoals?: string[] | null;
  timezone?: string | null;
  avatarUrl?: string | null;
  onboardingCompleted?: boolean | null;
}

/** The name a personal workspace gets: the brand or company when known, else the user's name. */
export function personalWorkspaceName(user: Pick<User, 'name' | 'company'>, brandName?: string): string {
  return (brandName?.trim() || user.company?.trim() || `${user.name.trim()}'s workspace`).slice(0, 120);
}

/**
 * Makes sure `user` has a personal workspace and is its owner member. The personal workspace has the
 * user's id as its id (so the one-time migration maps every user-owned document to it without a
 * lookup table, and a rerun finds what an earlier run created); every other workspace gets a fresh
 * id. Both writes are upserts with $setOnInsert only: idempotent and safe to rerun after a crash.
 */
export async function ensurePersonalWorkspace(
  user: Pick<User, '_id' | 'name' | 'company'>,
  profile: BrandProfileFields & { brandName?: string } = {},
  opts: { migrated?: boolean } = {},
): Promise<Types.ObjectId> {
  const workspaceId = user._id;
  const fields = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined && v !== null));
  await upsertIgnoringRace(() => WorkspaceModel.updateOne(
    { _id: workspaceId },
    {
      $setOnInsert: {
        name: personalWorkspaceName(user, profile.brandName ?? undefined),
        ownerId: user._id,
        timezone: 'UTC',
        brandValues: [],
        businessGoals: [],
        onboardingCompleted: false,
        ...fields,
        ...(opts.migrated ? { migratedFromUserId: user._id } : {}),
      },
    },
    { upsert: true },
  ));
  await ensureOwnerMember(workspaceId, user._id);
  return workspaceId;
}

/** Runs an upsert; two concurrent upserts of one document race, the unique index keeps one, which is what we want. */
async function upsertIgnoringRace(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/** The owner's membership row (role owner), created when missing. */
async function ensureOwnerMember(workspaceId: Types.ObjectId, ownerId: Types.ObjectId): Promise<void> {
  await upsertIgnoringRace(() =>
    TeamMemberModel.updateOne(
      { workspaceId, userId: ownerId },
      { $setOnInsert: { workspaceId, userId: ownerId, role: WorkspaceRole.OWNER, isActive: true } },
      { upsert: true },
    ),
  );
}

/** The user whose subscription a workspace runs on (its owner). */
export async function workspaceOwner(workspaceId: Types.ObjectId): Promise<User | null> {
  const ws = await WorkspaceModel.findById(workspaceId, { ownerId: 1 }).lean<Pick<Workspace, 'ownerId'>>();
  if (!ws) return null;
  return UserModel.findById(ws.ownerId).lean<User>();
}

/** The ids of every workspace a user owns: plan limits count across all of them. */
export async function ownedWorkspaceIds(ownerId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const rows = await WorkspaceModel.find({ ownerId }, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
  return rows.map((r) => r._id);
}

/** The active workspace of the request (loaded once per request). */
export async function activeWorkspace(ctx: Context): Promise<Workspace> {
  const ws = await ctx.loaders.workspaceById.load(activeWorkspaceId(ctx).toHexString());
  if (!ws) throw workspaceNotFound();
  return ws;
}

/**
 * The workspace the request resolved to (auth/auth-checker.ts), or null when the viewer has none:
 * no active membership, or a requested workspace they may not use (the web then drops its choice).
 */
export async function activeWorkspaceOrNull(ctx: Context): Promise<Workspace | null> {
  const viewer = viewerOf(ctx);
  if (!viewer.workspaceId) return null;
  return (await ctx.loaders.workspaceById.load(viewer.workspaceId)) ?? null;
}

/** The viewer's workspaces (active memberships), oldest membership first. */
export async function listWorkspaces(ctx: Context): Promise<Workspace[]> {
  const viewer = viewerOf(ctx);
  const memberships = await ctx.loaders.membershipsByUser.load(viewer.id);
  const docs = await ctx.loaders.workspaceById.loadMany(memberships.map((m) => m.workspaceId.toHexString()));
  return docs.filter((d): d is Workspace => !!d && !(d instanceof Error));
}

/** One of the viewer's workspaces; one they are not an active member of is NOT_FOUND like a missing id. */
export async function getWorkspace(ctx: Context, id: string): Promise<Workspace> {
  const viewer = viewerOf(ctx);
  const wsId = toObjectId(id, 'id');
  // An API key sees its own workspace only, whatever else its creator belongs to.
  const pinned = viewer.apiKey ?? viewer.oauth;
  if (pinned && pinned.workspaceId !== wsId.toHexString()) throw workspaceNotFound();
  const memberships = await ctx.loaders.membershipsByUser.load(viewer.id);
  if (!memberships.some((m) => m.workspaceId.equals(wsId))) throw workspaceNotFound();
  const ws = await ctx.loaders.workspaceById.load(wsId.toHexString());
  if (!ws) throw workspaceNotFound();
  return ws;
}

/** The viewer's role in a workspace they are a member of (for Workspace.viewerRole). */
export async function viewerRoleIn(ctx: Context, workspaceId: Types.ObjectId): Promise<WorkspaceRole> {
  const viewer = viewerOf(ctx);
  const memberships = await ctx.loaders.membershipsByUser.load(viewer.id);
  const m = memberships.find((x: TeamMember) => x.workspaceId.equals(workspaceId));
  if (!m) throw workspaceNotFound();
  return m.role;
}


function cleanList(values: string[] | null | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  if (values === null) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values.map((s) => s.trim()).filter(Boolean)) {
    if (seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

/** The brand profile part of an update, normalised (trimmed, lists de-duplicated, timezone canonical). */
export function brandProfileUpdate(input: BrandProfileFields): Record<string, unknown> {
  return {
    brandName: trimmedOrNull(input.brandName),
    brandDescription: trimmedOrNull(input.brandDescription),
    industry: trimmedOrNull(input.industry),
    targetAudience: trimmedOrNull(input.targetAudience),
    brandValues: cleanList(input.brandValues),
    businessGoals: cleanList(input.businessGoals),
    // Validated by the input class; stored in canonical spelling. null resets to UTC.
    timezone: input.timezone === null ? 'UTC' : input.timezone === undefined ? undefined : canonicalTimeZone(input.timezone),
    avatarUrl: trimmedOrNull(input.avatarUrl),
    onboardingCompleted: input.onboardingCompleted === null ? false : input.onboardingCompleted,
  };
}

/**
 * Changes the name and brand profile of a workspace (admins and owners: settings). `id` defaults
 * to the active workspace; another workspace is switched to by the auth checker first.
 */
export async function updateWorkspace(ctx: Context, input: BrandProfileFields & { name?: string | null }): Promise<Workspace> {
  const viewer = viewerOf(ctx);
  assertRole(viewer, WorkspaceRole.ADMIN);
  const workspaceId = activeWorkspaceId(ctx);
  if (input.name === null || (typeof input.name === 'string' && !input.name.trim())) throw badInput('name must not be empty', 'name');
  const update = updateOf({ name: input.name?.trim(), ...brandProfileUpdate(input) });
  const ws = Object.keys(update).length
    ? await WorkspaceModel.findOneAndUpdate({ _id: workspaceId }, update, { returnDocument: 'after', runValidators: true }).lean<Workspace>()
    : await WorkspaceModel.findById(workspaceId).lean<Workspace>();
  if (!ws) throw workspaceNotFound();
  ctx.loaders.workspaceById.clear(ws._id.toHexString()).prime(ws._id.toHexString(), ws);
  const fields = Object.values(update).flatMap((op) => Object.keys(op));
  // Report schedules run at an hour of the workspace's timezone: they follow it to the new zone.
  if (fields.includes('timezone')) await recomputeScheduleTimes(ws._id, canonicalTimeZone(ws.timezone) ?? 'UTC');
  if (fields.length) await recordAudit(ctx, AuditAction.WORKSPACE_UPDATED, { type: 'workspace', id: ws._id }, { fields: fields.sort() });
  return ws;
}

/**
 * Creates a workspace owned by the viewer (they become its owner member) and makes it their last
 * used one. The viewer's plan caps how many workspaces they own (TIER_LIMITS maxWorkspaces, never
 * above MAX_OWNED_WORKSPACES): LIMIT_EXCEEDED beyond it. Counted and created under the owner's
 * plan-limit lease, so two creations at once cannot both take the last slot.
 */
export async function createWorkspace(ctx: Context, input: BrandProfileFields & { name: string }): Promise<Workspace> {
  const viewer = viewerOf(ctx);
  const userId = new Types.ObjectId(viewer.id);
  const user = await ctx.loaders.userById.load(viewer.id);
  if (!user) throw unauthenticated('Account no longer exists');
  const name = input.name.trim();
  if (!name) throw badInput('name must not be empty', 'name');
  const fields = Object.fromEntries(Object.entries(brandProfileUpdate(input)).filter(([, v]) => v !== undefined && v !== null));
  const created = await withPlatformSlots(userId, async () => {
    const owned = await WorkspaceModel.countDocuments({ ownerId: userId });
    if (owned >= workspaceLimitOf(user.subscriptionTier)) throw workspaceLimitError(user.subscriptionTier);
    const doc = await WorkspaceModel.create({ timezone: 'UTC', brandValues: [], businessGoals: [], onboardingCompleted: false, ...fields, name, ownerId: userId });
    await ensureOwnerMember(doc._id, userId);
    return doc;
  });
  await UserModel.updateOne({ _id: userId }, { $set: { lastWorkspaceId: created._id } });
  ctx.loaders.membershipsByUser.clear(viewer.id);
  await recordAudit(auditActor(ctx, created._id), AuditAction.WORKSPACE_CREATED, { type: 'workspace', id: created._id }, { name });
  return created.toObject() as Workspace;
}
