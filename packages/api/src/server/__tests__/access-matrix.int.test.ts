import { roleAtLeast, WorkspaceRole } from '@soash/shared';
import { getNamedType, isInputObjectType, type GraphQLInputType, type GraphQLObjectType } from 'graphql';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { getMetadataStorage } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInvitation, createOAuthApp, createPendingConnection, createPlatform, createUser, workspaceObjects, type WorkspaceObjects } from '../../../test/helpers/fixtures.js';
import { useTestServer } from '../../../test/helpers/server.js';
import { parseWorkspaceRule } from '../../auth/min-role.js';
import { useConnectorConfig } from '../../connectors/config.js';
import { collectSubscription } from '../../connectors/testing/harness.js';
import { ApiKeyModel } from '../../modules/api-keys/api-key.model.js';
import { newApiKeySecret, newPublicId } from '../../modules/api-keys/api-key-token.js';
import { AlertRuleModel } from '../../modules/alerts/alert-rule.model.js';
import { CustomReportModel } from '../../modules/reports/custom-report.model.js';
import { ReportScheduleModel } from '../../modules/reports/report-schedule.model.js';
import { ReportShareLinkModel } from '../../modules/reports/share-link.model.js';
import { ContentCategoryModel } from '../../modules/categories/category.model.js';
import { AiInsightModel } from '../../modules/insights/insight.model.js';
import { UserModel } from '../../modules/users/user.model.js';
import { WebhookDeliveryModel } from '../../modules/webhooks/webhook-delivery.model.js';
import { WebhookEndpointModel } from '../../modules/webhooks/webhook-endpoint.model.js';
import { encryptSecret } from '../../lib/crypto.js';
import { addMember, createTeam, OWNER_PASSWORD, type Team } from '../../modules/workspaces/__tests__/team-fixtures.js';
import { TeamMemberModel } from '../../modules/workspaces/team-member.model.js';
import { buildAppSchema } from '../schema.js';

/**
 * The role × operation matrix, generated from the schema.
 *
 * 1. Every Query, Mutation and Subscription field has a declared rule, read from type-graphql's
 *    metadata (@Authorized / @MinRole), and it is the one RULES below specifies: public (no
 *    decorator), signed-in (@Authorized()), system admin (@Authorized(Role.ADMIN)) or a minimum
 *    workspace role (@MinRole). A new operation is missing from RULES and fails the test.
 * 2. Every operation that is workspace-scoped (@MinRole) or takes an id is called once by each of
 *    owner, admin, editor, viewer, non-member, removed member and pending invitee of one workspace
 *    (named in X-Workspace-Id), with the minimal valid variables CASES keeps for it (an operation
 *    missing from CASES fails too): allowed → no error; a member below the rule → FORBIDDEN; anyone
 *    who is not an active member → NOT_FOUND with the very answer a workspace that does not exist
 *    gets. Where a service adds a rule of its own (the owner cannot leave, only the owner deletes),
 *    the case says so.
 *
 * Which objects a call may address (another workspace's ids) is the ownership suite's subject
 * (ownership.int.test.ts); this one is about who may call what.
 */

type Rule = 'public' | 'signed-in' | 'system-admin' | WorkspaceRole;
const { OWNER, ADMIN, EDITOR, VIEWER } = WorkspaceRole;

