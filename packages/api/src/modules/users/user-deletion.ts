import mongoose, { Types } from 'mongoose';
import { JOBS_COLLECTION } from '../../jobs/scheduler.js';
import { log } from '../../lib/logger.js';
import { ActivityMetricModel } from '../activities/activity-metric.model.js';
import { WebhookDeliveryModel } from '../webhooks/webhook-delivery.model.js';
import { WebhookEndpointModel } from '../webhooks/webhook-endpoint.model.js';
import { ApiKeyModel } from '../api-keys/api-key.model.js';
import { OAuthCodeModel, OAuthGrantModel, OAuthTokenModel } from '../oauth-apps/oauth.models.js';
import { ActivityModel } from '../activities/activity.model.js';
import { AlertEventModel, AlertQuietModel } from '../alerts/alert-event.model.js';
import { AlertRuleModel } from '../alerts/alert-rule.model.js';
import { AlertMailModel, NotificationModel } from '../alerts/notification.model.js';
import { CsvExportTicketModel } from '../analytics/csv-export.model.js';
import { ContentCategoryModel } from '../categories/category.model.js';
import { AiInsightModel } from '../insights/insight.model.js';
import { PerformancePatternModel } from '../insights/performance-pattern.model.js';
import { ContentRecommendationModel } from '../insights/recommendation.model.js';
import { OAuthStateModel } from '../platforms/oauth-state.model.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { CustomReportModel } from '../reports/custom-report.model.js';
import { ReportExportFileModel } from '../reports/report-export.model.js';
import { ReportDeliveryModel, ReportScheduleModel } from '../reports/report-schedule.model.js';
import { ReportShareLinkModel } from '../reports/share-link.model.js';
import { ReferralCodeModel } from '../referrals/referral-code.model.js';
import { ReferralSignupModel } from '../referrals/referral-signup.model.js';
import { StatsModel } from '../stats/stats.model.js';
import { PendingConnectionModel } from '../platforms/pending-connection.model.js';
import { InvitationModel } from '../workspaces/invitation.model.js';
import { TeamMemberModel } from '../workspaces/team-member.model.js';
import { WorkspaceModel } from '../workspaces/workspace.model.js';
import { RefreshTokenModel } from './refresh-token.model.js';
import { UserProfileModel } from './user-profile.model.js';
import { UserModel } from './user.model.js';

/** How many documents each step removed (for logs and tests). */
export type DeletionReport = Record<string, number>;

/**
 * Deletes a workspace and everything in it, in every collection, except the system_jobs log (kept
 * for its 30 days) and the audit log (kept for AUDIT_RETENTION_DAYS, the record of who did what,
 * including who deleted the workspace). Also drops its queued Agenda jobs. Used by deleteWorkspace and by account
 * deletion (for each workspace the account owns).
 *
 * There is no transaction (the code never opens one, see docs/database.md), so the steps are
 * ordered to be safe to re-run after a crash at any point:
 *  - the workspace document goes last, so a half-finished deletion leaves a workspace that can
 *    still be deleted again;
 *  - platforms go after everything found through their ids (Agenda jobs, posts, metrics), so a
 *    re-run finds those ids again;
 *  - every step is a deleteMany/updateMany that is a no-op when repeated.
 */
