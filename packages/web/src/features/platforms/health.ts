/** Reading connector health for people: countdowns, re-auth prompts and OAuth outcomes. */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Warn this long before access ends. */
export const REAUTH_WARNING_MS = 7 * DAY;

/** "3 days 4 hours", "5 hours 12 minutes", "8 minutes" (two units at most). */
export function countdown(target: string | Date, now: Date = new Date()): string {
  const ms = new Date(target).getTime() - now.getTime();
  if (ms <= 0) return 'now';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.max(1, Math.floor((ms % HOUR) / MINUTE));
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days > 0) return hours ? `${part(days, 'day')} ${part(hours, 'hour')}` : part(days, 'day');
  if (hours > 0) return ms % HOUR >= MINUTE ? `${part(hours, 'hour')} ${part(minutes, 'minute')}` : part(hours, 'hour');
  return part(minutes, 'minute');
}

export interface HealthLike {
  status: string;
  healthy: boolean;
  canRefresh: boolean;
  sandbox: boolean;
  tokenExpiresAt?: string | null;
  refreshTokenExpiresAt?: string | null;
  needsReauthBy?: string | null;
}

export type Reauth = { kind: 'none' } | { kind: 'soon'; by: string } | { kind: 'now'; reason: string };

/**
 * Whether the user must (or soon must) connect the account again: at once when access ended,
 * ahead of time when the end is known and within a week.
 */
export function reauthState(h: HealthLike, now: Date = new Date()): Reauth {
  if (h.sandbox) return { kind: 'none' };
  if (h.status === 'NEEDS_REAUTH') return { kind: 'now', reason: 'Soash lost access to this account.' };
  if (h.status === 'REVOKED') return { kind: 'now', reason: 'Access to this account was withdrawn.' };
  const ends = [h.needsReauthBy, !h.canRefresh ? h.tokenExpiresAt : null].filter((d): d is string => !!d).sort();
  const by = ends[0];
  if (!by) return { kind: 'none' };
  const left = new Date(by).getTime() - now.getTime();
  if (left <= 0) return { kind: 'now', reason: 'Access to this account has ended.' };
  return left <= REAUTH_WARNING_MS ? { kind: 'soon', by } : { kind: 'none' };
}

/** What the OAuth callback's `?error=` codes mean (docs/connectors.md). */
export const CONNECT_ERRORS: Record<string, string> = {
  invalid_state: 'The sign-in link was not valid. Start connecting again.',
  used_state: 'That sign-in link was already used. Start connecting again.',
  expired_state: 'Connecting took more than 10 minutes. Start again.',
  access_denied: 'You declined access on the platform, so nothing was connected.',
  missing_code: 'The platform did not finish the sign-in. Start connecting again.',
  already_connected: 'Another Soash user has already connected this account.',
  limit_exceeded: 'Your plan’s account limit was reached. Disconnect an account or upgrade to connect more.',
  not_configured: 'This platform is not set up on this Soash server. Ask the administrator, or try a sandbox account.',
  no_accounts: 'That login reaches no account Soash can read: no Facebook Page, or no LinkedIn page you administer.',
  connect_failed: 'The platform refused the connection. Try again in a few minutes.',
  unknown_platform: 'Soash does not support that platform.',
};

export function connectErrorMessage(code: string | null): string {
  return (code && CONNECT_ERRORS[code]) ?? 'The account could not be connected. Try again.';
}

/** Sync phases in words. */
export const PHASE_LABEL: Record<string, string> = {
  queued: 'Waiting to start',
  waiting: 'Waiting for a free slot',
  profile: 'Reading the profile',
  stats: 'Reading daily statistics',
  posts: 'Reading posts',
  metrics: 'Reading post metrics',
  done: 'Done',
  failed: 'Failed',
  idle: 'Idle',
};
