import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMailToken, randomIp, uniqueEmail } from '../../../../test/helpers/auth.js';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { createTeam, OWNER_PASSWORD, type Team } from './team-fixtures.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const MEMBERS = '{ members { userId name email role isActive joinedAt } }';
const INVITATIONS = '{ invitations { id email role expiresAt isExpired createdAt invitedBy { id name } } }';
const INVITE = 'mutation($email: String!, $role: WorkspaceRole!) { invite(email: $email, role: $role) { id email role expiresAt isExpired } }';
const ACCEPT = 'mutation($token: String!) { acceptInvitation(token: $token) { id name viewerRole memberCount } }';

/** A request as a team member, in the team's workspace (X-Workspace-Id), from a given address. */
function as(team: Team, who: keyof Pick<Team, 'owner' | 'admin' | 'editor' | 'viewer'>, ip = randomIp()) {
  return (query: string, variables: Record<string, unknown> = {}) =>
    server.gql(query, variables, team[who].token, { 'x-workspace-id': team.workspaceId, 'x-forwarded-for': ip, 'user-agent': 'team-test/1.0' });
}

const code = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => res.body.errors?.[0]?.extensions?.code;

describe('team API: successful cases', () => {
  it('any member reads the members list', async () => {
    const team = await createTeam();
    const res = await as(team, 'viewer')(MEMBERS);
    expect(res.body.errors).toBeUndefined();
    const members = res.body.data!.members as Array<{ role: string; email: string; userId: string }>;
    expect(members.map((m) => m.role)).toEqual(['OWNER', 'ADMIN', 'EDITOR', 'VIEWER']);
    expect(members[0]).toMatchObject({ userId: team.owner.actor.userId, email: team.owner.user.email });
  });

  it('removing a member ends their access on their very next request, with the same access token', async () => {
    const team = await createTeam();
    expect((await as(team, 'editor')(MEMBERS)).body.errors).toBeUndefined();
    const removed = await as(team, 'admin')('mutation($u: ID!) { removeMember(userId: $u) { userId isActive } }', { u: team.editor.actor.userId });
    expect(removed.body.data).toEqual({ removeMember: { userId: team.editor.actor.userId, isActive: false } });
    const after = await as(team, 'editor')(MEMBERS);
    expect(after.body.errors?.[0]).toMatchObject({ message: 'Workspace not found', extensions: { code: 'NOT_FOUND' } });
    // Without the header they land in a workspace they still belong to (their personal one), never the team's.
    const noHeader = await server.gql(MEMBERS, {}, team.editor.token);
    expect(noHeader.body.errors).toBeUndefined();
    expect((noHeader.body.data!.members as Array<{ userId: string }>).map((m) => m.userId)).toEqual([team.editor.actor.userId]);
  });

  it('a role change takes effect on the next request', async () => {
    const team = await createTeam();
    expect(code(await as(team, 'viewer')(INVITATIONS))).toBe('FORBIDDEN');
    await as(team, 'owner')('mutation($u: ID!) { changeRole(userId: $u, role: ADMIN) { role } }', { u: team.viewer.actor.userId });
    expect((await as(team, 'viewer')(INVITATIONS)).body.errors).toBeUndefined();
    await as(team, 'owner')('mutation($u: ID!) { changeRole(userId: $u, role: VIEWER) { role } }', { u: team.viewer.actor.userId });
    expect(code(await as(team, 'viewer')(INVITATIONS))).toBe('FORBIDDEN');
  });

  it('invite → pending list → accept as the invited account: member, and the workspace becomes their active one', async () => {
    const team = await createTeam('Invited Brand');
    // The invitee already has a workspace of their own.
    const own = await createTeam('Own Brand');
    const invitee = own.owner;
    const res = await as(team, 'admin')(INVITE, { email: invitee.user.email, role: 'EDITOR' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.invite).toMatchObject({ email: invitee.user.email, role: 'EDITOR', isExpired: false });
    const pending = await as(team, 'owner')(INVITATIONS);
    expect(pending.body.data!.invitations).toEqual([expect.objectContaining({ email: invitee.user.email, invitedBy: { id: team.admin.actor.userId, name: team.admin.user.name } })]);
    const token = await latestMailToken(invitee.user.email, 'invitation');
    expect(JSON.stringify(pending.body)).not.toContain(token);

    const accepted = await server.gql(ACCEPT, { token }, invitee.token);
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.body.data!.acceptInvitation).toEqual({ id: team.workspaceId, name: 'Invited Brand', viewerRole: 'EDITOR', memberCount: 5 });
    // No header: the invited workspace is now the default one.
    const members = await server.gql(MEMBERS, {}, invitee.token);
    expect((members.body.data!.members as Array<{ email: string; role: string }>).find((m) => m.email === invitee.user.email)).toMatchObject({ role: 'EDITOR' });
    expect((await as(team, 'admin')(INVITATIONS)).body.data!.invitations).toEqual([]);
  });

  it('owners and admins read the audit log, newest first, with actor, address and user agent', async () => {
    const team = await createTeam();
    const ip = randomIp();
    await as(team, 'admin', ip)(INVITE, { email: uniqueEmail(), role: 'VIEWER' });
    await as(team, 'admin', ip)('mutation($u: ID!) { changeRole(userId: $u, role: EDITOR) { role } }', { u: team.viewer.actor.userId });
    const log = await as(team, 'owner')(
      '{ auditLog(first: 1) { totalCount edges { node { action targetType targetId details ip userAgent at actor { id name } } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(log.body.errors).toBeUndefined();
    const page = log.body.data!.auditLog;
    expect(page.totalCount).toBe(2);
    expect(page.edges[0].node).toMatchObject({
      action: 'member.role_changed',
      targetType: 'member',
      targetId: team.viewer.actor.userId,
      details: { from: 'viewer', to: 'editor' },
      ip,
      userAgent: 'team-test/1.0',
      actor: { id: team.admin.actor.userId, name: team.admin.user.name },
    });
    const next = await as(team, 'admin')('query($after: String) { auditLog(first: 5, after: $after, actionPrefix: "member.") { edges { node { action } } } }', {
      after: page.pageInfo.endCursor,
    });
    expect(next.body.data!.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(['member.invited']);
  });

  it('the owner transfers ownership with their password and becomes an admin', async () => {
    const team = await createTeam();
    const res = await as(team, 'owner')('mutation($u: ID!, $p: String!) { transferOwnership(userId: $u, password: $p) { userId role } }', {
      u: team.editor.actor.userId,
      p: OWNER_PASSWORD,
    });
    expect(res.body.data).toEqual({ transferOwnership: { userId: team.editor.actor.userId, role: 'OWNER' } });
    // From the next request on the old owner is an admin, who may leave; the new owner may not.
    const members = (await as(team, 'owner')(MEMBERS)).body.data!.members as Array<{ userId: string; role: string }>;
    expect(members.find((m) => m.userId === team.owner.actor.userId)!.role).toBe('ADMIN');
    expect(code(await as(team, 'editor')('mutation { leaveWorkspace }'))).toBe('FORBIDDEN');
    expect((await as(team, 'owner')('mutation { leaveWorkspace }')).body.data).toEqual({ leaveWorkspace: true });
  });
});

describe('team API: failing cases', () => {
  it('operations follow the role rules: FORBIDDEN below the minimum role', async () => {
    const team = await createTeam();
    const other = team.viewer.actor.userId;
    const cases: Array<[keyof Pick<Team, 'admin' | 'editor' | 'viewer'>, string, Record<string, unknown>]> = [
      ['editor', INVITE, { email: uniqueEmail(), role: 'VIEWER' }],
      ['editor', INVITATIONS, {}],
      ['editor', '{ auditLog { totalCount } }', {}],
      ['viewer', 'mutation($u: ID!) { changeRole(userId: $u, role: EDITOR) { role } }', { u: other }],
      ['editor', 'mutation($u: ID!) { removeMember(userId: $u) { role } }', { u: other }],
      ['admin', 'mutation($u: ID!) { transferOwnership(userId: $u, password: "x") { role } }', { u: other }],
      ['editor', 'mutation { revokeInvitation(id: "000000000000000000000000") { id } }', {}],
      ['editor', 'mutation { resendInvitation(id: "000000000000000000000000") { id } }', {}],
    ];
    for (const [who, query, variables] of cases) {
      expect(code(await as(team, who)(query, variables)), `${who}: ${query}`).toBe('FORBIDDEN');
    }
  });

  it('a workspace the caller is not a member of answers NOT_FOUND like a missing one', async () => {
    const team = await createTeam();
    const { token } = await createUser();
    for (const id of [team.workspaceId, '000000000000000000000000']) {
      const res = await server.gql(MEMBERS, {}, token, { 'x-workspace-id': id });
      expect(res.body.errors?.[0]).toMatchObject({ message: 'Workspace not found', extensions: { code: 'NOT_FOUND' } });
    }
    expect(code(await server.gql(MEMBERS, {}))).toBe('UNAUTHENTICATED');
  });

  it('a pending invitee has no access until they accept: NOT_FOUND, as for a stranger', async () => {
    const team = await createTeam();
    const invitee = await createUser();
    await as(team, 'admin')(INVITE, { email: invitee.user.email, role: 'ADMIN' });
    const res = await server.gql(MEMBERS, {}, invitee.token, { 'x-workspace-id': team.workspaceId });
    expect(res.body.errors?.[0]).toMatchObject({ message: 'Workspace not found', extensions: { code: 'NOT_FOUND' } });
  });

  it('acceptInvitation errors are typed with a reason', async () => {
    const team = await createTeam();
    const email = uniqueEmail();
    await as(team, 'admin')(INVITE, { email, role: 'VIEWER' });
    const token = await latestMailToken(email, 'invitation');
    const stranger = await createUser();
    const wrong = await server.gql(ACCEPT, { token }, stranger.token);
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'wrong_email' });
    const bad = await server.gql(ACCEPT, { token: 'garbage' }, stranger.token);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', reason: 'invalid' });
    expect(code(await server.gql(ACCEPT, { token }))).toBe('UNAUTHENTICATED');
  });

  it('bad input names its field; owner is not an invitable role', async () => {
    const team = await createTeam();
    const owner = await as(team, 'admin')(INVITE, { email: uniqueEmail(), role: 'OWNER' });
    expect(owner.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
    const email = await as(team, 'admin')(INVITE, { email: 'nope', role: 'VIEWER' });
    expect(email.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    const prefix = await as(team, 'admin')('{ auditLog(actionPrefix: "$where") { totalCount } }');
    expect(code(prefix)).toBe('BAD_USER_INPUT');
    const id = await as(team, 'admin')('mutation { removeMember(userId: "x") { role } }');
    expect(id.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
  });
});
