import mongoose, { Types } from 'mongoose';
import { JOBS_COLLECTION } from '../../jobs/scheduler.js';
import { log } from '../../lib/logger.js';
import { ActivityMetricModel } from '../activities/activity-metric.model.js';
import { ActivityModel } from '../activities/activity.model.js';
import { CsvExportTicketModel } from '../analytics/csv-export.model.js';
import { ContentCategoryModel } from '../categories/category.model.js';
import { AiInsightModel } from '../insights/insight.model.js';
import { PerformancePatternModel } from '../insights/performance-pattern.model.js';
import { ContentRecommendationModel } from '../insights/recommendation.model.js';
import { OAuthStateModel } from '../platforms/oauth-state.model.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { ReferralCodeModel } from '../referrals/referral-code.model.js';
import { ReferralSignupModel } from '../referrals/referral-signup.model.js';
import { StatsModel } from '../stats/stats.model.js';
import { RefreshTokenModel } from './refresh-token.model.js';
import { UserProfileModel } from './user-profile.model.js';
import { UserModel } from './user.model.js';

/** How many documents each step removed (for logs and tests). */
export type DeletionReport = Record<string, number>;

/**
 * Deletes everything a user owns, in every collection, except the system_jobs log (kept for its
 * 30 days) and the dev mail outbox (kept 14 days). Also drops the user's queued Agenda jobs.
 *
 * There is no transaction (the code never opens one, see docs/database.md), so the steps are
 * ordered to be safe to re-run after a crash at any point:
 *  - the account document goes last, so a half-finished deletion leaves a user that can still be
 *    deleted again (by the user, who can still sign in, or by an admin);
 *  - platforms go after everything found through their ids (Agenda jobs, posts, metrics), so a
 *    re-run finds those ids again;
 *  - every step is a deleteMany/updateMany that is a no-op when repeated.
 */
export async function deleteUserData(userIdInput: Types.ObjectId | string): Promise<DeletionReport> {
  const userId = new Types.ObjectId(String(userIdInput));
  const report: DeletionReport = {};
  const step = async (name: string, run: () => Promise<{ deletedCount?: number; modifiedCount?: number }>) => {
    const r = await run();
    report[name] = r.deletedCount ?? r.modifiedCount ?? 0;
  };

  // 1. Stop background work: deactivated accounts are skipped by the sync jobs, and the
  //    account's queued jobs are removed. Sessions end so no new access token can be minted.
  const platformIds = (await PlatformModel.find({ userId }, { _id: 1 }).lean()).map((p) => p._id);
  await step('platformsDeactivated', () => PlatformModel.updateMany({ userId, isActive: true }, { $set: { isActive: false } }));
  await step('agendaJobs', () => deleteAgendaJobs(userId, platformIds));
  await step('sessions', () => RefreshTokenModel.deleteMany({ userId }));
  // Short-lived, but the stand-in never expires TTL documents: an unfinished OAuth connect and
  // CSV download links would otherwise outlive the account.
  await step('oauthStates', () => OAuthStateModel.deleteMany({ userId }));
  await step('csvExports', () => CsvExportTicketModel.deleteMany({ userId }));

  // 2. Data hanging off platforms and the user.
  const owned = { $or: [{ userId }, { platformId: { $in: platformIds } }] };
  await step('activityMetrics', () => ActivityMetricModel.deleteMany(owned));
  await step('activities', () => ActivityModel.deleteMany(owned));
  await step('stats', () => StatsModel.deleteMany(owned));
  await step('contentCategories', () => ContentCategoryModel.deleteMany({ userId }));
  await step('aiInsights', () => AiInsightModel.deleteMany({ userId }));
  await step('contentRecommendations', () => ContentRecommendationModel.deleteMany({ userId }));
  await step('performancePatterns', () => PerformancePatternModel.deleteMany({ userId }));
  // Signups made with this user's codes belong to the referrer. A signup where this user was the
  // referee belongs to the referrer's record (and commission history) and stays.
  await step('referralSignups', () => ReferralSignupModel.deleteMany({ referrerUserId: userId }));
  await step('referralCodes', () => ReferralCodeModel.deleteMany({ userId }));

  // 3. The platforms themselves, the profile, and finally the account.
  await step('platforms', () => PlatformModel.deleteMany({ userId }));
  await step('userProfiles', () => UserProfileModel.deleteMany({ userId }));
  await step('users', () => UserModel.deleteOne({ _id: userId }));

  log.info('account deleted', { userId: userId.toHexString(), ...report });
  return report;
}

/**
 * Removes the user's queued jobs straight from Agenda's collection: job payloads carry the ids of
 * the user or of one of their platforms (as strings or ObjectIds). Running jobs are removed too
 * (Agenda does not re-create a removed job when the run ends); the run itself finishes and must
 * cope with its platform being gone.
 */
async function deleteAgendaJobs(userId: Types.ObjectId, platformIds: Types.ObjectId[]): Promise<{ deletedCount: number }> {
  const db = mongoose.connection.db;
  if (!db) return { deletedCount: 0 };
  const bothForms = (ids: Types.ObjectId[]) => [...ids, ...ids.map((id) => id.toHexString())];
  const r = await db.collection(JOBS_COLLECTION).deleteMany({
    $or: [{ 'data.userId': { $in: bothForms([userId]) } }, { 'data.platformId': { $in: bothForms(platformIds) } }],
  });
  return { deletedCount: r.deletedCount };
}
