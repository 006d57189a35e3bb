import { SubscriptionTier, type WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { registerViaApi } from '../../../../test/helpers/auth.js';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { errorOf, useTestServer } from '../../../../test/helpers/server.js';
import { PlatformModel } from '../../platforms/platform.model.js';
import { UserModel } from '../../users/user.model.js';
import { AuditEventModel } from '../audit-event.model.js';
import { TeamMemberModel } from '../team-member.model.js';
import { WorkspaceModel } from '../workspace.model.js';

// Connecting sandbox accounts queues their backfill; nothing here runs it.
const server = useTestServer();
const WS_FIELDS = 'id name viewerRole memberCount ownerId timezone brandName onboardingCompleted';

async function newWorkspace(token: string, name = 'Client brand'): Promise<string> {
  const { body } = await server.gql('mutation($n: String!) { createWorkspace(input: { name: $n }) { id } }', { n: name }, token);
  expect(body.errors).toBeUndefined();
  return body.data!.createWorkspace.id;
}

async function addMember(workspaceId: string, userId: Types.ObjectId, role: WorkspaceRole) {
  return TeamMemberModel.create({ workspaceId: new Types.ObjectId(workspaceId), userId, role, isActive: true });
}

const ws = (id: string) => ({ 'X-Workspace-Id': id });

describe('workspaces: successful cases', () => {
  it('registration creates a personal workspace the new user owns (its id is the user id), with the brand profile on it', async () => {
    const reg = await registerViaApi(server, { company: 'Crumb Bakery' });
    const { body } = await server.gql(`{ workspaces { ${WS_FIELDS} } me { profile { timezone onboardingCompleted } } }`, {}, reg.accessToken);
    expect(body.errors).toBeUndefined();
    expect(body.data!.workspaces).toEqual([
      { id: reg.user.id, name: 'Crumb Bakery', viewerRole: 'OWNER', memberCount: 1, ownerId: reg.user.id, timezone: 'UTC', brandName: null, onboardingCompleted: false },
    ]);
    expect(body.data!.me.profile).toEqual({ timezone: 'UTC', onboardingCompleted: false });
    expect(await TeamMemberModel.countDocuments({ userId: new Types.ObjectId(reg.user.id), role: 'owner', isActive: true })).toBe(1);
  });

  it('createWorkspace: a fresh id, the viewer its owner, and the default workspace of their next requests', async () => {
    const { user, token } = await createUser();
    const id = await newWorkspace(token, 'Second brand');
    expect(id).not.toBe(user._id.toHexString());
    const { body } = await server.gql(`{ workspaces { id viewerRole } }`, {}, token);
    expect(body.data!.workspaces).toEqual([
      { id: user._id.toHexString(), viewerRole: 'OWNER' },
      { id, viewerRole: 'OWNER' },
    ]);
    // Without a header, the last used workspace (the new one) is active: a category lands there.
    const created = await server.gql('mutation { createCategory(input: { name: "Launch", colorCode: "#112233" }) { id } }', {}, token);
    expect(created.body.errors).toBeUndefined();
    const inNew = await server.gql('{ categories { name } }', {}, token, ws(id));
    const inPersonal = await server.gql('{ categories { name } }', {}, token, ws(user._id.toHexString()));
    expect(inNew.body.data!.categories).toEqual([{ name: 'Launch' }]);
    expect(inPersonal.body.data!.categories).toEqual([]);
  });

  it('X-Workspace-Id picks the workspace, is remembered as the last used one, and keeps each workspace’s data apart', async () => {
    const { user, token } = await createUser();
    const personal = user._id.toHexString();
    const second = await newWorkspace(token);
    const p1 = await createPlatform(user._id, { displayName: 'Personal account' });
    const p2 = await createPlatform(new Types.ObjectId(second), { displayName: 'Client account' });
    const list = async (headers: Record<string, string> = {}) =>
      (await server.gql('{ platforms { id displayName } }', {}, token, headers)).body.data!.platforms as Array<{ id: string }>;
    expect(await list(ws(personal))).toEqual([{ id: p1._id.toHexString(), displayName: 'Personal account' }]);
    // The header chose the personal workspace: it is now the last used one.
    expect((await UserModel.findById(user._id).lean())!.lastWorkspaceId!.toHexString()).toBe(personal);
    expect(await list()).toEqual([{ id: p1._id.toHexString(), displayName: 'Personal account' }]);
    expect(await list(ws(second))).toEqual([{ id: p2._id.toHexString(), displayName: 'Client account' }]);
    expect(await list()).toEqual([{ id: p2._id.toHexString(), displayName: 'Client account' }]);
  });

  it('a teammate works in the owner’s workspace with their role: viewers read, editors edit, admins change settings', async () => {
    const owner = await createUser();
    const wsId = owner.user._id.toHexString();
    const platform = await createPlatform(owner.user._id);
    const viewer = await createUser();
    const editor = await createUser();
    const admin = await createUser();
    await addMember(wsId, viewer.user._id, 'viewer');
    await addMember(wsId, editor.user._id, 'editor');
    await addMember(wsId, admin.user._id, 'admin');

    for (const m of [viewer, editor, admin]) {
      const { body } = await server.gql('query($id: ID!) { platform(id: $id) { id } }', { id: platform._id.toHexString() }, m.token, ws(wsId));
      expect(body.errors).toBeUndefined();
    }
    const CREATE = 'mutation { createCategory(input: { name: "Tips", colorCode: "#445566" }) { id } }';
    expect(errorOf((await server.gql(CREATE, {}, viewer.token, ws(wsId))).body)?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect((await server.gql(CREATE, {}, editor.token, ws(wsId))).body.errors).toBeUndefined();

    const UPDATE = 'mutation { updateWorkspace(input: { timezone: "Europe/Berlin" }) { timezone } }';
    expect(errorOf((await server.gql(UPDATE, {}, editor.token, ws(wsId))).body)?.extensions).toEqual({ code: 'FORBIDDEN' });
    const byAdmin = await server.gql(UPDATE, {}, admin.token, ws(wsId));
    expect(byAdmin.body.data).toEqual({ updateWorkspace: { timezone: 'Europe/Berlin' } });
    // Everyone in the workspace now sees its timezone as the profile.
    const seen = await server.gql('{ me { profile { timezone } } workspace(id: "' + wsId + '") { viewerRole memberCount } }', {}, viewer.token, ws(wsId));
    expect(seen.body.data).toEqual({ me: { profile: { timezone: 'Europe/Berlin' } }, workspace: { viewerRole: 'VIEWER', memberCount: 4 } });

    // Connecting accounts is for admins and the owner.
    const CONNECT = 'mutation { connectPlatform(input: { type: TIKTOK, sandbox: true }) { platform { id } } }';
    expect(errorOf((await server.gql(CONNECT, {}, editor.token, ws(wsId))).body)?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect((await server.gql(CONNECT, {}, admin.token, ws(wsId))).body.errors).toBeUndefined();
    expect(await PlatformModel.countDocuments({ workspaceId: owner.user._id })).toBe(2);
  });

  it('activeWorkspace is the workspace the request works in: the header’s, else the last used, with the viewer’s role', async () => {
    const owner = await createUser();
    const personal = owner.user._id.toHexString();
    const second = await newWorkspace(owner.token, 'Agency client');
    const ACTIVE = '{ activeWorkspace { id name viewerRole memberCount } }';
    // createWorkspace made the new one the last used workspace.
    expect((await server.gql(ACTIVE, {}, owner.token)).body.data).toEqual({ activeWorkspace: { id: second, name: 'Agency client', viewerRole: 'OWNER', memberCount: 1 } });
    const byHeader = await server.gql(ACTIVE, {}, owner.token, ws(personal));
    expect(byHeader.body.data!.activeWorkspace).toMatchObject({ id: personal, viewerRole: 'OWNER' });
    // The header's choice is remembered for the next request without one.
    expect((await server.gql(ACTIVE, {}, owner.token)).body.data!.activeWorkspace).toMatchObject({ id: personal });

    const viewer = await createUser();
    await addMember(second, viewer.user._id, 'viewer');
    const asViewer = await server.gql(ACTIVE, {}, viewer.token, ws(second));
    expect(asViewer.body.data).toEqual({ activeWorkspace: { id: second, name: 'Agency client', viewerRole: 'VIEWER', memberCount: 2 } });
  });

  it('updateProfile and completeOnboarding write the active workspace’s brand profile', async () => {
    const { user, token } = await createUser();
    const second = await newWorkspace(token);
    const { body } = await server.gql('mutation { completeOnboarding(input: { brandName: "Client Co", timezone: "America/New_York" }) { brandName timezone onboardingCompleted } }', {}, token, ws(second));
    expect(body.data!.completeOnboarding).toEqual({ brandName: 'Client Co', timezone: 'America/New_York', onboardingCompleted: true });
    expect(await WorkspaceModel.findById(second).lean()).toMatchObject({ brandName: 'Client Co', timezone: 'America/New_York', onboardingCompleted: true });
    expect(await WorkspaceModel.findById(user._id).lean()).toMatchObject({ timezone: 'UTC', onboardingCompleted: false });
  });

  it('the plan’s account limit counts every workspace the owner owns, also when an admin connects', async () => {
    // The free plan allows two accounts.
    const owner = await createUser();
    const second = await newWorkspace(owner.token);
    const admin = await createUser();
    await addMember(second, admin.user._id, 'admin');
    const connect = (type: string, token: string, id: string) =>
      server.gql('mutation($t: PlatformType!) { connectPlatform(input: { type: $t, sandbox: true }) { platform { id } } }', { t: type }, token, ws(id));
    expect((await connect('INSTAGRAM', owner.token, owner.user._id.toHexString())).body.errors).toBeUndefined();
    expect((await connect('TIKTOK', admin.token, second)).body.errors).toBeUndefined();
    const third = await connect('LINKEDIN', admin.token, second);
    expect(errorOf(third.body)?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    // The admin's own (empty, free) plan does not count: the owner's does.
    expect(await PlatformModel.countDocuments({ workspaceId: { $in: [owner.user._id, new Types.ObjectId(second)] } })).toBe(2);
  });

  it('a workspace shows the plan it runs on (its owner’s) and the accounts that plan counts across the owner’s workspaces', async () => {
    const owner = await createUser({ subscriptionTier: SubscriptionTier.PRO });
    const second = await newWorkspace(owner.token);
    await createPlatform(owner.user._id);
    await createPlatform(new Types.ObjectId(second), { type: 'tiktok' });
    const member = await createUser();
    await addMember(second, member.user._id, 'viewer');
    const Q = '{ activeWorkspace { id plan { tier maxPlatforms historyDays } accountsConnected } me { plan { tier } } }';
    const { body } = await server.gql(Q, {}, member.token, ws(second));
    expect(body.errors).toBeUndefined();
    // The member's own account is free; the workspace runs on the owner's pro plan, and both of the
    // owner's accounts count, also the one in a workspace the member cannot see.
    expect(body.data!.me.plan.tier).toBe('FREE');
    expect(body.data!.activeWorkspace).toEqual({ id: second, plan: { tier: 'PRO', maxPlatforms: 10, historyDays: 730 }, accountsConnected: 2 });
  });
});

describe('workspaces: audit of connection and settings changes', () => {
  it('records workspace created and updated, platform connected and disconnected: who, what, from where, no secrets', async () => {
    const owner = await createUser();
    const id = await newWorkspace(owner.token, 'Audited brand');
    const admin = await createUser();
    await addMember(id, admin.user._id, 'admin');
    await server.gql('mutation { updateWorkspace(input: { industry: "Tea", timezone: "Europe/Berlin" }) { id } }', {}, admin.token, { ...ws(id), 'user-agent': 'audit-test/1' });
    const connected = await server.gql('mutation { connectPlatform(input: { type: TIKTOK, sandbox: true }) { platform { id } } }', {}, admin.token, ws(id));
    const platformId = connected.body.data!.connectPlatform.platform.id as string;
    await server.gql('mutation($id: ID!) { disconnectPlatform(id: $id) }', { id: platformId }, owner.token, ws(id));
    const events = await AuditEventModel.find({ workspaceId: new Types.ObjectId(id) }).sort({ at: 1, _id: 1 }).lean();
    expect(events.map((e) => [e.action, e.actorId?.toHexString(), e.targetType, e.targetId])).toEqual([
      ['workspace.created', owner.user._id.toHexString(), 'workspace', id],
      ['workspace.updated', admin.user._id.toHexString(), 'workspace', id],
      ['platform.connected', admin.user._id.toHexString(), 'platform', platformId],
      ['platform.disconnected', owner.user._id.toHexString(), 'platform', platformId],
    ]);
    expect(events[1]).toMatchObject({ details: { fields: ['industry', 'timezone'] }, userAgent: 'audit-test/1' });
    expect(events[1]!.ip).toBeTruthy();
    expect(events[2]).toMatchObject({ details: { platformType: 'tiktok', sandbox: true } });
    // Nothing that looks like a credential is ever stored.
    expect(JSON.stringify(events)).not.toMatch(/token|password|secret/i);
  });

  it('a refused change records nothing', async () => {
    const owner = await createUser();
    const viewer = await createUser();
    await addMember(owner.user._id.toHexString(), viewer.user._id, 'viewer');
    await server.gql('mutation { updateWorkspace(input: { industry: "Tea" }) { id } }', {}, viewer.token, ws(owner.user._id.toHexString()));
    expect(await AuditEventModel.countDocuments({ workspaceId: owner.user._id })).toBe(0);
  });
});

describe('workspaces: failing cases', () => {
  it('a workspace the viewer is not a member of is NOT_FOUND like a missing one, by argument and by header', async () => {
    const a = await createUser();
    const b = await createUser();
    const theirs = await server.gql('query($id: ID!) { workspace(id: $id) { id } }', { id: a.user._id.toHexString() }, b.token);
    const missing = await server.gql('query($id: ID!) { workspace(id: $id) { id } }', { id: new Types.ObjectId().toHexString() }, b.token);
    expect(errorOf(theirs.body)).toEqual(errorOf(missing.body));
    expect(errorOf(theirs.body)?.extensions).toEqual({ code: 'NOT_FOUND' });
    const byHeader = await server.gql('{ platforms { id } }', {}, b.token, ws(a.user._id.toHexString()));
    const malformed = await server.gql('{ platforms { id } }', {}, b.token, ws('nope'));
    expect(errorOf(byHeader.body)).toMatchObject({ message: 'Workspace not found', extensions: { code: 'NOT_FOUND' } });
    expect(errorOf(malformed.body)).toMatchObject({ message: 'Workspace not found', extensions: { code: 'NOT_FOUND' } });
    // Operations that need no workspace still work with a bad header.
    const me = await server.gql('{ me { id } workspaces { id } }', {}, b.token, ws(a.user._id.toHexString()));
    expect(me.body.data).toEqual({ me: { id: b.user._id.toHexString() }, workspaces: [{ id: b.user._id.toHexString() }] });
  });

  it('a user without an active membership has no workspace: workspace operations are NOT_FOUND', async () => {
    const a = await createUser();
    await TeamMemberModel.updateMany({ userId: a.user._id }, { $set: { isActive: false } });
    const { body } = await server.gql('{ platforms { id } }', {}, a.token);
    expect(errorOf(body)?.extensions).toEqual({ code: 'NOT_FOUND' });
    expect((await server.gql('{ workspaces { id } }', {}, a.token)).body.data).toEqual({ workspaces: [] });
  });

  it('activeWorkspace is null when the header names a workspace the viewer may not use, or they have no membership; it needs a sign-in', async () => {
    const a = await createUser();
    const b = await createUser();
    const ACTIVE = '{ activeWorkspace { id } }';
    for (const header of [a.user._id.toHexString(), new Types.ObjectId().toHexString(), 'nope']) {
      const { body } = await server.gql(ACTIVE, {}, b.token, ws(header));
      expect({ ...body, extensions: undefined }).toEqual({ data: { activeWorkspace: null } });
    }
    await TeamMemberModel.updateMany({ userId: b.user._id }, { $set: { isActive: false } });
    expect((await server.gql(ACTIVE, {}, b.token)).body.data).toEqual({ activeWorkspace: null });
    const anon = await server.gql(ACTIVE);
    expect(errorOf(anon.body)?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('a role change takes effect on the next request', async () => {
    const owner = await createUser();
    const m = await createUser();
    const member = await addMember(owner.user._id.toHexString(), m.user._id, 'editor');
    const CREATE = 'mutation($n: String!) { createCategory(input: { name: $n, colorCode: "#445566" }) { id } }';
    expect((await server.gql(CREATE, { n: 'One' }, m.token, ws(owner.user._id.toHexString()))).body.errors).toBeUndefined();
    await TeamMemberModel.updateOne({ _id: member._id }, { $set: { role: 'viewer' } });
    expect(errorOf((await server.gql(CREATE, { n: 'Two' }, m.token, ws(owner.user._id.toHexString()))).body)?.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('createWorkspace and updateWorkspace refuse bad input naming the field, and need a sign-in', async () => {
    const { token } = await createUser();
    const empty = await server.gql('mutation { createWorkspace(input: { name: "" }) { id } }', {}, token);
    expect(errorOf(empty.body)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const tz = await server.gql('mutation { updateWorkspace(input: { timezone: "Mars/Olympus" }) { id } }', {}, token);
    expect(errorOf(tz.body)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const anon = await server.gql('{ workspaces { id } }');
    expect(errorOf(anon.body)?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });
});
