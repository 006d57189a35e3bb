import { ArrayMaxSize, IsBoolean, IsIn, IsString, IsUrl, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { Role } from '../../../lib/graphql-enums.js';
import { PageArgs } from '../../../lib/pagination.js';
import { IsIanaTimeZone } from '../../../lib/timezone.js';

/** undefined = leave as is; null = clear (for optional fields). */
const given = (_: object, v: unknown) => v !== undefined;
const givenNotNull = (_: object, v: unknown) => v !== undefined && v !== null;

@InputType({ description: 'Account fields to change; omitted fields stay as they are, null clears an optional one.' })
export class UpdateAccountInput {
  @Field(() => String, { nullable: true, description: 'Cannot be cleared.' })
  @ValidateIf(given)
  @IsString({ message: 'name must be a non-empty string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(120)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @ValidateIf(givenNotNull)
  @MaxLength(60)
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  @ValidateIf(givenNotNull)
  @MaxLength(60)
  lastName?: string | null;

  @Field(() => String, { nullable: true })
  @ValidateIf(givenNotNull)
  @MaxLength(120)
  company?: string | null;
}

const LIST_ITEMS = 20;
const ITEM_LENGTH = 60;

/** The profile fields and their rules, shared by updateProfile and completeOnboarding. */
@InputType()
export abstract class ProfileFieldsInput {
  @Field(() => String, { nullable: true })
  @ValidateIf(givenNotNull)
  @MaxLength(120)
  brandName?: string | null;

  @Field(() => String, { nullable: true })
  @ValidateIf(givenNotNull)
  @MaxLength(2000)
  brandDescription?: string | null;

  @Field(() => String, { nullable: true })
  @ValidateIf(givenNotNull)
  @MaxLength(120)
  industry?: string | null;

  @Field(() => String, { nullable: true })
  @ValidateIf(givenNotNull)
  @MaxLength(500)
  targetAudience?: string | null;

  @Field(() => [String], { nullable: true, description: `At most ${LIST_ITEMS} values of at most ${ITEM_LENGTH} characters.` })
  @ValidateIf(givenNotNull)
  @ArrayMaxSize(LIST_ITEMS, { message: `brandValues may hold at most ${LIST_ITEMS} values` })
  @MaxLength(ITEM_LENGTH, { each: true, message: `each of brandValues must be at most ${ITEM_LENGTH} characters long` })
  brandValues?: string[] | null;

  @Field(() => [String], { nullable: true, description: `At most ${LIST_ITEMS} values of at most ${ITEM_LENGTH} characters.` })
  @ValidateIf(givenNotNull)
  @ArrayMaxSize(LIST_ITEMS, { message: `businessGoals may hold at most ${LIST_ITEMS} values` })
  @MaxLength(ITEM_LENGTH, { each: true, message: `each of businessGoals must be at most ${ITEM_LENGTH} characters long` })
  businessGoals?: string[] | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. "Europe/Berlin". Analytics bucket days and hours in it. Null resets to UTC.' })
  @ValidateIf(givenNotNull)
  @IsIanaTimeZone()
  timezone?: string | null;

  @Field(() => String, { nullable: true, description: 'An http(s) URL.' })
  @ValidateIf(givenNotNull)
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'avatarUrl must be an http or https URL' })
  avatarUrl?: string | null;

}

@InputType({ description: 'Profile fields to change; omitted fields stay as they are, null clears one.' })
export class UpdateProfileInput extends ProfileFieldsInput {
  @Field(() => Boolean, { nullable: true })
  @ValidateIf(givenNotNull)
  @IsBoolean()
  onboardingCompleted?: boolean | null;
}

@InputType({ description: 'The profile collected by onboarding, with the same rules as UpdateProfileInput; omitted fields stay as they are.' })
export class CompleteOnboardingInput extends ProfileFieldsInput {}

@InputType()
export class AdminUpdateUserInput {
  @Field(() => Role, { nullable: true })
  @ValidateIf(givenNotNull)
  @IsIn(Object.values(Role))
  role?: Role | null;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of a name or email.' })
  @ValidateIf(givenNotNull)
  @MaxLength(100)
  search?: string | null;
}
