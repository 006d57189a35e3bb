import { REPORT_ACCENT_PATTERN } from '@soash/shared';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional, IsUrl, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ReportComparison, ReportRangePreset, ReportSection } from '../report.enums.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: "A report's period: a preset resolved when the report is opened, or CUSTOM with from and to." })
export class ReportRangeInput {
  @Field(() => ReportRangePreset)
  preset: ReportRangePreset;

  @Field(() => String, { nullable: true, description: 'CUSTOM only (required there): first day, YYYY-MM-DD.' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'CUSTOM only (required there): last day, YYYY-MM-DD (inclusive).' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string | null;
}

@InputType({ description: "A report's branding; every part is optional." })
export class ReportBrandingInput {
  @Field(() => String, { nullable: true, description: "Shown at the top (default: the report's name); at most 120 characters." })
  @IsOptional()
  @MaxLength(120, { message: 'title: at most 120 characters' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: '#RRGGBB.' })
  @IsOptional()
  @Matches(REPORT_ACCENT_PATTERN, { message: 'accentColor must be a colour as #RRGGBB' })
  accentColor?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 300 characters.' })
  @IsOptional()
  @MaxLength(300, { message: 'footer: at most 300 characters' })
  footer?: string | null;

  @Field(() => String, { nullable: true, description: 'An https address of an image (at most 2000 characters).' })
  @IsOptional()
  @MaxLength(2000, { message: 'logoUrl: at most 2000 characters' })
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, { message: 'logoUrl must be an https address' })
  logoUrl?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Leave out the "Made with Soash" mark: paid plans only (LIMIT_EXCEEDED on the free plan).' })
  @IsOptional()
  hideSoashMark?: boolean;
}

@InputType({ description: 'A new saved report.' })
export class CreateCustomReportInput {
  @Field(() => String, { description: '1-100 characters.' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name: at most 100 characters' })
  name: string;

  @Field(() => [ID], { nullable: true, defaultValue: [], description: "Accounts of the workspace the report covers (at most 50); empty: all of them." })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'platformIds: at most 50 ids' })
  platformIds?: string[];

  @Field(() => ReportRangeInput)
  @ValidateNested()
  range: ReportRangeInput;

  @Field(() => ReportComparison, { nullable: true, defaultValue: ReportComparison.PREVIOUS_PERIOD })
  @IsOptional()
  comparison?: ReportComparison;

  @Field(() => [ReportSection], { description: 'At least one, each at most once, in the order the report shows them.' })
  @ArrayMinSize(1, { message: 'sections: at least one section' })
  @ArrayUnique({ message: 'sections: each section at most once' })
  sections: ReportSection[];

  @Field(() => ReportBrandingInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  branding?: ReportBrandingInput | null;
}

@InputType({ description: 'Changes to a saved report: only the fields given change (branding is replaced as a whole when given).' })
export class UpdateCustomReportInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name: at most 100 characters' })
  name?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'platformIds: at most 50 ids' })
  platformIds?: string[] | null;

  @Field(() => ReportRangeInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  range?: ReportRangeInput | null;

  @Field(() => ReportComparison, { nullable: true })
  @IsOptional()
  comparison?: ReportComparison | null;

  @Field(() => [ReportSection], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1, { message: 'sections: at least one section' })
  @ArrayUnique({ message: 'sections: each section at most once' })
  sections?: ReportSection[] | null;

  @Field(() => ReportBrandingInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  branding?: ReportBrandingInput | null;
}