/** The access rule of every operation: the specification the decorators must match. */
const RULES: Record<string, Rule> = {
  'Query.activeWorkspace': 'signed-in',
  'Query.alertRules': VIEWER,
  'Query.alertEvents': VIEWER,
  'Query.notifications': VIEWER,
  'Query.unreadNotificationCount': VIEWER,
  'Mutation.createAlertRule': EDITOR,
  'Mutation.updateAlertRule': EDITOR,
  'Mutation.deleteAlertRule': EDITOR,
  'Mutation.markNotificationsRead': VIEWER,
  'Query.activities': VIEWER,
  'Query.apiKeys': ADMIN,
  'Query.activity': VIEWER,
  'Query.audienceDemographics': VIEWER,
  'Query.auditLog': ADMIN,
  'Query.bestTimesToPost': VIEWER,
  'Query.billing': 'public',
  'Query.categories': VIEWER,
  'Query.connectorHealth': VIEWER,
  'Query.contentTypePerformance': VIEWER,
  'Query.customReport': VIEWER,
  'Query.customReports': VIEWER,
  'Query.hashtagPerformance': VIEWER,
  'Query.health': 'public',
  'Query.insights': VIEWER,
  'Query.invitations': ADMIN,
  'Query.me': 'signed-in',
  'Query.oauthApps': 'system-admin',
  'Query.oauthConsentRequest': 'signed-in',
  'Query.connectedApps': 'signed-in',
  'Query.members': VIEWER,
  'Query.myDevOutbox': 'signed-in',
  'Query.myReferral': 'signed-in',
  'Query.myReferralSignups': 'signed-in',
  'Query.overview': VIEWER,
  'Query.pendingConnection': ADMIN,
  'Query.performancePatterns': VIEWER,
  'Query.plans': 'public',
  'Query.platform': VIEWER,
  'Query.platformBreakdown': VIEWER,
  'Query.platforms': VIEWER,
  'Query.postDecay': VIEWER,
  'Query.rateLimit': 'public',
  'Query.reportData': VIEWER,
  'Query.reportSchedules': VIEWER,
  'Query.reportDeliveries': VIEWER,
  'Query.reportShareLinks': VIEWER,
  'Query.sharedReport': 'public',
  'Query.recommendations': VIEWER,
  'Query.referralSignups': 'system-admin',
  'Query.serverSetup': 'signed-in',
  'Query.stats': VIEWER,
  'Query.systemJobs': VIEWER,
  'Query.timeseries': VIEWER,
  'Query.topActivities': VIEWER,
  'Query.users': 'system-admin',
  'Query.webhookDeliveries': ADMIN,
  'Query.webhookEndpoints': ADMIN,
  'Query.workspace': 'signed-in',
  'Query.workspaces': 'signed-in',
  'Mutation.acceptInvitation': 'signed-in',
  'Mutation.adminDeleteUser': 'system-admin',
  'Mutation.adminUpdateUser': 'system-admin',
  'Mutation.assignCategories': EDITOR,
  'Mutation.changePassword': 'signed-in',
  'Mutation.changeRole': ADMIN,
  'Mutation.changeSubscription': 'signed-in',
  'Mutation.completeConnection': ADMIN,
  'Mutation.completeOnboarding': ADMIN,
  'Mutation.createApiKey': ADMIN,
  'Mutation.connectPlatform': ADMIN,
  'Mutation.createCategory': EDITOR,
  'Mutation.createCustomReport': EDITOR,
  'Mutation.createWorkspace': 'signed-in',
  'Mutation.deleteAccount': 'signed-in',
  'Mutation.deleteCategory': EDITOR,
  'Mutation.deleteCustomReport': EDITOR,
  'Mutation.deleteWorkspace': 'signed-in',
  'Mutation.disconnectPlatform': ADMIN,
  'Mutation.dismissInsight': EDITOR,
  'Mutation.exportCsv': EDITOR,
  'Mutation.exportReport': EDITOR,
  'Mutation.invite': ADMIN,
  'Mutation.leaveWorkspace': VIEWER,
  'Mutation.login': 'public',
  'Mutation.logout': 'signed-in',
  'Mutation.markInsightRead': EDITOR,
  'Mutation.markRecommendationUsed': EDITOR,
  'Mutation.markReferralPaid': 'system-admin',
  'Mutation.createOAuthApp': 'system-admin',
  'Mutation.rotateOAuthAppSecret': 'system-admin',
  'Mutation.deleteOAuthApp': 'system-admin',
  'Mutation.revokeConnectedApp': 'signed-in',
  'Mutation.rateRecommendation': EDITOR,
  'Mutation.refreshToken': 'public',
  'Mutation.register': 'public',
  'Mutation.removeMember': ADMIN,
  'Mutation.requestPasswordReset': 'public',
  'Mutation.resendInvitation': ADMIN,
  'Mutation.resendVerificationEmail': 'signed-in',
  'Mutation.resetPassword': 'public',
  'Mutation.revokeApiKey': ADMIN,
  'Mutation.revokeInvitation': ADMIN,
  'Mutation.rotateApiKey': ADMIN,
  'Mutation.rotateReferralCode': 'signed-in',
  'Mutation.syncPlatform': EDITOR,
  'Mutation.transferOwnership': OWNER,
  'Mutation.updateAccount': 'signed-in',
  'Mutation.updateCategory': EDITOR,
  'Mutation.updateCustomReport': EDITOR,
  'Mutation.createReportSchedule': EDITOR,
  'Mutation.updateReportSchedule': EDITOR,
  'Mutation.pauseReportSchedule': EDITOR,
  'Mutation.resumeReportSchedule': EDITOR,
  'Mutation.deleteReportSchedule': EDITOR,
  'Mutation.retryReportDelivery': EDITOR,
  'Mutation.unsubscribeReportEmail': 'public',
  'Mutation.createReportShareLink': EDITOR,
  'Mutation.updateReportShareLink': EDITOR,
  'Mutation.revokeReportShareLink': EDITOR,
  'Mutation.updateProfile': ADMIN,
  'Mutation.updateWorkspace': ADMIN,
  'Mutation.verifyEmail': 'public',
  'Mutation.createWebhookEndpoint': ADMIN,
  'Mutation.updateWebhookEndpoint': ADMIN,
  'Mutation.deleteWebhookEndpoint': ADMIN,
  'Mutation.rotateWebhookSecret': ADMIN,
  'Mutation.replayWebhookDelivery': ADMIN,
  'Mutation.sendTestWebhook': ADMIN,
  'Subscription.syncProgress': VIEWER,
};

