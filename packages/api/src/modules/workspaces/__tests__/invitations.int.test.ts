import { WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { latestMailText, latestMailToken, uniqueEmail } from '../../../../test/helpers/auth.js';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { testConfig } from '../../../../test/helpers/server.js';
import type { Config } from '../../../config.js';
import { hashToken } from '../../../lib/crypto.js';
import { MailMessageModel } from '../../mail/mail-message.model.js';
import { UserModel } from '../../users/user.model.js';
import { AuditEventModel } from '../audit-event.model.js';
import { InvitationModel } from '../invitation.model.js';
import { acceptInvitation, invite, listInvitations, resendInvitation, revokeInvitation } from '../invitations.service.js';
import { removeMember } from '../members.service.js';
import { TeamMemberModel } from '../team-member.model.js';
import { WorkspaceModel } from '../workspace.model.js';
import { createTeam } from './team-fixtures.js';

let config: Config;
beforeAll(() => {
  config = testConfig();
});

const DAY = 24 * 3600 * 1000;
const from = { ip: '10.9.9.9', userAgent: 'invitee-browser' };
const membership = (workspaceId: Types.ObjectId, userId: Types.ObjectId) => TeamMemberModel.findOne({ workspaceId, userId }).lean();

describe('invitations: successful cases', () => {
  it('an admin invites an address: one hashed, 7-day token, a mail with the accept link, an audit event', async () => {
    const team = await createTeam('Acme Coffee');
    const email = uniqueEmail('invitee');
    const before = Date.now();
    const invitation = await invite(config, team.admin.actor, `  ${email.toUpperCase()} `, WorkspaceRole.EDITOR);
    expect(invitation).toMatchObject({ email, role: 'editor' });
    expect(invitation.expiresAt.getTime() - before).toBeGreaterThanOrEqual(7 * DAY - 1000);
    expect(invitation.expiresAt.getTime() - before).toBeLessThanOrEqual(7 * DAY + 5000);
    expect((invitation as { tokenHash?: string }).tokenHash).toBeUndefined();

    const token = await latestMailToken(email, 'invitation');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const text = await latestMailText(email, 'invitation');
    expect(text).toContain(`${config.webAppUrl}/invitations/accept?token=${encodeURIComponent(token)}`);
    expect(text).toContain('Acme Coffee');
    expect(text).toContain(team.admin.user.name);
    const stored = await InvitationModel.findById(invitation._id).select('+tokenHash').lean();
    expect(stored!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const [event] = await AuditEventModel.find({ workspaceId: team.workspace._id }).lean();
    expect(event).toMatchObject({ action: 'member.invited', targetType: 'invitation', targetId: invitation._id.toHexString(), details: { email, role: 'editor' } });
    expect(JSON.stringify(event)).not.toContain(token);
    expect(await listInvitations(team.owner.actor)).toEqual([expect.objectContaining({ email, role: 'editor' })]);
  });

  it('inviting the same address again resends the one open invitation with a new token and the new role', async () => {
    const team = await createTeam();
    const email = uniqueEmail();
    const first = await invite(config, team.admin.actor, email, WorkspaceRole.VIEWER);
    const oldToken = await latestMailToken(email, 'invitation');
    const again = await invite(config, team.owner.actor, email, WorkspaceRole.ADMIN);
    expect(again._id.toHexString()).toBe(first._id.toHexString());
    expect(again.role).toBe('admin');
    expect(await InvitationModel.countDocuments({ workspaceId: team.workspace._id, email })).toBe(1);
    const newToken = await latestMailToken(email, 'invitation');
    expect(newToken).not.toBe(oldToken);
    // The old link no longer works.
    const { user } = await createUser({ email });
    await expect(acceptInvitation(from, user._id, oldToken)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'invalid' } });
    expect((await AuditEventModel.find({ workspaceId: team.workspace._id }).sort({ _id: 1 }).lean()).map((e) => e.action)).toEqual([
      'member.invited',
      'member.invitation_resent',
    ]);
  });

  it('names in the mail stay on one line (a workspace name cannot add lines to the subject or body)', async () => {
    const team = await createTeam('Evil\r\nBcc: victim@example.test\u2028Line');
    const email = uniqueEmail();
    await invite(config, team.owner.actor, email, WorkspaceRole.VIEWER);
    const msg = await MailMessageModel.findOne({ to: email, kind: 'invitation' }).lean();
    expect(msg!.subject).toBe(`${team.owner.user.name} invited you to Evil Bcc: victim@example.test Line on Soash`);
    expect(await latestMailText(email, 'invitation')).not.toMatch(/^Bcc:/m);
  });

  it('the same address may be invited to two workspaces independently', async () => {
    const a = await createTeam();
    const b = await createTeam();
    const email = uniqueEmail();
    await invite(config, a.owner.actor, email, WorkspaceRole.VIEWER);
    await invite(config, b.owner.actor, email, WorkspaceRole.EDITOR);
    expect(await InvitationModel.countDocuments({ email })).toBe(2);
    expect((await listInvitations(a.admin.actor)).map((i) => i.role)).toEqual(['viewer']);
  });

  it('resend rotates the token and the expiry; revoke ends the link; both are audited', async () => {
    const team = await createTeam();
    const email = uniqueEmail();
    const invitation = await invite(config, team.admin.actor, email, WorkspaceRole.VIEWER);
    await InvitationModel.updateOne({ _id: invitation._id }, { $set: { expiresAt: new Date(Date.now() - DAY) } });
    const oldToken = await latestMailToken(email, 'invitation');
    const resent = await resendInvitation(config, team.admin.actor, invitation._id.toHexString());
    expect(resent.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * DAY);
    const token = await latestMailToken(email, 'invitation');
    expect(token).not.toBe(oldToken);
    expect(await MailMessageModel.countDocuments({ to: email, kind: 'invitation' })).toBe(2);

    const revoked = await revokeInvitation(team.admin.actor, invitation._id.toHexString());
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await listInvitations(team.admin.actor)).toEqual([]);
    const { user } = await createUser({ email });
    await expect(acceptInvitation(from, user._id, token)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'token', reason: 'revoked' } });
    expect((await AuditEventModel.find({ workspaceId: team.workspace._id }).sort({ _id: 1 }).lean()).map((e) => e.action)).toEqual([
      'member.invited',
      'member.invitation_resent',
      'member.invitation_revoked',
    ]);
    // A revoked invitation is closed: inviting again opens a new one.
    const fresh = await invite(config, team.admin.actor, email, WorkspaceRole.VIEWER);
    expect(fresh._id.toHexString()).not.toBe(invitation._id.toHexString());
  });

  it('accepting makes the user a member with the invited role, the workspace their active one, the address verified', async () => {
    const team = await createTeam();
    const email = uniqueEmail();
    await invite(config, team.admin.actor, email, WorkspaceRole.EDITOR);
    const token = await latestMailToken(email, 'invitation');
    // The address matches after NFKC normalisation and lower-casing.
    const { user } = await createUser({ email: email.toUpperCase() });
    const workspace = await acceptInvitation(from, user._id, token);
    expect(workspace._id.toHexString()).toBe(team.workspaceId);
    expect(await membership(team.workspace._id, user._id)).toMatchObject({ role: 'editor', isActive: true, invitedBy: team.admin.user._id });
    const after = await UserModel.findById(user._id).lean();
    expect(after).toMatchObject({ isVerified: true });
    expect(after!.lastWorkspaceId!.toHexString()).toBe(team.workspaceId);
    const stored = await InvitationModel.findOne({ workspaceId: team.workspace._id, email }).lean();
    expect(stored!.acceptedAt).toBeInstanceOf(Date);
    expect(stored!.acceptedBy!.toHexString()).toBe(user._id.toHexString());
    expect(await listInvitations(team.admin.actor)).toEqual([]);
    const joined = await AuditEventModel.findOne({ workspaceId: team.workspace._id, action: 'member.joined' }).lean();
    expect(joined).toMatchObject({ targetId: user._id.toHexString(), ip: '10.9.9.9', userAgent: 'invitee-browser', details: { role: 'editor', alreadyMember: false } });
    expect(joined!.actorId!.toHexString()).toBe(user._id.toHexString());

    // Accepting the same link again is idempotent while they are a member.
    const again = await acceptInvitation(from, user._id, token);
    expect(again._id.toHexString()).toBe(team.workspaceId);
    expect(await TeamMemberModel.countDocuments({ workspaceId: team.workspace._id, userId: user._id })).toBe(1);
    expect(await AuditEventModel.countDocuments({ workspaceId: team.workspace._id, action: 'member.joined' })).toBe(1);
  });

  it('an active member accepting a new invitation keeps their role; a removed member comes back with the invited one', async () => {
    const team = await createTeam();
    const editorEmail = team.editor.user.email;
    // An invitation made before they joined (the invite operation refuses active members).
    await InvitationModel.create({
      workspaceId: team.workspace._id,
      email: editorEmail,
      role: 'viewer',
      tokenHash: hashToken('editor-token'),
      expiresAt: new Date(Date.now() + DAY),
      invitedBy: team.owner.user._id,
      openKey: `${team.workspaceId}:${editorEmail}`,
    });
    await acceptInvitation(from, team.editor.user._id, 'editor-token');
    expect(await membership(team.workspace._id, team.editor.user._id)).toMatchObject({ role: 'editor', isActive: true });

    await removeMember(team.owner.actor, team.viewer.actor.userId);
    await invite(config, team.admin.actor, team.viewer.user.email, WorkspaceRole.EDITOR);
    await acceptInvitation(from, team.viewer.user._id, await latestMailToken(team.viewer.user.email, 'invitation'));
    expect(await membership(team.workspace._id, team.viewer.user._id)).toMatchObject({ role: 'editor', isActive: true });
  });
});

