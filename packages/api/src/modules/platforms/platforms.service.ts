import { AuditAction, formatInstant } from '@soash/shared';
import { recordAudit } from '../workspaces/audit.service.js';
import { workspaceIdOf } from '../workspaces/access.js';
import { Types } from 'mongoose';
import { apiVersionSetting, apiVersionSunset } from '../../connectors/api-versions.js';
import { DAY_MS } from '../../connectors/common.js';
import { connectorConfig } from '../../connectors/config.js';
import { providerFor } from '../../connectors/registry.js';
import { schedulerRunning } from '../../jobs/scheduler.js';
import { badInput, notFound, rateLimited } from '../../lib/errors.js';
import { PlatformStatus } from '../../lib/graphql-enums.js';
import { toObjectId } from '../../lib/ids.js';
import type { Context } from '../../server/context.js';
import { viewerOf } from '../../server/context.js';
import { ActivityMetricModel } from '../activities/activity-metric.model.js';
import { ActivityModel } from '../activities/activity.model.js';
import { StatsModel } from '../stats/stats.model.js';
import { DAILY_STATS_DAYS } from '../sync/sync.service.js';
import type { SystemJob } from '../system-jobs/system-job.model.js';
import { workspaceOwner } from '../workspaces/workspaces.service.js';
import type { ConnectPlatformResult } from './connect-platform.result.js';
import type { ConnectorHealth } from './connector-health.type.js';
import type { ConnectPlatformInput } from './dto/connect-platform.input.js';
import type { CompleteConnectionInput } from './dto/complete-connection.input.js';
import { backfillDaysFor, completePendingConnection, connectSandboxPlatform, getPendingConnection, scheduleSync, startOAuthConnect } from './platform-connect.service.js';
import type { PendingConnectionView } from './pending-connection.type.js';
import { PLATFORM_LABELS } from './platform-labels.js';
import { clearReauthNotice } from './platform-notices.js';
import { removePlatformJobs } from './platform-schedule.js';
import { tokenStateOf } from './platform-tokens.js';
import { postReadBudgetFor } from './post-read-budget.js';
import { REAUTH_WARNING_MS } from './platform-token-job.js';
import { PlatformModel, type Platform } from './platform.model.js';

/** The viewer's connected accounts, oldest first. */
export async function listPlatforms(ctx: Context): Promise<Platform[]> {
  const viewer = viewerOf(ctx);
  // The request's one read of the workspace's accounts (platforms.loader.ts), as a list of its own.
  return [...(await ctx.loaders.workspacePlatforms.load(workspaceIdOf(viewer).toHexString()))];
}

/**
 * One of the request's workspace's accounts; another workspace's id answers NOT_FOUND like a missing
 * one. The workspace is the one the loaders read (the viewer's active one, as confirmed by the auth
 * check, or a share link's own).
 */
export async function getPlatform(ctx: Context, id: string | Types.ObjectId, field = 'id'): Promise<Platform> {
  const workspaceId = ctx.scope.workspaceId ?? viewerOf(ctx).workspaceId;
  const platform = await ctx.loaders.platformById.load(toObjectId(id, field).toHexString());
  if (!platform || !workspaceId || platform.workspaceId.toHexString() !== workspaceId) throw notFound('Platform');
  return platform;
}

// ---------------------------------------------------------------------------------------------
// Connect, disconnect, sync, health

/** connectPlatform: sandbox accounts connect at once; others get the platform's authorize URL. */
export async function connectPlatform(ctx: Context, input: ConnectPlatformInput): Promise<ConnectPlatformResult> {
  const viewer = viewerOf(ctx);
  const workspaceId = workspaceIdOf(viewer);
  if (input.sandbox) {
    const platform = await connectSandboxPlatform(workspaceId, input.type, { backfill: schedulerRunning() ? 'schedule' : 'inline' });
    await recordAudit(ctx, AuditAction.PLATFORM_CONNECTED, { type: 'platform', id: platform._id }, { platformType: platform.type, sandbox: true });
    return { platform };
  }
  return { authorizeUrl: await startOAuthConnect(workspaceId, input.type, new Types.ObjectId(viewer.id)) };
}

