import { PLATFORM_TYPES } from '@soash/shared';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PlatformType } from '../../../lib/graphql-enums.js';

@InputType({ description: 'Which account to connect.' })
export class ConnectPlatformInput {
  @Field(() => PlatformType)
  @IsIn(PLATFORM_TYPES, { message: 'type must be a supported platform' })
  type: PlatformType;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Connect a sandbox account (generated data, no credentials needed).' })
  @IsOptional()
  @IsBoolean({ message: 'sandbox must be true or false' })
  sandbox?: boolean | null;
}
