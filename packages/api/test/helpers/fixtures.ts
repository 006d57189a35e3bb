import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { signAccessToken } from '../../src/auth/jwt.js';
import { JOBS_COLLECTION } from '../../src/jobs/scheduler.js';
import { ActivityMetricModel } from '../../src/modules/activities/activity-metric.model.js';
import { ActivityModel } from '../../src/modules/activities/activity.model.js';
import { ContentCategoryModel } from '../../src/modules/categories/category.model.js';
import { AiInsightModel } from '../../src/modules/insights/insight.model.js';
import { PerformancePatternModel } from '../../src/modules/insights/performance-pattern.model.js';
import { ContentRecommendationModel, RecommendationEvidenceSource } from '../../src/modules/insights/recommendation.model.js';
import { ReferralCodeModel } from '../../src/modules/referrals/referral-code.model.js';
import { ReferralSignupModel } from '../../src/modules/referrals/referral-signup.model.js';
import { StatsModel } from '../../src/modules/stats/stats.model.js';
import { SystemJobModel } from '../../src/modules/system-jobs/system-job.model.js';
import { CsvReport } from '../../src/modules/analytics/analytics.enums.js';
import { CustomReportModel } from '../../src/modules/reports/custom-report.model.js';
import { AlertEventModel, AlertQuietModel } from '../../src/modules/alerts/alert-event.model.js';
import { AlertRuleModel } from '../../src/modules/alerts/alert-rule.model.js';
import { AlertMailModel, NotificationModel } from '../../src/modules/alerts/notification.model.js';
import { ReportExportFileModel } from '../../src/modules/reports/report-export.model.js';
import { ReportDeliveryModel, ReportScheduleModel } from '../../src/modules/reports/report-schedule.model.js';
import { ReportShareLinkModel } from '../../src/modules/reports/share-link.model.js';
import { CsvExportTicketModel } from '../../src/modules/analytics/csv-export.model.js';
import { WebhookDeliveryModel } from '../../src/modules/webhooks/webhook-delivery.model.js';
import { WebhookEndpointModel } from '../../src/modules/webhooks/webhook-endpoint.model.js';
import { OAuthStateModel } from '../../src/modules/platforms/oauth-state.model.js';
import { PlatformModel, type Platform } from '../../src/modules/platforms/platform.model.js';
import { UserModel, type User } from '../../src/modules/users/user.model.js';
import { ensurePersonalWorkspace } from '../../src/modules/workspaces/workspaces.service.js';
import { PendingConnectionModel } from '../../src/modules/platforms/pending-connection.model.js';
import { InvitationModel } from '../../src/modules/workspaces/invitation.model.js';
import { TeamMemberModel } from '../../src/modules/workspaces/team-member.model.js';
import { encryptSecret, hashToken } from '../../src/lib/crypto.js';
import { ApiKeyModel } from '../../src/modules/api-keys/api-key.model.js';
import { newApiKeySecret, newPublicId } from '../../src/modules/api-keys/api-key-token.js';
import { OAuthAppModel, OAuthCodeModel, OAuthGrantModel, OAuthTokenModel } from '../../src/modules/oauth-apps/oauth.models.js';
import { sha256 } from '../../src/modules/oauth-apps/oauth-secrets.js';
import { WorkspaceModel } from '../../src/modules/workspaces/workspace.model.js';
import { TEST_JWT_SECRET } from './server.js';

/**
 * Fixtures that write straight to the database, for tests of features other than sign-up.
 * (The auth flows themselves are tested through the API.)
 */
export async function createUser(overrides: Partial<User> = {}): Promise<{ user: User; token: string }> {
  const suffix = randomBytes(4).toString('hex');
  const doc = await UserModel.create({
    name: `Test User ${suffix}`,
    email: `user-${suffix}@example.test`,
    // Not a real hash: these users sign in through tokens minted below, never with a password.
    passwordHash: 'fixture-without-password',
    ...overrides,
  });
  const user = doc.toObject() as User;
  // Like registration: a personal workspace (id = the user's id) the user owns.
  await ensurePersonalWorkspace(user);
  return { user, token: tokenFor(user) };
}

