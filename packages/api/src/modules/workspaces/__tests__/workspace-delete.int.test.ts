import mongoose, { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createPlatform, createUser, seedOwnedData, workspaceObjects } from '../../../../test/helpers/fixtures.js';
import { errorOf, useTestServer } from '../../../../test/helpers/server.js';
import { hashPassword } from '../../../auth/password.js';
import { JOBS_COLLECTION } from '../../../jobs/scheduler.js';
import { hashToken, randomToken } from '../../../lib/crypto.js';
import { PlatformModel } from '../../platforms/platform.model.js';
import { ReportShareLinkModel } from '../../reports/share-link.model.js';
import { UserModel } from '../../users/user.model.js';
import { AuditEventModel } from '../audit-event.model.js';
import { TeamMemberModel } from '../team-member.model.js';
import { WorkspaceModel } from '../workspace.model.js';

const server = useTestServer();
const PASSWORD = 'the owner password is long';
const DELETE = 'mutation($id: ID!, $p: String!) { deleteWorkspace(id: $id, password: $p) }';
const ws = (id: string) => ({ 'X-Workspace-Id': id });

/** Collections kept when a workspace goes: the job log (30 days) and the audit log (its retention). */
const KEPT = new Set(['system_jobs', 'audit_events']);

/** Documents that carry `workspaceId`, per collection of every model that has that path (so a new collection is covered without listing it). */
async function workspaceDocuments(workspaceId: Types.ObjectId): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const model of Object.values(mongoose.models)) {
    if (!model.schema.path('workspaceId')) continue;
    out[model.collection.collectionName] = await model.countDocuments({ workspaceId });
  }
  return out;
}

async function owner(overrides: Record<string, unknown> = {}) {
  return createUser({ passwordHash: await hashPassword(PASSWORD), ...overrides });
}

