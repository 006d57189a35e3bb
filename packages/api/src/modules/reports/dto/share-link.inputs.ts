import { SHARE_LINK_LABEL_MAX, SHARE_LINK_PASSWORD_MAX, SHARE_LINK_PASSWORD_MIN } from '@soash/shared';
import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new share link of a saved report.' })
export class CreateReportShareLinkInput {
  @Field(() => ID)
  reportId: string;

  @Field(() => String, { nullable: true, description: `Who the link is for; at most ${SHARE_LINK_LABEL_MAX} characters.` })
  @IsOptional()
  @MaxLength(SHARE_LINK_LABEL_MAX, { message: `label: at most ${SHARE_LINK_LABEL_MAX} characters` })
  label?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the link stops working: in the future, at most a year away (default: in 30 days).' })
  @IsOptional()
  expiresAt?: Date | null;

  @Field(() => String, { nullable: true, description: `Asked before the report shows; ${SHARE_LINK_PASSWORD_MIN}–${SHARE_LINK_PASSWORD_MAX} characters.` })
  @IsOptional()
  @MinLength(SHARE_LINK_PASSWORD_MIN, { message: `password: at least ${SHARE_LINK_PASSWORD_MIN} characters` })
  @MaxLength(SHARE_LINK_PASSWORD_MAX, { message: `password: at most ${SHARE_LINK_PASSWORD_MAX} characters` })
  password?: string | null;
}

@InputType({ description: "A share link's changes; omitted fields stay as they are." })
export class UpdateReportShareLinkInput {
  @Field(() => String, { nullable: true, description: `At most ${SHARE_LINK_LABEL_MAX} characters.` })
  @IsOptional()
  @MaxLength(SHARE_LINK_LABEL_MAX, { message: `label: at most ${SHARE_LINK_LABEL_MAX} characters` })
  label?: string | null;

  @Field(() => Date, { nullable: true, description: 'In the future, at most a year away.' })
  @IsOptional()
  expiresAt?: Date | null;

  @Field(() => String, { nullable: true, description: `A new password (${SHARE_LINK_PASSWORD_MIN}–${SHARE_LINK_PASSWORD_MAX} characters).` })
  @IsOptional()
  @MinLength(SHARE_LINK_PASSWORD_MIN, { message: `password: at least ${SHARE_LINK_PASSWORD_MIN} characters` })
  @MaxLength(SHARE_LINK_PASSWORD_MAX, { message: `password: at most ${SHARE_LINK_PASSWORD_MAX} characters` })
  password?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: the link no longer asks for a password.' })
  @IsOptional()
  removePassword?: boolean | null;
}