export function tokenFor(user: Pick<User, '_id' | 'role'>, ttlSeconds = 900): string {
  return signAccessToken(TEST_JWT_SECRET, { sub: user._id.toHexString(), role: user.role }, ttlSeconds);
}

/**
 * `workspaceId`: a workspace id; a user's id stands for their personal workspace (which has that id,
 * see createUser).
 */
export async function createPlatform(workspaceId: Types.ObjectId, overrides: Partial<Platform> = {}): Promise<Platform> {
  const doc = await PlatformModel.create({
    workspaceId,
    type: 'instagram',
    sandbox: true,
    platformUserId: `sbx-${randomBytes(6).toString('hex')}`,
    username: 'fixture',
    displayName: 'Fixture account',
    ...overrides,
  });
  return doc.toObject() as Platform;
}

export interface OwnedData {
  platform: Platform;
  activityId: Types.ObjectId;
  categoryId: Types.ObjectId;
}

/**
 * One document in every collection a user owns (platform, post, snapshot, stats, category,
 * insight, recommendation, pattern, referral code and signup, job run, queued Agenda jobs).
 */
export async function seedOwnedData(userId: Types.ObjectId, opts: { refereeUserId?: Types.ObjectId } = {}): Promise<OwnedData> {
  const suffix = randomBytes(4).toString('hex');
  // The user's personal workspace has the user's id.
  const workspaceId = userId;
  const platform = await createPlatform(workspaceId);
  const category = await ContentCategoryModel.create({ workspaceId, name: `Launch ${suffix}`, nameKey: `launch ${suffix}`, colorCode: '#112233' });
  const activity = await ActivityModel.create({
    workspaceId,
    platformId: platform._id,
    externalId: `post-${suffix}`,
    type: 'image',
    content: 'Hello #launch',
    hashtags: ['launch'],
    publishedAt: new Date(),
    categoryIds: [category._id],
    engagement: { likes: 3, total: 3 },
  });
  await ActivityMetricModel.create({ workspaceId, platformId: platform._id, activityId: activity._id, date: new Date(Date.UTC(2026, 0, 1)), engagement: { likes: 3, total: 3 } });
  await StatsModel.create({ workspaceId, platformId: platform._id, date: new Date(Date.UTC(2026, 0, 1)), followers: 10 });
  const pid = platform._id.toHexString();
  await AiInsightModel.create({
    workspaceId,
    insightType: 'performance',
    title: 'Make more reels',
    priority: 'high',
    key: `k-${suffix}`,
    // The engine's typed evidence (modules/insights/engine.ts EvidenceData).
    evidence: {
      method: 'stratified Mann–Whitney U',
      metric: 'engagement rate by reach',
      valueName: 'median engagement rate',
      period: { from: '2026-01-01', to: '2026-01-31', days: 31 },
      groupSize: 10,
      restSize: 20,
      groupValue: 0.05,
      restValue: 0.02,
      effectName: 'ratio of medians',
      effect: 2.5,
      interval: { level: 0.95, low: 1.5, high: 4 },
      rankBiserial: 0.6,
      pValue: 0.0001,
      qValue: 0.001,
      tests: 12,
      correction: 'Benjamini–Hochberg',
      accounts: [{ platformId: pid, platform: 'instagram', name: '@fixture', groupSize: 10, restSize: 20, groupValue: 0.05, restValue: 0.02 }],
      pattern: { patternType: 'content_type', name: 'reel' },
      values: null,
      howWeKnow: ['We compared your reels with the other posts of the same account.'],
      posts: { platformIds: [pid], type: 'reel', hashtag: null, from: '2026-01-01', to: '2026-01-31' },
    },
  });
  await ContentRecommendationModel.create({
    workspaceId,
    recommendationType: 'hashtag',
    title: 'Use #launch',
    key: `k-${suffix}`,
    basis: {
      sources: [RecommendationEvidenceSource.OWN_POSTS, RecommendationEvidenceSource.INDUSTRY],
      why: '70 % of your 10 posts with #launch beat their account median engagement rate by reach.',
      metric: 'engagement rate by reach',
      own: { pattern: '#launch', posts: 10, successRate: 0.7, qValue: 0.01, rankBiserial: 0.4 },
      industry: { industry: 'Bakery', brands: 3, posts: 40, successRate: 0.7, pValue: 0.02 },
    },
  });
  await PerformancePatternModel.create({ workspaceId, patternType: 'hashtag', patternName: '#launch', successRate: 0.5, sampleSize: 4 });
  const code = await ReferralCodeModel.create({ userId, code: `U${suffix.toUpperCase()}-REF` });
  await ReferralSignupModel.create({
    referralCodeId: code._id,
    referrerUserId: userId,
    refereeUserId: opts.refereeUserId ?? new Types.ObjectId(),
    signupDate: new Date(),
  });
  await SystemJobModel.create({ jobType: 'sync_metrics', workspaceId, platformId: platform._id, status: 'completed' });
  const inTenMinutes = new Date(Date.now() + 10 * 60_000);
  await OAuthStateModel.create({ stateHash: `state-${suffix}`, workspaceId, type: 'instagram', redirectUri: 'http://localhost/oauth/instagram/callback', expiresAt: inTenMinutes });
  await CsvExportTicketModel.create({ workspaceId, userId, tokenHash: `ticket-${suffix}`, report: CsvReport.POSTS, params: {}, filename: 'posts.csv', expiresAt: inTenMinutes });
  await ReportExportFileModel.create({ workspaceId, reportId: new Types.ObjectId(), userId, tokenHash: `report-${suffix}`, filename: 'report.xlsx', contentType: 'application/octet-stream', data: Buffer.from('x'), expiresAt: inTenMinutes });
  await mongoose.connection.db!.collection(JOBS_COLLECTION).insertMany([
    { name: 'fixture:sync', data: { platformId: platform._id.toHexString() }, nextRunAt: new Date(), type: 'normal' },
    { name: 'fixture:insights', data: { workspaceId }, nextRunAt: new Date(), type: 'normal' },
  ]);
  return { platform, activityId: activity._id, categoryId: category._id };
}

