import type { Types } from 'mongoose';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ContentType, PlatformType } from '../../lib/graphql-enums.js';
import { Activity } from '../activities/activity.model.js';
import { Demographics } from '../stats/stats.model.js';
import {
  ActivityRankMetric,
  ComparePeriod,
  CsvReport,
  EngagementRateFormula,
  FollowerBasis,
  FollowerNormalization,
  Granularity,
  HeatmapCellSource,
  TimeseriesMetric,
} from './analytics.enums.js';

/** GraphQL result types of the dashboard queries (computed, not stored). */

@ObjectType({ description: 'Calendar dates in the viewer’s timezone, inclusive.' })
export class DateRange {
  @Field(() => String)
  from: string;

  @Field(() => String)
  to: string;
}

@ObjectType({ description: 'A number with its comparison value. Any part is null where it cannot be computed.' })
export class MetricValue {
  @Field(() => Float, { nullable: true })
  value: number | null;

  @Field(() => Float, { nullable: true, description: 'The same metric over the comparison range.' })
  previous: number | null;

  @Field(() => Float, { nullable: true, description: 'value − previous.' })
  delta: number | null;

  @Field(() => Float, { nullable: true, description: '(value − previous) / |previous| × 100; null when previous is 0 or null.' })
  deltaPercent: number | null;
}

@ObjectType()
export class Overview {
  @Field(() => DateRange)
  range: DateRange;

  @Field(() => DateRange)
  comparisonRange: DateRange;

  @Field(() => ComparePeriod)
  compare: ComparePeriod;

  @Field(() => String, { description: 'The timezone dates were bucketed in.' })
  timezone: string;

  @Field(() => EngagementRateFormula)
  engagementRateFormula: EngagementRateFormula;

  @Field(() => String, { description: 'What engagementRate is, to show next to it: "engagement rate by reach (Instagram) and views (TikTok)".' })
  rateLabel: string;

  @Field(() => [PlatformType], { description: 'The platforms of the accounts the numbers cover (every account in scope, each with its own denominator).' })
  ratePlatforms: PlatformType[];

  @Field(() => MetricValue, { description: 'Followers on the last day of the range with data, summed over accounts.' })
  followers: MetricValue;

  @Field(() => MetricValue, { description: 'Net follower change over the range.' })
  followerGrowth: MetricValue;

  @Field(() => MetricValue, { description: 'Net follower change as a percentage of the followers at the start.' })
  followerGrowthPercent: MetricValue;

  @Field(() => MetricValue, { description: 'Posts published in the range.' })
  posts: MetricValue;

  @Field(() => MetricValue, { description: 'Impressions of the posts published in the range.' })
  impressions: MetricValue;

  @Field(() => MetricValue, { description: 'Video views of the posts published in the range.' })
  views: MetricValue;

  @Field(() => MetricValue, { description: 'Reach of the posts published in the range.' })
  reach: MetricValue;

  @Field(() => MetricValue, { description: 'Likes + comments + shares + saves of the posts published in the range.' })
  engagements: MetricValue;

  @Field(() => MetricValue, { description: "Pooled engagement rate (a fraction, 0.05 = 5 %): Σ engagements / Σ each post's denominator (see rateLabel)." })
  engagementRate: MetricValue;
}

@ObjectType()
export class TimeseriesPoint {
  @Field(() => String, { description: 'Bucket label: 2026-03-05 (DAY), 2026-W10 (ISO WEEK), 2026-03 (MONTH).' })
  bucket: string;

  @Field(() => String, { description: 'First day of the bucket inside the range (YYYY-MM-DD).' })
  startDate: string;

  @Field(() => String, { description: 'Last day of the bucket inside the range (YYYY-MM-DD).' })
  endDate: string;

  @Field(() => Float, { nullable: true, description: 'Null where unknown; counts of an empty bucket are 0.' })
  value: number | null;
}

@ObjectType()
export class Timeseries {
  @Field(() => TimeseriesMetric)
  metric: TimeseriesMetric;

  @Field(() => Granularity)
  granularity: Granularity;

  @Field(() => String)
  timezone: string;

  @Field(() => EngagementRateFormula)
  engagementRateFormula: EngagementRateFormula;

  @Field(() => String, { description: 'What ENGAGEMENT_RATE values are (see Overview.rateLabel).' })
  rateLabel: string;

  @Field(() => [TimeseriesPoint], { description: 'Every bucket of the range, in order, gaps included.' })
  points: TimeseriesPoint[];
}

@ObjectType()
export class PlatformBreakdownRow {
  @Field(() => ID)
  platformId: Types.ObjectId;

  @Field(() => PlatformType)
  platformType: PlatformType;

  @Field(() => String, { nullable: true })
  displayName: string | null;

