import { API_SCOPES, ApiScope, WorkspaceRole } from '@soash/shared';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { scopeDecisions, SESSION_ONLY } from '../../../auth/scope.js';
import { buildAppSchema } from '../../../server/schema.js';
import { TeamMemberModel } from '../../workspaces/team-member.model.js';
import { createTeam, type Team } from '../../workspaces/__tests__/team-fixtures.js';
import { ApiKeyModel } from '../api-key.model.js';
import { LAST_USED_EVERY_MS } from '../api-keys.auth.js';
import { wsFirst } from '../../../../test/helpers/ws.js';

let server: TestServer;
let schema: GraphQLSchema;
beforeAll(async () => {
  server = await startTestServer();
  schema = await buildAppSchema();
});
afterAll(async () => {
  await server.close();
});

const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name prefix scopes status expiresAt createdByName lastUsedAt } }
}`;
const LIST = '{ apiKeys { id name prefix scopes status lastUsedAt lastUsedIp lastUsedUserAgent revokedAt previousSecretExpiresAt } }';
const PLATFORMS = '{ platforms { id } }';

type Who = 'owner' | 'admin' | 'editor' | 'viewer';
const enumName = (scope: ApiScope) => Object.entries(ApiScope).find(([, v]) => v === scope)![0];

function asMember(team: Team, who: Who) {
  return (query: string, variables: Record<string, unknown> = {}) => server.gql(query, variables, team[who].token, { 'x-workspace-id': team.workspaceId });
}

async function createKey(team: Team, who: Who, scopes: readonly ApiScope[], extra: Record<string, unknown> = {}) {
  const res = await asMember(team, who)(CREATE, { input: { name: `key of ${who}`, scopes: scopes.map(enumName), ...extra } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.createApiKey as { secret: string; apiKey: { id: string; prefix: string; status: string; scopes: string[]; createdByName: string } };
}

const withKey = (key: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  server.gql(query, variables, key, { 'user-agent': 'partner-app/1.0', ...headers });
const firstError = (res: { body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }) => res.body.errors?.[0];

describe('API keys: successful cases', () => {
  it('an owner creates a key: the secret is in that answer only, stored as a hash, and works as Authorization: Bearer', async () => {
    const team = await createTeam();
    const platform = await createPlatform(team.workspace._id);
    const { secret, apiKey } = await createKey(team, 'owner', [ApiScope.PLATFORMS_READ]);
    expect(secret).toMatch(/^soash_[0-9A-Za-z]{10}_[0-9A-Za-z]{38}$/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey).toMatchObject({ status: 'ACTIVE', scopes: ['PLATFORMS_READ'], createdByName: team.owner.user.name });

    // Never stored, never readable again.
    const stored = await ApiKeyModel.findById(apiKey.id).select('+secretHash').lean();
    expect(JSON.stringify(stored)).not.toContain(secret.slice(apiKey.prefix.length, apiKey.prefix.length + 32));
    const listed = await asMember(team, 'owner')(LIST);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(apiKey.prefix.length));

    const res = await withKey(secret, PLATFORMS);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ platforms: [{ id: platform._id.toHexString() }] });
  });

  it('records the last use (time, address, user agent), at most once a minute', async () => {
    const team = await createTeam();
    const { secret, apiKey } = await createKey(team, 'admin', [ApiScope.PLATFORMS_READ]);
    await withKey(secret, PLATFORMS, {}, { 'x-forwarded-for': '10.9.8.7' });
    const first = (await ApiKeyModel.findById(apiKey.id).lean())!;
    expect(first).toMatchObject({ lastUsedIp: '10.9.8.7', lastUsedUserAgent: 'partner-app/1.0' });
    await withKey(secret, PLATFORMS, {}, { 'x-forwarded-for': '10.1.1.1' });
    const second = (await ApiKeyModel.findById(apiKey.id).lean())!;
    expect(second.lastUsedAt!.getTime()).toBe(first.lastUsedAt!.getTime());
    expect(second.lastUsedIp).toBe('10.9.8.7');
    await ApiKeyModel.updateOne({ _id: apiKey.id }, { $set: { lastUsedAt: new Date(Date.now() - LAST_USED_EVERY_MS - 1000) } });
    await withKey(secret, PLATFORMS, {}, { 'x-forwarded-for': '10.1.1.1' });
    expect((await ApiKeyModel.findById(apiKey.id).lean())!.lastUsedIp).toBe('10.1.1.1');
    const listed = await asMember(team, 'owner')(LIST);
    expect(listed.body.data!.apiKeys[0]).toMatchObject({ id: apiKey.id, lastUsedIp: '10.1.1.1', lastUsedUserAgent: 'partner-app/1.0' });
  });

  it('rotation: the new secret works at once, the old one until the overlap ends', async () => {
    const team = await createTeam();
    const { secret: old, apiKey } = await createKey(team, 'owner', [ApiScope.PLATFORMS_READ]);
    const rotated = await asMember(team, 'owner')('mutation($id: ID!) { rotateApiKey(id: $id, overlapHours: 2) { secret apiKey { id prefix previousSecretExpiresAt } } }', { id: apiKey.id });
    expect(rotated.body.errors).toBeUndefined();
    const fresh = rotated.body.data!.rotateApiKey.secret as string;
    expect(fresh).not.toBe(old);
    expect(rotated.body.data!.rotateApiKey.apiKey.prefix).toBe(apiKey.prefix);
    const until = new Date(rotated.body.data!.rotateApiKey.apiKey.previousSecretExpiresAt).getTime();
    expect(until - Date.now()).toBeGreaterThan(2 * 3_600_000 - 60_000);
    expect((await withKey(fresh, PLATFORMS)).body.errors).toBeUndefined();
    expect((await withKey(old, PLATFORMS)).body.errors).toBeUndefined();
    // The overlap ends.
    await ApiKeyModel.updateOne({ _id: apiKey.id }, { $set: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    expect(firstError(await withKey(old, PLATFORMS))).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'API key was rotated and its previous secret has expired' });
    expect((await withKey(fresh, PLATFORMS)).body.errors).toBeUndefined();
  });

  it('rotation without overlap ends the old secret at once', async () => {
    const team = await createTeam();
    const { secret: old, apiKey } = await createKey(team, 'owner', [ApiScope.PLATFORMS_READ]);
    const rotated = await asMember(team, 'admin')('mutation($id: ID!) { rotateApiKey(id: $id, overlapHours: 0) { secret } }', { id: apiKey.id });
    expect(firstError(await withKey(old, PLATFORMS))).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect((await withKey(rotated.body.data!.rotateApiKey.secret, PLATFORMS)).body.errors).toBeUndefined();
  });

  it('works over graphql-ws with the key in the connection params, scopes included', async () => {
    const team = await createTeam();
    const platform = await createPlatform(team.workspace._id);
    const { secret } = await createKey(team, 'owner', [ApiScope.PLATFORMS_READ]);
    const { secret: noScope } = await createKey(team, 'owner', [ApiScope.ANALYTICS_READ]);
    const query = 'subscription($id: ID!) { syncProgress(platformId: $id) { phase } }';
    const ok = await wsFirst(server, secret, query, { id: platform._id.toHexString() });
    expect(ok.type).toBe('next');
    expect(ok.payload.errors).toBeUndefined();
    const refused = await wsFirst(server, noScope, query, { id: platform._id.toHexString() });
    expect(JSON.stringify(refused.payload)).toContain('lacks the platforms:read scope');
    const queried = await wsFirst(server, secret, PLATFORMS, {});
    expect(queried.payload).toEqual({ data: { platforms: [{ id: platform._id.toHexString() }] } });
  });
});

describe('API keys: the audit log', () => {
  const AUDIT = `{ auditLog(first: 10, actionPrefix: "api_key.") { edges { node { action targetType targetId details actor { name } } } } }`;

  it('records who created, rotated and revoked which key (name and prefix), never the secret', async () => {
    const team = await createTeam();
    const { secret, apiKey } = await createKey(team, 'admin', [ApiScope.PLATFORMS_READ, ApiScope.POSTS_READ]);
    const rotated = await asMember(team, 'owner')('mutation($id: ID!) { rotateApiKey(id: $id, overlapHours: 3) { secret } }', { id: apiKey.id });
    expect(rotated.body.errors).toBeUndefined();
    const fresh = rotated.body.data!.rotateApiKey.secret as string;
    expect((await asMember(team, 'admin')('mutation($id: ID!) { revokeApiKey(id: $id) { status } }', { id: apiKey.id })).body.errors).toBeUndefined();
    // A second revoke changes nothing, and records nothing.
    await asMember(team, 'admin')('mutation($id: ID!) { revokeApiKey(id: $id) { status } }', { id: apiKey.id });

    const log = await asMember(team, 'owner')(AUDIT);
    expect(log.body.errors).toBeUndefined();
    const entries = log.body.data!.auditLog.edges.map((e: { node: unknown }) => e.node);
    const about = { targetType: 'api_key', targetId: apiKey.id };
    const details = { name: 'key of admin', prefix: apiKey.prefix, scopes: ['platforms:read', 'posts:read'] };
    expect(entries).toEqual([
      { action: 'api_key.revoked', ...about, details, actor: { name: team.admin.user.name } },
      { action: 'api_key.rotated', ...about, details: { ...details, overlapHours: 3 }, actor: { name: team.owner.user.name } },
      { action: 'api_key.created', ...about, details, actor: { name: team.admin.user.name } },
    ]);
    const stored = JSON.stringify(log.body);
    for (const s of [secret, fresh]) {
      expect(stored).not.toContain(s);
      expect(stored).not.toContain(s.slice(apiKey.prefix.length, apiKey.prefix.length + 32));
    }
  });

  it('a refused change records nothing', async () => {
    const team = await createTeam();
    const { apiKey } = await createKey(team, 'owner', [ApiScope.PLATFORMS_READ]);
    await asMember(team, 'editor')('mutation($id: ID!) { revokeApiKey(id: $id) { status } }', { id: apiKey.id });
    await asMember(team, 'owner')('mutation($id: ID!) { rotateApiKey(id: $id, overlapHours: 500) { secret } }', { id: apiKey.id });
    const log = await asMember(team, 'owner')(AUDIT);
    expect(log.body.data!.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(['api_key.created']);
  });
});

describe('API keys: failing cases', () => {
  it('only owners and admins manage keys; editors and viewers are FORBIDDEN', async () => {
    const team = await createTeam();
    for (const who of ['editor', 'viewer'] as const) {
      const res = await asMember(team, who)(CREATE, { input: { name: 'x', scopes: ['POSTS_READ'] } });
      expect(firstError(res)?.extensions?.code).toBe('FORBIDDEN');
      expect(firstError(await asMember(team, who)(LIST))?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('bad input is BAD_USER_INPUT naming the field', async () => {
    const team = await createTeam();
    const create = (input: Record<string, unknown>) => asMember(team, 'owner')(CREATE, { input: { name: 'k', scopes: ['POSTS_READ'], ...input } });
    expect(firstError(await create({ scopes: [] }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(firstError(await create({ name: '   ' }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(firstError(await create({ expiresAt: new Date(Date.now() - 60_000).toISOString() }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
    const { apiKey } = await createKey(team, 'owner', [ApiScope.POSTS_READ]);
    const rotate = await asMember(team, 'owner')('mutation($id: ID!) { rotateApiKey(id: $id, overlapHours: 1000) { secret } }', { id: apiKey.id });
    expect(firstError(rotate)?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('another workspace\'s key is NOT_FOUND to revoke or rotate, like a missing one', async () => {
    const a = await createTeam('A');
    const b = await createTeam('B');
    const { apiKey } = await createKey(a, 'owner', [ApiScope.POSTS_READ]);
    const revoke = await asMember(b, 'owner')('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: apiKey.id });
    expect(firstError(revoke)).toMatchObject({ message: 'API key not found', extensions: { code: 'NOT_FOUND' } });
    const rotate = await asMember(b, 'owner')('mutation($id: ID!) { rotateApiKey(id: $id) { secret } }', { id: apiKey.id });
    expect(firstError(rotate)?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a revoked key stops working with the next request (UNAUTHENTICATED, saying why) and cannot be rotated', async () => {
    const team = await createTeam();
    const { secret, apiKey } = await createKey(team, 'owner', [ApiScope.PLATFORMS_READ]);
    expect((await withKey(secret, PLATFORMS)).body.errors).toBeUndefined();
    const revoked = await asMember(team, 'admin')('mutation($id: ID!) { revokeApiKey(id: $id) { id status revokedAt } }', { id: apiKey.id });
    expect(revoked.body.data!.revokeApiKey).toMatchObject({ id: apiKey.id, status: 'REVOKED' });
    expect(firstError(await withKey(secret, PLATFORMS))).toMatchObject({ message: 'API key revoked', extensions: { code: 'UNAUTHENTICATED' } });
    const rotate = await asMember(team, 'owner')('mutation($id: ID!) { rotateApiKey(id: $id) { secret } }', { id: apiKey.id });
    expect(firstError(rotate)?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an expired key is UNAUTHENTICATED', async () => {
    const team = await createTeam();
    const { secret, apiKey } = await createKey(team, 'owner', [ApiScope.PLATFORMS_READ], { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await withKey(secret, PLATFORMS)).body.errors).toBeUndefined();
    await ApiKeyModel.updateOne({ _id: apiKey.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(firstError(await withKey(secret, PLATFORMS))).toMatchObject({ message: 'API key expired', extensions: { code: 'UNAUTHENTICATED' } });
    expect((await asMember(team, 'owner')(LIST)).body.data!.apiKeys[0].status).toBe('EXPIRED');
  });

  it('a malformed, mistyped or unknown key is UNAUTHENTICATED "API key invalid"', async () => {
    const team = await createTeam();
    const { secret } = await createKey(team, 'owner', [ApiScope.PLATFORMS_READ]);
    const typo = `${secret.slice(0, 20)}${secret[20] === 'a' ? 'b' : 'a'}${secret.slice(21)}`;
    for (const bad of ['soash_nope', typo]) {
      expect(firstError(await withKey(bad, PLATFORMS))).toMatchObject({ message: 'API key invalid', extensions: { code: 'UNAUTHENTICATED' } });
    }
    await ApiKeyModel.deleteMany({ workspaceId: team.workspace._id });
    expect(firstError(await withKey(secret, PLATFORMS))?.message).toBe('API key invalid');
  });

  it('a key never exceeds its creator\'s current role: a demoted creator\'s key loses what the new role may not do', async () => {
    const team = await createTeam();
    const { secret } = await createKey(team, 'admin', [ApiScope.POSTS_READ, ApiScope.CATEGORIES_WRITE]);
    const create = (name: string) => withKey(secret, 'mutation($n: String!) { createCategory(input: { name: $n, colorCode: "#112233" }) { name } }', { n: name });
    expect((await create('Launch')).body.data).toEqual({ createCategory: { name: 'Launch' } });
    await TeamMemberModel.updateOne({ workspaceId: team.workspace._id, userId: team.admin.user._id }, { $set: { role: WorkspaceRole.VIEWER } });
    expect(firstError(await create('Later'))).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'This needs the editor role or higher in this workspace' });
    const read = await withKey(secret, '{ categories { name } }');
    expect(read.body.data).toEqual({ categories: [{ name: 'Launch' }] });
  });

  it('a key stops working when its creator leaves or is removed from the workspace', async () => {
    const team = await createTeam();
    const { secret } = await createKey(team, 'admin', [ApiScope.PLATFORMS_READ]);
    const removed = await asMember(team, 'owner')('mutation($u: ID!) { removeMember(userId: $u) { isActive } }', { u: team.admin.actor.userId });
    expect(removed.body.errors).toBeUndefined();
    expect(firstError(await withKey(secret, PLATFORMS))).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: 'API key no longer valid: the member who created it has left its workspace',
    });
  });

  it('X-Workspace-Id or a workspaceId argument cannot move a key to another workspace, even one its creator belongs to', async () => {
    const team = await createTeam();
    const other = await createTeam('Other');
    // The team's owner is also an admin of the other workspace.
    await TeamMemberModel.create({ workspaceId: other.workspace._id, userId: team.owner.user._id, role: WorkspaceRole.ADMIN, isActive: true, joinedAt: new Date() });
    await createPlatform(other.workspace._id);
    const { secret } = await createKey(team, 'owner', [ApiScope.PLATFORMS_READ, ApiScope.WORKSPACE_READ]);
    const moved = await withKey(secret, PLATFORMS, {}, { 'x-workspace-id': other.workspaceId });
    expect(firstError(moved)).toMatchObject({ message: 'Workspace not found', extensions: { code: 'NOT_FOUND' } });
    const own = await withKey(secret, PLATFORMS, {}, { 'x-workspace-id': team.workspaceId });
    expect(own.body.data).toEqual({ platforms: [] });
    const byArg = await withKey(secret, 'query($id: ID!) { workspace(id: $id) { id } }', { id: other.workspaceId });
    expect(firstError(byArg)?.extensions?.code).toBe('NOT_FOUND');
    const ownByArg = await withKey(secret, 'query($id: ID!) { workspace(id: $id) { id } }', { id: team.workspaceId });
    expect(ownByArg.body.data).toEqual({ workspace: { id: team.workspaceId } });
  });

  it('keys cannot manage keys, sign in or act as system admin, even with every scope and an admin creator', async () => {
    const team = await createTeam();
    const { secret } = await createKey(team, 'owner', API_SCOPES);
    const create = await withKey(secret, CREATE, { input: { name: 'k2', scopes: ['POSTS_READ'] } });
    expect(firstError(create)).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'API keys cannot use createApiKey; sign in to do this' });
    const login = await withKey(secret, 'mutation { login(input: { email: "a@example.test", password: "whatever password" }) { accessToken } }');
    expect(firstError(login)).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'API keys cannot use login; sign in to do this' });
    // Public operations open to every credential still answer.
    expect((await withKey(secret, '{ health { status } }')).body.errors).toBeUndefined();
  });
});

/** A placeholder literal for a required argument of `type` (valid in shape, so validation passes). */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (type.name === 'ID') return `"${new Types.ObjectId().toHexString()}"`;
    if (type.name === 'Int') return '1';
    if (type.name === 'Float') return '1.5';
    if (type.name === 'Boolean') return 'true';
    if (type.name === 'DateTime') return '"2026-01-01T00:00:00.000Z"';
    return '"placeholder"';
  }
  throw new Error(`no literal for ${String(type)}`);
}

function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  return `${kind} { ${field.name}${argText}${selection} }`;
}

describe('API keys: scope matrix (every operation, with and without its scope)', () => {
  it('an operation needing scope S is FORBIDDEN naming S to a key without it, and not refused for scope with it', async () => {
    const team = await createTeam();
    const decisions = scopeDecisions(schema);
    const keys = new Map<ApiScope, string>();
    for (const scope of API_SCOPES) keys.set(scope, (await createKey(team, 'owner', [scope])).secret);
    const checked: string[] = [];
    for (const { operation, decision } of decisions) {
      const [root, name] = operation.split('.') as [string, string];
      if (root === 'Subscription' || !decision || decision === 'any' || decision === SESSION_ONLY) continue;
      const field = (root === 'Query' ? schema.getQueryType()! : schema.getMutationType()!).getFields()[name]!;
      const doc = documentFor(root === 'Query' ? 'query' : 'mutation', field);
      const other = API_SCOPES.find((s) => s !== decision)!;
      const without = await withKey(keys.get(other)!, doc);
      expect([operation, firstError(without)?.extensions]).toEqual([operation, { code: 'FORBIDDEN', scope: decision }]);
      const withIt = await withKey(keys.get(decision as ApiScope)!, doc);
      for (const e of withIt.body.errors ?? []) {
        expect([operation, e.extensions?.scope, e.message]).not.toEqual([operation, decision, expect.stringContaining('lacks the')]);
        expect([operation, e.extensions?.code]).not.toEqual([operation, 'UNAUTHENTICATED']);
        expect([operation, e.extensions?.code]).not.toEqual([operation, 'INTERNAL']);
      }
      checked.push(operation);
    }
    expect(checked.length).toBeGreaterThan(30);
  });

  it('every operation closed to keys is FORBIDDEN to a key with every scope', async () => {
    const team = await createTeam();
    const { secret } = await createKey(team, 'owner', API_SCOPES);
    const closed = scopeDecisions(schema).filter((d) => d.decision === SESSION_ONLY && !d.operation.startsWith('Subscription.'));
    expect(closed.length).toBeGreaterThan(20);
    for (const { operation } of closed) {
      const [root, name] = operation.split('.') as [string, string];
      const field = (root === 'Query' ? schema.getQueryType()! : schema.getMutationType()!).getFields()[name]!;
      const res = await withKey(secret, documentFor(root === 'Query' ? 'query' : 'mutation', field));
      expect([operation, firstError(res)?.extensions?.code, firstError(res)?.message]).toEqual([operation, 'FORBIDDEN', `API keys cannot use ${name}; sign in to do this`]);
    }
  });

  it('a signed-in session is not limited by scopes (its role decides)', async () => {
    const { user, token } = await createUser();
    await createPlatform(user._id);
    expect((await server.gql(PLATFORMS, {}, token)).body.errors).toBeUndefined();
  });
});