export async function createActivity(
  workspaceId: Types.ObjectId,
  platformId: Types.ObjectId,
  overrides: Record<string, unknown> = {},
): Promise<{ _id: Types.ObjectId } & Record<string, any>> {
  const doc = await ActivityModel.create({
    workspaceId,
    platformId,
    externalId: `post-${randomBytes(6).toString('hex')}`,
    type: 'image',
    publishedAt: new Date(),
    ...overrides,
  });
  return doc.toObject();
}

/** An unfinished LinkedIn connection of a workspace (one organisation to choose, 1001), valid ten minutes. */
export async function createPendingConnection(workspaceId: Types.ObjectId): Promise<{ _id: Types.ObjectId }> {
  return PendingConnectionModel.create({
    workspaceId,
    type: 'linkedin',
    choices: [{ platformUserId: '1001', name: 'Org 1001' }],
    loginTokensEnc: encryptSecret(JSON.stringify({ accessToken: 'member-token', issuedAt: new Date() })),
    expiresAt: new Date(Date.now() + 600_000),
  });
}

/** A pending invitation of a workspace (role viewer, valid ten minutes) for `email`, or a fresh address. */
export async function createInvitation(workspaceId: Types.ObjectId, invitedBy: Types.ObjectId, email = `invitee-${randomBytes(4).toString('hex')}@example.test`) {
  return InvitationModel.create({
    workspaceId,
    email,
    role: 'viewer',
    tokenHash: hashToken(randomBytes(32).toString('base64url')),
    expiresAt: new Date(Date.now() + 600_000),
    invitedBy,
    openKey: `${workspaceId.toHexString()}:${email}`,
  });
}

/** The ids of one object of each kind in a workspace, as operations address them. */
export interface WorkspaceObjects {
  platform: string;
  pending: string;
  activity: string;
  category: string;
  insight: string;
  recommendation: string;
  /** The user id of an editor in the workspace. */
  member: string;
  /** A pending invitation of the workspace. */
  invitation: string;
  /** An API key of the workspace. */
  apiKey: string;
  /** A webhook endpoint of the workspace, and one (failed) delivery of it. */
  webhookEndpoint: string;
  webhookDelivery: string;
  /** An OAuth app's grant to the workspace, made by its owner (with a token and a pending code). */
  oauthGrant: string;
  /** A saved report of the workspace (covering its platform). */
  report: string;
  /** A schedule of that report (an outside address), and one failed delivery of it. */
  reportSchedule: string;
  reportDelivery: string;
  /** An alert rule (SYNC_FAILED, in-app and email), one event it fired, and that event's notification to the owner. */
  alertRule: string;
  alertEvent: string;
  notification: string;
  /** A share link of that report. */
  shareLink: string;
}

