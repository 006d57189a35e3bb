import {
  buildSchema as buildSdlSchema,
  getNamedType,
  GraphQLSchema,
  isEnumType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { WebhookEventType } from '@soash/shared';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMailToken, loginViaApi, PASSWORD, registerViaApi } from '../../../test/helpers/auth.js';
import { createPlatform, createUser, seedOwnedData } from '../../../test/helpers/fixtures.js';
import { startTestServer, TEST_JWT_SECRET, TEST_KEY_1, type TestServer } from '../../../test/helpers/server.js';
import { decryptSecret, encryptSecret } from '../../lib/crypto.js';
import { attemptReportDelivery, runDueSchedules } from '../../modules/reports/report-deliveries.js';
import { ReportDeliveryModel, ReportScheduleModel } from '../../modules/reports/report-schedule.model.js';
import { ApiKeyModel } from '../../modules/api-keys/api-key.model.js';
import { ActivityMetricModel } from '../../modules/activities/activity-metric.model.js';
import { ActivityModel } from '../../modules/activities/activity.model.js';
import { PlatformModel } from '../../modules/platforms/platform.model.js';
import { PendingConnectionModel } from '../../modules/platforms/pending-connection.model.js';
import { StatsModel } from '../../modules/stats/stats.model.js';
import { SystemJobModel } from '../../modules/system-jobs/system-job.model.js';
import { RefreshTokenModel } from '../../modules/users/refresh-token.model.js';
import { UserModel } from '../../modules/users/user.model.js';
import { InvitationModel } from '../../modules/workspaces/invitation.model.js';
import { WebhookDeliveryModel } from '../../modules/webhooks/webhook-delivery.model.js';
import { WebhookEndpointModel } from '../../modules/webhooks/webhook-endpoint.model.js';
import { OAuthAppModel, OAuthGrantModel, OAuthTokenModel } from '../../modules/oauth-apps/oauth.models.js';
import { sha256 } from '../../modules/oauth-apps/oauth-secrets.js';
import { announce } from '../../modules/events/announce.js';
import { ReportShareLinkModel } from '../../modules/reports/share-link.model.js';
import { SHARED_FIELDS } from '../../modules/reports/share-selection.js';
import { buildAppSchema } from '../schema.js';

/**
 * No field of any type may return a token, a password hash or any other secret.
 *
 * 1. Schema level: every field reachable from the roots whose name looks secret
 *    (/token|password|secret|hash|cipher/i, where "hash" does not count inside "hashtag") and whose type can carry text (String, ID, JSON, any
 *    custom scalar) is forbidden. Fields of types that cannot carry a secret value (Boolean, Int,
 *    Float, DateTime, enums, object types) may have such names: e.g. Platform.tokenExpiry (a date)
 *    or Mutation.refreshToken (returns an AuthPayload, whose fields are checked in turn).
 *    The allow-list: AuthPayload.accessToken/refreshToken, the credentials of a session issued by
 *    that very response (login, refreshToken, changePassword), and NewApiKey.secret, the API key
 *    created or rotated by that very response (createApiKey, rotateApiKey), NewOAuthApp.clientSecret,
 *    likewise (createOAuthApp, rotateOAuthAppSecret), and NewWebhookEndpoint.secret, the signing
 *    secret of the endpoint created or rotated by that very response (createWebhookEndpoint,
 *    rotateWebhookSecret), and CreatedReportShareLink.token, the share link created by that very
 *    response (createReportShareLink); never stored ones.
 * 2. Data level: for a user whose account holds every kind of secret (password hash, email-link
 *    token hashes, refresh-token hashes, a platform's encrypted OAuth tokens), every readable field
 *    of every reachable type is queried, and no response contains any of those values.
 */

const SECRET_NAME = /token|password|secret|hash(?!tag)|cipher/i;
const NON_TEXT_SCALARS = new Set(['Boolean', 'Int', 'Float', 'DateTime']);
const ALLOWED = new Set([
  'AuthPayload.accessToken',
  'AuthPayload.refreshToken',
  'NewApiKey.secret',
  'NewOAuthApp.clientSecret',
  'NewWebhookEndpoint.secret',
  'CreatedReportShareLink.token',
]);