describe('deleteWorkspace: successful cases', () => {
  it('removes everything of the workspace in every collection that carries workspaceId, its queued jobs, and nothing of other workspaces', async () => {
    const a = await owner();
    const other = await createUser();
    const wsId = a.user._id;
    await seedOwnedData(wsId);
    // Pending connection, invitation, API key and an editor, besides everything seedOwnedData writes.
    await workspaceObjects(wsId);
    const teammate = await createUser();
    await TeamMemberModel.create({ workspaceId: wsId, userId: teammate.user._id, role: 'editor', isActive: true });
    await UserModel.updateOne({ _id: teammate.user._id }, { $set: { lastWorkspaceId: wsId } });
    await seedOwnedData(other.user._id);
    const otherBefore = await workspaceDocuments(other.user._id);

    const before = await workspaceDocuments(wsId);
    for (const [name, n] of Object.entries(before)) if (!KEPT.has(name)) expect(n, name).toBeGreaterThan(0);
    const jobs = mongoose.connection.db!.collection(JOBS_COLLECTION);
    expect(await jobs.countDocuments({ 'data.workspaceId': wsId })).toBeGreaterThan(0);

    const { body } = await server.gql(DELETE, { id: wsId.toHexString(), p: PASSWORD }, a.token);
    expect({ ...body, extensions: undefined }).toEqual({ data: { deleteWorkspace: true } });

    const after = await workspaceDocuments(wsId);
    for (const [name, n] of Object.entries(after)) if (!KEPT.has(name)) expect(n, name).toBe(0);
    expect(await WorkspaceModel.countDocuments({ _id: wsId })).toBe(0);
    expect(await jobs.countDocuments({ 'data.workspaceId': wsId })).toBe(0);
    expect(await workspaceDocuments(other.user._id)).toEqual(otherBefore);
    // Nobody keeps it as their last used workspace; the accounts themselves stay.
    expect(await UserModel.countDocuments({ lastWorkspaceId: wsId })).toBe(0);
    expect(await UserModel.countDocuments({ _id: { $in: [a.user._id, teammate.user._id] } })).toBe(2);
    // The record of the deletion: who, from where, what it was.
    const event = await AuditEventModel.findOne({ workspaceId: wsId, action: 'workspace.deleted' }).lean();
    expect(event).toMatchObject({ actorId: a.user._id, targetType: 'workspace', targetId: wsId.toHexString(), details: { members: 3 } });
    expect(event!.ip).toBeTruthy();
  });

  it('its report share links die with it: the same NOT_FOUND as an unknown link', async () => {
    const a = await owner();
    const objects = await workspaceObjects(a.user._id);
    const token = randomToken();
    await ReportShareLinkModel.create({ workspaceId: a.user._id, reportId: new Types.ObjectId(objects.report), tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 86_400_000), createdBy: a.user._id });
    const SHARED = 'query($t: String!) { sharedReport(token: $t) { data { report { name } } } }';
    const before = await server.gql(SHARED, { t: token });
    expect(before.body.errors).toBeUndefined();
    expect((await server.gql(DELETE, { id: a.user._id.toHexString(), p: PASSWORD }, a.token)).body.errors).toBeUndefined();
    const after = await server.gql(SHARED, { t: token });
    const unknown = await server.gql(SHARED, { t: randomToken() });
    expect(after.body.data).toBeNull();
    expect(errorOf(after.body)).toEqual(errorOf(unknown.body));
    expect(errorOf(after.body)?.extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('members lose access on their next request; the owner may delete their last workspace and then create a new one', async () => {
    const a = await owner();
    const teammate = await createUser();
    const wsId = a.user._id.toHexString();
    await TeamMemberModel.create({ workspaceId: a.user._id, userId: teammate.user._id, role: 'admin', isActive: true });
    const platform = await createPlatform(a.user._id);
    const read = 'query($id: ID!) { platform(id: $id) { id } }';
    expect((await server.gql(read, { id: platform._id.toHexString() }, teammate.token, ws(wsId))).body.errors).toBeUndefined();

    expect((await server.gql(DELETE, { id: wsId, p: PASSWORD }, a.token)).body.data).toEqual({ deleteWorkspace: true });

    const gone = await server.gql(read, { id: platform._id.toHexString() }, teammate.token, ws(wsId));
    expect(errorOf(gone.body)).toMatchObject({ message: 'Workspace not found', extensions: { code: 'NOT_FOUND' } });
    // The teammate is back in their own workspace.
    expect((await server.gql('{ workspaces { id } }', {}, teammate.token)).body.data).toEqual({ workspaces: [{ id: teammate.user._id.toHexString() }] });
    // The owner has no workspace left: signed in, workspace operations NOT_FOUND, createWorkspace works.
    const none = await server.gql('{ me { id } workspaces { id } }', {}, a.token);
    expect(none.body.data).toEqual({ me: { id: wsId }, workspaces: [] });
    expect(errorOf((await server.gql('{ platforms { id } }', {}, a.token)).body)?.extensions).toEqual({ code: 'NOT_FOUND' });
    const created = await server.gql('mutation { createWorkspace(input: { name: "Fresh start" }) { id viewerRole } }', {}, a.token);
    expect(created.body.data!.createWorkspace).toMatchObject({ viewerRole: 'OWNER' });
    expect((await server.gql('{ platforms { id } }', {}, a.token)).body.data).toEqual({ platforms: [] });
  });

  it('deleteAccount still deletes the workspaces only its owner uses', async () => {
    const a = await owner();
    const solo = await server.gql('mutation { createWorkspace(input: { name: "Solo brand" }) { id } }', {}, a.token);
    const soloId = solo.body.data!.createWorkspace.id as string;
    await createPlatform(new Types.ObjectId(soloId));
    // A removed member does not keep a workspace alive.
    const former = await createUser();
    await TeamMemberModel.create({ workspaceId: a.user._id, userId: former.user._id, role: 'viewer', isActive: false });
    const { body } = await server.gql('mutation($p: String!) { deleteAccount(password: $p) }', { p: PASSWORD }, a.token);
    expect({ ...body, extensions: undefined }).toEqual({ data: { deleteAccount: true } });
    expect(await WorkspaceModel.countDocuments({ _id: { $in: [a.user._id, new Types.ObjectId(soloId)] } })).toBe(0);
    expect(await PlatformModel.countDocuments({ workspaceId: new Types.ObjectId(soloId) })).toBe(0);
  });
});

describe('deleteWorkspace: failing cases', () => {
  it('only the owner, with the right password: members FORBIDDEN, strangers NOT_FOUND as for a missing id; nothing is deleted', async () => {
    const a = await owner();
    const wsId = a.user._id.toHexString();
    const members = await Promise.all((['admin', 'editor', 'viewer'] as const).map(async (role) => {
      const m = await createUser({ passwordHash: await hashPassword(PASSWORD) });
      await TeamMemberModel.create({ workspaceId: a.user._id, userId: m.user._id, role, isActive: true });
      return m;
    }));
    for (const m of members) {
      const { body } = await server.gql(DELETE, { id: wsId, p: PASSWORD }, m.token);
      expect(errorOf(body)).toMatchObject({ message: 'Only the owner can delete a workspace', extensions: { code: 'FORBIDDEN' } });
    }
    const stranger = await owner();
    const theirs = await server.gql(DELETE, { id: wsId, p: PASSWORD }, stranger.token);
    const missing = await server.gql(DELETE, { id: new Types.ObjectId().toHexString(), p: PASSWORD }, stranger.token);
    expect(errorOf(theirs.body)).toEqual(errorOf(missing.body));
    expect(errorOf(theirs.body)?.extensions).toEqual({ code: 'NOT_FOUND' });
    const wrong = await server.gql(DELETE, { id: wsId, p: 'not the password' }, a.token);
    expect(errorOf(wrong.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'password' });
    const malformed = await server.gql(DELETE, { id: 'nope', p: PASSWORD }, a.token);
    expect(errorOf(malformed.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(errorOf((await server.gql(DELETE, { id: wsId, p: PASSWORD })).body)?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(await WorkspaceModel.countDocuments({ _id: a.user._id })).toBe(1);
    expect(await TeamMemberModel.countDocuments({ workspaceId: a.user._id, isActive: true })).toBe(4);
  });

  it('deleteAccount refuses while an owned workspace has other active members, naming it, and deletes nothing', async () => {
    const a = await owner();
    const shared = await server.gql('mutation { createWorkspace(input: { name: "Agency client" }) { id } }', {}, a.token);
    const sharedId = shared.body.data!.createWorkspace.id as string;
    const teammate = await createUser();
    await TeamMemberModel.create({ workspaceId: new Types.ObjectId(sharedId), userId: teammate.user._id, role: 'editor', isActive: true });
    const { body } = await server.gql('mutation($p: String!) { deleteAccount(password: $p) }', { p: PASSWORD }, a.token);
    expect(body.data).toBeNull();
    expect(errorOf(body)).toMatchObject({
      message: expect.stringContaining('"Agency client"'),
      extensions: { code: 'CONFLICT', workspaces: [{ id: sharedId, name: 'Agency client', otherMembers: 1 }] },
    });
    expect(await UserModel.countDocuments({ _id: a.user._id })).toBe(1);
    expect(await WorkspaceModel.countDocuments({ ownerId: a.user._id })).toBe(2);
    // After handing it over, the account goes and the workspace stays with its new owner.
    const transfer = await server.gql('mutation($u: ID!, $p: String!) { transferOwnership(userId: $u, password: $p) { role } }', { u: teammate.user._id.toHexString(), p: PASSWORD }, a.token, ws(sharedId));
    expect(transfer.body.errors).toBeUndefined();
    expect((await server.gql('mutation($p: String!) { deleteAccount(password: $p) }', { p: PASSWORD }, a.token)).body.data).toEqual({ deleteAccount: true });
    expect(await WorkspaceModel.findById(sharedId).lean()).toMatchObject({ ownerId: teammate.user._id });
    expect(await WorkspaceModel.countDocuments({ _id: a.user._id })).toBe(0);
  });
});
