import {
  getNamedType,
  isInputObjectType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOAuthApp, createUser, workspaceObjects, type WorkspaceObjects } from '../../../test/helpers/fixtures.js';
import { OAuthAppModel } from '../../modules/oauth-apps/oauth.models.js';
import { errorOf, useTestServer } from '../../../test/helpers/server.js';
import { ReferralCodeModel } from '../../modules/referrals/referral-code.model.js';
import { ReferralSignupModel } from '../../modules/referrals/referral-signup.model.js';
import { UserModel } from '../../modules/users/user.model.js';
import { TeamMemberModel } from '../../modules/workspaces/team-member.model.js';
import { hashPassword } from '../../auth/password.js';
import { useConnectorConfig } from '../../connectors/config.js';
import { buildAppSchema } from '../schema.js';

/**
 * Every operation that takes an id, in one table: another workspace's id must answer exactly like a
 * missing one (NOT_FOUND, same message), and a malformed id BAD_USER_INPUT naming the argument.
 * A schema walk makes sure the table lists every ID argument, including ids inside input objects,
 * so a new operation cannot skip these checks.
 *
 * The objects live in a second workspace of their owner (not the personal one, whose id is the
 * owner's user id), chosen with the X-Workspace-Id header, so a service that scoped by the user's
 * id instead of the workspace's would fail here. The attackers: another user in their own
 * workspace; the same user naming the victim's workspace in the header; a removed member.
 */

// LinkedIn app credentials, so that completing a (LinkedIn) pending connection can succeed.
// Operations such as syncPlatform queue jobs; nothing here runs them.
const server = useTestServer({ LINKEDIN_CLIENT_ID: 'li-id', LINKEDIN_CLIENT_SECRET: 'li-secret' });
const OWNER_PASSWORD = 'the owners password 42';
let ownerPasswordHash: string;
beforeAll(async () => {
  ownerPasswordHash = await hashPassword(OWNER_PASSWORD);
  useConnectorConfig(server.config);
});
// Recent enough for every plan's history limit (the limits have their own suite).
const RANGE = { from: new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString(), to: new Date().toISOString() };

interface Owned extends WorkspaceObjects {
  workspace: string;
  user: string;
}

interface Case {
  /** `Query.field` or `Mutation.field`, plus the path of the ID argument. */
  op: string;
  arg: string;
  query: string;
  /** Variables addressing `id`; `own` holds the caller's own objects, for operations that take two ids. */
  vars: (id: string, own: Owned) => Record<string, unknown>;
  /** The id of user A's object this operation addresses. */
  target: (a: Owned) => string;
  /** The name BAD_USER_INPUT gives for a malformed id. */
  field: string;
  /** Admin operations address any user: they are checked for FORBIDDEN instead of NOT_FOUND. */
  admin?: boolean;
  /** For admin operations on something other than a user: an object the admin can act on. */
  adminTarget?: () => Promise<string>;
}

// A recent range: within every plan's history limit (the limits have their own suite).
const ymd = (daysAgo: number) => new Date(Date.now() - daysAgo * 24 * 3600 * 1000).toISOString().slice(0, 10);
const DAYS = `{ from: "${ymd(30)}", to: "${ymd(1)}" }`;

/** An analytics input's account and category filters, addressed by one operation. */
function analyticsFilterCases(op: string, query: (filter: string) => string): Case[] {
  return [
    { op, arg: 'input.filter.platformIds', query: query('{ platformIds: [$id] }'), vars: (id) => ({ id }), target: (a) => a.platform, field: 'filter.platformIds' },
    { op, arg: 'input.filter.categoryIds', query: query('{ categoryIds: [$id] }'), vars: (id) => ({ id }), target: (a) => a.category, field: 'filter.categoryIds' },
  ];
}

