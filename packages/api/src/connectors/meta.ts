import { authError, ConnectorError, permanentError, rateLimitedError, transientError } from './errors.js';
import type { HttpResponse } from './http.js';
import type { RateLimitInfo } from './types.js';

/**
 * What Instagram and Facebook (both Meta Graph APIs) have in common: the error object
 * `{ error: { message, type, code, error_subcode } }` and the usage headers.
 *
 * - code 190 (OAuthException): invalid access token. Subcode 463 = expired; 458 (app not
 *   installed), 460 (password changed), 464 (user unconfirmed) and 467 (invalid) = revoked/invalid.
 * - codes 4, 17, 32, 613 and 80001-80014: rate limiting (app, user, page, custom, business use case).
 * - codes 1 and 2: temporary problems on Meta's side.
 * - anything else (100 invalid parameter or retired metric, 10 / 200-299 permissions): permanent.
 */
export interface MetaError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

export function metaErrorOf(body: unknown): MetaError | undefined {
  const err = (body as { error?: unknown } | undefined)?.error;
  return err && typeof err === 'object' ? (err as MetaError) : undefined;
}

/** Usage headers: X-App-Usage and X-Business-Use-Case-Usage carry percentages of the budget used. */
export function metaUsage(headers: Headers): RateLimitInfo | undefined {
  const used: number[] = [];
  let regainMinutes = 0;
  const app = parseJson(headers.get('x-app-usage'));
  if (app && typeof app === 'object') {
    for (const k of ['call_count', 'total_cputime', 'total_time']) {
      const v = (app as Record<string, unknown>)[k];
      if (typeof v === 'number') used.push(v);
    }
  }
  const buc = parseJson(headers.get('x-business-use-case-usage'));
  if (buc && typeof buc === 'object') {
    for (const entries of Object.values(buc as Record<string, unknown>)) {
      for (const e of Array.isArray(entries) ? entries : []) {
        for (const k of ['call_count', 'total_cputime', 'total_time']) {
          const v = (e as Record<string, unknown>)[k];
          if (typeof v === 'number') used.push(v);
        }
        const regain = (e as Record<string, unknown>).estimated_time_to_regain_access;
        if (typeof regain === 'number') regainMinutes = Math.max(regainMinutes, regain);
      }
    }
  }
  if (!used.length) return undefined;
  return {
    unit: 'percent',
    limit: 100,
    remaining: Math.max(0, 100 - Math.max(...used)),
    resetAt: regainMinutes > 0 ? new Date(Date.now() + regainMinutes * 60_000) : undefined,
  };
}

function parseJson(v: string | null): unknown {
  if (!v) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

/** Classifies a Meta Graph API response; undefined when it is not an error. */
export function classifyMeta(platform: string) {
  return (res: HttpResponse): ConnectorError | undefined => {
    const err = metaErrorOf(res.body);
    if (!err) return undefined;
    const code = err.code ?? 0;
    const sub = err.error_subcode;
    const codeStr = sub ? `${code}/${sub}` : String(code);
    if (code === 190 || code === 102) {
      const failure = sub === 463 ? 'expired' : sub === 458 || sub === 460 || sub === 464 ? 'revoked' : 'invalid';
      return authError(platform, failure, codeStr, res.status);
    }
    if (RATE_LIMIT_CODES.has(code) || (code >= 80001 && code <= 80014) || res.status === 429) {
      const usage = metaUsage(res.headers);
      const retryAfter = usage?.resetAt ? Math.max(0, usage.resetAt.getTime() - Date.now()) : undefined;
      return rateLimitedError(platform, retryAfter, codeStr, res.status);
    }
    if (code === 1 || code === 2 || res.status >= 500) return transientError(platform, `error ${codeStr}`, res.status, codeStr);
    return permanentError(platform, `error ${codeStr}${code === 100 ? ': invalid parameter or retired metric' : ''}`, res.status, codeStr);
  };
}