export async function deleteWorkspaceData(workspaceIdInput: Types.ObjectId | string, report: DeletionReport = {}): Promise<DeletionReport> {
  const workspaceId = new Types.ObjectId(String(workspaceIdInput));
  const step = async (name: string, run: () => Promise<{ deletedCount?: number; modifiedCount?: number }>) => {
    const r = await run();
    report[name] = (report[name] ?? 0) + (r.deletedCount ?? r.modifiedCount ?? 0);
  };

  // 1. Stop access and background work: the workspace's API keys go, deactivated accounts are
  //    skipped by the sync jobs, and the workspace's queued jobs are removed.
  await step('apiKeys', () => ApiKeyModel.deleteMany({ workspaceId }));
  // Webhooks stop too: a queued attempt whose delivery is gone sends nothing.
  await step('webhookEndpoints', () => WebhookEndpointModel.deleteMany({ workspaceId }));
  await step('webhookDeliveries', () => WebhookDeliveryModel.deleteMany({ workspaceId }));
  // OAuth apps' access to it: tokens first (found through their grants), then grants and codes.
  await deleteOAuthAccess({ workspaceId }, step);
  const platformIds = (await PlatformModel.find({ workspaceId }, { _id: 1 }).lean()).map((p) => p._id);
  await step('platformsDeactivated', () => PlatformModel.updateMany({ workspaceId, isActive: true }, { $set: { isActive: false } }));
  await step('agendaJobs', () => deleteAgendaJobs(workspaceId, platformIds));
  // Short-lived, but the stand-in never expires TTL documents: an unfinished OAuth connect and
  // CSV download links would otherwise outlive the workspace.
  await step('oauthStates', () => OAuthStateModel.deleteMany({ workspaceId }));
  await step('pendingConnections', () => PendingConnectionModel.deleteMany({ workspaceId }));
  await step('csvExports', () => CsvExportTicketModel.deleteMany({ workspaceId }));
  await step('reportExports', () => ReportExportFileModel.deleteMany({ workspaceId }));
  await step('reportShareLinks', () => ReportShareLinkModel.deleteMany({ workspaceId }));

  // 2. Data hanging off platforms and the workspace.
  const owned = { $or: [{ workspaceId }, { platformId: { $in: platformIds } }] };
  await step('activityMetrics', () => ActivityMetricModel.deleteMany(owned));
  await step('activities', () => ActivityModel.deleteMany(owned));
  await step('stats', () => StatsModel.deleteMany(owned));
  await step('contentCategories', () => ContentCategoryModel.deleteMany({ workspaceId }));
  await step('aiInsights', () => AiInsightModel.deleteMany({ workspaceId }));
  await step('contentRecommendations', () => ContentRecommendationModel.deleteMany({ workspaceId }));
  await step('performancePatterns', () => PerformancePatternModel.deleteMany({ workspaceId }));
  await step('reportSchedules', () => ReportScheduleModel.deleteMany({ workspaceId }));
  await step('reportDeliveries', () => ReportDeliveryModel.deleteMany({ workspaceId }));
  await step('customReports', () => CustomReportModel.deleteMany({ workspaceId }));
  await step('alertRules', () => AlertRuleModel.deleteMany({ workspaceId }));
  await step('alertQuiet', () => AlertQuietModel.deleteMany({ workspaceId }));
  await step('alertMails', () => AlertMailModel.deleteMany({ workspaceId }));
  await step('notifications', () => NotificationModel.deleteMany({ workspaceId }));
  await step('alertEvents', () => AlertEventModel.deleteMany({ workspaceId }));

  // 3. The platforms, the invitations and memberships, and finally the workspace itself. Nobody
  //    keeps it as their last used workspace (they fall back to their oldest membership).
  await step('platforms', () => PlatformModel.deleteMany({ workspaceId }));
  // Its members are the only users who can have it as their last workspace: found through
  // team_members (indexed) rather than by scanning users.
  const memberIds = (await TeamMemberModel.find({ workspaceId }, { userId: 1 }).lean()).map((m) => m.userId);
  await step('lastWorkspaceCleared', () => UserModel.updateMany({ _id: { $in: memberIds }, lastWorkspaceId: workspaceId }, { $unset: { lastWorkspaceId: 1 } }));
  await step('invitations', () => InvitationModel.deleteMany({ workspaceId }));
  await step('teamMembers', () => TeamMemberModel.deleteMany({ workspaceId }));
  await step('workspaces', () => WorkspaceModel.deleteOne({ _id: workspaceId }));
  return report;
}

/**
 * Deletes an account: every workspace it owns (with everything in them, see deleteWorkspaceData),
 * its memberships of other workspaces, and what is per user (sessions, referral codes, profile),
 * except the system_jobs log (kept for its 30 days) and the dev mail outbox (kept 14 days).
 * Safe to re-run: the account document goes last, so a half-finished deletion leaves a user that
 * can still be deleted again (by the user, who can still sign in, or by an admin).
 */
