import { IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { InsightType, Priority, RecommendationType } from '../../../lib/graphql-enums.js';

@InputType()
export class InsightFilterInput {
  @Field(() => [InsightType], { nullable: true })
  @IsOptional()
  types?: InsightType[];

  @Field(() => [Priority], { nullable: true })
  @IsOptional()
  priorities?: Priority[];

  @Field(() => Boolean, { nullable: true, description: 'true: only read; false: only unread; null/absent: both.' })
  @IsOptional()
  isRead?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Default false (dismissed ones hidden); true: only dismissed; null: both.' })
  @IsOptional()
  isDismissed?: boolean | null;
}

@InputType()
export class RecommendationFilterInput {
  @Field(() => [RecommendationType], { nullable: true })
  @IsOptional()
  types?: RecommendationType[];

  @Field(() => Boolean, { nullable: true, description: 'true: only used; false: only unused; null/absent: both.' })
  @IsOptional()
  isUsed?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Also list recommendations the data no longer supports.' })
  @IsOptional()
  includeRetired?: boolean;
}
