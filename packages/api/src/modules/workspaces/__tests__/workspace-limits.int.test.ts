import { MAX_OWNED_WORKSPACES, TIER_LIMITS } from '@soash/shared';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { errorOf, useTestServer } from '../../../../test/helpers/server.js';
import { hashPassword } from '../../../auth/password.js';
import { UserModel } from '../../users/user.model.js';
import { TeamMemberModel } from '../team-member.model.js';
import { WorkspaceModel } from '../workspace.model.js';

const server = useTestServer();
const CREATE = 'mutation($n: String!) { createWorkspace(input: { name: $n }) { id } }';
const CONNECT = 'mutation($t: PlatformType!) { connectPlatform(input: { type: $t, sandbox: true }) { platform { id } } }';
const ws = (id: string) => ({ 'X-Workspace-Id': id });

describe('plan limits across owned workspaces: successful cases', () => {
  it('plans and me.plan show how many workspaces each plan may own', async () => {
    const { token } = await createUser();
    const { body } = await server.gql('{ plans { tier maxWorkspaces } me { plan { maxWorkspaces } } }', {}, token);
    expect(body.data!.plans).toEqual([
      { tier: 'FREE', maxWorkspaces: TIER_LIMITS.free.maxWorkspaces },
      { tier: 'PRO', maxWorkspaces: TIER_LIMITS.pro.maxWorkspaces },
      { tier: 'ENTERPRISE', maxWorkspaces: TIER_LIMITS.enterprise.maxWorkspaces },
    ]);
    expect(body.data!.me.plan).toEqual({ maxWorkspaces: 2 });
    for (const t of Object.values(TIER_LIMITS)) expect(t.maxWorkspaces).toBeLessThanOrEqual(MAX_OWNED_WORKSPACES);
  });

  it('a workspace the user is only a member of does not count; deleting one frees its slot', async () => {
    const { user, token } = await createUser();
    const other = await createUser();
    await TeamMemberModel.create({ workspaceId: other.user._id, userId: user._id, role: 'admin', isActive: true });
    const second = await server.gql(CREATE, { n: 'Second' }, token);
    expect(second.body.errors).toBeUndefined();
    expect(errorOf((await server.gql(CREATE, { n: 'Third' }, token)).body)?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await UserModel.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword('a password that is long') } });
    const del = await server.gql('mutation($id: ID!) { deleteWorkspace(id: $id, password: "a password that is long") }', { id: second.body.data!.createWorkspace.id }, token);
    expect(del.body.errors).toBeUndefined();
    expect((await server.gql(CREATE, { n: 'Third' }, token)).body.errors).toBeUndefined();
  });
});

describe('plan limits across owned workspaces: failing cases', () => {
  it('createWorkspace beyond the plan is LIMIT_EXCEEDED naming the limit; an upgrade makes room', async () => {
    const { user, token } = await createUser();
    // Free: the personal workspace and one more.
    expect((await server.gql(CREATE, { n: 'Client one' }, token)).body.errors).toBeUndefined();
    const refused = await server.gql(CREATE, { n: 'Client two' }, token);
    expect(refused.body.data).toBeNull();
    expect(errorOf(refused.body)).toMatchObject({
      message: expect.stringContaining('free plan allows you to own 2 workspaces'),
      extensions: { code: 'LIMIT_EXCEEDED', limit: 'workspaces', max: 2, tier: 'free' },
    });
    expect(await WorkspaceModel.countDocuments({ ownerId: user._id })).toBe(2);
    const up = await server.gql('mutation { changeSubscription(tier: PRO) { plan { maxWorkspaces } } }', {}, token);
    expect(up.body.data!.changeSubscription).toEqual({ plan: { maxWorkspaces: 10 } });
    expect((await server.gql(CREATE, { n: 'Client two' }, token)).body.errors).toBeUndefined();
    // Back to free would leave 3 owned workspaces on a plan of 2: refused, nothing changes.
    const down = await server.gql('mutation { changeSubscription(tier: FREE) { subscriptionTier } }', {}, token);
    expect(errorOf(down.body)).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'workspaces', max: 2, tier: 'free' } });
    expect((await UserModel.findById(user._id).lean())!.subscriptionTier).toBe('pro');
  });

  it('two creations at once cannot both take the last slot', async () => {
    const { user, token } = await createUser();
    const results = await Promise.all([server.gql(CREATE, { n: 'A' }, token), server.gql(CREATE, { n: 'B' }, token)]);
    expect(results.filter((r) => !r.body.errors)).toHaveLength(1);
    expect(results.map((r) => errorOf(r.body)?.extensions?.code).filter(Boolean)).toEqual(['LIMIT_EXCEEDED']);
    expect(await WorkspaceModel.countDocuments({ ownerId: user._id })).toBe(2);
  });

  it('transferOwnership to a member already at their plan’s workspace limit is LIMIT_EXCEEDED and moves nothing', async () => {
    const password = 'the owner password is long';
    const owner = await createUser({ passwordHash: await hashPassword(password) });
    const target = await createUser();
    // The target (free) owns two workspaces already: their personal one and a client's.
    await WorkspaceModel.create({ name: 'Their client', ownerId: target.user._id });
    await TeamMemberModel.create({ workspaceId: owner.user._id, userId: target.user._id, role: 'admin', isActive: true });
    const TRANSFER = 'mutation($u: ID!, $p: String!) { transferOwnership(userId: $u, password: $p) { role } }';
    const { body } = await server.gql(TRANSFER, { u: target.user._id.toHexString(), p: password }, owner.token, ws(owner.user._id.toHexString()));
    expect(errorOf(body)).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'workspaces', max: 2, tier: 'free' } });
    expect((await WorkspaceModel.findById(owner.user._id).lean())!.ownerId).toEqual(owner.user._id);
    await UserModel.updateOne({ _id: target.user._id }, { $set: { subscriptionTier: 'pro' } });
    const again = await server.gql(TRANSFER, { u: target.user._id.toHexString(), p: password }, owner.token, ws(owner.user._id.toHexString()));
    expect(again.body.data).toEqual({ transferOwnership: { role: 'OWNER' } });
  });

  it('connected accounts count across every owned workspace, created ones included', async () => {
    const { user, token } = await createUser();
    const second = (await server.gql(CREATE, { n: 'Client' }, token)).body.data!.createWorkspace.id as string;
    await createPlatform(user._id);
    expect((await server.gql(CONNECT, { t: 'TIKTOK' }, token, ws(second))).body.errors).toBeUndefined();
    const third = await server.gql(CONNECT, { t: 'LINKEDIN' }, token, ws(second));
    expect(errorOf(third.body)?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 2, tier: 'free' });
    expect(await TeamMemberModel.countDocuments({ workspaceId: new Types.ObjectId(second) })).toBe(1);
  });
});
