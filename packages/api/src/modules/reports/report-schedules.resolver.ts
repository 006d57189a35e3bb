import { ApiScope, describeReportSchedule, WorkspaceRole } from '@soash/shared';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { MinRole } from '../../auth/min-role.js';
import { Scope, SessionOnly } from '../../auth/scope.js';
import { connectionType, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { CreateReportScheduleInput, ReportDeliveriesArgs, UpdateReportScheduleInput } from './dto/report-schedule.inputs.js';
import { retryReportDelivery } from './report-deliveries.js';
import { ReportDelivery, ReportSchedule } from './report-schedule.model.js';
import * as schedules from './report-schedules.service.js';

@ObjectType()
export class ReportDeliveryConnection extends connectionType(ReportDelivery, 'ReportDelivery') {}

@ObjectType({ description: 'An address removed from a report schedule by its unsubscribe link.' })
export class ReportUnsubscribeResult {
  @Field(() => String)
  email: string;

  @Field(() => String)
  reportName: string;
}

/** Schedules are read by every member (reports:read) and changed by editors and above (reports:write). */
@Resolver(() => ReportSchedule)
export class ReportSchedulesResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.REPORTS_READ)
  @Query(() => [ReportSchedule], { description: "A saved report's delivery schedules, oldest first." })
  reportSchedules(@Arg('reportId', () => ID) reportId: string, @Ctx() ctx: Context): Promise<ReportSchedule[]> {
    return schedules.listSchedules(ctx, reportId);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.REPORTS_READ)
  @Query(() => ReportDeliveryConnection, { description: "Deliveries of one schedule (scheduleId) or of all a report's schedules (reportId), newest first." })
  reportDeliveries(@Args(() => ReportDeliveriesArgs) args: ReportDeliveriesArgs, @Ctx() ctx: Context): Promise<Connection<ReportDelivery>> {
    return schedules.listDeliveries(ctx, args);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => ReportSchedule, { description: "Schedules a saved report by email (PDF attached), weekly or monthly at an hour of the workspace's timezone. Editors and above." })
  createReportSchedule(@Arg('input', () => CreateReportScheduleInput) input: CreateReportScheduleInput, @Ctx() ctx: Context): Promise<ReportSchedule> {
    return schedules.createSchedule(ctx, input);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => ReportSchedule, { description: 'Changes a schedule (only the fields given). Editors and above.' })
  updateReportSchedule(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateReportScheduleInput) input: UpdateReportScheduleInput,
    @Ctx() ctx: Context,
  ): Promise<ReportSchedule> {
    return schedules.updateSchedule(ctx, id, input);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => ReportSchedule, { description: 'Pauses a schedule: nothing is sent until it is resumed. Editors and above.' })
  pauseReportSchedule(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReportSchedule> {
    return schedules.setScheduleEnabled(ctx, id, false);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => ReportSchedule, { description: 'Resumes a paused schedule from its next run after now. Editors and above.' })
  resumeReportSchedule(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReportSchedule> {
    return schedules.setScheduleEnabled(ctx, id, true);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => Boolean, { description: 'Deletes a schedule and its delivery history. Editors and above.' })
  deleteReportSchedule(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return schedules.deleteSchedule(ctx, id);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => ReportDelivery, { description: 'Sends a FAILED or PARTIAL delivery again now to the recipients who did not get it (a new delivery). Editors and above.' })
  retryReportDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReportDelivery> {
    return retryReportDelivery(ctx, id);
  }

  @SessionOnly()
  @Mutation(() => ReportUnsubscribeResult, {
    description: "Removes an outside address from the one report schedule its unsubscribe link (from a scheduled report's mail) was made for. No sign-in; the link works once.",
  })
  unsubscribeReportEmail(@Arg('token', () => String) token: string): Promise<ReportUnsubscribeResult> {
    return schedules.unsubscribeReportEmail(token);
  }

  @FieldResolver(() => [String], { description: 'Outside addresses it is mailed to.' })
  emails(@Root() schedule: ReportSchedule): string[] {
    return schedule.outsideRecipients.map((r) => r.email);
  }

  @FieldResolver(() => String, { description: 'The rule in words, e.g. "Every Monday at 09:00" (the workspace’s time).' })
  description(@Root() schedule: ReportSchedule): string {
    return describeReportSchedule(schedule);
  }
}
