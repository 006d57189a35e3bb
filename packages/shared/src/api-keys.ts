/**
 * What a partner credential (an API key) may do: the one list of scopes. Every GraphQL operation
 * names one of these, or is open to any caller, or is closed to API keys (see the api package's
 * auth/scope.ts); a key's scopes only narrow what its creator's current role allows.
 */
export const ApiScope = {
  ANALYTICS_READ: 'analytics:read',
  POSTS_READ: 'posts:read',
  CATEGORIES_WRITE: 'categories:write',
  PLATFORMS_READ: 'platforms:read',
  PLATFORMS_WRITE: 'platforms:write',
  INSIGHTS_READ: 'insights:read',
  INSIGHTS_WRITE: 'insights:write',
  WORKSPACE_READ: 'workspace:read',
  WEBHOOKS_WRITE: 'webhooks:write',
  REPORTS_READ: 'reports:read',
  REPORTS_WRITE: 'reports:write',
  ALERTS_READ: 'alerts:read',
  ALERTS_WRITE: 'alerts:write',
} as const;
export type ApiScope = (typeof ApiScope)[keyof typeof ApiScope];
export const API_SCOPES: readonly ApiScope[] = Object.values(ApiScope);

/** Plain-word labels, for the key dialog and the docs. */
export const API_SCOPE_LABELS: Readonly<Record<ApiScope, string>> = {
  [ApiScope.ANALYTICS_READ]: 'Read analytics: overview, time series, best times, demographics, stats and CSV exports',
  [ApiScope.POSTS_READ]: 'Read posts and content categories',
  [ApiScope.CATEGORIES_WRITE]: 'Create, change and assign content categories',
  [ApiScope.PLATFORMS_READ]: 'Read connected accounts, their health and sync runs',
  [ApiScope.PLATFORMS_WRITE]: 'Connect, disconnect and sync accounts',
  [ApiScope.INSIGHTS_READ]: 'Read insights, patterns and recommendations',
  [ApiScope.INSIGHTS_WRITE]: 'Mark insights read or dismissed, rate and use recommendations',
  [ApiScope.WORKSPACE_READ]: 'Read the workspace and its members',
  [ApiScope.WEBHOOKS_WRITE]: 'Manage webhook endpoints, read their deliveries, replay and test them',
  [ApiScope.REPORTS_READ]: 'Read saved reports and their numbers (the sections they include)',
  [ApiScope.REPORTS_WRITE]: 'Create, change and delete saved reports',
  [ApiScope.ALERTS_READ]: 'Read alert rules and the alerts they fired',
  [ApiScope.ALERTS_WRITE]: 'Create, change and delete alert rules',
};

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === 'string' && (API_SCOPES as readonly string[]).includes(value);
}

/** Every key starts with this, so secret scanners can find leaked ones. */
export const API_KEY_PREFIX = 'soash_';
/** Longest overlap a rotation may keep the old secret working for. */
export const API_KEY_MAX_OVERLAP_HOURS = 168;
/** Most active keys per workspace. */
export const API_KEYS_PER_WORKSPACE = 50;
