import type { Types } from 'mongoose';
import { DAY_MS, HOUR_MS } from '../../connectors/common.js';
import { connectorConfig } from '../../connectors/config.js';
import { authError, ConnectorError } from '../../connectors/errors.js';
import { providerFor } from '../../connectors/registry.js';
import type { Provider } from '../../connectors/types.js';
import { schedulerRunning } from '../../jobs/scheduler.js';
import { JobType, PlatformStatus } from '../../lib/graphql-enums.js';
import { toObjectId } from '../../lib/ids.js';
import { runTracked, type JobContext, type RunOutcome } from '../sync/job-run.js';
import { markNeedsReauth } from '../sync/sync.service.js';
import { noticeReauthSoon } from './platform-notices.js';
import { scheduleTokenJob, type RefreshJobData } from './platform-schedule.js';
import { loadPlatformWithSecrets, refreshPlatformTokens, tokenStateOf, type PlatformWithSecrets } from './platform-tokens.js';
import { PlatformModel } from './platform.model.js';

/**
 * `platform:refresh-token`: keeps an account's access alive and warns before it ends.
 *
 * - Long-lived tokens (Instagram 60 days, LinkedIn partners' 60 days) are refreshed
 *   TOKEN_REFRESH_MARGIN_HOURS before they expire (at most half their lifetime before, and never
 *   before the platform's minimum age: Instagram refuses tokens younger than 24 h).
 * - Short-lived tokens (X and TikTok, 2 h) are refreshed on demand by the pulls, just before use;
 *   refreshing them around the clock would only spend API calls. When their refresh grant has a
 *   known expiry that refreshing extends, this job renews it ahead of that expiry; when it does
 *   not (TikTok), that expiry is `needsReauthBy` and the user is warned before it.
 * - Access that cannot be renewed (LinkedIn without refresh tokens) gets a notice
 *   REAUTH_WARNING_DAYS before `needsReauthBy` and the account turns NEEDS_REAUTH when it passes.
 * - invalid_grant / error 190 / revoked: status NEEDS_REAUTH, one notice, no retries.
 */
export const REAUTH_WARNING_MS = 7 * DAY_MS;
/** Tokens living at most this long are refreshed on demand by the pulls, not on a schedule. */
const SHORT_LIVED_MS = DAY_MS;
/** Items due within this window are handled in the current run. */
const DUE_SLACK_MS = 60_000;

export interface TokenPlan {
  refreshAt?: Date;
  warnAt?: Date;
  expireAt?: Date;
}

export function tokenPlan(p: PlatformWithSecrets, provider: Provider, marginMs: number, now = new Date()): TokenPlan {
  if (p.sandbox) return {};
  const state = tokenStateOf(p);
  const policy = provider.refreshPolicy(state, now);
  const plan: TokenPlan = {};
  if (policy.refreshable && state.tokenExpiry) {
    const issued = state.tokenIssuedAt ?? now;
    const lifetime = state.tokenExpiry.getTime() - issued.getTime();
    let at: number | undefined;
    if (lifetime > SHORT_LIVED_MS) at = state.tokenExpiry.getTime() - Math.min(marginMs, lifetime / 2);
    // A short-lived token whose refresh grant ends but is renewed by using it: renew it ahead.
    // (A grant that refreshing does not extend, such as TikTok's, has needsReauthBy instead.)
    else if (state.refreshTokenExpiry && !policy.needsReauthBy) at = state.refreshTokenExpiry.getTime() - Math.min(marginMs, 7 * DAY_MS);
    if (at !== undefined && policy.minTokenAgeMs) at = Math.max(at, issued.getTime() + policy.minTokenAgeMs);
    if (at !== undefined) plan.refreshAt = new Date(at);
  }
  if (policy.needsReauthBy) {
    plan.expireAt = policy.needsReauthBy;
    plan.warnAt = new Date(policy.needsReauthBy.getTime() - Math.max(REAUTH_WARNING_MS, marginMs));
  }
  return plan;
}

/** When the job should run next: now if something is already due, else the earliest future item. */
export function nextTokenRun(plan: TokenPlan, now = new Date(), { skipDue = false } = {}): Date | null {
  const times = [plan.refreshAt, plan.warnAt, plan.expireAt].filter((d): d is Date => !!d).map((d) => d.getTime());
  const future = times.filter((t) => t > now.getTime() + DUE_SLACK_MS);
  if (!skipDue && times.some((t) => t <= now.getTime() + DUE_SLACK_MS)) return now;
  return future.length ? new Date(Math.min(...future)) : null;
}

function marginMs(): number {
  return connectorConfig().TOKEN_REFRESH_MARGIN_HOURS * HOUR_MS;
}

/** Schedules the token job of a freshly connected or refreshed account. */
export async function planTokenJob(platformId: Types.ObjectId): Promise<Date | null> {
  const p = await loadPlatformWithSecrets(platformId);
  if (!p || p.sandbox) return null;
  const provider = providerFor(p.type, { sandbox: false, config: connectorConfig() });
  const at = nextTokenRun(tokenPlan(p, provider, marginMs()));
  await scheduleTokenJob(platformId, at);
  return at;
}

export async function runTokenJob(data: RefreshJobData, ctx: JobContext): Promise<RunOutcome> {
  const platformId = toObjectId(data.platformId, 'platformId');
  const owner = await PlatformModel.findOne({ _id: platformId }, { workspaceId: 1 }).lean();
  return runTracked({ jobType: JobType.REFRESH_TOKEN, platformId, workspaceId: owner?.workspaceId, ctx }, async () => {
    let p = await loadPlatformWithSecrets(platformId);
    if (!p) return { note: 'The account was disconnected; nothing to refresh', result: { skipped: true } };
    if (p.sandbox) return { note: 'Sandbox accounts have no tokens', result: { skipped: true } };
    if (p.status === PlatformStatus.NEEDS_REAUTH || p.status === PlatformStatus.REVOKED) {
      ctx.reschedule?.(null);
      return { note: 'The account must be connected again', result: { skipped: true } };
    }
    const provider = providerFor(p.type, { sandbox: false, config: connectorConfig() });
    const now = new Date();
    let plan = tokenPlan(p, provider, marginMs(), now);
    let refreshed = false;
    if (plan.refreshAt && plan.refreshAt.getTime() <= now.getTime() + DUE_SLACK_MS) {
      try {
        p = await refreshPlatformTokens(p, provider);
      } catch (err) {
        if (err instanceof ConnectorError && err.kind === 'auth') {
          await markNeedsReauth(platformId, err);
          ctx.reschedule?.(null);
        }
        throw err;
      }
      refreshed = true;
      plan = tokenPlan(p, provider, marginMs(), new Date());
    }
    let warned = false;
    if (plan.expireAt && plan.expireAt.getTime() <= Date.now()) {
      await markNeedsReauth(platformId, authError(provider.label, 'expired'));
      ctx.reschedule?.(null);
      return { note: 'Access has ended; the account must be connected again', result: { refreshed, expired: true } };
    }
    if (plan.warnAt && plan.warnAt.getTime() <= Date.now() + DUE_SLACK_MS && plan.expireAt) {
      await noticeReauthSoon(p, plan.expireAt);
      warned = true;
    }
    const next = nextTokenRun(plan, new Date(), { skipDue: true });
    if (ctx.reschedule) ctx.reschedule(next);
    else if (schedulerRunning()) await scheduleTokenJob(platformId, next);
    return { result: { refreshed, warned, nextRunAt: next?.toISOString() ?? null } };
  });
}
