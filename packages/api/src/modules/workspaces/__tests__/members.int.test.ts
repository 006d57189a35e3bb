import { WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { limitExceeded } from '../../../lib/errors.js';
import { UserModel } from '../../users/user.model.js';
import { AuditEventModel } from '../audit-event.model.js';
import { changeRole, joinWorkspace, leaveWorkspace, listMembers, removeMember, transferOwnership } from '../members.service.js';
import { TeamMemberModel } from '../team-member.model.js';
import { WorkspaceModel } from '../workspace.model.js';
import { addMember, createTeam, OWNER_PASSWORD } from './team-fixtures.js';

const events = (workspaceId: string) => AuditEventModel.find({ workspaceId }).sort({ at: 1, _id: 1 }).lean();
const roleOf = async (workspaceId: string, userId: Types.ObjectId) => (await TeamMemberModel.findOne({ workspaceId, userId }).lean())!;

describe('members: successful cases', () => {
  it('lists the active members with name, email, role and join date, owner first', async () => {
    const team = await createTeam();
    const other = await createTeam();
    const members = await listMembers(team.viewer.actor);
    expect(members.map((m) => m.role)).toEqual(['owner', 'admin', 'editor', 'viewer']);
    expect(members[0]).toMatchObject({ userId: team.owner.user._id, name: team.owner.user.name, email: team.owner.user.email, isActive: true });
    expect(members[0]!.joinedAt).toBeInstanceOf(Date);
    // Another workspace's members never appear.
    expect(members.map((m) => m.userId.toHexString())).not.toContain(other.owner.user._id.toHexString());

    await removeMember(team.admin.actor, team.viewer.user._id.toHexString());
    expect((await listMembers(team.owner.actor)).map((m) => m.role)).toEqual(['owner', 'admin', 'editor']);
    const all = await listMembers(team.owner.actor, { includeRemoved: true });
    expect(all.map((m) => [m.role, m.isActive])).toEqual([['owner', true], ['admin', true], ['editor', true], ['viewer', false]]);
  });

  it('an admin changes an editor to viewer and back; an audit event records each change', async () => {
    const team = await createTeam();
    const id = team.editor.user._id.toHexString();
    expect(await changeRole(team.admin.actor, id, WorkspaceRole.VIEWER)).toMatchObject({ role: 'viewer' });
    expect(await changeRole(team.admin.actor, id, WorkspaceRole.ADMIN)).toMatchObject({ role: 'admin' });
    // The same role again changes nothing and records nothing.
    await changeRole(team.owner.actor, id, WorkspaceRole.ADMIN);
    const log = await events(team.workspaceId);
    expect(log.map((e) => [e.action, e.details])).toEqual([
      ['member.role_changed', { from: 'editor', to: 'viewer' }],
      ['member.role_changed', { from: 'viewer', to: 'admin' }],
    ]);
    expect(log[0]).toMatchObject({ targetType: 'member', targetId: id, ip: '10.0.0.1', userAgent: 'test' });
    expect(log[0]!.actorId!.toHexString()).toBe(team.admin.actor.userId);
  });

  it('the owner changes an admin; an admin may step themselves down', async () => {
    const team = await createTeam();
    expect(await changeRole(team.owner.actor, team.admin.user._id.toHexString(), WorkspaceRole.EDITOR)).toMatchObject({ role: 'editor' });
    const second = await addMember(team, WorkspaceRole.ADMIN);
    expect(await changeRole(second.actor, second.actor.userId, WorkspaceRole.VIEWER)).toMatchObject({ role: 'viewer' });
  });

  it('removing a member keeps the row inactive, forgets it as their default workspace and records it', async () => {
    const team = await createTeam();
    await UserModel.updateOne({ _id: team.editor.user._id }, { $set: { lastWorkspaceId: team.workspace._id } });
    const removed = await removeMember(team.admin.actor, team.editor.user._id.toHexString());
    expect(removed).toMatchObject({ isActive: false, role: 'editor' });
    expect(await roleOf(team.workspaceId, team.editor.user._id)).toMatchObject({ isActive: false });
    expect((await UserModel.findById(team.editor.user._id).lean())!.lastWorkspaceId).toBeUndefined();
    expect((await events(team.workspaceId)).map((e) => e.action)).toEqual(['member.removed']);
  });

  it('any member but the owner leaves', async () => {
    const team = await createTeam();
    expect(await leaveWorkspace(team.viewer.actor)).toBe(true);
    expect(await leaveWorkspace(team.admin.actor)).toBe(true);
    expect((await listMembers(team.owner.actor)).map((m) => m.role)).toEqual(['owner', 'editor']);
    expect((await events(team.workspaceId)).map((e) => [e.action, e.targetId])).toEqual([
      ['member.left', team.viewer.actor.userId],
      ['member.left', team.admin.actor.userId],
    ]);
  });

  it('transfers ownership: the new owner owns the workspace, the old one is an admin', async () => {
    const team = await createTeam();
    const result = await transferOwnership(team.owner.actor, team.editor.user._id.toHexString(), OWNER_PASSWORD);
    expect(result).toMatchObject({ role: 'owner', userId: team.editor.user._id });
    expect((await WorkspaceModel.findById(team.workspace._id).lean())!.ownerId.toHexString()).toBe(team.editor.actor.userId);
    expect((await roleOf(team.workspaceId, team.owner.user._id)).role).toBe('admin');
    expect((await roleOf(team.workspaceId, team.editor.user._id)).role).toBe('owner');
    expect(await TeamMemberModel.countDocuments({ workspaceId: team.workspace._id, role: 'owner' })).toBe(1);
    const [event] = await events(team.workspaceId);
    expect(event).toMatchObject({ action: 'member.ownership_transferred', details: { from: team.owner.actor.userId, to: team.editor.actor.userId, previousRole: 'editor' } });
    expect(JSON.stringify(event)).not.toContain(OWNER_PASSWORD);
  });

  it('joining is idempotent for an active member and brings a removed member back with the new role', async () => {
    const team = await createTeam();
    expect(await joinWorkspace(team.workspace._id, team.editor.user._id, WorkspaceRole.VIEWER)).toBe(false);
    expect((await roleOf(team.workspaceId, team.editor.user._id)).role).toBe('editor');
    await removeMember(team.owner.actor, team.editor.user._id.toHexString());
    expect(await joinWorkspace(team.workspace._id, team.editor.user._id, WorkspaceRole.ADMIN)).toBe(true);
    expect(await roleOf(team.workspaceId, team.editor.user._id)).toMatchObject({ role: 'admin', isActive: true });
    const { user } = await createUser();
    expect(await joinWorkspace(team.workspace._id, user._id, WorkspaceRole.VIEWER)).toBe(true);
    expect(await TeamMemberModel.countDocuments({ workspaceId: team.workspace._id, userId: user._id })).toBe(1);
  });
});

describe('members: failing cases', () => {
  it('editors and viewers cannot change roles or remove anyone (FORBIDDEN)', async () => {
    const team = await createTeam();
    for (const who of [team.editor, team.viewer]) {
      await expect(changeRole(who.actor, team.viewer.actor.userId, WorkspaceRole.EDITOR)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(removeMember(who.actor, team.viewer.actor.userId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it("nobody changes the owner's role or removes the owner", async () => {
    const team = await createTeam();
    const ownerId = team.owner.actor.userId;
    await expect(changeRole(team.admin.actor, ownerId, WorkspaceRole.VIEWER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(changeRole(team.owner.actor, ownerId, WorkspaceRole.ADMIN)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(removeMember(team.admin.actor, ownerId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await roleOf(team.workspaceId, team.owner.user._id))).toMatchObject({ role: 'owner', isActive: true });
  });

  it('owner is not an assignable role; role changes to it are BAD_USER_INPUT naming role', async () => {
    const team = await createTeam();
    await expect(changeRole(team.owner.actor, team.editor.actor.userId, WorkspaceRole.OWNER)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'role' } });
  });

  it('an admin cannot change or remove another admin; only the owner can', async () => {
    const team = await createTeam();
    const second = await addMember(team, WorkspaceRole.ADMIN);
    await expect(changeRole(team.admin.actor, second.actor.userId, WorkspaceRole.VIEWER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(removeMember(team.admin.actor, second.actor.userId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await roleOf(team.workspaceId, second.user._id)).toMatchObject({ role: 'admin', isActive: true });
    expect(await AuditEventModel.countDocuments({ workspaceId: team.workspace._id })).toBe(0);
  });

  it('a member of another workspace, a removed member or a malformed id is NOT_FOUND / BAD_USER_INPUT', async () => {
    const team = await createTeam();
    const other = await createTeam();
    await expect(changeRole(team.owner.actor, other.editor.actor.userId, WorkspaceRole.VIEWER)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Member not found' });
    await expect(removeMember(team.owner.actor, new Types.ObjectId().toHexString())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await removeMember(team.owner.actor, team.viewer.actor.userId);
    await expect(changeRole(team.owner.actor, team.viewer.actor.userId, WorkspaceRole.EDITOR)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(removeMember(team.owner.actor, team.viewer.actor.userId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(changeRole(team.owner.actor, 'nope', WorkspaceRole.EDITOR)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'userId' } });
    await expect(removeMember(team.admin.actor, team.admin.actor.userId)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'userId' } });
  });

  it('the owner cannot leave before transferring ownership', async () => {
    const team = await createTeam();
    await expect(leaveWorkspace(team.owner.actor)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('transfer ownership') });
    expect(await roleOf(team.workspaceId, team.owner.user._id)).toMatchObject({ role: 'owner', isActive: true });
  });

  it('transfer: only the owner, with the right password, to an active member of this workspace', async () => {
    const team = await createTeam();
    const other = await createTeam();
    await expect(transferOwnership(team.admin.actor, team.editor.actor.userId, OWNER_PASSWORD)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(transferOwnership(team.owner.actor, team.editor.actor.userId, 'wrong password')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'password' } });
    await expect(transferOwnership(team.owner.actor, other.editor.actor.userId, OWNER_PASSWORD)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(transferOwnership(team.owner.actor, team.owner.actor.userId, OWNER_PASSWORD)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'userId' } });
    await removeMember(team.owner.actor, team.viewer.actor.userId);
    await expect(transferOwnership(team.owner.actor, team.viewer.actor.userId, OWNER_PASSWORD)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A plan that cannot take the workspace stops the transfer before anything changes.
    const refuse = async () => {
      throw limitExceeded('The new owner’s plan allows no more workspaces', { limit: 1 });
    };
    await expect(transferOwnership(team.owner.actor, team.editor.actor.userId, OWNER_PASSWORD, { assertOwnerCanTake: refuse })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect((await WorkspaceModel.findById(team.workspace._id).lean())!.ownerId.toHexString()).toBe(team.owner.actor.userId);
    expect((await roleOf(team.workspaceId, team.owner.user._id)).role).toBe('owner');
    expect((await events(team.workspaceId)).map((e) => e.action)).toEqual(['member.removed']);
  });

  it("transfer: the new owner's plan limits apply across the workspaces they own", async () => {
    const team = await createTeam();
    // The editor is on the free plan (2 connected accounts) and has one in their personal workspace (id = their user id).
    await createPlatform(team.editor.user._id);
    await createPlatform(team.workspace._id);
    await createPlatform(team.workspace._id);
    await expect(transferOwnership(team.owner.actor, team.editor.actor.userId, OWNER_PASSWORD)).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringContaining('would have 3'),
    });
    expect((await WorkspaceModel.findById(team.workspace._id).lean())!.ownerId.toHexString()).toBe(team.owner.actor.userId);
    // On a plan with room (pro: 10) the same transfer goes through.
    await UserModel.updateOne({ _id: team.editor.user._id }, { $set: { subscriptionTier: 'pro' } });
    await expect(transferOwnership(team.owner.actor, team.editor.actor.userId, OWNER_PASSWORD)).resolves.toMatchObject({ role: 'owner' });
  });

  it('a stale owner (already transferred) cannot transfer again', async () => {
    const team = await createTeam();
    await transferOwnership(team.owner.actor, team.editor.actor.userId, OWNER_PASSWORD);
    // The same actor object still says "owner" (e.g. a concurrent request); the compare-and-set refuses.
    await expect(transferOwnership(team.owner.actor, team.admin.actor.userId, OWNER_PASSWORD)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await roleOf(team.workspaceId, team.editor.user._id)).role).toBe('owner');
    expect((await roleOf(team.workspaceId, team.admin.user._id)).role).toBe('admin');
  });
});