const WHO = ['non-member', 'removed member', 'pending invitee', 'viewer', 'editor', 'admin', 'owner'] as const;
type Who = (typeof WHO)[number];
type Outcome = 'allowed' | 'FORBIDDEN' | 'NOT_FOUND';

/** One workspace with a member of each role, the objects operations address, and three outsiders. */
interface Fixture {
  team: Team;
  objects: WorkspaceObjects;
  tokens: Record<Who, string>;
  headers: Record<string, string>;
}

interface Case {
  query: string;
  /** Minimal valid variables for one call; may create what the call uses up (a category to delete, a member to remove). */
  vars?: (fx: Fixture) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** The call changes the workspace for good (leave, transfer, delete): each allowed caller gets a workspace of its own. */
  fresh?: boolean;
  /** Outcomes a service rule decides beyond the operation's access rule. */
  outcomes?: Partial<Record<Who, Outcome>>;
}

const ymd = (daysAgo: number) => new Date(Date.now() - daysAgo * 24 * 3600 * 1000).toISOString().slice(0, 10);
const RANGE = `{ from: "${ymd(30)}", to: "${ymd(1)}" }`;
const suffix = () => randomBytes(4).toString('hex');
const oid = (id: string) => new Types.ObjectId(id);

async function freshCategory(fx: Fixture): Promise<string> {
  const s = suffix();
  const c = await ContentCategoryModel.create({ workspaceId: fx.team.workspace._id, name: `Use up ${s}`, nameKey: `use up ${s}`, colorCode: '#654321' });
  return c._id.toHexString();
}
async function freshApiKey(fx: Fixture): Promise<string> {
  const publicId = newPublicId();
  const key = await ApiKeyModel.create({ workspaceId: fx.team.workspace._id, name: 'Use up', publicId, secretHash: newApiKeySecret(publicId).secretHash, scopes: ['posts:read'], createdBy: fx.team.owner.user._id });
  return key._id.toHexString();
}
async function freshEndpoint(fx: Fixture): Promise<string> {
  const e = await WebhookEndpointModel.create({ workspaceId: fx.team.workspace._id, url: PUBLIC_HOOK, events: ['sync.completed'], secretEnc: encryptSecret('whsec_AAAA'), createdBy: fx.team.owner.user._id });
  return e._id.toHexString();
}
async function freshDelivery(fx: Fixture): Promise<string> {
  const endpointId = await freshEndpoint(fx);
  const d = await WebhookDeliveryModel.create({ workspaceId: fx.team.workspace._id, endpointId: oid(endpointId), eventType: 'sync.completed', messageId: `msg_${suffix()}`, payload: '{}', status: 'failed', attemptCount: 1 });
  return d._id.toHexString();
}
/** A public address (no DNS needed), so the SSRF guard accepts it. */
const PUBLIC_HOOK = 'https://93.184.216.34/hooks';
async function freshReport(fx: Fixture): Promise<string> {
  const r = await CustomReportModel.create({
    workspaceId: fx.team.workspace._id,
    name: 'Use up',
    range: { preset: 'last_7_days' },
    comparison: 'none',
    sections: ['kpis'],
    branding: { hideSoashMark: false },
    createdBy: fx.team.owner.user._id,
  });
  return r._id.toHexString();
}
async function freshSchedule(fx: Fixture): Promise<string> {
  const s = await ReportScheduleModel.create({
    workspaceId: fx.team.workspace._id,
    reportId: oid(fx.objects.report),
    frequency: 'monthly',
    dayOfMonth: 1,
    hour: 8,
    paper: 'A4',
    memberIds: [fx.team.viewer.user._id],
    enabled: true,
    nextRunAt: new Date(Date.now() + 86_400_000),
    timezone: 'UTC',
    createdBy: fx.team.owner.user._id,
  });
  return s._id.toHexString();
}
async function freshAlertRule(fx: Fixture): Promise<string> {
  const r = await AlertRuleModel.create({ workspaceId: fx.team.workspace._id, name: 'Use up', kind: 'sync_failed', channels: ['in_app'], recipients: 'editors', quietHours: 24, digestHour: 9, createdBy: fx.team.owner.user._id });
  return r._id.toHexString();
}
async function freshShareLink(fx: Fixture): Promise<string> {
  const link = await ReportShareLinkModel.create({
    workspaceId: fx.team.workspace._id,
    reportId: oid(fx.objects.report),
    tokenHash: suffix() + suffix(),
    expiresAt: new Date(Date.now() + 86_400_000),
    createdBy: fx.team.owner.user._id,
  });
  return link._id.toHexString();
}
async function freshEditor(fx: Fixture): Promise<string> {
  return (await addMember(fx.team, EDITOR)).actor.userId;
}

