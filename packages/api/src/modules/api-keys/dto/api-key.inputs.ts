import { API_KEY_MAX_OVERLAP_HOURS, ApiScope } from '@soash/shared';
import { ArrayMaxSize, ArrayMinSize, IsDate, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, ArgsType } from 'type-graphql';
import '../../../lib/graphql-enums.js';
import { ApiKey } from '../api-key.model.js';

export const API_KEY_NAME_MAX = 100;

@InputType({ description: 'A new API key of the active workspace.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: `1-${API_KEY_NAME_MAX} characters, to tell keys apart.` })
  @IsString()
  @MinLength(1, { message: `name must be 1-${API_KEY_NAME_MAX} characters long` })
  @MaxLength(API_KEY_NAME_MAX, { message: `name must be 1-${API_KEY_NAME_MAX} characters long` })
  name: string;

  @Field(() => [ApiScope], { description: 'What the key may do; at least one. Never more than the creator\'s role allows.' })
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @ArrayMaxSize(50, { message: 'scopes must name at most 50 scopes' })
  scopes: ApiScope[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working (in the future); omit for a key that does not expire.' })
  @IsOptional()
  @IsDate({ message: 'expiresAt must be a date-time' })
  expiresAt?: Date | null;
}

@ArgsType()
export class RotateApiKeyArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { defaultValue: 24, description: `Hours the old secret keeps working (0-${API_KEY_MAX_OVERLAP_HOURS}), so clients can switch over.` })
  @IsInt({ message: 'overlapHours must be a whole number' })
  @Min(0, { message: `overlapHours must be between 0 and ${API_KEY_MAX_OVERLAP_HOURS}` })
  @Max(API_KEY_MAX_OVERLAP_HOURS, { message: `overlapHours must be between 0 and ${API_KEY_MAX_OVERLAP_HOURS}` })
  overlapHours: number;
}

@ObjectType({ description: 'A key just created or rotated, with its secret: shown this once, never readable again.' })
export class NewApiKey {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field(() => String, { description: 'The full key, for "Authorization: Bearer <key>". Store it now: Soash keeps only a hash.' })
  secret: string;
}
