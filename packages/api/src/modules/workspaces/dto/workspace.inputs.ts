import { IsBoolean, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ProfileFieldsInput } from '../../users/dto/account.inputs.js';

const given = (_: object, v: unknown) => v !== undefined;
const givenNotNull = (_: object, v: unknown) => v !== undefined && v !== null;

@InputType({ description: 'A new workspace (a brand): its name and, optionally, its brand profile.' })
export class CreateWorkspaceInput extends ProfileFieldsInput {
  @Field(() => String, { description: 'The brand or client name shown in the switcher (1–120 characters).' })
  @IsString({ message: 'name must be a non-empty string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(120, { message: 'name must be at most 120 characters long' })
  name: string;
}

@InputType({ description: 'Workspace fields to change; omitted fields stay as they are, null clears an optional one.' })
export class UpdateWorkspaceInput extends ProfileFieldsInput {
  @Field(() => String, { nullable: true, description: 'Cannot be cleared.' })
  @ValidateIf(given)
  @IsString({ message: 'name must be a non-empty string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(120, { message: 'name must be at most 120 characters long' })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether onboarding of this workspace is done.' })
  @ValidateIf(givenNotNull)
  @IsBoolean()
  onboardingCompleted?: boolean | null;
}