  @Field(() => Float, { nullable: true, description: 'Followers on the last day of the range with data.' })
  followers: number | null;

  @Field(() => Float, { nullable: true, description: 'Net follower change over the range.' })
  followerGrowth: number | null;

  @Field(() => Int)
  posts: number;

  @Field(() => Float)
  engagements: number;

  @Field(() => Float, { nullable: true })
  impressions: number | null;

  @Field(() => Float, { nullable: true })
  reach: number | null;

  @Field(() => Float, { nullable: true })
  views: number | null;

  @Field(() => Float, { nullable: true })
  engagementRate: number | null;

  @Field(() => String, { description: "What engagementRate is for this account's platform, e.g. \"engagement rate by views\"." })
  rateLabel: string;

  @Field(() => Float, { nullable: true, description: "This account's share of all engagements in the result (0-1)." })
  shareOfEngagements: number | null;
}

@ObjectType()
export class TopActivity {
  @Field(() => Int, { description: '1 for the best.' })
  rank: number;

  @Field(() => Activity)
  activity: Activity;

  @Field(() => ActivityRankMetric)
  metric: ActivityRankMetric;

  @Field(() => Float, { description: 'The raw metric.' })
  value: number;

  @Field(() => FollowerNormalization)
  normalizeBy: FollowerNormalization;

  @Field(() => Float, { nullable: true, description: 'Follower count used to normalise.' })
  followers: number | null;

  @Field(() => FollowerBasis, { nullable: true })
  followersBasis: FollowerBasis | null;

  @Field(() => Float, { nullable: true, description: 'value / followers (per follower). The ranking key when normalising.' })
  normalizedValue: number | null;

  @Field(() => Float, { nullable: true, description: "The post's engagement rate under the query's formula (null without its denominator)." })
  engagementRate: number | null;

  @Field(() => String, { description: 'What engagementRate is for this post\'s platform, e.g. "engagement rate by views".' })
  rateLabel: string;
}

@ObjectType()
export class ContentTypePerformance {
  @Field(() => ContentType)
  contentType: ContentType;

  @Field(() => Int)
  posts: number;

  @Field(() => Float, { description: 'Share of all posts in the result (0-1).' })
  shareOfPosts: number;

  @Field(() => Float)
  engagements: number;

  @Field(() => Float)
  averageEngagements: number;

  @Field(() => Float, { nullable: true })
  impressions: number | null;

  @Field(() => Float, { nullable: true })
  reach: number | null;

  @Field(() => Float, { nullable: true, description: 'Pooled engagement rate of the group.' })
  engagementRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Median per-post engagement rate of the group.' })
  medianEngagementRate: number | null;

  @Field(() => Float, { nullable: true, description: "Within each account: the median, over the group's posts, of each post's rate ÷ its own account's median rate in the result (1.2 = 20 % better than the account's typical post); null when no post has a rate." })
  lift: number | null;

  @Field(() => Int, { description: 'Posts with a per-post engagement rate (the sample of the median).' })
  postsWithRate: number;

  @Field(() => String, { description: 'What the rates are (see Overview.rateLabel).' })
  rateLabel: string;
}

@ObjectType()
export class HashtagStat {
  @Field(() => String, { description: 'Lower-case, without #.' })
  hashtag: string;

  @Field(() => Int, { description: 'Posts with this hashtag and a per-post engagement rate.' })
  posts: number;

  @Field(() => Float)
  medianEngagementRate: number;

  @Field(() => Float, { nullable: true, description: "Within each account: the median of each post's rate ÷ its own account's median rate (1.2 = 20 % better than the account's typical post); null when no post has one." })
  lift: number | null;

  @Field(() => Float, { description: "Share of these posts whose rate beats their own account's median (0-1)." })
  successRate: number;

  @Field(() => Float)
  averageEngagements: number;
}

@ObjectType()
export class HashtagPerformance {
  @Field(() => Float, { nullable: true, description: "The user's median per-post engagement rate over the range." })
  baselineMedianEngagementRate: number | null;

  @Field(() => Int, { description: 'Posts in the range with a per-post engagement rate.' })
  postsWithRate: number;

  @Field(() => Int)
  minPosts: number;

  @Field(() => String, { description: 'What the rates are (see Overview.rateLabel).' })
  rateLabel: string;

  @Field(() => [HashtagStat], { description: 'Hashtags with at least minPosts posts, by lift (then posts).' })
  hashtags: HashtagStat[];
}

@ObjectType()
export class HeatmapCell {
  @Field(() => Int, { description: 'ISO weekday, 1 = Monday … 7 = Sunday, in the viewer’s timezone.' })
  dayOfWeek: number;

  @Field(() => Int, { description: 'Hour 0-23 in the viewer’s timezone.' })
  hour: number;

  @Field(() => Int, { description: 'Posts in this cell with a per-post engagement rate.' })
  posts: number;

