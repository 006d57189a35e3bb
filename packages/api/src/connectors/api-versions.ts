import { PlatformType } from '@soash/shared';

/**
 * The API versions connectors call, and when each stops working where the platform publishes it.
 * Versions are settings (GRAPH_API_VERSION, TIKTOK_API_VERSION, LINKEDIN_API_VERSION); connector
 * health shows the one in use and its sunset, and warns ahead of it.
 */

/**
 * Graph API versions (Instagram and Facebook): release and expiration dates from the changelog,
 * https://developers.facebook.com/docs/graph-api/changelog/versions/ (read 2026-12-01). Calls to
 * an expired version are served by the oldest available version, so an expired setting changes
 * behaviour silently: health warns well before. `expires` null = not announced yet ("TBD").
 */
export const GRAPH_API_VERSIONS: Readonly<Record<string, { released: string; expires: string | null }>> = {
  'v26.0': { released: '2026-07-29', expires: null },
  'v25.0': { released: '2026-02-18', expires: '2028-07-29' },
  'v24.0': { released: '2025-10-08', expires: '2028-02-18' },
  'v23.0': { released: '2025-05-29', expires: '2027-10-08' },
  'v22.0': { released: '2025-01-21', expires: '2027-05-20' },
  'v21.0': { released: '2024-10-02', expires: '2027-01-21' },
  'v20.0': { released: '2024-05-21', expires: '2026-09-24' },
  'v19.0': { released: '2024-01-23', expires: '2026-05-21' },
  'v18.0': { released: '2023-09-12', expires: '2026-01-26' },
  'v17.0': { released: '2023-05-23', expires: '2025-09-12' },
  'v16.0': { released: '2023-02-02', expires: '2025-05-14' },
};

/**
 * LinkedIn versions are YYYYMM and each is supported for at least one year after its release
 * (https://learn.microsoft.com/en-us/linkedin/marketing/versioning, read 2026-12-01): the sunset
 * is taken as the first day of the same month a year later.
 */
export function linkedInSunset(version: string): Date | undefined {
  // YYYYMM, or YYYYMM.RR for a revision of that month's version.
  const m = /^(\d{4})(\d{2})(?:\.\d{2})?$/.exec(version);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  return new Date(Date.UTC(year + 1, month - 1, 1));
}

/** When `version` of the platform's API stops working, where the platform publishes it. */
export function apiVersionSunset(type: PlatformType, version: string): Date | undefined {
  switch (type) {
    case PlatformType.INSTAGRAM:
    case PlatformType.FACEBOOK: {
      const expires = GRAPH_API_VERSIONS[version]?.expires;
      return expires ? new Date(`${expires}T00:00:00Z`) : undefined;
    }
    case PlatformType.LINKEDIN:
      return linkedInSunset(version);
    default:
      // X API v2 and TikTok's v2 have no announced end.
      return undefined;
  }
}

/** The setting that chooses a platform's API version (for messages). */
export function apiVersionSetting(type: PlatformType): string | undefined {
  switch (type) {
    case PlatformType.INSTAGRAM:
    case PlatformType.FACEBOOK:
      return 'GRAPH_API_VERSION';
    case PlatformType.LINKEDIN:
      return 'LINKEDIN_API_VERSION';
    case PlatformType.TIKTOK:
      return 'TIKTOK_API_VERSION';
    default:
      return undefined;
  }
}
