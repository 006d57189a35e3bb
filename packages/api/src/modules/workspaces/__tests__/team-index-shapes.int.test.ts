import { describe, expect, inject, it } from 'vitest';
import { collectionScans, captureReads } from '../../../../test/helpers/explain.js';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { useTestServer } from '../../../../test/helpers/server.js';
import { hashToken } from '../../../lib/crypto.js';
import { InvitationModel } from '../invitation.model.js';
import { createTeam } from './team-fixtures.js';

/**
 * The reads of workspaces, team_members, invitations and audit_events are answered from an index
 * on MongoDB: the team operations (and the membership check every request makes) are run, each
 * read they send to those collections is explained, and no winning plan may contain a COLLSCAN.
 * The operations run everywhere; the stand-in (mongo-java-server) has no secondary indexes (every
 * plan there is a scan, see docs/database.md), so the plans are checked only on mongod or
 * MONGODB_URI.
 */
const source = inject('mongoSource');
const onStandIn = source === 'standin';
const TEAM_COLLECTIONS = new Set(['workspaces', 'team_members', 'invitations', 'audit_events']);

const server = useTestServer();

describe('team index shapes', () => {
  it(`every read of the team collections is an index scan on MongoDB (${onStandIn ? 'plans not checked on the stand-in: it has no secondary indexes' : source})`, async () => {
    const team = await createTeam('Indexed brand');
    // Other teams' rows, so that a scan would have something to read past.
    for (let i = 0; i < 3; i++) await createTeam(`Other ${i}`);
    const invitee = await createUser();
    const ws = { 'X-Workspace-Id': team.workspaceId };
    const ok = async (query: string, variables: Record<string, unknown>, token: string, headers: Record<string, string> = ws) => {
      const { body } = await server.gql(query, variables, token, headers);
      expect(body.errors, query).toBeUndefined();
      return body.data!;
    };

    const seen = await captureReads(TEAM_COLLECTIONS, async () => {
      await ok('{ workspaces { id viewerRole memberCount } }', {}, team.editor.token, {});
      await ok('query($id: ID!) { workspace(id: $id) { id memberCount } }', { id: team.workspaceId }, team.viewer.token);
      await ok('{ members(includeRemoved: true) { userId role } }', {}, team.viewer.token);
      await ok('mutation($e: String!) { invite(email: $e, role: EDITOR) { id } }', { e: invitee.user.email }, team.admin.token);
      await ok('{ invitations { id email } }', {}, team.admin.token);
      await ok('mutation($u: ID!) { changeRole(userId: $u, role: VIEWER) { role } }', { u: team.editor.actor.userId }, team.admin.token);
      await ok('{ auditLog(first: 5) { edges { node { action } } } }', {}, team.admin.token);
      await ok('{ auditLog(first: 5, actionPrefix: "member.") { edges { node { action } } } }', {}, team.owner.token);
      await ok('mutation { createWorkspace(input: { name: "Second brand" }) { id } }', {}, team.viewer.token, {});
    });
    // Accepting reads the invitation by its token's hash: give it a token this test knows.
    const token = 'a-known-invitation-token-for-this-test';
    await InvitationModel.updateOne({ workspaceId: team.workspace._id, email: invitee.user.email }, { $set: { tokenHash: hashToken(token) } });
    seen.push(...(await captureReads(TEAM_COLLECTIONS, async () => {
      await ok('mutation($t: String!) { acceptInvitation(token: $t) { id } }', { t: token }, invitee.token, {});
    })));

    const collections = new Set(seen.map((cmd) => String(cmd.find ?? cmd.aggregate ?? cmd.count ?? cmd.distinct)));
    expect([...collections].sort()).toEqual([...TEAM_COLLECTIONS].sort());
    if (onStandIn) return;
    expect(await collectionScans(seen)).toEqual([]);
  });
});
