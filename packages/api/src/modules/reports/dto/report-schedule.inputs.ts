import { REPORT_SCHEDULE_MAX_RECIPIENTS } from '@soash/shared';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../../lib/pagination.js';
import { ReportPaper, ReportScheduleFrequency } from '../report-schedule.model.js';

@InputType({ description: "A new schedule for a saved report. Times are the workspace's timezone." })
export class CreateReportScheduleInput {
  @Field(() => ID)
  reportId: string;

  @Field(() => ReportScheduleFrequency)
  frequency: ReportScheduleFrequency;

  @Field(() => Int, { nullable: true, description: 'WEEKLY: 1 (Monday) … 7 (Sunday).' })
  weekday?: number | null;

  @Field(() => Int, { nullable: true, description: 'MONTHLY: 1 … 28.' })
  dayOfMonth?: number | null;

  @Field(() => Int, { description: '0 … 23.' })
  hour: number;

  @Field(() => ReportPaper, { nullable: true, description: 'Default A4.' })
  paper?: ReportPaper | null;

  @Field(() => [ID], { nullable: true, description: 'Members of the workspace (user ids).' })
  @IsOptional()
  @ArrayMaxSize(REPORT_SCHEDULE_MAX_RECIPIENTS, { message: `a schedule has at most ${REPORT_SCHEDULE_MAX_RECIPIENTS} recipients` })
  memberIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: `Outside email addresses (normalised, deduplicated; members and addresses together at most ${REPORT_SCHEDULE_MAX_RECIPIENTS}).` })
  @IsOptional()
  @ArrayMaxSize(REPORT_SCHEDULE_MAX_RECIPIENTS * 5, { message: `a schedule has at most ${REPORT_SCHEDULE_MAX_RECIPIENTS} recipients` })
  emails?: string[] | null;
}

@InputType({ description: 'Changes to a schedule; omitted fields stay as they are. Changing frequency needs the matching weekday or dayOfMonth.' })
export class UpdateReportScheduleInput {
  @Field(() => ReportScheduleFrequency, { nullable: true })
  frequency?: ReportScheduleFrequency | null;

  @Field(() => Int, { nullable: true })
  weekday?: number | null;

  @Field(() => Int, { nullable: true })
  dayOfMonth?: number | null;

  @Field(() => Int, { nullable: true })
  hour?: number | null;

  @Field(() => ReportPaper, { nullable: true })
  paper?: ReportPaper | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the member recipients.' })
  @IsOptional()
  @ArrayMaxSize(REPORT_SCHEDULE_MAX_RECIPIENTS, { message: `a schedule has at most ${REPORT_SCHEDULE_MAX_RECIPIENTS} recipients` })
  memberIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the outside addresses (an address kept keeps its unsubscribe link).' })
  @IsOptional()
  @ArrayMaxSize(REPORT_SCHEDULE_MAX_RECIPIENTS * 5, { message: `a schedule has at most ${REPORT_SCHEDULE_MAX_RECIPIENTS} recipients` })
  emails?: string[] | null;
}

@ArgsType()
export class ReportDeliveriesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'One schedule’s deliveries (give this or reportId).' })
  scheduleId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Every delivery of a report’s schedules.' })
  reportId?: string | null;
}
