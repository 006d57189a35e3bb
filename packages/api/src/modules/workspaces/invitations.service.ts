import { AuditAction, INVITATION_TTL_DAYS, roleAtLeast, WorkspaceRole } from '@soash/shared';
import { isEmail } from 'class-validator';
import { Types } from 'mongoose';
import type { Config } from '../../config.js';
import { hashToken, randomToken } from '../../lib/crypto.js';
import { AppError, badInput, conflict, forbidden, isDuplicateKeyError, notFound } from '../../lib/errors.js';
import { ErrorCode } from '@soash/shared';
import { toObjectId } from '../../lib/ids.js';
import { consumeRateLimit, type RateLimitRule } from '../../lib/rate-limit.js';
import { sendInvitationEmail } from '../mail/mail.service.js';
import { emailProblem, normalizeEmail, UserModel, type User } from '../users/user.model.js';
import { auditActor, recordAudit } from './audit.service.js';
import { InvitationModel, type Invitation } from './invitation.model.js';
import { assertAssignable, assertRole, joinWorkspace, type TeamActor } from './members.service.js';
import { TeamMemberModel } from './team-member.model.js';
import { WorkspaceModel, type Workspace } from './workspace.model.js';

const DAY_MS = 24 * 3600 * 1000;
const MAX_TOKEN_LENGTH = 200;

/** Invitations (new and resent) per workspace: enough for onboarding a team, not for mass mailing. */
export const INVITATION_LIMITS = {
  perWorkspace: { limit: 50, windowSeconds: 3600 },
} satisfies Record<string, RateLimitRule>;

/** Why an invitation token cannot be used; the same words go into `extensions.reason`. */
export const InvitationProblem = {
  INVALID: 'invalid',
  EXPIRED: 'expired',
  USED: 'used',
  REVOKED: 'revoked',
  WRONG_EMAIL: 'wrong_email',
} as const;
export type InvitationProblem = (typeof InvitationProblem)[keyof typeof InvitationProblem];

function invitationError(reason: InvitationProblem): AppError {
  switch (reason) {
    case InvitationProblem.EXPIRED:
      return new AppError(ErrorCode.BAD_USER_INPUT, 'This invitation has expired; ask the workspace admin to send a new one', { field: 'token', reason });
    case InvitationProblem.USED:
      return new AppError(ErrorCode.BAD_USER_INPUT, 'This invitation has already been used', { field: 'token', reason });
    case InvitationProblem.REVOKED:
      return new AppError(ErrorCode.BAD_USER_INPUT, 'This invitation was withdrawn by the workspace', { field: 'token', reason });
    case InvitationProblem.WRONG_EMAIL:
      return new AppError(ErrorCode.FORBIDDEN, 'This invitation was sent to another email address; sign in with that address to accept it', { reason });
    default:
      return new AppError(ErrorCode.BAD_USER_INPUT, 'This invitation link is not valid', { field: 'token', reason: InvitationProblem.INVALID });
  }
}

const oid = (id: string | Types.ObjectId) => (id instanceof Types.ObjectId ? id : new Types.ObjectId(id));
const openKey = (workspaceId: Types.ObjectId, email: string) => `${workspaceId.toHexString()}:${email}`;
const openFilter = { acceptedAt: null, revokedAt: null };

/** A fresh token: the plain value goes into the mail, only its SHA-256 hash is stored. */
function newToken() {
  const token = randomToken(32);
  return { token, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS) };
}

function invitedEmail(raw: string): string {
  const email = normalizeEmail(String(raw ?? ''));
  const problem = email.length > 254 ? 'email must be at most 254 characters long' : emailProblem(email);
  if (problem) throw badInput(problem, 'email');
  if (!isEmail(email)) throw badInput('email must be an email address', 'email');
  return email;
}

async function mailInvitation(config: Config, actor: TeamActor, invitation: Pick<Invitation, 'email' | 'role' | 'expiresAt' | 'workspaceId'>, token: string) {
  const [workspace, inviter] = await Promise.all([
    WorkspaceModel.findById(invitation.workspaceId, { name: 1 }).lean<Workspace>(),
    UserModel.findById(actor.userId, { name: 1 }).lean<User>(),
  ]);
  await sendInvitationEmail(config, {
    to: invitation.email,
    inviterName: inviter?.name ?? 'A Soash user',
    workspaceName: workspace?.name ?? 'a workspace',
    role: invitation.role,
    token,
    validDays: INVITATION_TTL_DAYS,
  });
}