const CASES: Case[] = [
  { op: 'Query.workspace', arg: 'id', query: 'query($id: ID!) { workspace(id: $id) { id name } }', vars: (id) => ({ id }), target: (a) => a.workspace, field: 'id' },
  {
    op: 'Mutation.updateWorkspace',
    arg: 'workspaceId',
    query: 'mutation($id: ID) { updateWorkspace(workspaceId: $id, input: { industry: "Tea" }) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.workspace,
    field: 'workspaceId',
  },
  {
    op: 'Query.pendingConnection',
    arg: 'id',
    query: 'query($id: ID!) { pendingConnection(id: $id) { id choices { id } } }',
    vars: (id) => ({ id }),
    target: (a) => a.pending,
    field: 'id',
  },
  {
    op: 'Mutation.completeConnection',
    arg: 'input.id',
    query: 'mutation($input: CompleteConnectionInput!) { completeConnection(input: $input) { id } }',
    vars: (id) => ({ input: { id, choices: ['1001'] } }),
    target: (a) => a.pending,
    field: 'id',
  },
  { op: 'Query.platform', arg: 'id', query: 'query($id: ID!) { platform(id: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.platform, field: 'id' },
  { op: 'Query.activity', arg: 'id', query: 'query($id: ID!) { activity(id: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.activity, field: 'id' },
  {
    op: 'Query.stats',
    arg: 'platformId',
    query: 'query($id: ID!, $from: DateTime!, $to: DateTime!) { stats(platformId: $id, from: $from, to: $to) { date } }',
    vars: (id) => ({ id, ...RANGE }),
    target: (a) => a.platform,
    field: 'platformId',
  },
  {
    op: 'Query.systemJobs',
    arg: 'platformId',
    query: 'query($id: ID) { systemJobs(platformId: $id) { totalCount } }',
    vars: (id) => ({ id }),
    target: (a) => a.platform,
    field: 'platformId',
  },
  {
    op: 'Query.activities',
    arg: 'filter.platformIds',
    query: 'query($id: ID!) { activities(filter: { platformIds: [$id] }) { totalCount } }',
    vars: (id) => ({ id }),
    target: (a) => a.platform,
    field: 'platformIds',
  },
  {
    op: 'Query.activities',
    arg: 'filter.categoryId',
    query: 'query($id: ID!) { activities(filter: { categoryId: $id }) { totalCount } }',
    vars: (id) => ({ id }),
    target: (a) => a.category,
    field: 'categoryId',
  },
  {
    op: 'Mutation.updateCategory',
    arg: 'id',
    query: 'mutation($id: ID!) { updateCategory(id: $id, input: { colorCode: "#ABCDEF" }) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.category,
    field: 'id',
  },
  {
    op: 'Mutation.deleteCategory',
    arg: 'id',
    query: 'mutation($id: ID!) { deleteCategory(id: $id) }',
    vars: (id) => ({ id }),
    target: (a) => a.category,
    field: 'id',
  },
  {
    op: 'Mutation.assignCategories',
    arg: 'activityId',
    query: 'mutation($id: ID!, $c: [ID!]!) { assignCategories(activityId: $id, categoryIds: $c) { id } }',
    vars: (id, own) => ({ id, c: [own.category] }),
    target: (a) => a.activity,
    field: 'activityId',
  },
  {
    op: 'Mutation.assignCategories',
    arg: 'categoryIds',
    query: 'mutation($a: ID!, $id: ID!) { assignCategories(activityId: $a, categoryIds: [$id]) { id } }',
    vars: (id, own) => ({ a: own.activity, id }),
    target: (a) => a.category,
    field: 'categoryIds',
  },
  {
    op: 'Mutation.markReferralPaid',
    arg: 'id',
    query: 'mutation($id: ID!) { markReferralPaid(id: $id) { id conversionStatus } }',
    vars: (id) => ({ id }),
    target: (a) => a.user,
    field: 'id',
    admin: true,
    adminTarget: async () => {
      const referrer = await createUser();
      const code = await ReferralCodeModel.create({ userId: referrer.user._id, code: `O${randomBytes(4).toString('hex').toUpperCase()}-REF` });
      const signup = await ReferralSignupModel.create({
        referralCodeId: code._id,
        referrerUserId: referrer.user._id,
        refereeUserId: new Types.ObjectId(),
        signupDate: new Date(),
        conversionStatus: 'converted',
        commissionCents: 580,
        // Past its holding period, so that an admin can pay it out.
        holdUntil: new Date(Date.now() - 1000),
      });
      return signup._id.toHexString();
    },
  },
  {
    op: 'Mutation.syncPlatform',
    arg: 'id',
    query: 'mutation($id: ID!) { syncPlatform(id: $id) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.platform,
    field: 'id',
  },
  { op: 'Query.postDecay', arg: 'activityId', query: 'query($id: ID!) { postDecay(activityId: $id) { latestEngagements } }', vars: (id) => ({ id }), target: (a) => a.activity, field: 'activityId' },
  {
    op: 'Query.audienceDemographics',
    arg: 'input.platformIds',
    query: 'query($id: ID!) { audienceDemographics(input: { platformIds: [$id] }) { platforms { platformId } } }',
    vars: (id) => ({ id }),
    target: (a) => a.platform,
    field: 'platformIds',
  },
  ...analyticsFilterCases('Query.overview', (f) => `query($id: ID!) { overview(input: { range: ${DAYS}, filter: ${f} }) { posts { value } } }`),
  ...analyticsFilterCases('Query.timeseries', (f) => `query($id: ID!) { timeseries(input: { metric: ENGAGEMENTS, range: ${DAYS}, filter: ${f} }) { points { bucket } } }`),
  ...analyticsFilterCases('Query.platformBreakdown', (f) => `query($id: ID!) { platformBreakdown(input: { range: ${DAYS}, filter: ${f} }) { platformId } }`),
  ...analyticsFilterCases('Query.topActivities', (f) => `query($id: ID!) { topActivities(input: { range: ${DAYS}, filter: ${f} }) { rank } }`),
  ...analyticsFilterCases('Query.contentTypePerformance', (f) => `query($id: ID!) { contentTypePerformance(input: { range: ${DAYS}, filter: ${f} }) { posts } }`),
  ...analyticsFilterCases('Query.hashtagPerformance', (f) => `query($id: ID!) { hashtagPerformance(input: { range: ${DAYS}, filter: ${f} }) { minPosts } }`),
  ...analyticsFilterCases('Query.bestTimesToPost', (f) => `query($id: ID!) { bestTimesToPost(input: { range: ${DAYS}, filter: ${f} }) { totalPosts } }`),
  ...analyticsFilterCases('Mutation.exportCsv', (f) => `mutation($id: ID!) { exportCsv(input: { report: POSTS, range: ${DAYS}, filter: ${f}, delivery: INLINE }) { rowCount } }`),
  { op: 'Mutation.markInsightRead', arg: 'id', query: 'mutation($id: ID!) { markInsightRead(id: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.insight, field: 'id' },
  { op: 'Mutation.dismissInsight', arg: 'id', query: 'mutation($id: ID!) { dismissInsight(id: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.insight, field: 'id' },
  {
    op: 'Mutation.rateRecommendation',
    arg: 'id',
    query: 'mutation($id: ID!) { rateRecommendation(id: $id, score: 4) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.recommendation,
    field: 'id',
  },
  {
    op: 'Mutation.markRecommendationUsed',
    arg: 'id',
    query: 'mutation($id: ID!) { markRecommendationUsed(id: $id) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.recommendation,
    field: 'id',
  },
  {
    op: 'Mutation.adminUpdateUser',
    arg: 'id',
    query: 'mutation($id: ID!) { adminUpdateUser(id: $id, input: { role: ADMIN }) { id role } }',
    vars: (id) => ({ id }),
    target: (a) => a.user,
    field: 'id',
    admin: true,
  },
  {
    op: 'Mutation.rotateOAuthAppSecret',
    arg: 'id',
    query: 'mutation($id: ID!) { rotateOAuthAppSecret(id: $id) { clientSecret } }',
    vars: (id) => ({ id }),
    target: (a) => a.user,
    field: 'id',
    admin: true,
    adminTarget: async () => (await createOAuthApp())._id.toHexString(),
  },
  {
    op: 'Mutation.deleteOAuthApp',
    arg: 'id',
    query: 'mutation($id: ID!) { deleteOAuthApp(id: $id) }',
    vars: (id) => ({ id }),
    target: (a) => a.user,
    field: 'id',
    admin: true,
    adminTarget: async () => (await createOAuthApp())._id.toHexString(),
  },
  {
    op: 'Mutation.revokeConnectedApp',
    arg: 'id',
    query: 'mutation($id: ID!) { revokeConnectedApp(id: $id) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.oauthGrant,
    field: 'id',
  },
  {
    op: 'Mutation.adminDeleteUser',
    arg: 'id',
    query: 'mutation($id: ID!) { adminDeleteUser(id: $id) }',
    vars: (id) => ({ id }),
    target: (a) => a.user,
    field: 'id',
    admin: true,
  },
  {
    op: 'Mutation.changeRole',
    arg: 'userId',
    query: 'mutation($id: ID!) { changeRole(userId: $id, role: VIEWER) { userId role } }',
    vars: (id) => ({ id }),
    target: (a) => a.member,
    field: 'userId',
  },
  {
    op: 'Mutation.removeMember',
    arg: 'userId',
    query: 'mutation($id: ID!) { removeMember(userId: $id) { userId isActive } }',
    vars: (id) => ({ id }),
    target: (a) => a.member,
    field: 'userId',
  },
  {
    op: 'Mutation.transferOwnership',
    arg: 'userId',
    query: 'mutation($id: ID!, $p: String!) { transferOwnership(userId: $id, password: $p) { userId role } }',
    vars: (id) => ({ id, p: OWNER_PASSWORD }),
    target: (a) => a.member,
    field: 'userId',
  },
  {
    op: 'Mutation.resendInvitation',
    arg: 'id',
    query: 'mutation($id: ID!) { resendInvitation(id: $id) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.invitation,
    field: 'id',
  },
  {
    op: 'Mutation.revokeInvitation',
    arg: 'id',
    query: 'mutation($id: ID!) { revokeInvitation(id: $id) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.invitation,
    field: 'id',
  },
  {
    op: 'Mutation.rotateApiKey',
    arg: 'id',
    query: 'mutation($id: ID!) { rotateApiKey(id: $id) { apiKey { id } } }',
    vars: (id) => ({ id }),
    target: (a) => a.apiKey,
    field: 'id',
  },
  {
    op: 'Mutation.revokeApiKey',
    arg: 'id',
    query: 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.apiKey,
    field: 'id',
  },
  {
    op: 'Query.webhookDeliveries',
    arg: 'endpointId',
    query: 'query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount } }',
    vars: (id) => ({ id }),
    target: (a) => a.webhookEndpoint,
    field: 'endpointId',
  },
  {
    op: 'Mutation.updateWebhookEndpoint',
    arg: 'id',
    query: 'mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { description: "mine" }) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.webhookEndpoint,
    field: 'id',
  },
  {
    op: 'Mutation.rotateWebhookSecret',
    arg: 'id',
    query: 'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
    vars: (id) => ({ id }),
    target: (a) => a.webhookEndpoint,
    field: 'id',
  },
  {
    op: 'Mutation.sendTestWebhook',
    arg: 'endpointId',
    query: 'mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.webhookEndpoint,
    field: 'endpointId',
  },
  {
    op: 'Mutation.replayWebhookDelivery',
    arg: 'id',
    query: 'mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.webhookDelivery,
    field: 'id',
  },
  {
    op: 'Mutation.deleteWebhookEndpoint',
    arg: 'id',
    query: 'mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }',
    vars: (id) => ({ id }),
    target: (a) => a.webhookEndpoint,
    field: 'id',
  },
  { op: 'Query.alertEvents', arg: 'ruleId', query: 'query($id: ID!) { alertEvents(ruleId: $id) { totalCount } }', vars: (id) => ({ id }), target: (a) => a.alertRule, field: 'ruleId' },
  { op: 'Mutation.updateAlertRule', arg: 'id', query: 'mutation($id: ID!) { updateAlertRule(id: $id, input: { name: "Renamed" }) { id } }', vars: (id) => ({ id }), target: (a) => a.alertRule, field: 'id' },
  {
    op: 'Mutation.updateAlertRule',
    arg: 'input.platformIds',
    query: 'mutation($r: ID!, $id: ID!) { updateAlertRule(id: $r, input: { platformIds: [$id] }) { id } }',
    vars: (id, own) => ({ r: own.alertRule, id }),
    target: (a) => a.platform,
    field: 'platformIds',
  },
  {
    op: 'Mutation.updateAlertRule',
    arg: 'input.recipientIds',
    query: 'mutation($r: ID!, $id: ID!) { updateAlertRule(id: $r, input: { recipients: CHOSEN, recipientIds: [$id] }) { id } }',
    vars: (id, own) => ({ r: own.alertRule, id }),
    target: (a) => a.member,
    field: 'recipientIds',
  },
  {
    op: 'Mutation.createAlertRule',
    arg: 'input.platformIds',
    query: 'mutation($id: ID!) { createAlertRule(input: { name: "Sync", kind: SYNC_FAILED, channels: [IN_APP], platformIds: [$id] }) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.platform,
    field: 'platformIds',
  },
  {
    op: 'Mutation.createAlertRule',
    arg: 'input.recipientIds',
    query: 'mutation($id: ID!) { createAlertRule(input: { name: "Sync", kind: SYNC_FAILED, channels: [EMAIL], recipients: CHOSEN, recipientIds: [$id] }) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.member,
    field: 'recipientIds',
  },
  { op: 'Mutation.markNotificationsRead', arg: 'ids', query: 'mutation($id: ID!) { markNotificationsRead(ids: [$id]) }', vars: (id) => ({ id }), target: (a) => a.notification, field: 'ids' },
  { op: 'Mutation.deleteAlertRule', arg: 'id', query: 'mutation($id: ID!) { deleteAlertRule(id: $id) }', vars: (id) => ({ id }), target: (a) => a.alertRule, field: 'id' },
  { op: 'Query.customReport', arg: 'id', query: 'query($id: ID!) { customReport(id: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.report, field: 'id' },
  { op: 'Query.reportData', arg: 'id', query: 'query($id: ID!) { reportData(id: $id) { range { from } kpis { posts { value } } } }', vars: (id) => ({ id }), target: (a) => a.report, field: 'id' },
  {
    op: 'Mutation.updateCustomReport',
    arg: 'id',
    query: 'mutation($id: ID!) { updateCustomReport(id: $id, input: { name: "Renamed" }) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.report,
    field: 'id',
  },
  {
    op: 'Mutation.updateCustomReport',
    arg: 'input.platformIds',
    query: 'mutation($r: ID!, $id: ID!) { updateCustomReport(id: $r, input: { platformIds: [$id] }) { id } }',
    vars: (id, own) => ({ r: own.report, id }),
    target: (a) => a.platform,
    field: 'platformIds',
  },
  {
    op: 'Mutation.createCustomReport',
    arg: 'input.platformIds',
    query: 'mutation($id: ID!) { createCustomReport(input: { name: "Weekly", platformIds: [$id], range: { preset: LAST_7_DAYS }, sections: [KPIS] }) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.platform,
    field: 'platformIds',
  },
  { op: 'Mutation.exportReport', arg: 'id', query: 'mutation($id: ID!) { exportReport(id: $id, format: XLSX) { filename } }', vars: (id) => ({ id }), target: (a) => a.report, field: 'id' },
  { op: 'Query.reportSchedules', arg: 'reportId', query: 'query($id: ID!) { reportSchedules(reportId: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.report, field: 'reportId' },
  { op: 'Query.reportDeliveries', arg: 'scheduleId', query: 'query($id: ID) { reportDeliveries(scheduleId: $id) { totalCount } }', vars: (id) => ({ id }), target: (a) => a.reportSchedule, field: 'scheduleId' },
  { op: 'Query.reportDeliveries', arg: 'reportId', query: 'query($id: ID) { reportDeliveries(reportId: $id) { totalCount } }', vars: (id) => ({ id }), target: (a) => a.report, field: 'reportId' },
  {
    op: 'Mutation.createReportSchedule',
    arg: 'input.reportId',
    query: 'mutation($id: ID!) { createReportSchedule(input: { reportId: $id, frequency: WEEKLY, weekday: 1, hour: 9, emails: ["client@example.com"] }) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.report,
    field: 'reportId',
  },
  { op: 'Query.reportShareLinks', arg: 'reportId', query: 'query($id: ID!) { reportShareLinks(reportId: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.report, field: 'reportId' },
  {
    op: 'Mutation.createReportShareLink',
    arg: 'input.reportId',
    query: 'mutation($id: ID!) { createReportShareLink(input: { reportId: $id }) { url } }',
    vars: (id) => ({ id }),
    target: (a) => a.report,
    field: 'reportId',
  },
  {
    op: 'Mutation.createReportSchedule',
    arg: 'input.memberIds',
    query: 'mutation($r: ID!, $id: ID!) { createReportSchedule(input: { reportId: $r, frequency: WEEKLY, weekday: 1, hour: 9, memberIds: [$id] }) { id } }',
    vars: (id, own) => ({ r: own.report, id }),
    target: (a) => a.member,
    field: 'memberIds',
  },
  { op: 'Mutation.updateReportSchedule', arg: 'id', query: 'mutation($id: ID!) { updateReportSchedule(id: $id, input: { hour: 7 }) { id } }', vars: (id) => ({ id }), target: (a) => a.reportSchedule, field: 'id' },
  {
    op: 'Mutation.updateReportSchedule',
    arg: 'input.memberIds',
    query: 'mutation($s: ID!, $id: ID!) { updateReportSchedule(id: $s, input: { memberIds: [$id] }) { id } }',
    vars: (id, own) => ({ s: own.reportSchedule, id }),
    target: (a) => a.member,
    field: 'memberIds',
  },
  { op: 'Mutation.pauseReportSchedule', arg: 'id', query: 'mutation($id: ID!) { pauseReportSchedule(id: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.reportSchedule, field: 'id' },
  { op: 'Mutation.resumeReportSchedule', arg: 'id', query: 'mutation($id: ID!) { resumeReportSchedule(id: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.reportSchedule, field: 'id' },
  { op: 'Mutation.retryReportDelivery', arg: 'id', query: 'mutation($id: ID!) { retryReportDelivery(id: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.reportDelivery, field: 'id' },
  { op: 'Mutation.deleteReportSchedule', arg: 'id', query: 'mutation($id: ID!) { deleteReportSchedule(id: $id) }', vars: (id) => ({ id }), target: (a) => a.reportSchedule, field: 'id' },
  {
    op: 'Mutation.updateReportShareLink',
    arg: 'id',
    query: 'mutation($id: ID!) { updateReportShareLink(id: $id, input: { label: "Mine" }) { id } }',
    vars: (id) => ({ id }),
    target: (a) => a.shareLink,
    field: 'id',
  },
  { op: 'Mutation.revokeReportShareLink', arg: 'id', query: 'mutation($id: ID!) { revokeReportShareLink(id: $id) { id } }', vars: (id) => ({ id }), target: (a) => a.shareLink, field: 'id' },
  { op: 'Mutation.deleteCustomReport', arg: 'id', query: 'mutation($id: ID!) { deleteCustomReport(id: $id) }', vars: (id) => ({ id }), target: (a) => a.report, field: 'id' },
  // Last: it removes the platform the cases above address.
  {
    op: 'Mutation.disconnectPlatform',
    arg: 'id',
    query: 'mutation($id: ID!) { disconnectPlatform(id: $id) }',
    vars: (id) => ({ id }),
    target: (a) => a.platform,
    field: 'id',
  },
  // After every other case: it removes the whole workspace.
  {
    op: 'Mutation.deleteWorkspace',
    arg: 'id',
    query: 'mutation($id: ID!, $p: String!) { deleteWorkspace(id: $id, password: $p) }',
    vars: (id) => ({ id, p: OWNER_PASSWORD }),
    target: (a) => a.workspace,
    field: 'id',
  },
];

/** `Type.field` → argument paths of type ID (or [ID]), looking into input objects. */
function idArguments(root: GraphQLObjectType | null | undefined): string[] {
  const out: string[] = [];
  const walk = (prefix: string, type: GraphQLInputType, seen: Set<string>) => {
    const named = getNamedType(type);
    if (named.name === 'ID') out.push(prefix);
    else if (isInputObjectType(named) && !seen.has(named.name)) {
      for (const f of Object.values(named.getFields()) as GraphQLInputField[]) walk(`${prefix}.${f.name}`, f.type, new Set([...seen, named.name]));
    }
  };
  for (const field of Object.values(root?.getFields() ?? {})) {
    for (const arg of field.args as readonly GraphQLArgument[]) walk(`${root!.name}.${field.name}(${arg.name}`, arg.type, new Set());
  }
  return out.map((p) => p.replace('(', ' ')).sort();
}

interface Tenant extends Owned {
  token: string;
  /** Headers that select the tenant's (second) workspace. */
  headers: Record<string, string>;
}

/** A user with a second workspace (fresh id) holding one of everything, selected by X-Workspace-Id. */
async function makeOwner(): Promise<Tenant> {
  // A real password, for operations that confirm with it (transferOwnership).
  // A paid plan: the workspace's objects include a report schedule, and the free plan keeps one.
  const { user, token } = await createUser({ passwordHash: ownerPasswordHash, subscriptionTier: 'pro' });
  const created = await server.gql('mutation { createWorkspace(input: { name: "Client brand" }) { id } }', {}, token);
  const workspace = created.body.data!.createWorkspace.id as string;
  expect(workspace).not.toBe(user._id.toHexString());
  return { ...(await workspaceObjects(new Types.ObjectId(workspace))), workspace, user: user._id.toHexString(), token, headers: { 'X-Workspace-Id': workspace } };
}

describe('ids: successful cases', () => {
  it('lists every ID argument of every query and mutation', async () => {
    const schema = await buildAppSchema();
    const inSchema = [...idArguments(schema.getQueryType()), ...idArguments(schema.getMutationType())].sort();
    const covered = CASES.map((c) => `${c.op} ${c.arg}`).sort();
    expect(covered).toEqual(inSchema);
  });
  it('the owner (or an admin, for user management) reaches each object: the failures below are about ownership', async () => {
    const admin = await createUser({ role: 'admin' });
    for (const c of CASES) {
      // A fresh owner per case: some cases delete what they address.
      const own = await makeOwner();
      const target = c.admin ? await (c.adminTarget ?? (async () => (await createUser()).user._id.toHexString()))() : c.target(own);
      const { body } = await server.gql(c.query, c.vars(target, own), c.admin ? admin.token : own.token, c.admin ? {} : own.headers);
      expect(body.errors, `${c.op} ${c.arg}: ${JSON.stringify(body.errors)}`).toBeUndefined();
    }
    // One fresh workspace with every kind of object per case (about 65): ~15 s alone, minutes
    // when the whole suite shares a busy machine.
  }, 300_000);
});

describe('ids: failing cases', () => {
  it('user B, in their own workspace, gets NOT_FOUND on workspace A’s objects, exactly as for ids that do not exist', async () => {
    const a = await makeOwner();
    const b = await makeOwner();
    for (const c of CASES.filter((x) => !x.admin)) {
      const theirs = await server.gql(c.query, c.vars(c.target(a), b), b.token, b.headers);
      const missing = await server.gql(c.query, c.vars(new Types.ObjectId().toHexString(), b), b.token, b.headers);
      const label = `${c.op} ${c.arg}`;
      expect(theirs.body.data, label).toBeNull();
      expect(errorOf(theirs.body)?.extensions, label).toEqual({ code: 'NOT_FOUND' });
      expect(errorOf(theirs.body)?.message, label).toBe(errorOf(missing.body)?.message);
      expect(errorOf(missing.body)?.extensions, label).toEqual({ code: 'NOT_FOUND' });
    }
  }, 120_000);

  it('naming workspace A in X-Workspace-Id does not let B in: NOT_FOUND, as for a workspace that does not exist', async () => {
    const a = await makeOwner();
    const b = await makeOwner();
    for (const c of CASES.filter((x) => !x.admin)) {
      const intruding = await server.gql(c.query, c.vars(c.target(a), b), b.token, { 'X-Workspace-Id': a.workspace });
      const nowhere = await server.gql(c.query, c.vars(c.target(a), b), b.token, { 'X-Workspace-Id': new Types.ObjectId().toHexString() });
      const label = `${c.op} ${c.arg}`;
      expect(intruding.body.data, label).toBeNull();
      expect(errorOf(intruding.body)?.extensions, label).toEqual({ code: 'NOT_FOUND' });
      expect(errorOf(intruding.body)?.message, label).toBe(errorOf(nowhere.body)?.message);
    }
  }, 120_000);

  it('a removed member loses access on the next request: NOT_FOUND, as for a stranger', async () => {
    const a = await makeOwner();
    const teammate = await createUser();
    const member = await TeamMemberModel.create({ workspaceId: new Types.ObjectId(a.workspace), userId: teammate.user._id, role: 'editor', isActive: true });
    const headers = { 'X-Workspace-Id': a.workspace };
    const before = await server.gql('query($id: ID!) { platform(id: $id) { id } }', { id: a.platform }, teammate.token, headers);
    expect(before.body.errors).toBeUndefined();
    await TeamMemberModel.updateOne({ _id: member._id }, { $set: { isActive: false } });
    for (const c of CASES.filter((x) => !x.admin)) {
      const { body } = await server.gql(c.query, c.vars(c.target(a), a), teammate.token, headers);
      expect(errorOf(body)?.extensions, `${c.op} ${c.arg}`).toEqual({ code: 'NOT_FOUND' });
    }
  }, 120_000);

  it('admin operations on users refuse non-admins with FORBIDDEN and change nothing', async () => {
    const a = await makeOwner();
    const b = await makeOwner();
    for (const c of CASES.filter((x) => x.admin)) {
      const target = c.adminTarget ? await c.adminTarget() : c.target(a);
      const { body } = await server.gql(c.query, c.vars(target, b), b.token, b.headers);
      expect(errorOf(body)?.extensions, c.op).toEqual({ code: 'FORBIDDEN' });
      if (c.op === 'Mutation.markReferralPaid') expect(await ReferralSignupModel.findById(target).lean(), c.op).toMatchObject({ conversionStatus: 'converted' });
      else if (c.adminTarget) expect(await OAuthAppModel.findById(target).select('+secretHash').lean(), c.op).toMatchObject({ secretHash: expect.any(String) });
    }
    expect(await UserModel.findById(a.user).lean()).toMatchObject({ role: 'user' });
  });

  it('a malformed id is BAD_USER_INPUT naming the argument', async () => {
    const b = await makeOwner();
    const admin = await createUser({ role: 'admin' });
    for (const c of CASES) {
      for (const bad of ['nope', '123', 'zzzzzzzzzzzzzzzzzzzzzzzz']) {
        const { body } = await server.gql(c.query, c.vars(bad, b), c.admin ? admin.token : b.token, c.admin ? {} : b.headers);
        expect(errorOf(body)?.extensions, `${c.op} ${c.arg} ${bad}`).toEqual({ code: 'BAD_USER_INPUT', field: c.field });
      }
    }
    // Three calls per case (about 200): well over the default 30 s when the suite shares a busy machine.
  }, 120_000);
});