export async function deleteUserData(userIdInput: Types.ObjectId | string): Promise<DeletionReport> {
  const userId = new Types.ObjectId(String(userIdInput));
  const report: DeletionReport = {};
  const step = async (name: string, run: () => Promise<{ deletedCount?: number; modifiedCount?: number }>) => {
    const r = await run();
    report[name] = (report[name] ?? 0) + (r.deletedCount ?? r.modifiedCount ?? 0);
  };

  // Sessions end first so no new access token can be minted while the rest goes.
  await step('sessions', () => RefreshTokenModel.deleteMany({ userId }));
  // The apps the user allowed (in any workspace) lose their access with the account.
  await deleteOAuthAccess({ userId }, step);
  await step('agendaJobs', () => deleteAgendaJobs(userId, []));
  // The subscription is the owner's: the workspaces that run on it go with the account.
  const owned = await WorkspaceModel.find({ ownerId: userId }, { _id: 1 }).lean();
  for (const ws of owned) await deleteWorkspaceData(ws._id, report);
  await step('memberships', () => TeamMemberModel.deleteMany({ userId }));
  await step('csvExports', () => CsvExportTicketModel.deleteMany({ userId }));
  // Alerts addressed to the user in workspaces they did not own.
  await step('notifications', () => NotificationModel.deleteMany({ userId }));
  await step('alertMails', () => AlertMailModel.deleteMany({ userId }));
  // Signups made with this user's codes belong to the referrer. A signup where this user was the
  // referee belongs to the referrer's record (and commission history) and stays.
  await step('referralSignups', () => ReferralSignupModel.deleteMany({ referrerUserId: userId }));
  await step('referralCodes', () => ReferralCodeModel.deleteMany({ userId }));
  // Pre-workspace profiles (the migration copies them into the personal workspace).
  await step('userProfiles', () => UserProfileModel.deleteMany({ userId }));
  await step('users', () => UserModel.deleteOne({ _id: userId }));

  log.info('account deleted', { userId: userId.toHexString(), ...report });
  return report;
}

/** Every OAuth grant matching `filter` (a workspace's or a user's), its tokens, and pending codes. */
async function deleteOAuthAccess(
  filter: { workspaceId: Types.ObjectId } | { userId: Types.ObjectId },
  step: (name: string, run: () => Promise<{ deletedCount?: number }>) => Promise<void>,
): Promise<void> {
  const grantIds = (await OAuthGrantModel.find(filter, { _id: 1 }).lean()).map((g) => g._id);
  await step('oauthTokens', () => OAuthTokenModel.deleteMany({ grantId: { $in: grantIds } }));
  await step('oauthGrants', () => OAuthGrantModel.deleteMany(filter));
  await step('oauthCodes', () => OAuthCodeModel.deleteMany(filter));
}

/**
 * Removes queued jobs straight from Agenda's collection: job payloads carry the id of a workspace
 * (or, queued before workspaces, of a user) or of one of its platforms (as strings or ObjectIds). Running jobs are removed too
 * (Agenda does not re-create a removed job when the run ends); the run itself finishes and must
 * cope with its platform being gone.
 */
async function deleteAgendaJobs(ownerId: Types.ObjectId, platformIds: Types.ObjectId[]): Promise<{ deletedCount: number }> {
  const db = mongoose.connection.db;
  if (!db) return { deletedCount: 0 };
  const bothForms = (ids: Types.ObjectId[]) => [...ids, ...ids.map((id) => id.toHexString())];
  const r = await db.collection(JOBS_COLLECTION).deleteMany({
    $or: [
      { 'data.workspaceId': { $in: bothForms([ownerId]) } },
      { 'data.userId': { $in: bothForms([ownerId]) } },
      { 'data.platformId': { $in: bothForms(platformIds) } },
    ],
  });
  return { deletedCount: r.deletedCount };
}
