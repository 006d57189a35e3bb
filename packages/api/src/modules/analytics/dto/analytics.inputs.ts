import { ArrayMaxSize, IsInt, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ContentType } from '../../../lib/graphql-enums.js';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  ActivityRankMetric,
  ComparePeriod,
  CsvDelivery,
  CsvReport,
  DEFAULT_ENGAGEMENT_RATE_FORMULA,
  EngagementRateFormula,
  FollowerNormalization,
  Granularity,
  TimeseriesMetric,
} from '../analytics.enums.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: "Calendar dates in the viewer's timezone, both inclusive (at most 1100 days)." })
export class DateRangeInput {
  @Field(() => String, { description: 'First day, YYYY-MM-DD.' })
  @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  from: string;

  @Field(() => String, { description: 'Last day, YYYY-MM-DD (inclusive).' })
  @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' })
  to: string;
}

@InputType({ description: 'Narrows analytics to some accounts and/or content categories.' })
export class AnalyticsFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Only these accounts (default: all of the viewer’s).' })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'platformIds: at most 50 ids' })
  platformIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Only posts in any of these categories. Applies to post metrics; account metrics (followers, profile views) ignore it.',
  })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'categoryIds: at most 100 ids' })
  categoryIds?: string[];
}

@InputType({ description: 'A date range, optional filters and the engagement-rate formula.' })
export class AnalyticsInput {
  @Field(() => DateRangeInput)
  @ValidateNested()
  range: DateRangeInput;

  @Field(() => AnalyticsFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: AnalyticsFilterInput;

  @Field(() => EngagementRateFormula, { nullable: true, defaultValue: DEFAULT_ENGAGEMENT_RATE_FORMULA })
  @IsOptional()
  engagementRateFormula?: EngagementRateFormula;
}

@InputType()
export class OverviewInput extends AnalyticsInput {
  @Field(() => ComparePeriod, { nullable: true, defaultValue: ComparePeriod.PREVIOUS_PERIOD })
  @IsOptional()
  compare?: ComparePeriod;
}

@InputType()
export class TimeseriesInput extends AnalyticsInput {
  @Field(() => TimeseriesMetric)
  metric: TimeseriesMetric;

  @Field(() => Granularity, { nullable: true, defaultValue: Granularity.DAY })
  @IsOptional()
  granularity?: Granularity;
}

@InputType()
export class TopActivitiesInput extends AnalyticsInput {
  @Field(() => ActivityRankMetric, { nullable: true, defaultValue: ActivityRankMetric.ENGAGEMENTS })
  @IsOptional()
  by?: ActivityRankMetric;

  @Field(() => FollowerNormalization, { nullable: true, defaultValue: FollowerNormalization.NONE })
  @IsOptional()
  normalizeBy?: FollowerNormalization;

  @Field(() => Int, { nullable: true, defaultValue: 10, description: '1-50.' })
  @IsOptional()
  @Min(1, { message: 'limit must be between 1 and 50' })
  @Max(50, { message: 'limit must be between 1 and 50' })
  limit?: number;
}

@InputType()
export class HashtagPerformanceInput extends AnalyticsInput {
  @Field(() => Int, { nullable: true, defaultValue: 3, description: 'Hashtags used on fewer posts are left out (1-100).' })
  @IsOptional()
  @Min(1, { message: 'minPosts must be between 1 and 100' })
  @Max(100, { message: 'minPosts must be between 1 and 100' })
  minPosts?: number;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: '1-100.' })
  @IsOptional()
  @Min(1, { message: 'limit must be between 1 and 100' })
  @Max(100, { message: 'limit must be between 1 and 100' })
  limit?: number;
}

/** A slot needs this many posts of its own to be recommended (and to show its own value). */
export const DEFAULT_BEST_TIMES_MIN_POSTS = 5;
/** However low minPosts is set, a recommended slot has at least this many posts of its own. */
export const MIN_RECOMMENDED_POSTS = 3;

@InputType()
export class BestTimesInput extends AnalyticsInput {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_BEST_TIMES_MIN_POSTS,
    description: `Cells with fewer posts fall back to a broader average and are never recommended (2-100; a recommendation always needs at least ${MIN_RECOMMENDED_POSTS}).`,
  })
  @IsOptional()
  @Min(2, { message: 'minPosts must be between 2 and 100' })
  @Max(100, { message: 'minPosts must be between 2 and 100' })
  minPosts?: number;
}

@InputType()
export class AudienceDemographicsInput {
  @Field(() => [ID], { nullable: true, description: 'Only these accounts (default: all of the viewer’s).' })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'platformIds: at most 50 ids' })
  platformIds?: string[];

  @Field(() => String, { nullable: true, description: 'Latest data on or before this date (YYYY-MM-DD); default: all data.' })
  @IsOptional()
  @Matches(DATE, { message: 'asOf must be a date as YYYY-MM-DD' })
  asOf?: string;
}

@InputType({ description: "The posts page's own filters, for the POSTS report: every given condition must hold (as in ActivityFilter)." })
export class PostsCsvFilterInput {
  @Field(() => [ContentType], { nullable: true })
  @IsOptional()
  types?: ContentType[] | null;

  @Field(() => String, { nullable: true, description: 'A hashtag, with or without "#", any case.' })
  @IsOptional()
  @MaxLength(100, { message: 'hashtag: at most 100 characters' })
  hashtag?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive text the caption contains.' })
  @IsOptional()
  @MaxLength(200, { message: 'search: at most 200 characters' })
  search?: string | null;

  @Field(() => [Int], { nullable: true, description: "Hours of the day (0–23) in the workspace's timezone." })
  @IsOptional()
  @ArrayMaxSize(24)
  @IsInt({ each: true, message: 'hours must be whole hours from 0 to 23' })
  @Min(0, { each: true, message: 'hours must be whole hours from 0 to 23' })
  @Max(23, { each: true, message: 'hours must be whole hours from 0 to 23' })
  hours?: number[] | null;

  @Field(() => [Int], { nullable: true, description: "ISO weekdays (1 = Monday … 7 = Sunday) in the workspace's timezone." })
  @IsOptional()
  @ArrayMaxSize(7)
  @IsInt({ each: true, message: 'weekdays must be ISO weekdays from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { each: true, message: 'weekdays must be ISO weekdays from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { each: true, message: 'weekdays must be ISO weekdays from 1 (Monday) to 7 (Sunday)' })
  weekdays?: number[] | null;
}

@InputType()
export class ExportCsvInput extends AnalyticsInput {
  @Field(() => PostsCsvFilterInput, { nullable: true, description: 'POSTS only: the posts page filters (type, hashtag, search, hours, weekdays).' })
  @IsOptional()
  @ValidateNested()
  posts?: PostsCsvFilterInput | null;

  @Field(() => CsvReport)
  report: CsvReport;

  @Field(() => ComparePeriod, { nullable: true, defaultValue: ComparePeriod.PREVIOUS_PERIOD, description: 'OVERVIEW only.' })
  @IsOptional()
  compare?: ComparePeriod;

  @Field(() => TimeseriesMetric, { nullable: true, description: 'TIMESERIES only (required there).' })
  @IsOptional()
  metric?: TimeseriesMetric;

  @Field(() => Granularity, { nullable: true, defaultValue: Granularity.DAY, description: 'TIMESERIES only.' })
  @IsOptional()
  granularity?: Granularity;

  @Field(() => CsvDelivery, { nullable: true, defaultValue: CsvDelivery.AUTO })
  @IsOptional()
  delivery?: CsvDelivery;
}
