import { WorkspaceRole } from '@soash/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMailToken, loginViaApi, PASSWORD, randomIp, uniqueEmail } from '../../../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { MailMessageModel } from '../../mail/mail-message.model.js';
import { UserModel } from '../../users/user.model.js';
import { AuditEventModel } from '../audit-event.model.js';
import { InvitationModel } from '../invitation.model.js';
import { invite } from '../invitations.service.js';
import { TeamMemberModel } from '../team-member.model.js';
import { createTeam } from './team-fixtures.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

// register starts no session (users/auth.service.ts): the account is checked in the database and by signing in.
const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { email nextStep } }';
const register = (input: Record<string, unknown>) =>
  server.gql(REGISTER, { input: { name: 'Sam Invitee', password: PASSWORD, ...input } }, undefined, { 'x-forwarded-for': randomIp() });

async function invited(role: WorkspaceRole = WorkspaceRole.EDITOR) {
  const team = await createTeam();
  const email = uniqueEmail('newcomer');
  await invite(server.config, team.admin.actor, email, role);
  return { team, email, token: await latestMailToken(email, 'invitation') };
}

describe('register with an invitation: successful cases', () => {
  it('creates a verified account that is a member with the invited role; no verification mail', async () => {
    const { team, email, token } = await invited();
    const res = await register({ email: email.toUpperCase(), invitationToken: token });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.register).toEqual({ email, nextStep: 'SIGN_IN' });
    const user = await UserModel.findOne({ email }).lean();
    expect(user).toMatchObject({ isVerified: true });
    const signedIn = (await loginViaApi(server, email)).body.data!.login;
    expect(signedIn.user).toMatchObject({ email, isVerified: true });
    expect(await TeamMemberModel.findOne({ workspaceId: team.workspace._id, userId: user!._id }).lean()).toMatchObject({ role: 'editor', isActive: true });
    expect(await MailMessageModel.countDocuments({ to: email, kind: 'verify_email' })).toBe(0);
    expect((await InvitationModel.findOne({ email }).lean())!.acceptedAt).toBeInstanceOf(Date);
    expect(await AuditEventModel.countDocuments({ workspaceId: team.workspace._id, action: 'member.joined', targetId: user!._id.toHexString() })).toBe(1);
    // The invited workspace is the active one: without a header, the new account works in it.
    const members = await server.gql('{ members { userId role } }', {}, signedIn.accessToken);
    expect(members.body.errors).toBeUndefined();
    expect(members.body.data!.members).toContainEqual({ userId: team.owner.actor.userId, role: 'OWNER' });
  });

  it('without an invitation nothing changes: unverified, a verification mail', async () => {
    const email = uniqueEmail();
    const res = await register({ email });
    expect(res.body.errors).toBeUndefined();
    expect(await UserModel.findOne({ email }).lean()).toMatchObject({ isVerified: false });
    expect(await MailMessageModel.countDocuments({ to: email, kind: 'verify_email' })).toBe(1);
  });
});

describe('register with an invitation: failing cases', () => {
  it('another email than the invited one: FORBIDDEN wrong_email, and no account is created', async () => {
    const { token } = await invited();
    const email = uniqueEmail('someone-else');
    const res = await register({ email, invitationToken: token });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'wrong_email' });
    expect(await UserModel.exists({ email })).toBeNull();
  });

  it('expired, revoked or unknown tokens: BAD_USER_INPUT naming invitationToken’s reason, and no account', async () => {
    const expired = await invited();
    await InvitationModel.updateOne({ email: expired.email }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await invited();
    await InvitationModel.updateOne({ email: revoked.email }, { $set: { revokedAt: new Date() }, $unset: { openKey: 1 } });
    const cases = [
      { email: expired.email, token: expired.token, reason: 'expired' },
      { email: revoked.email, token: revoked.token, reason: 'revoked' },
      { email: uniqueEmail(), token: 'not-a-token', reason: 'invalid' },
    ];
    for (const c of cases) {
      const res = await register({ email: c.email, invitationToken: c.token });
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: c.reason });
      expect(await UserModel.exists({ email: c.email })).toBeNull();
    }
  });

  it('a used invitation cannot create a second account', async () => {
    const { email, token } = await invited();
    expect((await register({ email, invitationToken: token })).body.errors).toBeUndefined();
    const res = await register({ email, invitationToken: token });
    expect(res.body.errors?.[0]?.extensions?.code).toBeDefined();
    expect(await UserModel.countDocuments({ email })).toBe(1);
  });
});