/**
 * admin+: invites an address into the active workspace with an assignable role no higher than the
 * actor's own, and mails the link. Inviting an address that already has an open invitation
 * resends it (new token, new expiry, the role given now). An active member cannot be invited.
 */
export async function invite(config: Config, actor: TeamActor, rawEmail: string, role: WorkspaceRole): Promise<Invitation> {
  assertRole(actor, WorkspaceRole.ADMIN);
  assertAssignable(role);
  if (!roleAtLeast(actor.workspaceRole, role)) throw forbidden('You cannot invite someone with a role above your own');
  const email = invitedEmail(rawEmail);
  const workspaceId = oid(actor.workspaceId);

  const user = await UserModel.findOne({ email }, { _id: 1 }).lean<User>();
  if (user && (await TeamMemberModel.exists({ workspaceId, userId: user._id, isActive: true }))) {
    throw conflict('This person is already a member of the workspace', { field: 'email' });
  }
  await consumeRateLimit(`invite:workspace:${workspaceId.toHexString()}`, INVITATION_LIMITS.perWorkspace, 'invitations from this workspace');

  const key = openKey(workspaceId, email);
  const { token, tokenHash, expiresAt } = newToken();
  const upsert = () =>
    InvitationModel.findOneAndUpdate(
      // openKey is set exactly while the invitation is open (unset on accept and revoke).
      { openKey: key },
      {
        $set: { tokenHash, expiresAt, role },
        $setOnInsert: { workspaceId, email, openKey: key, invitedBy: oid(actor.userId) },
      },
      // 'before': null when this call inserted the invitation, the previous state when it resent one.
      { upsert: true, returnDocument: 'before' },
    ).lean<Invitation>();
  let before: Invitation | null;
  try {
    before = await upsert();
  } catch (err) {
    // Two invitations of one address raced to insert; the unique openKey let one in: update that one.
    if (!isDuplicateKeyError(err)) throw err;
    before = await upsert();
  }
  const resent = before !== null;
  const invitation = (await InvitationModel.findOne({ openKey: key }).lean<Invitation>())!;
  await mailInvitation(config, actor, invitation, token);
  await recordAudit(actor, resent ? AuditAction.INVITATION_RESENT : AuditAction.MEMBER_INVITED, { type: 'invitation', id: invitation._id }, { email, role });
  return invitation;
}

async function openInvitation(actor: TeamActor, rawId: string): Promise<Invitation> {
  const invitation = await InvitationModel.findOne({ _id: toObjectId(rawId, 'id'), workspaceId: oid(actor.workspaceId), ...openFilter }).lean<Invitation>();
  if (!invitation) throw notFound('Invitation');
  return invitation;
}

/** admin+: mails a pending invitation again with a new link (the old one stops working) valid 7 more days. */
export async function resendInvitation(config: Config, actor: TeamActor, rawId: string): Promise<Invitation> {
  assertRole(actor, WorkspaceRole.ADMIN);
  const found = await openInvitation(actor, rawId);
  if (!roleAtLeast(actor.workspaceRole, found.role)) throw forbidden('You cannot resend an invitation with a role above your own');
  await consumeRateLimit(`invite:workspace:${actor.workspaceId}`, INVITATION_LIMITS.perWorkspace, 'invitations from this workspace');
  const { token, tokenHash, expiresAt } = newToken();
  const invitation = await InvitationModel.findOneAndUpdate(
    { _id: found._id, ...openFilter },
    { $set: { tokenHash, expiresAt } },
    { returnDocument: 'after' },
  ).lean<Invitation>();
  if (!invitation) throw notFound('Invitation');
  await mailInvitation(config, actor, invitation, token);
  await recordAudit(actor, AuditAction.INVITATION_RESENT, { type: 'invitation', id: invitation._id }, { email: invitation.email, role: invitation.role });
  return invitation;
}

