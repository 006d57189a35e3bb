import { PlatformType, platformName } from './enums.js';

/**
 * The one metric model: how Soash turns a post's counters into an engagement rate, per platform.
 * The dashboard, insights, best times, reports and exports all use it (docs/analytics.md).
 *
 * engagements = likes + comments + shares + saves (the counters the platform reports)
 * engagement rate = engagements / the platform's denominator, for posts that report it (> 0)
 *
 * Each platform is divided by the audience measure it actually reports for every post:
 * - Instagram, Facebook, LinkedIn: reach (unique accounts reached; LinkedIn's unique impressions);
 * - TikTok: views (TikTok reports no reach);
 * - X: impressions (X reports no reach).
 * A blended rate over several accounts pools each post with its own platform's denominator, and
 * says which platforms it covers.
 */
export type RateDenominator = 'reach' | 'views' | 'impressions';

export const RATE_DENOMINATOR: Readonly<Record<PlatformType, RateDenominator>> = {
  [PlatformType.INSTAGRAM]: 'reach',
  [PlatformType.FACEBOOK]: 'reach',
  [PlatformType.LINKEDIN]: 'reach',
  [PlatformType.TIKTOK]: 'views',
  [PlatformType.TWITTER]: 'impressions',
};

/** How the denominator is named on screen, e.g. "engagement rate by views". */
export const RATE_DENOMINATOR_LABEL: Readonly<Record<RateDenominator, string>> = {
  reach: 'reach',
  views: 'views',
  impressions: 'impressions',
};

export interface RateCounters {
  total: number;
  reach?: number | null;
  views?: number | null;
  impressions?: number | null;
}

/** The denominator a post of `platform` is divided by; null when the post does not report it. */
export function rateDenominator(platform: PlatformType, e: RateCounters): number | null {
  const v = e[RATE_DENOMINATOR[platform]];
  return typeof v === 'number' && v > 0 ? v : null;
}

/** A post's engagement rate under the metric model (a fraction, 0.05 = 5 %); null without a denominator. */
export function postEngagementRate(platform: PlatformType, e: RateCounters): number | null {
  const den = rateDenominator(platform, e);
  return den === null ? null : e.total / den;
}

/** "engagement rate by reach" / "… by reach (Instagram, LinkedIn) and views (TikTok)" for a set of platforms. */
export function rateLabelFor(platforms: readonly PlatformType[]): string {
  const byDen = new Map<RateDenominator, PlatformType[]>();
  for (const p of new Set(platforms)) {
    const d = RATE_DENOMINATOR[p];
    byDen.set(d, [...(byDen.get(d) ?? []), p]);
  }
  if (byDen.size <= 1) return `engagement rate by ${RATE_DENOMINATOR_LABEL[[...byDen.keys()][0] ?? 'reach']}`;
  const parts = [...byDen].map(([d, ps]) => `${RATE_DENOMINATOR_LABEL[d]} (${ps.map(platformName).join(', ')})`);
  return `engagement rate by ${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}


/**
 * The account metrics an alert can watch: the dashboard's headline numbers (Overview), under the
 * same metric model. `unit` says how a value is written and how a threshold is entered: a rate is
 * a fraction in the data and a percentage on screen (threshold 2.5 means 2.5 %).
 */
export const AlertMetric = {
  FOLLOWERS: 'followers',
  FOLLOWER_GROWTH: 'follower_growth',
  ENGAGEMENT_RATE: 'engagement_rate',
  ENGAGEMENTS: 'engagements',
  REACH: 'reach',
  IMPRESSIONS: 'impressions',
  VIEWS: 'views',
  POSTS: 'posts',
} as const;
export type AlertMetric = (typeof AlertMetric)[keyof typeof AlertMetric];
export const ALERT_METRICS: readonly AlertMetric[] = Object.values(AlertMetric);

export interface AlertMetricInfo {
  label: string;
  /** The Overview field that holds the metric. */
  overviewField: 'followers' | 'followerGrowth' | 'engagementRate' | 'engagements' | 'reach' | 'impressions' | 'views' | 'posts';
  unit: 'count' | 'percent';
}

export const ALERT_METRIC_INFO: Readonly<Record<AlertMetric, AlertMetricInfo>> = {
  [AlertMetric.FOLLOWERS]: { label: 'Followers', overviewField: 'followers', unit: 'count' },
  [AlertMetric.FOLLOWER_GROWTH]: { label: 'Follower growth', overviewField: 'followerGrowth', unit: 'count' },
  [AlertMetric.ENGAGEMENT_RATE]: { label: 'Engagement rate', overviewField: 'engagementRate', unit: 'percent' },
  [AlertMetric.ENGAGEMENTS]: { label: 'Engagements', overviewField: 'engagements', unit: 'count' },
  [AlertMetric.REACH]: { label: 'Reach', overviewField: 'reach', unit: 'count' },
  [AlertMetric.IMPRESSIONS]: { label: 'Impressions', overviewField: 'impressions', unit: 'count' },
  [AlertMetric.VIEWS]: { label: 'Views', overviewField: 'views', unit: 'count' },
  [AlertMetric.POSTS]: { label: 'Posts', overviewField: 'posts', unit: 'count' },
};

/** A metric's value as shown and compared with thresholds: rates as percentages, counts as they are. */
export function alertMetricDisplayValue(metric: AlertMetric, value: number): number {
  return ALERT_METRIC_INFO[metric].unit === 'percent' ? value * 100 : value;
}

/** "2.35 %" / "12,400". */
export function formatAlertMetricValue(metric: AlertMetric, shown: number): string {
  if (ALERT_METRIC_INFO[metric].unit === 'percent') return `${Math.round(shown * 100) / 100} %`;
  return (Math.round(shown * 100) / 100).toLocaleString('en-US');
}