describe('invitations: failing cases', () => {
  it('only admins and owners invite; owner is not an invitable role', async () => {
    const team = await createTeam();
    for (const who of [team.editor, team.viewer]) {
      await expect(invite(config, who.actor, uniqueEmail(), WorkspaceRole.VIEWER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(invite(config, team.owner.actor, uniqueEmail(), WorkspaceRole.OWNER)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'role' } });
    expect(await InvitationModel.countDocuments({ workspaceId: team.workspace._id })).toBe(0);
  });

  it('an admin invites up to their own role (admin), never owner', async () => {
    const team = await createTeam();
    await expect(invite(config, team.admin.actor, uniqueEmail(), WorkspaceRole.ADMIN)).resolves.toMatchObject({ role: 'admin' });
    await expect(invite(config, team.admin.actor, uniqueEmail(), WorkspaceRole.OWNER)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'role' } });
  });

  it('bad addresses and active members are refused with the field named', async () => {
    const team = await createTeam();
    await expect(invite(config, team.admin.actor, 'not-an-email', WorkspaceRole.VIEWER)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'email' } });
    await expect(invite(config, team.admin.actor, 'a\u200b@example.test', WorkspaceRole.VIEWER)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'email' } });
    await expect(invite(config, team.admin.actor, team.editor.user.email.toUpperCase(), WorkspaceRole.VIEWER)).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'email' } });
  });

  it("another workspace's invitation is NOT_FOUND for resend and revoke, like a missing one", async () => {
    const team = await createTeam();
    const other = await createTeam();
    const theirs = await invite(config, other.admin.actor, uniqueEmail(), WorkspaceRole.VIEWER);
    for (const id of [theirs._id.toHexString(), new Types.ObjectId().toHexString()]) {
      await expect(resendInvitation(config, team.admin.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Invitation not found' });
      await expect(revokeInvitation(team.admin.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Invitation not found' });
    }
    await expect(revokeInvitation(team.admin.actor, 'zzz')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'id' } });
    await expect(revokeInvitation(team.editor.actor, theirs._id.toHexString())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await InvitationModel.findById(theirs._id).lean())!.revokedAt).toBeUndefined();
  });

  it('expired: BAD_USER_INPUT with reason expired, and no membership', async () => {
    const team = await createTeam();
    const email = uniqueEmail();
    const invitation = await invite(config, team.admin.actor, email, WorkspaceRole.VIEWER);
    const token = await latestMailToken(email, 'invitation');
    await InvitationModel.updateOne({ _id: invitation._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const { user } = await createUser({ email });
    await expect(acceptInvitation(from, user._id, token)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('expired'), details: { field: 'token', reason: 'expired' } });
    expect(await membership(team.workspace._id, user._id)).toBeNull();
  });

  it('wrong email: FORBIDDEN with reason wrong_email, and the invitation stays open for its addressee', async () => {
    const team = await createTeam();
    const email = uniqueEmail();
    await invite(config, team.admin.actor, email, WorkspaceRole.VIEWER);
    const token = await latestMailToken(email, 'invitation');
    const { user: stranger } = await createUser();
    await expect(acceptInvitation(from, stranger._id, token)).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'wrong_email' } });
    expect(await membership(team.workspace._id, stranger._id)).toBeNull();
    const { user } = await createUser({ email });
    await expect(acceptInvitation(from, user._id, token)).resolves.toMatchObject({ name: team.workspace.name });
  });

  it('reused: a used link does not let a removed member back in, nor anyone else', async () => {
    const team = await createTeam();
    const email = uniqueEmail();
    await invite(config, team.admin.actor, email, WorkspaceRole.EDITOR);
    const token = await latestMailToken(email, 'invitation');
    const { user } = await createUser({ email });
    await acceptInvitation(from, user._id, token);
    await removeMember(team.admin.actor, user._id.toHexString());
    await expect(acceptInvitation(from, user._id, token)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'token', reason: 'used' } });
    expect(await membership(team.workspace._id, user._id)).toMatchObject({ isActive: false });
  });

  it('unknown, empty or overlong tokens, and an invitation of a deleted workspace, are invalid', async () => {
    const { user } = await createUser();
    for (const token of ['nope', '', 'x'.repeat(500)]) {
      await expect(acceptInvitation(from, user._id, token)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'token', reason: 'invalid' } });
    }
    const team = await createTeam();
    await invite(config, team.admin.actor, user.email, WorkspaceRole.VIEWER);
    const token = await latestMailToken(user.email, 'invitation');
    await WorkspaceModel.deleteOne({ _id: team.workspace._id });
    await expect(acceptInvitation(from, user._id, token)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'invalid' } });
  });

  it('invitations are rate-limited per workspace', async () => {
    const team = await createTeam();
    let error: unknown;
    for (let i = 0; i < 60 && !error; i++) {
      await invite(config, team.admin.actor, uniqueEmail(), WorkspaceRole.VIEWER).catch((e) => (error = e));
    }
    expect(error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await InvitationModel.countDocuments({ workspaceId: team.workspace._id })).toBe(50);
  });
});