/** admin+: withdraws a pending invitation; its link stops working at once. */
export async function revokeInvitation(actor: TeamActor, rawId: string): Promise<Invitation> {
  assertRole(actor, WorkspaceRole.ADMIN);
  const found = await openInvitation(actor, rawId);
  const invitation = await InvitationModel.findOneAndUpdate(
    { _id: found._id, ...openFilter },
    { $set: { revokedAt: new Date() }, $unset: { openKey: 1 } },
    { returnDocument: 'after' },
  ).lean<Invitation>();
  if (!invitation) throw notFound('Invitation');
  await recordAudit(actor, AuditAction.INVITATION_REVOKED, { type: 'invitation', id: invitation._id }, { email: invitation.email, role: invitation.role });
  return invitation;
}

/** admin+: the open invitations of the active workspace (expired ones included, to resend), newest first. */
export async function listInvitations(actor: TeamActor): Promise<Invitation[]> {
  assertRole(actor, WorkspaceRole.ADMIN);
  return InvitationModel.find({ workspaceId: oid(actor.workspaceId), ...openFilter })
    .sort({ createdAt: -1, _id: -1 })
    .limit(500)
    .lean<Invitation[]>();
}

/**
 * The invitation behind a token, if it can still be accepted by `email`; otherwise the typed
 * reason (invalid, expired, used, revoked, wrong email). A used invitation is still "usable" for
 * the user who accepted it while they are an active member (accepting again changes nothing).
 */
export async function usableInvitation(rawToken: string, email: string, userId?: Types.ObjectId): Promise<Invitation> {
  if (typeof rawToken !== 'string' || !rawToken || rawToken.length > MAX_TOKEN_LENGTH) throw invitationError(InvitationProblem.INVALID);
  const invitation = await InvitationModel.findOne({ tokenHash: hashToken(rawToken) }).lean<Invitation>();
  if (!invitation || !(await WorkspaceModel.exists({ _id: invitation.workspaceId }))) throw invitationError(InvitationProblem.INVALID);
  if (invitation.revokedAt) throw invitationError(InvitationProblem.REVOKED);
  if (invitation.email !== normalizeEmail(email)) throw invitationError(InvitationProblem.WRONG_EMAIL);
  if (invitation.acceptedAt) {
    const again =
      userId &&
      invitation.acceptedBy?.equals(userId) &&
      (await TeamMemberModel.exists({ workspaceId: invitation.workspaceId, userId, isActive: true }));
    if (!again) throw invitationError(InvitationProblem.USED);
    return invitation;
  }
  if (invitation.expiresAt.getTime() <= Date.now()) throw invitationError(InvitationProblem.EXPIRED);
  return invitation;
}

export interface AcceptSource {
  ip?: string;
  userAgent?: string;
}

/**
 * Accepts an invitation for a signed-in (or just registered) user whose email is the invited one.
 * The invitation is consumed atomically (single use); the user becomes an active member with the
 * invited role (a removed member comes back with it; an active member keeps theirs), the
 * workspace becomes their active one, and the address counts as verified (the link reached it).
 */
export async function acceptInvitation(source: AcceptSource, userId: Types.ObjectId, rawToken: string): Promise<Workspace> {
  const user = await UserModel.findById(userId, { email: 1 }).lean<User>();
  if (!user) throw notFound('User');
  const invitation = await usableInvitation(rawToken, user.email, userId);
  const workspaceId = invitation.workspaceId;

  if (!invitation.acceptedAt) {
    const consumed = await InvitationModel.updateOne(
      { _id: invitation._id, ...openFilter, expiresAt: { $gt: new Date() } },
      { $set: { acceptedAt: new Date(), acceptedBy: userId }, $unset: { openKey: 1 } },
    );
    // Revoked, used or expired between the check and now: answer with the reason as it stands.
    if (consumed.modifiedCount === 0) {
      await usableInvitation(rawToken, user.email, userId);
      throw invitationError(InvitationProblem.USED);
    }
    const joined = await joinWorkspace(workspaceId, userId, invitation.role, invitation.invitedBy);
    await recordAudit(
      auditActor({ viewer: { id: userId.toHexString() }, ...source }, workspaceId),
      AuditAction.MEMBER_JOINED,
      { type: 'member', id: userId },
      { role: invitation.role, invitationId: invitation._id.toHexString(), alreadyMember: !joined },
    );
  }
  await UserModel.updateOne({ _id: userId }, { $set: { isVerified: true, lastWorkspaceId: workspaceId } });
  const workspace = await WorkspaceModel.findById(workspaceId).lean<Workspace>();
  if (!workspace) throw invitationError(InvitationProblem.INVALID);
  return workspace;
}
