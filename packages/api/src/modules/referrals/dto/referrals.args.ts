import { IsIn, IsOptional } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ConversionStatus } from '../../../lib/graphql-enums.js';
import { PageArgs } from '../../../lib/pagination.js';

@ArgsType()
export class ReferralSignupsArgs extends PageArgs {
  @Field(() => ConversionStatus, { nullable: true, description: 'Only signups in this state.' })
  @IsOptional()
  @IsIn(Object.values(ConversionStatus))
  status?: ConversionStatus | null;
}
