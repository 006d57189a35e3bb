import { IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Field, InputType } from 'type-graphql';

export const CATEGORY_NAME_MAX = 50;
export const COLOR_CODE = /^#[0-9A-Fa-f]{6}$/;
const COLOR_MESSAGE = 'colorCode must be a hex color in the form #RRGGBB';
const NAME_MESSAGE = `name must be 1-${CATEGORY_NAME_MAX} characters long`;

@InputType({ description: 'A new content category.' })
export class CreateCategoryInput {
  @Field(() => String, { description: `1-${CATEGORY_NAME_MAX} characters; unique per user regardless of case.` })
  @IsString()
  @MaxLength(CATEGORY_NAME_MAX, { message: NAME_MESSAGE })
  name: string;

  @Field(() => String, { description: '#RRGGBB' })
  @Matches(COLOR_CODE, { message: COLOR_MESSAGE })
  colorCode: string;
}

const givenNotNull = (_: object, v: unknown) => v !== undefined && v !== null;

@InputType({ description: 'Category fields to change; omitted fields stay as they are.' })
export class UpdateCategoryInput {
  @Field(() => String, { nullable: true })
  @ValidateIf(givenNotNull)
  @IsString()
  @MaxLength(CATEGORY_NAME_MAX, { message: NAME_MESSAGE })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '#RRGGBB' })
  @ValidateIf(givenNotNull)
  @Matches(COLOR_CODE, { message: COLOR_MESSAGE })
  colorCode?: string | null;
}