/** Minimal valid variables for every operation that is workspace-scoped or takes an id. */
const CASES: Record<string, Case> = {
  'Query.alertRules': { query: '{ alertRules { id } }' },
  'Query.alertEvents': { query: '{ alertEvents { totalCount } }' },
  'Query.notifications': { query: '{ notifications { totalCount } }' },
  'Query.unreadNotificationCount': { query: '{ unreadNotificationCount }' },
  'Mutation.createAlertRule': { query: 'mutation { createAlertRule(input: { name: "Sync", kind: SYNC_FAILED, channels: [IN_APP] }) { id } }' },
  'Mutation.updateAlertRule': { query: 'mutation($id: ID!) { updateAlertRule(id: $id, input: { name: "Renamed" }) { id } }', vars: (fx) => ({ id: fx.objects.alertRule }) },
  'Mutation.deleteAlertRule': { query: 'mutation($id: ID!) { deleteAlertRule(id: $id) }', vars: async (fx) => ({ id: await freshAlertRule(fx) }) },
  'Mutation.markNotificationsRead': { query: 'mutation { markNotificationsRead(all: true) }' },
  'Query.activities': { query: '{ activities { totalCount } }' },
  'Query.apiKeys': { query: '{ apiKeys { id } }' },
  'Query.activity': { query: 'query($id: ID!) { activity(id: $id) { id } }', vars: (fx) => ({ id: fx.objects.activity }) },
  'Query.audienceDemographics': { query: '{ audienceDemographics { __typename } }' },
  'Query.auditLog': { query: '{ auditLog { __typename } }' },
  'Query.bestTimesToPost': { query: `{ bestTimesToPost(input: { range: ${RANGE} }) { totalPosts } }` },
  'Query.categories': { query: '{ categories { id } }' },
  'Query.connectorHealth': { query: '{ connectorHealth { platformId } }' },
  'Query.contentTypePerformance': { query: `{ contentTypePerformance(input: { range: ${RANGE} }) { posts } }` },
  'Query.customReports': { query: '{ customReports { id } }' },
  'Query.customReport': { query: 'query($id: ID!) { customReport(id: $id) { id } }', vars: (fx) => ({ id: fx.objects.report }) },
  'Query.reportData': { query: 'query($id: ID!) { reportData(id: $id) { range { from } kpis { posts { value } } } }', vars: (fx) => ({ id: fx.objects.report }) },
  'Query.hashtagPerformance': { query: `{ hashtagPerformance(input: { range: ${RANGE} }) { minPosts } }` },
  'Query.insights': { query: '{ insights { __typename } }' },
  'Query.invitations': { query: '{ invitations { id } }' },
  'Query.members': { query: '{ members { userId } }' },
  'Query.overview': { query: `{ overview(input: { range: ${RANGE} }) { posts { value } } }` },
  'Query.pendingConnection': { query: 'query($id: ID!) { pendingConnection(id: $id) { id } }', vars: (fx) => ({ id: fx.objects.pending }) },
  'Query.performancePatterns': { query: '{ performancePatterns { __typename } }' },
  'Query.platform': { query: 'query($id: ID!) { platform(id: $id) { id } }', vars: (fx) => ({ id: fx.objects.platform }) },
  'Query.platformBreakdown': { query: `{ platformBreakdown(input: { range: ${RANGE} }) { platformId } }` },
  'Query.platforms': { query: '{ platforms { id } }' },
  'Query.postDecay': { query: 'query($id: ID!) { postDecay(activityId: $id) { latestEngagements } }', vars: (fx) => ({ id: fx.objects.activity }) },
  'Query.recommendations': { query: '{ recommendations { __typename } }' },
  'Query.stats': {
    query: 'query($id: ID!, $from: DateTime!, $to: DateTime!) { stats(platformId: $id, from: $from, to: $to) { date } }',
    vars: (fx) => ({ id: fx.objects.platform, from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date().toISOString() }),
  },
  'Query.systemJobs': { query: '{ systemJobs { totalCount } }' },
  'Query.timeseries': { query: `{ timeseries(input: { metric: ENGAGEMENTS, range: ${RANGE} }) { points { bucket } } }` },
  'Query.topActivities': { query: `{ topActivities(input: { range: ${RANGE} }) { rank } }` },
  'Query.webhookEndpoints': { query: '{ webhookEndpoints { id } }' },
  'Query.webhookDeliveries': { query: 'query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount } }', vars: async (fx) => ({ id: await freshEndpoint(fx) }) },
  'Mutation.createWebhookEndpoint': { query: `mutation { createWebhookEndpoint(input: { url: "${PUBLIC_HOOK}", events: [SYNC_COMPLETED] }) { secret } }` },
  'Mutation.updateWebhookEndpoint': { query: 'mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { description: "x" }) { id } }', vars: async (fx) => ({ id: await freshEndpoint(fx) }) },
  'Mutation.deleteWebhookEndpoint': { query: 'mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', vars: async (fx) => ({ id: await freshEndpoint(fx) }) },
  'Mutation.rotateWebhookSecret': { query: 'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }', vars: async (fx) => ({ id: await freshEndpoint(fx) }) },
  'Mutation.replayWebhookDelivery': { query: 'mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }', vars: async (fx) => ({ id: await freshDelivery(fx) }) },
  'Mutation.sendTestWebhook': { query: 'mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }', vars: async (fx) => ({ id: await freshEndpoint(fx) }) },
  'Query.workspace': { query: 'query($id: ID!) { workspace(id: $id) { id viewerRole } }', vars: (fx) => ({ id: fx.team.workspaceId }) },
  'Mutation.adminDeleteUser': { query: 'mutation($id: ID!) { adminDeleteUser(id: $id) }', vars: async () => ({ id: (await createUser()).user._id.toHexString() }) },
  'Mutation.adminUpdateUser': { query: 'mutation($id: ID!) { adminUpdateUser(id: $id, input: { role: ADMIN }) { id } }', vars: (fx) => ({ id: fx.objects.member }) },
  'Mutation.rotateOAuthAppSecret': { query: 'mutation($id: ID!) { rotateOAuthAppSecret(id: $id) { clientSecret } }', vars: async () => ({ id: (await createOAuthApp())._id.toHexString() }) },
  'Mutation.deleteOAuthApp': { query: 'mutation($id: ID!) { deleteOAuthApp(id: $id) }', vars: async () => ({ id: (await createOAuthApp())._id.toHexString() }) },
  // The fixture's grant is the owner's: a grant is its user's alone, whatever their role in the workspace.
  'Mutation.revokeConnectedApp': {
    query: 'mutation($id: ID!) { revokeConnectedApp(id: $id) { id } }',
    vars: (fx) => ({ id: fx.objects.oauthGrant }),
    outcomes: { admin: 'NOT_FOUND', editor: 'NOT_FOUND', viewer: 'NOT_FOUND' },
  },
  'Mutation.markReferralPaid': { query: 'mutation($id: ID!) { markReferralPaid(id: $id) { id } }', vars: () => ({ id: new Types.ObjectId().toHexString() }) },
  'Mutation.assignCategories': {
    query: 'mutation($a: ID!, $c: [ID!]!) { assignCategories(activityId: $a, categoryIds: $c) { id } }',
    vars: (fx) => ({ a: fx.objects.activity, c: [fx.objects.category] }),
  },
  'Mutation.changeRole': { query: 'mutation($u: ID!) { changeRole(userId: $u, role: VIEWER) { role } }', vars: async (fx) => ({ u: await freshEditor(fx) }) },
  'Mutation.completeConnection': {
    query: 'mutation($id: ID!) { completeConnection(input: { id: $id, choices: ["1001"] }) { id } }',
    vars: async (fx) => ({ id: (await createPendingConnection(fx.team.workspace._id))._id.toHexString() }),
  },
  'Mutation.completeOnboarding': { query: 'mutation { completeOnboarding(input: { industry: "Tea" }) { onboardingCompleted } }' },
  'Mutation.connectPlatform': { query: 'mutation { connectPlatform(input: { type: TIKTOK, sandbox: true }) { platform { id } } }' },
  'Mutation.createApiKey': { query: 'mutation { createApiKey(input: { name: "Partner", scopes: [POSTS_READ] }) { apiKey { id } } }' },
  'Mutation.revokeApiKey': { query: 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', vars: async (fx) => ({ id: await freshApiKey(fx) }) },
  'Mutation.rotateApiKey': { query: 'mutation($id: ID!) { rotateApiKey(id: $id) { apiKey { id } } }', vars: async (fx) => ({ id: await freshApiKey(fx) }) },
  'Mutation.createCategory': { query: 'mutation($n: String!) { createCategory(input: { name: $n, colorCode: "#112233" }) { id } }', vars: () => ({ n: `New ${suffix()}` }) },
  'Mutation.createCustomReport': {
    query: 'mutation($p: ID!) { createCustomReport(input: { name: "Weekly", platformIds: [$p], range: { preset: LAST_7_DAYS }, sections: [KPIS] }) { id } }',
    vars: (fx) => ({ p: fx.objects.platform }),
  },
  'Mutation.updateCustomReport': { query: 'mutation($id: ID!) { updateCustomReport(id: $id, input: { name: "Renamed" }) { id } }', vars: (fx) => ({ id: fx.objects.report }) },
  'Mutation.deleteCustomReport': { query: 'mutation($id: ID!) { deleteCustomReport(id: $id) }', vars: async (fx) => ({ id: await freshReport(fx) }) },
  'Query.reportSchedules': { query: 'query($id: ID!) { reportSchedules(reportId: $id) { id } }', vars: (fx) => ({ id: fx.objects.report }) },
  'Query.reportDeliveries': { query: 'query($id: ID) { reportDeliveries(scheduleId: $id) { totalCount } }', vars: (fx) => ({ id: fx.objects.reportSchedule }) },
  'Mutation.createReportSchedule': {
    query: 'mutation($r: ID!, $m: ID!) { createReportSchedule(input: { reportId: $r, frequency: WEEKLY, weekday: 1, hour: 9, memberIds: [$m] }) { id } }',
    vars: (fx) => ({ r: fx.objects.report, m: fx.objects.member }),
  },
  'Mutation.updateReportSchedule': { query: 'mutation($id: ID!) { updateReportSchedule(id: $id, input: { hour: 10 }) { id } }', vars: (fx) => ({ id: fx.objects.reportSchedule }) },
  'Mutation.pauseReportSchedule': { query: 'mutation($id: ID!) { pauseReportSchedule(id: $id) { id } }', vars: async (fx) => ({ id: await freshSchedule(fx) }) },
  'Mutation.resumeReportSchedule': { query: 'mutation($id: ID!) { resumeReportSchedule(id: $id) { id } }', vars: async (fx) => ({ id: await freshSchedule(fx) }) },
  'Mutation.deleteReportSchedule': { query: 'mutation($id: ID!) { deleteReportSchedule(id: $id) }', vars: async (fx) => ({ id: await freshSchedule(fx) }) },
  'Mutation.retryReportDelivery': { query: 'mutation($id: ID!) { retryReportDelivery(id: $id) { id } }', vars: (fx) => ({ id: fx.objects.reportDelivery }) },
  'Query.reportShareLinks': { query: 'query($id: ID!) { reportShareLinks(reportId: $id) { id } }', vars: (fx) => ({ id: fx.objects.report }) },
  'Mutation.createReportShareLink': { query: 'mutation($id: ID!) { createReportShareLink(input: { reportId: $id }) { url } }', vars: (fx) => ({ id: fx.objects.report }) },
  'Mutation.updateReportShareLink': { query: 'mutation($id: ID!) { updateReportShareLink(id: $id, input: { label: "Client" }) { id } }', vars: async (fx) => ({ id: await freshShareLink(fx) }) },
  'Mutation.revokeReportShareLink': { query: 'mutation($id: ID!) { revokeReportShareLink(id: $id) { id } }', vars: async (fx) => ({ id: await freshShareLink(fx) }) },
  'Mutation.deleteCategory': { query: 'mutation($id: ID!) { deleteCategory(id: $id) }', vars: async (fx) => ({ id: await freshCategory(fx) }) },
  'Mutation.deleteWorkspace': {
    query: 'mutation($id: ID!, $p: String!) { deleteWorkspace(id: $id, password: $p) }',
    vars: (fx) => ({ id: fx.team.workspaceId, p: OWNER_PASSWORD }),
    fresh: true,
    // Signed-in with a workspace id: the service lets only its owner delete it.
    outcomes: { admin: 'FORBIDDEN', editor: 'FORBIDDEN', viewer: 'FORBIDDEN' },
  },
  'Mutation.disconnectPlatform': {
    query: 'mutation($id: ID!) { disconnectPlatform(id: $id) }',
    vars: async (fx) => ({ id: (await createPlatform(fx.team.workspace._id))._id.toHexString() }),
  },
  'Mutation.dismissInsight': { query: 'mutation($id: ID!) { dismissInsight(id: $id) { id } }', vars: (fx) => ({ id: fx.objects.insight }) },
  'Mutation.exportReport': { query: 'mutation($id: ID!) { exportReport(id: $id, format: XLSX) { filename } }', vars: (fx) => ({ id: fx.objects.report }) },
  'Mutation.exportCsv': { query: `mutation { exportCsv(input: { report: POSTS, range: ${RANGE}, delivery: INLINE }) { rowCount } }` },
  'Mutation.invite': { query: 'mutation($e: String!) { invite(email: $e, role: VIEWER) { id } }', vars: () => ({ e: `new-${suffix()}@example.test` }) },
  'Mutation.leaveWorkspace': { query: 'mutation { leaveWorkspace }', fresh: true, outcomes: { owner: 'FORBIDDEN' } },
  'Mutation.markInsightRead': {
    query: 'mutation($id: ID!) { markInsightRead(id: $id) { id } }',
    vars: async (fx) => {
      const insight = await AiInsightModel.create({ workspaceId: fx.team.workspace._id, insightType: 'performance', title: 'Unread', priority: 'low', key: `k-${suffix()}` });
      return { id: insight._id.toHexString() };
    },
  },
  'Mutation.markRecommendationUsed': { query: 'mutation($id: ID!) { markRecommendationUsed(id: $id) { id } }', vars: (fx) => ({ id: fx.objects.recommendation }) },
  'Mutation.rateRecommendation': { query: 'mutation($id: ID!) { rateRecommendation(id: $id, score: 4) { id } }', vars: (fx) => ({ id: fx.objects.recommendation }) },
  'Mutation.removeMember': { query: 'mutation($u: ID!) { removeMember(userId: $u) { isActive } }', vars: async (fx) => ({ u: await freshEditor(fx) }) },
  'Mutation.resendInvitation': {
    query: 'mutation($id: ID!) { resendInvitation(id: $id) { id } }',
    vars: async (fx) => ({ id: (await createInvitation(fx.team.workspace._id, fx.team.owner.user._id))._id.toHexString() }),
  },
  'Mutation.revokeInvitation': {
    query: 'mutation($id: ID!) { revokeInvitation(id: $id) { id } }',
    vars: async (fx) => ({ id: (await createInvitation(fx.team.workspace._id, fx.team.owner.user._id))._id.toHexString() }),
  },
  // A fresh account per call: a sync request has a cooldown per account.
  'Mutation.syncPlatform': { query: 'mutation($id: ID!) { syncPlatform(id: $id) { id } }', vars: async (fx) => ({ id: (await createPlatform(fx.team.workspace._id))._id.toHexString() }) },
  'Mutation.transferOwnership': {
    query: 'mutation($u: ID!, $p: String!) { transferOwnership(userId: $u, password: $p) { role } }',
    vars: (fx) => ({ u: fx.objects.member, p: OWNER_PASSWORD }),
    fresh: true,
  },
  'Mutation.updateCategory': { query: 'mutation($id: ID!) { updateCategory(id: $id, input: { colorCode: "#ABCDEF" }) { id } }', vars: (fx) => ({ id: fx.objects.category }) },
  'Mutation.updateProfile': { query: 'mutation { updateProfile(input: { industry: "Tea" }) { industry } }' },
  'Mutation.updateWorkspace': { query: 'mutation { updateWorkspace(input: { industry: "Tea" }) { id } }' },
  'Subscription.syncProgress': { query: 'subscription($id: ID!) { syncProgress(platformId: $id) { finished } }', vars: (fx) => ({ id: fx.objects.platform }) },
};

/** The rule each operation declares, read from type-graphql's metadata (method and class @Authorized). */
function declaredRules(): Record<string, Rule> {
  const m = getMetadataStorage();
  const out: Record<string, Rule> = {};
  const kinds = [
    ['Query', m.queries],
    ['Mutation', m.mutations],
    ['Subscription', m.subscriptions],
  ] as const;
  for (const [kind, list] of kinds) {
    for (const op of list) {
      const roles =
        m.authorizedFields.find((a) => a.target === op.target && a.fieldName === op.methodName)?.roles ??
        m.authorizedResolver.find((a) => a.target === op.target)?.roles;
      const key = `${kind}.${op.schemaName}`;
      if (roles === undefined) out[key] = 'public';
      else if (roles.length === 0) out[key] = 'signed-in';
      else {
        const workspace = roles.map((r) => parseWorkspaceRule(String(r))).filter((r) => r !== undefined);
        if (workspace.length === 1 && roles.length === 1) out[key] = workspace[0]!;
        else if (roles.length === 1 && roles[0] === 'admin') out[key] = 'system-admin';
        else throw new Error(`${key}: a rule this matrix does not know: ${JSON.stringify(roles)}`);
      }
    }
  }
  return out;
}

/** Whether an argument (or a field of an input object in it) is an ID. */
function takesId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  return Object.values(named.getFields()).some((f) => takesId(f.type, new Set([...seen, named.name])));
}

