import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
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