/** A workspace's platform, category, post, insight, recommendation, pending connection, editor, invitation and API key. */
export async function workspaceObjects(workspaceId: Types.ObjectId): Promise<WorkspaceObjects> {
  const platform = await createPlatform(workspaceId);
  const suffix = randomBytes(4).toString('hex');
  const category = await ContentCategoryModel.create({ workspaceId, name: `Mine ${suffix}`, nameKey: `mine ${suffix}`, colorCode: '#123456' });
  const activity = await createActivity(workspaceId, platform._id, { categoryIds: [category._id] });
  const insight = await AiInsightModel.create({ workspaceId, insightType: 'performance', title: 'Reels do well', priority: 'high', key: `k-${suffix}` });
  const recommendation = await ContentRecommendationModel.create({ workspaceId, recommendationType: 'hashtag', title: 'Use #launch', key: `k-${suffix}` });
  const pending = await createPendingConnection(workspaceId);
  const teammate = await createUser();
  await TeamMemberModel.create({ workspaceId, userId: teammate.user._id, role: 'editor', isActive: true });
  const invitation = await createInvitation(workspaceId, teammate.user._id);
  const publicId = newPublicId();
  const apiKey = await ApiKeyModel.create({ workspaceId, name: 'Partner', publicId, secretHash: newApiKeySecret(publicId).secretHash, scopes: ['posts:read'], createdBy: teammate.user._id });
  const endpoint = await WebhookEndpointModel.create({ workspaceId, url: 'https://93.184.216.34/hooks', events: ['sync.completed'], secretEnc: encryptSecret('whsec_AAAA'), createdBy: teammate.user._id });
  const delivery = await WebhookDeliveryModel.create({ workspaceId, endpointId: endpoint._id, eventType: 'sync.completed', messageId: `msg_${suffix}`, payload: '{}', status: 'failed', attemptCount: 1 });
  const grant = await createOAuthGrant(workspaceId, (await WorkspaceModel.findById(workspaceId).lean())?.ownerId ?? teammate.user._id);
  const report = await CustomReportModel.create({
    workspaceId,
    name: `Monthly ${suffix}`,
    platformIds: [platform._id],
    range: { preset: 'last_28_days' },
    comparison: 'previous_period',
    sections: ['kpis'],
    branding: { hideSoashMark: false },
    createdBy: teammate.user._id,
  });
  const reportSchedule = await ReportScheduleModel.create({
    workspaceId,
    reportId: report._id,
    frequency: 'weekly',
    weekday: 1,
    hour: 9,
    paper: 'A4',
    memberIds: [teammate.user._id],
    outsideRecipients: [{ email: `client-${suffix}@example.test`, unsubscribeTokenHash: hashToken(`unsub-${suffix}`), unsubscribeTokenEnc: encryptSecret(`unsub-${suffix}`) }],
    enabled: true,
    nextRunAt: new Date(Date.now() + 86_400_000),
    timezone: 'UTC',
    createdBy: teammate.user._id,
  });
  const reportDelivery = await ReportDeliveryModel.create({
    workspaceId,
    scheduleId: reportSchedule._id,
    reportId: report._id,
    scheduledFor: new Date(),
    status: 'failed',
    paper: 'A4',
    timezone: 'UTC',
    recipients: [{ email: `client-${suffix}@example.test`, status: 'failed', reason: 'The mail server did not accept the message' }],
    attemptCount: 3,
    error: '1 of 1 recipient could not be mailed',
  });
  const shareLink = await ReportShareLinkModel.create({
    workspaceId,
    reportId: report._id,
    tokenHash: hashToken(randomBytes(32).toString('base64url')),
    label: 'Client',
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
    createdBy: teammate.user._id,
  });
  const alertRule = await AlertRuleModel.create({
    workspaceId,
    name: `Sync failures ${suffix}`,
    kind: 'sync_failed',
    channels: ['in_app', 'email'],
    recipients: 'editors',
    quietHours: 24,
    digestHour: 9,
    createdBy: teammate.user._id,
  });
  const alertEvent = await AlertEventModel.create({
    workspaceId,
    ruleId: alertRule._id,
    ruleName: alertRule.name,
    kind: 'sync_failed',
    dedupeKey: `sync:${suffix}`,
    subjectKey: `platform:${platform._id.toHexString()}`,
    platformId: platform._id,
    message: 'A sync failed.',
    firedAt: new Date(),
  });
  await AlertQuietModel.create({ workspaceId, ruleId: alertRule._id, subjectKey: alertEvent.subjectKey, lastFiredAt: new Date() });
  // The workspace owner's own notification (markNotificationsRead addresses it as the owner).
  const ownerId = (await WorkspaceModel.findById(workspaceId, { ownerId: 1 }).lean())?.ownerId ?? teammate.user._id;
  const notification = await NotificationModel.create({ workspaceId, userId: ownerId, eventId: alertEvent._id, kind: 'sync_failed', title: alertRule.name, message: 'A sync failed.' });
  await AlertMailModel.create({ workspaceId, eventId: alertEvent._id, userId: teammate.user._id, digest: true, dueAt: new Date(Date.now() + 3_600_000) });
  return {
    reportSchedule: reportSchedule._id.toHexString(),
    reportDelivery: reportDelivery._id.toHexString(),
    alertRule: alertRule._id.toHexString(),
    alertEvent: alertEvent._id.toHexString(),
    notification: notification._id.toHexString(),
    shareLink: shareLink._id.toHexString(),
    webhookEndpoint: endpoint._id.toHexString(),
    webhookDelivery: delivery._id.toHexString(),
    report: report._id.toHexString(),
    member: teammate.user._id.toHexString(),
    invitation: invitation._id.toHexString(),
    apiKey: apiKey._id.toHexString(),
    oauthGrant: grant._id.toHexString(),
    platform: platform._id.toHexString(),
    pending: pending._id.toHexString(),
    activity: activity._id.toHexString(),
    category: category._id.toHexString(),
    insight: insight._id.toHexString(),
    recommendation: recommendation._id.toHexString(),
  };
}

