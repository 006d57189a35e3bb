import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ContentType } from '../../../lib/graphql-enums.js';
import { SortDirection } from '../../../lib/pagination.js';

/** What a post list can be sorted by; the values are the stored field paths. */
export const ActivitySortField = {
  PUBLISHED_AT: 'publishedAt',
  ENGAGEMENT: 'engagement.total',
  ENGAGEMENT_RATE: 'engagementRate',
} as const;
export type ActivitySortField = (typeof ActivitySortField)[keyof typeof ActivitySortField];
registerEnumType(ActivitySortField, {
  name: 'ActivitySortField',
  valuesConfig: {
    PUBLISHED_AT: { description: 'Publication time (posts without one sort as lowest).' },
    ENGAGEMENT: { description: 'engagement.total of the latest counters.' },
    ENGAGEMENT_RATE: { description: 'Latest engagement rate (posts without one sort as lowest).' },
  },
});

@InputType({ description: 'Every given condition must hold.' })
export class ActivityFilter {
  @Field(() => [ID], { nullable: true, description: 'Posts of any of these accounts (each must be one of the viewer\'s).' })
  @IsOptional()
  @ArrayMaxSize(50)
  platformIds?: string[] | null;

  @Field(() => [ContentType], { nullable: true })
  @IsOptional()
  types?: ContentType[] | null;

  @Field(() => Date, { nullable: true, description: 'Published at or after.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Published at or before.' })
  to?: Date | null;

  @Field(() => [Int], {
    nullable: true,
    description: "Posts published in any of these hours (0–23, 18 = 18:00–19:00) of the day in the viewer's timezone (UserProfile.timezone).",
  })
  @IsOptional()
  @ArrayMaxSize(24)
  @IsInt({ each: true, message: 'hours must be whole hours from 0 to 23' })
  @Min(0, { each: true, message: 'hours must be whole hours from 0 to 23' })
  @Max(23, { each: true, message: 'hours must be whole hours from 0 to 23' })
  hours?: number[] | null;

  @Field(() => [Int], {
    nullable: true,
    description: "Posts published on any of these ISO weekdays (1 = Monday … 7 = Sunday) in the viewer's timezone.",
  })
  @IsOptional()
  @ArrayMaxSize(7)
  @IsInt({ each: true, message: 'weekdays must be ISO weekdays from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { each: true, message: 'weekdays must be ISO weekdays from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { each: true, message: 'weekdays must be ISO weekdays from 1 (Monday) to 7 (Sunday)' })
  weekdays?: number[] | null;

  @Field(() => String, { nullable: true, description: 'A hashtag, with or without "#", any case.' })
  @IsOptional()
  @MaxLength(100)
  hashtag?: string | null;

  @Field(() => ID, { nullable: true, description: 'Posts assigned to this category (one of the viewer\'s).' })
  categoryId?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive text the caption contains.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}

@InputType()
export class ActivitySort {
  @Field(() => ActivitySortField, { defaultValue: ActivitySortField.PUBLISHED_AT })
  field: ActivitySortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction: SortDirection;
}