function operationsOf(type: GraphQLObjectType | null | undefined) {
  return Object.values(type?.getFields() ?? {}).map((f) => ({ key: `${type!.name}.${f.name}`, takesId: f.args.some((a) => takesId(a.type)) }));
}

const server = useTestServer({ LINKEDIN_CLIENT_ID: 'li-id', LINKEDIN_CLIENT_SECRET: 'li-secret' });
beforeAll(() => {
  // Completing a (LinkedIn) pending connection needs the app's credentials.
  useConnectorConfig(server.config);
});

/** A workspace whose owner's plan has room for every account the calls connect. */
async function fixture(): Promise<Fixture> {
  const team = await createTeam('Matrix brand');
  await UserModel.updateOne({ _id: team.owner.user._id }, { $set: { subscriptionTier: 'enterprise' } });
  const objects = await workspaceObjects(team.workspace._id);
  const outsider = await createUser();
  const removed = await createUser();
  await TeamMemberModel.create({ workspaceId: team.workspace._id, userId: removed.user._id, role: EDITOR, isActive: false });
  const invitee = await createUser();
  await createInvitation(team.workspace._id, team.owner.user._id, invitee.user.email);
  return {
    team,
    objects,
    headers: { 'X-Workspace-Id': team.workspaceId },
    tokens: {
      owner: team.owner.token,
      admin: team.admin.token,
      editor: team.editor.token,
      viewer: team.viewer.token,
      'non-member': outsider.token,
      'removed member': removed.token,
      'pending invitee': invitee.token,
    },
  };
}

