import { registerEnumType } from 'type-graphql';

/**
 * How engagement rate is computed; see docs/analytics.md. The default is the one metric model of
 * @soash/shared (each platform's own denominator); the others are explicit alternative views.
 */
export enum EngagementRateFormula {
  PLATFORM_DENOMINATOR = 'PLATFORM_DENOMINATOR',
  BY_REACH = 'BY_REACH',
  BY_IMPRESSIONS = 'BY_IMPRESSIONS',
  BY_FOLLOWERS = 'BY_FOLLOWERS',
}
export const DEFAULT_ENGAGEMENT_RATE_FORMULA = EngagementRateFormula.PLATFORM_DENOMINATOR;

export enum ComparePeriod {
  PREVIOUS_PERIOD = 'PREVIOUS_PERIOD',
  PREVIOUS_YEAR = 'PREVIOUS_YEAR',
}

export enum Granularity {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

export enum TimeseriesMetric {
  POSTS = 'POSTS',
  ENGAGEMENTS = 'ENGAGEMENTS',
  IMPRESSIONS = 'IMPRESSIONS',
  REACH = 'REACH',
  VIEWS = 'VIEWS',
  ENGAGEMENT_RATE = 'ENGAGEMENT_RATE',
  FOLLOWERS = 'FOLLOWERS',
  FOLLOWER_GROWTH = 'FOLLOWER_GROWTH',
  PROFILE_VIEWS = 'PROFILE_VIEWS',
  ENGAGEMENTS_RECEIVED = 'ENGAGEMENTS_RECEIVED',
}

export enum ActivityRankMetric {
  ENGAGEMENTS = 'ENGAGEMENTS',
  ENGAGEMENT_RATE = 'ENGAGEMENT_RATE',
  IMPRESSIONS = 'IMPRESSIONS',
  REACH = 'REACH',
  VIEWS = 'VIEWS',
  LIKES = 'LIKES',
  COMMENTS = 'COMMENTS',
  SHARES = 'SHARES',
  SAVES = 'SAVES',
}

export enum FollowerNormalization {
  NONE = 'NONE',
  FOLLOWERS_AT_PUBLISH = 'FOLLOWERS_AT_PUBLISH',
  FOLLOWERS_LATEST = 'FOLLOWERS_LATEST',
}

export enum FollowerBasis {
  AT_PUBLISH = 'AT_PUBLISH',
  LATEST = 'LATEST',
}

export enum HeatmapCellSource {
  CELL = 'CELL',
  HOUR = 'HOUR',
  ACCOUNT = 'ACCOUNT',
}

export enum CsvReport {
  OVERVIEW = 'OVERVIEW',
  TIMESERIES = 'TIMESERIES',
  POSTS = 'POSTS',
}

export enum CsvDelivery {
  AUTO = 'AUTO',
  INLINE = 'INLINE',
  DOWNLOAD = 'DOWNLOAD',
}

registerEnumType(EngagementRateFormula, {
  name: 'EngagementRateFormula',
  description:
    'Engagement rate = engagements / denominator. The default PLATFORM_DENOMINATOR is the one metric model used everywhere; the others are alternative views. Null (never 0) where the denominator is not reported.',
  valuesConfig: {
    PLATFORM_DENOMINATOR: {
      description:
        "The default: engagements / the denominator each post's platform reports for every post: reach (Instagram, Facebook, LinkedIn), views (TikTok), impressions (X). Sets of posts pool each post with its own denominator.",
    },
    BY_REACH: { description: 'Alternative view: engagements / reach (unique accounts reached); posts without reach (TikTok, X) are left out.' },
    BY_IMPRESSIONS: { description: 'Alternative view: engagements / impressions (times shown); posts without impressions are left out.' },
    BY_FOLLOWERS: { description: "Alternative view: engagements / the account's followers on the day of publishing (else the latest known count)." },
  },
});
registerEnumType(ComparePeriod, {
  name: 'ComparePeriod',
  valuesConfig: {
    PREVIOUS_PERIOD: { description: 'The same number of days immediately before the range.' },
    PREVIOUS_YEAR: { description: 'The same dates one year earlier (29 February → 28 February).' },
  },
});
registerEnumType(Granularity, { name: 'Granularity', description: 'DAY, ISO WEEK (Monday-Sunday) or calendar MONTH, in the viewer’s timezone.' });
registerEnumType(TimeseriesMetric, {
  name: 'TimeseriesMetric',
  valuesConfig: {
    POSTS: { description: 'Posts published (by local publish date). Empty buckets are 0.' },
    ENGAGEMENTS: { description: 'Likes + comments + shares + saves of the posts published in the bucket. Empty buckets are 0.' },
    IMPRESSIONS: { description: 'Impressions of the posts published in the bucket; null when none of them reports it.' },
    REACH: { description: 'Reach of the posts published in the bucket; null when none of them reports it.' },
    VIEWS: { description: 'Video views of the posts published in the bucket; null when none of them reports it.' },
    ENGAGEMENT_RATE: { description: 'Pooled engagement rate of the posts published in the bucket, each post with its own denominator (see EngagementRateFormula); null without a denominator.' },
    FOLLOWERS: { description: 'Followers on the last day of the bucket with data (sum over accounts); null when unknown. Ignores categoryIds.' },
    FOLLOWER_GROWTH: { description: 'Net follower change over the bucket; null when unknown. Ignores categoryIds.' },
    PROFILE_VIEWS: { description: 'Profile views (daily account metrics); null when not reported. Ignores categoryIds.' },
    ENGAGEMENTS_RECEIVED: {
      description:
        "Engagement the accounts received in the bucket, on any post, as the platform reports it for the day (daily account metrics; Instagram total_interactions, Facebook page_post_engagements, LinkedIn share statistics). Summed over the accounts whose platform reports it; null when none does. Ignores categoryIds.",
    },
  },
});
registerEnumType(ActivityRankMetric, { name: 'ActivityRankMetric' });
registerEnumType(FollowerNormalization, {
  name: 'FollowerNormalization',
  valuesConfig: {
    NONE: { description: 'Rank by the raw metric.' },
    FOLLOWERS_AT_PUBLISH: { description: 'Divide by followers on the day of publishing (the latest count when that day is unknown).' },
    FOLLOWERS_LATEST: { description: "Divide by the account's latest follower count." },
  },
});
registerEnumType(FollowerBasis, { name: 'FollowerBasis', description: 'Which follower count a normalised value used.' });
registerEnumType(HeatmapCellSource, {
  name: 'HeatmapCellSource',
  description: 'Where a heatmap cell’s value comes from.',
  valuesConfig: {
    CELL: { description: 'The posts in this weekday × hour cell (enough of them).' },
    HOUR: { description: 'Too few posts in the cell: the average of this hour over all weekdays.' },
    ACCOUNT: { description: 'Too few posts in the cell and the hour: the overall average (accountAverage).' },
  },
});
registerEnumType(CsvReport, { name: 'CsvReport' });
registerEnumType(CsvDelivery, {
  name: 'CsvDelivery',
  valuesConfig: {
    AUTO: { description: 'Inline CSV text when small, otherwise a download URL.' },
    INLINE: { description: 'Always inline (fails with BAD_USER_INPUT above the inline row limit).' },
    DOWNLOAD: { description: 'Always a download URL.' },
  },
});