/** Every output type reachable from the root operation types. */
function reachableTypes(schema: GraphQLSchema): Map<string, GraphQLNamedType> {
  const seen = new Map<string, GraphQLNamedType>();
  const visit = (type: GraphQLNamedType) => {
    if (seen.has(type.name)) return;
    seen.set(type.name, type);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const f of Object.values(type.getFields())) visit(getNamedType(f.type));
      if (isInterfaceType(type)) for (const t of schema.getPossibleTypes(type)) visit(t);
    } else if (isUnionType(type)) {
      for (const t of type.getTypes()) visit(t);
    }
  };
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) if (root) visit(root);
  return seen;
}

/** Fields that could hand out a secret by their name and type, minus the allow-list. */
function secretLookingFields(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of reachableTypes(schema).values()) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const f of Object.values(type.getFields())) {
      const named = getNamedType(f.type);
      const canCarryText = !isEnumType(named) && !isObjectType(named) && !isInterfaceType(named) && !isUnionType(named) && !NON_TEXT_SCALARS.has(named.name);
      const id = `${type.name}.${f.name}`;
      if (SECRET_NAME.test(f.name) && canCarryText && !ALLOWED.has(id)) out.push(`${id}: ${named.name}`);
    }
  }
  return out.sort();
}

describe('secrets: successful cases', () => {
  it('the check itself catches secret fields, including JSON and nested ones', () => {
    const bad = buildSdlSchema(`
      scalar JSON
      type Query { me: Me }
      type Me { id: ID!  tokenExpiry: Int  passwordHash: String  hashtags: [String!]  tokenHashtag: String  settings: Settings }
      type Settings { apiSecret: JSON  cipherText: ID  hasPassword: Boolean }
    `);
    expect(secretLookingFields(bad)).toEqual(['Me.passwordHash: String', 'Me.tokenHashtag: String', 'Settings.apiSecret: JSON', 'Settings.cipherText: ID']);
  });
});

let server: TestServer;
beforeAll(async () => {
  // These documents select every field at once: far over the default cost and depth limits
  // (limits.int.test.ts covers those).
  server = await startTestServer({ GRAPHQL_MAX_COST: '1000000', GRAPHQL_MAX_DEPTH: '100', GRAPHQL_MAX_ALIASES: '1000' });
});
afterAll(async () => {
  await server.close();
});