interface Answer {
  data?: unknown;
  error?: { message: string; extensions?: Record<string, unknown> };
}

async function call(key: string, c: Case, token: string | undefined, vars: Record<string, unknown>, workspaceId: string): Promise<Answer> {
  if (key.startsWith('Subscription.')) {
    const { events, errors } = await collectSubscription<Record<string, unknown>>({ server }, token, c.query, vars, { workspaceId });
    const first = (errors.flat() as Array<{ message: string; extensions?: Record<string, unknown> }>)[0];
    return first ? { error: { message: first.message, extensions: first.extensions } } : { data: events[0] };
  }
  const { body } = await server.gql(c.query, vars, token, { 'X-Workspace-Id': workspaceId });
  const first = body.errors?.[0];
  return first ? { data: body.data, error: { message: first.message, extensions: first.extensions } } : { data: body.data };
}

function expected(rule: Rule, who: Who, c: Case): Outcome {
  const override = c.outcomes?.[who];
  if (override) return override;
  if (rule === 'system-admin') return 'FORBIDDEN';
  const role = ({ owner: OWNER, admin: ADMIN, editor: EDITOR, viewer: VIEWER } as Partial<Record<Who, WorkspaceRole>>)[who];
  if (!role) return 'NOT_FOUND';
  if (rule === 'signed-in') return 'allowed';
  return roleAtLeast(role, rule as WorkspaceRole) ? 'allowed' : 'FORBIDDEN';
}