/** A registered OAuth app (confidential, secret hash of a throwaway secret). */
export async function createOAuthApp(overrides: Record<string, unknown> = {}) {
  const suffix = randomBytes(6).toString('hex');
  return (
    await OAuthAppModel.create({
      name: `App ${suffix}`,
      clientId: `soashapp_${suffix}`,
      secretHash: sha256(`soashs_${suffix}`),
      confidential: true,
      redirectUris: ['https://app.example/cb'],
      scopes: ['platforms:read'],
      createdBy: new Types.ObjectId(),
      ...overrides,
    })
  ).toObject();
}

/** `userId`'s grant of a new app to `workspaceId`, with one token pair and a pending code, written straight to the database. */
export async function createOAuthGrant(workspaceId: Types.ObjectId, userId: Types.ObjectId) {
  const app = await createOAuthApp();
  const suffix = randomBytes(8).toString('hex');
  const grant = (await OAuthGrantModel.create({ appId: app._id, userId, workspaceId, scopes: ['platforms:read'] })).toObject();
  await OAuthTokenModel.create({
    grantId: grant._id,
    accessTokenHash: sha256(`soasho_${suffix}`),
    accessTokenExpiresAt: new Date(Date.now() + 3600_000),
    refreshTokenHash: sha256(`soashr_${suffix}`),
    refreshTokenExpiresAt: new Date(Date.now() + 86_400_000),
    scopes: ['platforms:read'],
  });
  await OAuthCodeModel.create({
    codeHash: sha256(`code-${suffix}`),
    appId: app._id,
    userId,
    workspaceId,
    scopes: ['platforms:read'],
    redirectUri: 'https://app.example/cb',
    codeChallenge: 'x'.repeat(43),
    codeChallengeMethod: 'S256',
    expiresAt: new Date(Date.now() + 60_000),
  });
  return grant;
}