/** A selection of every field of `type` (and of the object types below it, once per path); `only`, when given, keeps the fields it allows. */
function selectAll(type: GraphQLObjectType, onPath: Set<string>, skipped: string[], only?: (type: string, field: string) => boolean): string {
  const parts = ['__typename'];
  for (const f of Object.values(type.getFields())) {
    if (only && !only(type.name, f.name)) continue;
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) {
      skipped.push(`${type.name}.${f.name}`);
      continue;
    }
    const named = getNamedType(f.type);
    if (isObjectType(named)) {
      if (onPath.has(named.name)) continue;
      parts.push(`${f.name} ${selectAll(named, new Set([...onPath, named.name]), skipped, only)}`);
    } else {
      parts.push(f.name);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

describe('secrets: failing cases (no way to read a secret)', () => {
  it('has no field that can return a token, a password hash or a secret (one documented exception)', async () => {
    const schema = await buildAppSchema();
    const reachable = reachableTypes(schema);
    // The walk is not vacuous: it reaches the types that sit next to secrets in the database.
    for (const t of ['User', 'UserProfile', 'Platform', 'Activity', 'Stats', 'SystemJob', 'MailMessage', 'AuthPayload']) {
      expect(reachable.has(t), t).toBe(true);
    }
    expect(secretLookingFields(schema)).toEqual([]);
    for (const allowed of ALLOWED) {
      const [type, field] = allowed.split('.') as [string, string];
      expect((reachable.get(type) as GraphQLObjectType).getFields()[field], allowed).toBeDefined();
    }
  });

  it('no response of any readable field, for a user holding every kind of secret, contains one', async () => {
    // An account with a real password hash, a pending verification, a pending reset and sessions.
    const reg = await registerViaApi(server);
    const userId = new Types.ObjectId(reg.user.id);
    const workspaceId = userId;
    await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: reg.email });
    // An unlimited plan: the seeded history is older than the free plan's 90 days.
    await UserModel.updateOne({ _id: userId }, { $set: { role: 'admin', subscriptionTier: 'enterprise' } });
    const session = (await loginViaApi(server, reg.email)).body.data!.login;
    const token = session.accessToken;

    // Every collection the user owns, with the optional parts filled in.
    const data = await seedOwnedData(workspaceId);
    // A real (not sandbox) X account: its connector health carries the month's post reads.
    await createPlatform(workspaceId, { type: 'twitter', sandbox: false, platformUserId: `x-${workspaceId.toHexString()}`, postReads: { month: new Date().toISOString().slice(0, 7), reads: 2 } } as never);
    const plainAccess = 'plain-platform-access-token-1234567890';
    const plainRefresh = 'plain-platform-refresh-token-0987654321';
    const accessTokenEnc = encryptSecret(plainAccess);
    const refreshTokenEnc = encryptSecret(plainRefresh);
    await PlatformModel.updateOne(
      { _id: data.platform._id },
      { $set: { accessTokenEnc, refreshTokenEnc, tokenExpiry: new Date(), refreshTokenExpiry: new Date(), scopes: ['read'], avatarUrl: 'https://x.test/a.png', lastError: 'Rate limited', lastErrorAt: new Date(), rateLimit: { remaining: 40, limit: 100, unit: 'percent', resetAt: new Date(), observedAt: new Date() } } },
    );
    const source = { field: 'reach', metric: 'reach', apiVersion: 'v23.0', fetchedAt: new Date() };
    await ActivityModel.updateOne({ _id: data.activityId }, { $set: { sources: [source], mediaUrls: ['https://x.test/m.jpg'], permalink: 'https://x.test/p', metricsUpdatedAt: new Date(), engagementRate: 0.1, 'engagement.reach': 30 } });
    await ActivityMetricModel.updateMany({ activityId: data.activityId }, { $set: { sources: [source], engagementRate: 0.1 } });
    await StatsModel.updateMany(
      { platformId: data.platform._id },
      { $set: { sources: [source], demographics: { ageGroups: [{ range: '18-24', share: 0.5 }], genderSplit: { female: 0.5, male: 0.4, other: 0.1 }, locations: [{ country: 'DE', city: 'Berlin', share: 0.3 }] } } },
    );
    await SystemJobModel.updateMany({ workspaceId }, { $set: { progress: { phase: 'posts', done: 1, total: 2, message: 'ok' }, result: { posts: 2 }, startedAt: new Date(), completedAt: new Date() } });
    // A login waiting for a choice of Pages: the login's and the Pages' tokens are stored encrypted.
    const plainLogin = 'plain-pending-login-token-5555555555';
    const plainPage = 'plain-pending-page-token-6666666666';
    const loginTokensEnc = encryptSecret(JSON.stringify({ accessToken: plainLogin, issuedAt: new Date() }));
    const choiceTokensEnc = encryptSecret(JSON.stringify({ '2001': { accessToken: plainPage, issuedAt: new Date() } }));
    const pending = await PendingConnectionModel.create({
      workspaceId,
      type: 'facebook',
      choices: [{ platformUserId: '2001', name: 'Page 2001', username: 'page2001', avatarUrl: 'https://x.test/p.png', detail: 'Your Page' }],
      loginTokensEnc,
      choiceTokensEnc,
      expiresAt: new Date(Date.now() + 600_000),
    });
    await server.gql('mutation { updateProfile(input: { brandName: "B", brandValues: ["v"], timezone: "Europe/Berlin", avatarUrl: "https://x.test/a.png" }) { id } }', {}, token);

    // A pending invitation of the workspace (its token is mailed, its hash stored) and the audit event it wrote.
    const inviteeEmail = `invitee-${userId.toHexString()}@example.test`;
    const invited = await server.gql('mutation($e: String!) { invite(email: $e, role: EDITOR) { id } }', { e: inviteeEmail }, token);
    expect(invited.body.errors).toBeUndefined();
    const invitationToken = await latestMailToken(inviteeEmail, 'invitation');
    const invitationHash = (await InvitationModel.findOne({ workspaceId }).select('+tokenHash').lean())!.tokenHash;

    // An API key of the workspace, rotated once (its current and previous secret hashes are stored).
    const createdKey = await server.gql('mutation { createApiKey(input: { name: "Partner", scopes: [POSTS_READ] }) { secret apiKey { id } } }', {}, token);
    expect(createdKey.body.errors).toBeUndefined();
    const firstKey = createdKey.body.data!.createApiKey.secret as string;
    const rotatedKey = await server.gql('mutation($id: ID!) { rotateApiKey(id: $id, overlapHours: 1) { secret } }', { id: createdKey.body.data!.createApiKey.apiKey.id }, token);
    const apiKeySecret = rotatedKey.body.data!.rotateApiKey.secret as string;
    const apiKeyHashes = (await ApiKeyModel.findOne({ workspaceId }).select('+secretHash +previousSecretHash').lean())!;

    // A webhook endpoint (its signing secret is stored encrypted) with one delivery and its attempt.
    const createdHook = await server.gql('mutation { createWebhookEndpoint(input: { url: "https://93.184.216.34/hooks", events: [SYNC_COMPLETED] }) { secret endpoint { id } } }', {}, token);
    expect(createdHook.body.errors).toBeUndefined();
    const hookId = createdHook.body.data!.createWebhookEndpoint.endpoint.id as string;
    const hookSecret = createdHook.body.data!.createWebhookEndpoint.secret as string;
    const hookSecretEnc = (await WebhookEndpointModel.findById(hookId).select('+secretEnc').lean())!.secretEnc;
    await WebhookDeliveryModel.create({
      workspaceId,
      endpointId: new Types.ObjectId(hookId),
      eventType: 'sync.completed',
      messageId: 'msg_secrets',
      payload: '{"type":"sync.completed"}',
      status: 'failed',
      attemptCount: 1,
      attempts: [{ at: new Date(), responseStatus: 500, durationMs: 12, error: 'Answered 500' }],
    });
    // An OAuth app (the user is an admin) with its secret hash, and the user's grant of it with a token pair.
    const createdApp = await server.gql(
      'mutation { createOAuthApp(input: { name: "Partner app", redirectUris: ["https://partner.example/cb"], scopes: [PLATFORMS_READ] }) { clientSecret app { id clientId } } }',
      {},
      token,
    );
    expect(createdApp.body.errors).toBeUndefined();
    const oauthClientSecret = createdApp.body.data!.createOAuthApp.clientSecret as string;
    const oauthClientId = createdApp.body.data!.createOAuthApp.app.clientId as string;
    const oauthAppDoc = (await OAuthAppModel.findOne({ clientId: oauthClientId }).select('+secretHash').lean())!;
    const oauthGrant = await OAuthGrantModel.create({ appId: oauthAppDoc._id, userId, workspaceId, scopes: ['platforms:read'] });
    const oauthAccess = `soasho_${'a'.repeat(43)}`;
    const oauthRefresh = `soashr_${'r'.repeat(43)}`;
    await OAuthTokenModel.create({
      grantId: oauthGrant._id,
      accessTokenHash: sha256(oauthAccess),
      accessTokenExpiresAt: new Date(Date.now() + 3600_000),
      refreshTokenHash: sha256(oauthRefresh),
      refreshTokenExpiresAt: new Date(Date.now() + 86_400_000),
      scopes: ['platforms:read'],
    });

    // A saved report with every section, so that every report type is walked too.
    const createdReport = await server.gql(
      `mutation { createCustomReport(input: { name: "Monthly", range: { preset: LAST_28_DAYS }, branding: { title: "Client", accentColor: "#112233" },
        sections: [KPIS, FOLLOWERS_CHART, ENGAGEMENT_CHART, ACCOUNTS_TABLE, TOP_POSTS, CONTENT_TYPES, HASHTAGS, BEST_TIMES, DEMOGRAPHICS, INSIGHTS] }) { id } }`,
      {},
      token,
    );
    expect(createdReport.body.errors).toBeUndefined();
    const reportId = createdReport.body.data!.createCustomReport.id as string;
    // A schedule of it (the user and an outside address), run once: a delivery in the history and
    // the user's copy, with its PDF, in the development outbox.
    const createdSchedule = await server.gql(
      'mutation($r: ID!, $m: ID!) { createReportSchedule(input: { reportId: $r, frequency: WEEKLY, weekday: 2, hour: 8, memberIds: [$m], emails: ["client@example.com"] }) { id } }',
      { r: reportId, m: userId.toHexString() },
      token,
    );
    expect(createdSchedule.body.errors).toBeUndefined();
    const scheduleId = createdSchedule.body.data!.createReportSchedule.id as string;
    await ReportScheduleModel.updateOne({ _id: scheduleId }, { $set: { nextRunAt: new Date(Date.now() - 1000) } });
    expect(await runDueSchedules(new Date())).toBe(1);
    const scheduleDelivery = (await ReportDeliveryModel.findOne({ scheduleId }).lean())!;
    const renderPdf = async () => ({ pdf: Buffer.from('%PDF-1.7 test'), filename: 'report.pdf' });
    expect((await attemptReportDelivery(scheduleDelivery._id.toHexString(), 1, { config: server.config, renderPdf })).status).toBe('sent');
    const unsubscribe = (await ReportScheduleModel.findById(scheduleId).lean())!.outsideRecipients[0]!;
    const unsubscribeToken = decryptSecret(unsubscribe.unsubscribeTokenEnc);
    // A password-protected share link of it: its token, the token's hash and the password's hash.
    const sharePassword = 'share link password 77';
    const createdLink = await server.gql(
      'mutation($id: ID!, $p: String!) { createReportShareLink(input: { reportId: $id, label: "Client", password: $p }) { token link { id } } }',
      { id: reportId, p: sharePassword },
      token,
    );
    expect(createdLink.body.errors).toBeUndefined();
    const shareToken = createdLink.body.data!.createReportShareLink.token as string;
    const linkDoc = (await ReportShareLinkModel.findById(createdLink.body.data!.createReportShareLink.link.id).select('+tokenHash +passwordHash').lean())!;

    // An alert rule that fired once, so rules, alert events and notifications are walked too.
    const createdRule = await server.gql('mutation { createAlertRule(input: { name: "Sync", kind: SYNC_FAILED, channels: [IN_APP] }) { id } }', {}, token);
    expect(createdRule.body.errors).toBeUndefined();
    await announce(workspaceId, WebhookEventType.SYNC_FAILED, { platformId: data.platform._id.toHexString(), kind: 'stats', systemJobId: new Types.ObjectId().toHexString(), error: 'failed' });

    const stored = (await UserModel.findById(userId).select('+passwordHash +verificationTokenHash +passwordResetTokenHash').lean())!;
    const tokenHashes = (await RefreshTokenModel.find({ userId }).lean()).map((t) => t.tokenHash);
    const forbidden: Record<string, string> = {
      'platform access token': plainAccess,
      'pending login token': plainLogin,
      'pending page token': plainPage,
      'encrypted pending login tokens': loginTokensEnc,
      'encrypted pending page tokens': choiceTokensEnc,
      'platform refresh token': plainRefresh,
      'encrypted access token': accessTokenEnc,
      'encrypted refresh token': refreshTokenEnc,
      'access token ciphertext': accessTokenEnc.split('.')[4]!,
      'refresh token ciphertext': refreshTokenEnc.split('.')[4]!,
      'password hash': stored.passwordHash,
      'password hash digest': stored.passwordHash.split('$').at(-1)!,
      password: PASSWORD,
      'verification token hash': stored.verificationTokenHash!,
      'reset token hash': stored.passwordResetTokenHash!,
      'earlier refresh token': reg.refreshToken,
      'invitation token': invitationToken,
      'invitation token hash': invitationHash,
      'JWT secret': TEST_JWT_SECRET,
      'API key secret': apiKeySecret.slice(17, 49),
      'API key previous secret': firstKey.slice(17, 49),
      'API key hash': apiKeyHashes.secretHash,
      'API key previous hash': apiKeyHashes.previousSecretHash!,
      'encryption key': TEST_KEY_1.split(':')[1]!,
      'webhook signing secret': hookSecret.slice(6),
      'encrypted webhook secret': hookSecretEnc,
      'OAuth client secret': oauthClientSecret,
      'OAuth client secret hash': oauthAppDoc.secretHash!,
      'OAuth access token': oauthAccess,
      'OAuth access token hash': sha256(oauthAccess),
      'OAuth refresh token': oauthRefresh,
      'OAuth refresh token hash': sha256(oauthRefresh),
      'report unsubscribe token': unsubscribeToken,
      'report unsubscribe token hash': unsubscribe.unsubscribeTokenHash,
      'encrypted report unsubscribe token': unsubscribe.unsubscribeTokenEnc,
      'share link token': shareToken,
      'share link token hash': linkDoc.tokenHash,
      'share link password': sharePassword,
      'share link password hash': linkDoc.passwordHash!,
      'share link password hash digest': linkDoc.passwordHash!.split('$').at(-1)!,
      ...Object.fromEntries(tokenHashes.map((h, i) => [`refresh token hash ${i}`, h])),
    };
    for (const [what, value] of Object.entries(forbidden)) expect(value, what).toBeTruthy();

    const schema = await buildAppSchema();
    // Local calendar days around the seeded posts (they are published "now"), in the workspace's
    // timezone (Europe/Berlin, set above): late in the UTC evening it is already tomorrow there.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const YEAR = { from: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, to: today };
    const rootArgs: Record<string, Record<string, unknown>> = {
      workspace: { id: workspaceId.toHexString() },
      platform: { id: data.platform._id.toHexString() },
      activity: { id: data.activityId.toHexString() },
      stats: { platformId: data.platform._id.toHexString(), from: '2025-06-01T00:00:00Z', to: '2026-06-01T00:00:00Z' },
      overview: { input: { range: YEAR } },
      timeseries: { input: { range: YEAR, metric: 'ENGAGEMENTS' } },
      platformBreakdown: { input: { range: YEAR } },
      topActivities: { input: { range: YEAR } },
      contentTypePerformance: { input: { range: YEAR } },
      hashtagPerformance: { input: { range: YEAR, minPosts: 1 } },
      bestTimesToPost: { input: { range: YEAR, minPosts: 2 } },
      postDecay: { activityId: data.activityId.toHexString() },
      pendingConnection: { id: pending._id.toHexString() },
      webhookDeliveries: { endpointId: hookId },
      oauthConsentRequest: { clientId: oauthClientId },
      customReport: { id: reportId },
      reportData: { id: reportId },
      reportSchedules: { reportId },
      reportDeliveries: { scheduleId },
      reportShareLinks: { reportId },
      sharedReport: { token: shareToken, password: sharePassword },
    };
    const skipped: string[] = [];
    const responses: Array<[string, string]> = [];
    const typenames = new Set<string>();
    const collect = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) if (k === '__typename') typenames.add(v as string);
        else collect(v);
      }
    };
    const run = async (label: string, query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
      expect(body.errors, `${label}: ${text.slice(0, 500)}`).toBeUndefined();
      collect(body.data);
      responses.push([label, text]);
    };

    // Every query, every field below it.
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      const args = rootArgs[field.name] ?? {};
      for (const a of required) expect(args, `add the arguments of Query.${field.name} to rootArgs`).toHaveProperty(a.name);
      const declared = field.args.filter((a) => a.name in args);
      const varDefs = declared.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const argList = declared.map((a) => `${a.name}: $${a.name}`).join(', ');
      const named = getNamedType(field.type);
      // A shared report offers the report page's fields only (SHARED_FIELDS): all of those.
      const only = field.name === 'sharedReport' ? (t: string, f: string) => SHARED_FIELDS[t] === '*' || (SHARED_FIELDS[t] ?? []).includes(f) : undefined;
      const sel = isObjectType(named) ? selectAll(named, new Set([named.name]), skipped, only) : '';
      await run(`Query.${field.name}`, `query${varDefs ? `(${varDefs})` : ''} { ${field.name}${argList ? `(${argList})` : ''} ${sel} }`, args);
    }

    // Mutations that return objects: a fresh session, the account, the profile, a verified user.
    const mutationType = schema.getMutationType()!;
    const sel = (name: string) => selectAll(getNamedType(mutationType.getFields()[name]!.type) as GraphQLObjectType, new Set(), skipped);
    await run('Mutation.login', `mutation($input: LoginInput!) { login(input: $input) ${sel('login')} }`, { input: { email: reg.email, password: PASSWORD } });
    await run('Mutation.updateAccount', `mutation { updateAccount(input: { company: "C" }) ${sel('updateAccount')} }`, {});
    await run('Mutation.updateProfile', `mutation { updateProfile(input: { industry: "I" }) ${sel('updateProfile')} }`, {});
    await run('Mutation.verifyEmail', `mutation($t: String!) { verifyEmail(token: $t) ${sel('verifyEmail')} }`, { t: await latestMailToken(reg.email, 'verify_email') });
    const other = await createUser();
    await run('Mutation.adminUpdateUser', `mutation($id: ID!) { adminUpdateUser(id: $id, input: { role: USER }) ${sel('adminUpdateUser')} }`, { id: other.user._id.toHexString() });

    expect(skipped, 'fields with required arguments the walk does not fill').toEqual([]);
    // Every object type reachable from Query was actually returned with data.
    const queryTypes = [...reachableTypes(new GraphQLSchema({ query: schema.getQueryType() })).values()]
      .filter((t) => isObjectType(t) && t.name !== 'Query')
      .map((t) => t.name);
    expect(queryTypes.filter((t) => !typenames.has(t)), 'types never returned').toEqual([]);
    expect(typenames.has('AuthPayload')).toBe(true);

    for (const [label, text] of responses) {
      for (const [what, value] of Object.entries(forbidden)) {
        expect(text.includes(value), `${label} leaks the ${what}`).toBe(false);
      }
    }
    // Walks every readable field of every type for one account holding every kind of secret: about
    // 15 s alone, more than the default 30 s when the whole suite shares a busy machine.
  }, 120_000);
});