describe('access matrix: every operation has its rule', () => {
  it('each Query, Mutation and Subscription field declares the rule RULES specifies, and no rule is left over', async () => {
    const schema = await buildAppSchema();
    const inSchema = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap(operationsOf).map((o) => o.key).sort();
    expect(Object.keys(RULES).sort(), 'RULES lists exactly the operations of the schema').toEqual(inSchema);
    const declared = declaredRules();
    expect(Object.keys(declared).sort()).toEqual(inSchema);
    expect(declared).toEqual(RULES);
  });

  it('CASES holds variables for exactly the operations that are workspace-scoped or take an id', async () => {
    const schema = await buildAppSchema();
    const ops = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap(operationsOf);
    const declared = declaredRules();
    const needed = ops.filter((o) => o.takesId || !['public', 'signed-in', 'system-admin'].includes(declared[o.key]!)).map((o) => o.key).sort();
    expect(Object.keys(CASES).sort()).toEqual(needed);
  });
});

describe('access matrix: each role against each workspace-scoped or id-taking operation', () => {
  let shared: Fixture;
  beforeAll(async () => {
    shared = await fixture();
  });

  // One test per operation: refused callers get FORBIDDEN or NOT_FOUND (the answer a missing
  // workspace gets), allowed ones no error. Refusals come first (they change nothing).
  for (const [key, c] of Object.entries(CASES)) {
    it(`${key} (${RULES[key]})`, async () => {
      const rule = RULES[key]!;
      const missing = await call(key, c, shared.tokens['non-member'], (await c.vars?.(shared)) ?? {}, new Types.ObjectId().toHexString());
      const failures: string[] = [];
      for (const who of WHO) {
        const outcome = expected(rule, who, c);
        const fx = c.fresh && outcome === 'allowed' ? await fixture() : shared;
        const answer = await call(key, c, fx.tokens[who], (await c.vars?.(fx)) ?? {}, fx.team.workspaceId);
        const label = `as ${who}: expected ${outcome}, got ${JSON.stringify(answer.error ?? 'no error')}`;
        if (outcome === 'allowed' && answer.error) failures.push(label);
        if (outcome === 'FORBIDDEN' && answer.error?.extensions?.code !== 'FORBIDDEN') failures.push(label);
        if (outcome === 'NOT_FOUND') {
          if (answer.error?.extensions?.code !== 'NOT_FOUND') failures.push(label);
          else if (rule !== 'signed-in' && answer.error.message !== missing.error?.message) failures.push(`${label} (a missing workspace: ${JSON.stringify(missing.error)})`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('anonymous callers get UNAUTHENTICATED from each of them', async () => {
    const failures: string[] = [];
    for (const [key, c] of Object.entries(CASES)) {
      const answer = await call(key, c, undefined, (await c.vars?.(shared)) ?? {}, shared.team.workspaceId);
      if (answer.error?.extensions?.code !== 'UNAUTHENTICATED') failures.push(`${key}: ${JSON.stringify(answer.error)}`);
    }
    expect(failures).toEqual([]);
  });

  it('refused calls change nothing: the workspace keeps its members, roles and owner', async () => {
    const members = await TeamMemberModel.find({ workspaceId: shared.team.workspace._id, userId: { $in: [shared.team.owner, shared.team.admin, shared.team.editor, shared.team.viewer].map((m) => m.user._id) } }).lean();
    expect(members.map((m) => [m.userId.toHexString(), m.role, m.isActive]).sort()).toEqual(
      [shared.team.owner, shared.team.admin, shared.team.editor, shared.team.viewer].map((m) => [m.actor.userId, m.actor.workspaceRole, true]).sort(),
    );
    expect(await UserModel.findById(oid(shared.objects.member)).lean()).toMatchObject({ role: 'user' });
  });
});