/** A login waiting for the viewer to choose which of its accounts to connect. */
export async function pendingConnection(ctx: Context, id: string): Promise<PendingConnectionView> {
  const viewer = viewerOf(ctx);
  return getPendingConnection(workspaceIdOf(viewer), toObjectId(id, 'id'));
}

/** Connects the chosen accounts of the viewer's pending connection. */
export async function completeConnection(ctx: Context, input: CompleteConnectionInput): Promise<Platform[]> {
  const viewer = viewerOf(ctx);
  const platforms = await completePendingConnection(workspaceIdOf(viewer), toObjectId(input.id, 'id'), input.choices);
  for (const p of platforms) await recordAudit(ctx, AuditAction.PLATFORM_CONNECTED, { type: 'platform', id: p._id }, { platformType: p.type, sandbox: p.sandbox });
  return platforms;
}

/**
 * Removes an account with everything pulled for it (activities, snapshots, daily stats) and its
 * scheduled jobs. Ordered so that a failure half-way leaves the account in place to try again,
 * and a pull still running sees the account inactive and stops writing.
 */
export async function disconnectPlatform(ctx: Context, id: string): Promise<boolean> {
  const platform = await getPlatform(ctx, id);
  const platformId = platform._id;
  await PlatformModel.updateOne({ _id: platformId }, { $set: { isActive: false } });
  await removePlatformJobs(platformId);
  const sweep = async () => {
    await ActivityMetricModel.deleteMany({ platformId });
    await ActivityModel.deleteMany({ platformId });
    await StatsModel.deleteMany({ platformId });
  };
  await sweep();
  await clearReauthNotice(platform);
  await PlatformModel.deleteOne({ _id: platformId });
  // Whatever a run in flight wrote between the first sweep and the deletion.
  await sweep();
  ctx.loaders.platformById.clear(platformId.toHexString());
  await recordAudit(ctx, AuditAction.PLATFORM_DISCONNECTED, { type: 'platform', id: platformId }, { platformType: platform.type, username: platform.username ?? null });
  return true;
}

/** When "Sync now" is possible again for an account; null when it is possible now. */
export function nextManualSyncAt(p: Pick<Platform, 'lastManualSyncAt'>, now = new Date()): Date | null {
  if (!p.lastManualSyncAt) return null;
  const next = new Date(p.lastManualSyncAt.getTime() + connectorConfig().SYNC_COOLDOWN_SECONDS * 1000);
  return next.getTime() > now.getTime() ? next : null;
}