  @Field(() => Float, { nullable: true, description: "Expected engagement rate of this cell's own posts (null without posts), on the same scale as value." })
  cellAverage: number | null;

  @Field(() => HeatmapCellSource, { description: 'CELL, or the broader average the value fell back to.' })
  source: HeatmapCellSource;

  @Field(() => Int, { description: 'Posts behind `value` (the cell, the hour or the whole account).' })
  sourcePosts: number;

  @Field(() => Float, { nullable: true, description: "The expected engagement rate for this slot: the mean of `source`'s posts, each relative to its own account's average, times accountAverage." })
  value: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower bound of the confidence interval of `value` (never below 0).' })
  low: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound of the confidence interval of `value`.' })
  high: number | null;
}

@ObjectType()
export class BestTimes {
  @Field(() => String)
  timezone: string;

  @Field(() => EngagementRateFormula)
  engagementRateFormula: EngagementRateFormula;

  @Field(() => Int)
  minPosts: number;

  @Field(() => Float, { description: 'Confidence level of the intervals (0.95).' })
  confidenceLevel: number;

  @Field(() => String, { description: 'What the rates are (see Overview.rateLabel).' })
  rateLabel: string;

  @Field(() => Int, { description: 'Posts with an engagement rate, of accounts whose average is above 0.' })
  totalPosts: number;

  @Field(() => Int, { description: 'Accounts whose posts are counted (each against its own average).' })
  accounts: number;

  @Field(() => Float, { nullable: true, description: 'Mean per-post engagement rate over the counted posts: the average every slot is compared with.' })
  accountAverage: number | null;

  @Field(() => [HeatmapCell], { description: '168 cells: Monday 00 … Sunday 23.' })
  cells: HeatmapCell[];

  @Field(() => [HeatmapCell], {
    description: 'Up to 3 recommended slots: cells with at least minPosts posts of their own whose lower bound beats accountAverage, by the lower bound (highest first).',
  })
  best: HeatmapCell[];
}

@ObjectType()
export class PlatformDemographics {
  @Field(() => ID)
  platformId: Types.ObjectId;

  @Field(() => PlatformType)
  platformType: PlatformType;

  @Field(() => String, { description: 'Day of the data (YYYY-MM-DD).' })
  date: string;

  @Field(() => Float, { nullable: true })
  followers: number | null;

  @Field(() => Demographics)
  demographics: Demographics;
}

@ObjectType()
export class AudienceDemographics {
  @Field(() => [PlatformDemographics], { description: 'The latest demographics of each account that reports them.' })
  platforms: PlatformDemographics[];

  @Field(() => Demographics, { nullable: true, description: 'All accounts merged, weighted by follower count.' })
  merged: Demographics | null;
}

@ObjectType()
export class PostDecayPoint {
  @Field(() => String, { description: 'Day of the snapshot (UTC, YYYY-MM-DD).' })
  date: string;

  @Field(() => Int, { description: 'Days since the (UTC) publish day; 0 = the publish day.' })
  day: number;

  @Field(() => Float)
  engagements: number;

  @Field(() => Float, { description: 'Engagements gained since the previous snapshot.' })
  engagementsGained: number;

  @Field(() => Float, { nullable: true, description: "engagements / the latest snapshot's engagements (0-1)." })
  shareOfLatest: number | null;

  @Field(() => Float, { nullable: true })
  impressions: number | null;

  @Field(() => Float, { nullable: true })
  reach: number | null;

  @Field(() => Float, { nullable: true })
  views: number | null;
}

@ObjectType()
export class PostDecay {
  @Field(() => Activity)
  activity: Activity;

  @Field(() => [PostDecayPoint], { description: 'Daily snapshots, oldest first.' })
  points: PostDecayPoint[];

  @Field(() => Float, { nullable: true, description: 'Engagements in the latest snapshot.' })
  latestEngagements: number | null;

  @Field(() => Int, { nullable: true, description: 'First day on which the post had at least half of its latest engagements.' })
  halfLifeDays: number | null;

  @Field(() => Int, { nullable: true, description: 'First day on which the post had at least 90 % of its latest engagements.' })
  daysTo90Percent: number | null;
}

@ObjectType()
export class CsvExport {
  @Field(() => CsvReport)
  report: CsvReport;

  @Field(() => String)
  filename: string;

  @Field(() => Int, { description: 'Data rows (without the header).' })
  rowCount: number;

  @Field(() => String, { nullable: true, description: 'The CSV text, when delivered inline.' })
  csv: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where to GET the CSV (with the same Authorization header), when not inline. Short-lived.',
  })
  downloadUrl: string | null;

  @Field(() => Date, { nullable: true, description: 'When downloadUrl stops working.' })
  expiresAt: Date | null;
}
