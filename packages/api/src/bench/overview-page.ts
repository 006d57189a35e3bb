/**
 * The GraphQL requests one load of the web app's Overview page sends (packages/web/src/features/
 * overview/OverviewPage.tsx, KpiGrid.tsx, BestTimesCard.tsx), with the variables the page uses for a
 * range: the same operations, fields and fragments. The benchmark replays them over HTTP and the
 * request-reads test counts their DB commands.
 */

const METRIC = 'value previous deltaPercent';

const KPIS = `query OverviewKpis($input: OverviewInput!) {
  overview(input: $input) {
    range { from to }
    comparisonRange { from to }
    ...OverviewKpis_Overview
  }
  platforms { id }
}
fragment OverviewKpis_Overview on Overview {
  followers { ${METRIC} }
  followerGrowth { ${METRIC} }
  posts { ${METRIC} }
  engagements { ${METRIC} }
  engagementRate { ${METRIC} }
  reach { ${METRIC} }
  impressions { ${METRIC} }
  views { ${METRIC} }
}`;

const TRENDS = `query OverviewTrends($range: DateRangeInput!, $granularity: Granularity!) {
  followers: timeseries(input: { range: $range, granularity: $granularity, metric: FOLLOWERS }) { points { bucket value } }
  engagements: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS }) { points { bucket value } }
  engagementRate: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENT_RATE }) { points { bucket value } }
}`;

const BREAKDOWN = `query OverviewBreakdown($input: AnalyticsInput!) {
  platformBreakdown(input: $input) {
    platformId platformType displayName followers followerGrowth posts engagements engagementRate reach shareOfEngagements
    platform { id username }
  }
}`;

const BEST_TIMES = `query OverviewBestTimes($input: BestTimesInput!) {
  bestTimesToPost(input: $input) { ...BestTimesHeatmap_BestTimes }
}
fragment BestTimesHeatmap_BestTimes on BestTimes {
  timezone totalPosts minPosts accountAverage
  cells { dayOfWeek hour value low high posts source sourcePosts }
  best { dayOfWeek hour value posts }
}`;

const TOP_POSTS = `query OverviewTopPosts($input: TopActivitiesInput!) {
  topActivities(input: $input) {
    rank value
    activity { id content type publishedAt engagementRate platform { id type username displayName } }
  }
}`;

const CONTENT = `query OverviewContent($input: AnalyticsInput!, $hashtags: HashtagPerformanceInput!) {
  contentTypePerformance(input: $input) { contentType posts medianEngagementRate lift }
  hashtagPerformance(input: $hashtags) { hashtags { hashtag posts medianEngagementRate lift successRate } }
}`;

const INSIGHTS = `query OverviewInsights {
  insights(filter: { priorities: [HIGH] }, first: 3) {
    totalCount
    edges { node { id title description isRead insightType } }
  }
}`;

export interface PageRequest {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface DayRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const rangeDays = (r: DayRange) => Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / DAY_MS) + 1;

/** range.ts#granularityFor */
export function granularityFor(r: DayRange): 'DAY' | 'WEEK' | 'MONTH' {
  const days = rangeDays(r);
  return days <= 92 ? 'DAY' : days <= 200 ? 'WEEK' : 'MONTH';
}

/** The seven requests of one Overview page load for `range` (comparison: the previous period). */
export function overviewPageRequests(range: DayRange): PageRequest[] {
  // BestTimes looks back at least 90 days (OverviewPage.tsx#BestTimes; the plans here are unlimited).
  const wide = rangeDays(range) >= 90 ? range : { from: addDays(range.to, -89), to: range.to };
  return [
    { name: 'OverviewKpis', query: KPIS, variables: { input: { range, compare: 'PREVIOUS_PERIOD' } } },
    { name: 'OverviewTrends', query: TRENDS, variables: { range, granularity: granularityFor(range) } },
    { name: 'OverviewBreakdown', query: BREAKDOWN, variables: { input: { range } } },
    { name: 'OverviewBestTimes', query: BEST_TIMES, variables: { input: { range: wide } } },
    { name: 'OverviewTopPosts', query: TOP_POSTS, variables: { input: { range, limit: 5 } } },
    { name: 'OverviewContent', query: CONTENT, variables: { input: { range }, hashtags: { range, limit: 6 } } },
    { name: 'OverviewInsights', query: INSIGHTS, variables: {} },
  ];
}
