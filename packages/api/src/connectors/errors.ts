/**
 * Every failure a connector reports is one ConnectorError, classified so the jobs know what to do:
 *
 * - `auth`: the token is expired, revoked or invalid (e.g. Meta error 190, OAuth `invalid_grant`,
 *   LinkedIn REVOKED_ACCESS_TOKEN). Refresh once if possible, else the account needs re-authorisation.
 *   Never retried as such.
 * - `rate_limited`: HTTP 429 or the platform's throttling codes; `retryAfterMs` comes from
 *   Retry-After or the platform's reset header when it sent one.
 * - `transient`: 5xx, timeouts, network failures. Retried with backoff.
 * - `permanent`: anything else (bad request, missing permission, unknown object). Not retried.
 * - `credits_depleted`: the platform bills per use and the app's prepaid balance is empty (X: HTTP
 *   402). Nothing works until someone buys credits: not retried, the account shows what to do.
 * - `usage_cap`: the app reached a usage cap of its plan (X: 429 `UsageCapExceeded`, the monthly
 *   post-read cap). Waiting minutes does not help: not retried, the account shows what to do.
 *
 * Messages are written for the account owner and never contain tokens, URLs or response bodies.
 */
export type ConnectorErrorKind = 'auth' | 'rate_limited' | 'transient' | 'permanent' | 'credits_depleted' | 'usage_cap';
export type AuthFailure = 'expired' | 'revoked' | 'invalid';

export interface ConnectorErrorInit {
  kind: ConnectorErrorKind;
  /** Platform name for messages, e.g. "Instagram". */
  platform: string;
  message: string;
  status?: number;
  /** The platform's own error code (e.g. "190", "invalid_grant"), for diagnosis. */
  code?: string;
  retryAfterMs?: number;
  authFailure?: AuthFailure;
  /** Metric names the platform refused by name (Meta #100 "does not support the … metric"). */
  refusedMetrics?: string[];
  /** The server setting at fault, for errors only an administrator can fix (e.g. LINKEDIN_API_VERSION). */
  setting?: string;
}

export class ConnectorError extends Error {
  readonly kind: ConnectorErrorKind;
  readonly platform: string;
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterMs?: number;
  readonly authFailure?: AuthFailure;
  readonly refusedMetrics?: string[];
  readonly setting?: string;

  constructor(init: ConnectorErrorInit) {
    super(init.message);
    this.name = 'ConnectorError';
    this.kind = init.kind;
    this.platform = init.platform;
    this.status = init.status;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    this.authFailure = init.authFailure;
    this.refusedMetrics = init.refusedMetrics;
    this.setting = init.setting;
  }

  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient';
  }
}

export function isConnectorError(err: unknown): err is ConnectorError {
  return err instanceof ConnectorError;
}

export function authError(platform: string, failure: AuthFailure, code?: string, status?: number): ConnectorError {
  const what =
    failure === 'revoked'
      ? 'access was revoked on the platform'
      : failure === 'expired'
        ? 'the access token has expired'
        : 'the access token is no longer valid';
  return new ConnectorError({
    kind: 'auth',
    platform,
    authFailure: failure,
    code,
    status,
    message: `${platform} rejected the connection (${what}); connect the account again`,
  });
}

export function rateLimitedError(platform: string, retryAfterMs: number | undefined, code?: string, status = 429): ConnectorError {
  const when = retryAfterMs !== undefined ? `; retrying in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s` : '';
  return new ConnectorError({ kind: 'rate_limited', platform, status, code, retryAfterMs, message: `${platform} rate limit reached${when}` });
}

/** The app's prepaid credits are used up (X pay-per-use: HTTP 402). */
export function creditsDepletedError(platform: string, code = 'CreditsDepleted', status = 402): ConnectorError {
  return new ConnectorError({
    kind: 'credits_depleted',
    platform,
    status,
    code,
    message: `${platform} API credits are used up; add credits to the ${platform} developer account (or turn on auto-recharge), then sync again`,
  });
}

/** The app reached its plan's usage cap (X: 429 UsageCapExceeded, the monthly post-read cap). */
export function usageCapError(platform: string, period: string | undefined, code = 'UsageCapExceeded', status = 429): ConnectorError {
  const when = period && /month/i.test(period) ? 'until the monthly cap resets' : 'until the cap resets';
  return new ConnectorError({
    kind: 'usage_cap',
    platform,
    status,
    code,
    message: `${platform} API usage cap reached; syncing pauses ${when}, or raise the cap on the ${platform} developer account`,
  });
}

/** Billing errors (credits or usage cap): only the app owner can fix them; never retried. */
export function isBillingError(err: unknown): err is ConnectorError {
  return err instanceof ConnectorError && (err.kind === 'credits_depleted' || err.kind === 'usage_cap');
}

export function transientError(platform: string, detail: string, status?: number, code?: string): ConnectorError {
  return new ConnectorError({ kind: 'transient', platform, status, code, message: `${platform} is temporarily unavailable (${detail})` });
}

export function permanentError(platform: string, detail: string, status?: number, code?: string): ConnectorError {
  return new ConnectorError({ kind: 'permanent', platform, status, code, message: `${platform} refused the request (${detail})` });
}

/**
 * The server is configured in a way the platform no longer accepts (a sunset API version): a
 * `permanent` error (no retries) naming the setting an administrator must change.
 */
export function configurationError(platform: string, setting: string, detail: string, status?: number, code?: string): ConnectorError {
  return new ConnectorError({
    kind: 'permanent',
    platform,
    status,
    code,
    setting,
    message: `${platform} refused the request: ${detail}; an administrator must update ${setting}`,
  });
}

/**
 * Delay asked for by `Retry-After` (seconds or an HTTP date), in ms; undefined when absent or
 * unreadable.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** Delay until a reset time given as epoch seconds (X's `x-rate-limit-reset`), in ms. */
export function resetHeaderMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const epoch = Number(value);
  if (!Number.isFinite(epoch) || epoch <= 0) return undefined;
  return Math.max(0, epoch * 1000 - now);
}