/** Manual "sync now": at most once per SYNC_COOLDOWN_SECONDS per account. */
export async function requestSync(ctx: Context, id: string): Promise<SystemJob> {
  const platform = await getPlatform(ctx, id);
  if (platform.status === PlatformStatus.NEEDS_REAUTH || platform.status === PlatformStatus.REVOKED) {
    throw badInput('This account must be connected again before it can sync', 'id');
  }
  const config = connectorConfig();
  const cooldownMs = config.SYNC_COOLDOWN_SECONDS * 1000;
  const now = new Date();
  const claimed = await PlatformModel.findOneAndUpdate(
    {
      _id: platform._id,
      $or: [{ lastManualSyncAt: { $exists: false } }, { lastManualSyncAt: null }, { lastManualSyncAt: { $lte: new Date(now.getTime() - cooldownMs) } }],
    },
    { $set: { lastManualSyncAt: now } },
    { returnDocument: 'after' },
  ).lean();
  if (!claimed) {
    const current = await PlatformModel.findById(platform._id, { lastManualSyncAt: 1 }).lean();
    const last = current?.lastManualSyncAt?.getTime() ?? now.getTime();
    const retryAfterSeconds = Math.max(1, Math.ceil((last + cooldownMs - now.getTime()) / 1000));
    throw rateLimited(`This account was synced moments ago; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
  const user = await workspaceOwner(platform.workspaceId);
  const full = user ? backfillDaysFor(user) : config.BACKFILL_DAYS;
  const sinceLast = platform.lastSyncedAt ? Math.ceil((now.getTime() - platform.lastSyncedAt.getTime()) / DAY_MS) + 1 : full;
  const days = Math.min(full, Math.max(DAILY_STATS_DAYS, sinceLast));
  const runs = await scheduleSync(platform, 'manual', days);
  return runs.stats;
}

/** API versions this close to their sunset get a warning in connector health. */
export const API_VERSION_WARNING_MS = 90 * DAY_MS;

export async function connectorHealthOf(p: Platform, now = new Date()): Promise<ConnectorHealth> {
  const provider = providerFor(p.type, { sandbox: p.sandbox, config: connectorConfig() });
  const policy = p.sandbox ? { refreshable: false } : provider.refreshPolicy(tokenStateOf(p), now);
  const lostAccess = p.status === PlatformStatus.NEEDS_REAUTH || p.status === PlatformStatus.REVOKED;
  const needsReauthBy = lostAccess ? (p.needsReauthBy ?? p.lastErrorAt ?? now) : p.needsReauthBy;
  const label = PLATFORM_LABELS[p.type];
  const warnings: string[] = [];
  if (lostAccess) warnings.push(`Soash can no longer read this ${label} account; connect it again.`);
  else if (needsReauthBy && needsReauthBy.getTime() - now.getTime() <= REAUTH_WARNING_MS) {
    warnings.push(`${label} access ends on ${formatInstant(needsReauthBy, 'UTC')}; connect the account again before then.`);
  }
  if (!lostAccess && p.lastError) warnings.push(p.lastError);
  if (p.rateLimit?.unit === 'percent' && typeof p.rateLimit.remaining === 'number' && p.rateLimit.remaining < 10) {
    warnings.push(`Less than 10 % of the ${label} API budget is left; syncs may be delayed.`);
  }
  const sunset = p.sandbox ? undefined : apiVersionSunset(p.type, provider.apiVersion);
  if (sunset && sunset.getTime() - now.getTime() <= API_VERSION_WARNING_MS) {
    const setting = apiVersionSetting(p.type);
    // Dates for people in the one format (@soash/shared display.ts), on their UTC day.
    const day = formatInstant(sunset, 'UTC');
    warnings.push(
      sunset.getTime() <= now.getTime()
        ? `${label} API version ${provider.apiVersion} was retired on ${day}; the administrator should set ${setting} to a current version.`
        : `${label} API version ${provider.apiVersion} is retired on ${day}; the administrator should set ${setting} to a newer version before then.`,
    );
  }
  const postReads = await postReadBudgetFor(p, now);
  if (postReads?.remaining === 0) {
    warnings.push(`This month's ${label} post-read budget is used up: new posts and counters wait for next month (or a higher TWITTER_MONTHLY_POST_READS).`);
  }
  return {
    platformId: p._id.toHexString(),
    type: p.type,
    sandbox: p.sandbox,
    status: p.status,
    healthy: p.isActive && p.status === PlatformStatus.ACTIVE && !p.lastError,
    tokenExpiresAt: p.tokenExpiry,
    refreshTokenExpiresAt: p.refreshTokenExpiry,
    canRefresh: !lostAccess && policy.refreshable,
    lastSyncedAt: p.lastSyncedAt,
    lastError: p.lastError,
    lastErrorAt: p.lastErrorAt,
    rateLimit: p.rateLimit,
    needsReauthBy,
    apiVersion: provider.apiVersion,
    apiVersionSunsetsAt: sunset,
    postReads,
    warnings,
  };
}

/** Health of each of the viewer's accounts. */
export async function listConnectorHealth(ctx: Context): Promise<ConnectorHealth[]> {
  return Promise.all((await listPlatforms(ctx)).map((p) => connectorHealthOf(p)));
}
