import { ApiScope, WorkspaceRole } from '@soash/shared';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MinRole } from '../../auth/min-role.js';
import { Scope } from '../../auth/scope.js';
import type { Context } from '../../server/context.js';
import { ANALYTICS_COST } from '../../server/plugins/cost.js';
import {
  AudienceDemographics,
  BestTimes,
  ContentTypePerformance,
  HashtagPerformance,
  Overview,
  PlatformBreakdownRow,
  Timeseries,
  TopActivity,
} from '../analytics/analytics.types.js';
import { TimeseriesMetric } from '../analytics/analytics.enums.js';
import { AiInsight } from '../insights/insight.model.js';
import { CustomReport } from './custom-report.model.js';
import { CreateCustomReportInput, UpdateCustomReportInput } from './dto/report.inputs.js';
import { ReportExportFormat, ReportPaper, ReportSection } from './report.enums.js';
import { ReportData, ReportExport } from './report-data.types.js';
import { exportReport } from './report-export.service.js';
import * as reports from './reports.service.js';

@Resolver(() => CustomReport)
export class ReportsResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.REPORTS_READ)
  @Query(() => [CustomReport], { description: "The active workspace's saved reports, newest first." })
  customReports(@Ctx() ctx: Context): Promise<CustomReport[]> {
    return reports.listReports(ctx);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.REPORTS_READ)
  @Query(() => CustomReport, { description: 'One saved report of the active workspace.' })
  customReport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CustomReport> {
    return reports.getReport(ctx, id);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.REPORTS_READ)
  @Query(() => ReportData, { description: "A saved report opened now: its range resolved in the workspace's timezone and the numbers of its sections (the dashboard's)." })
  reportData(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReportData> {
    return reports.reportData(ctx, id);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => CustomReport, { description: 'Saves a new report. Editors and above.' })
  createCustomReport(@Arg('input', () => CreateCustomReportInput) input: CreateCustomReportInput, @Ctx() ctx: Context): Promise<CustomReport> {
    return reports.createReport(ctx, input);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => CustomReport, { description: 'Changes a saved report (only the fields given). Editors and above.' })
  updateCustomReport(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCustomReportInput) input: UpdateCustomReportInput,
    @Ctx() ctx: Context,
  ): Promise<CustomReport> {
    return reports.updateReport(ctx, id, input);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_READ)
  @Mutation(() => ReportExport, {
    description:
      'Renders a saved report now as a file (XLSX: one sheet per section; PDF: the report page printed on `paper`, A4 unless given) behind a short-lived download link. Editors and above, as every export.',
    complexity: 10 * ANALYTICS_COST,
  })
  exportReport(
    @Arg('id', () => ID) id: string,
    @Arg('format', () => ReportExportFormat) format: ReportExportFormat,
    @Arg('paper', () => ReportPaper, { nullable: true, description: 'For PDF: the paper size (default A4).' }) paper: ReportPaper | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ReportExport> {
    return exportReport(ctx, id, format, { paper: paper ?? ReportPaper.A4 });
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => Boolean, { description: 'Deletes a saved report. Editors and above.' })
  deleteCustomReport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return reports.deleteReport(ctx, id);
  }
}

/** Each section is computed only when selected, and only when the report includes it (null otherwise). */
@Resolver(() => ReportData)
export class ReportDataResolver {
  @FieldResolver(() => Overview, { nullable: true, complexity: ANALYTICS_COST, description: 'KPIS: the headline numbers (with deltas unless the comparison is NONE).' })
  kpis(@Root() data: ReportData): Promise<Overview | null> {
    return reports.kpisSection(data);
  }

  @FieldResolver(() => Timeseries, { nullable: true, complexity: ANALYTICS_COST, description: 'FOLLOWERS_CHART: followers per day, week or month.' })
  followers(@Root() data: ReportData): Promise<Timeseries | null> {
    return reports.seriesSection(data, ReportSection.FOLLOWERS_CHART, TimeseriesMetric.FOLLOWERS);
  }

  @FieldResolver(() => Timeseries, { nullable: true, complexity: ANALYTICS_COST, description: 'ENGAGEMENT_CHART: engagements of the posts published per bucket.' })
  engagements(@Root() data: ReportData): Promise<Timeseries | null> {
    return reports.seriesSection(data, ReportSection.ENGAGEMENT_CHART, TimeseriesMetric.ENGAGEMENTS);
  }

  @FieldResolver(() => Timeseries, { nullable: true, complexity: ANALYTICS_COST, description: 'ENGAGEMENT_CHART: the pooled engagement rate per bucket.' })
  engagementRate(@Root() data: ReportData): Promise<Timeseries | null> {
    return reports.seriesSection(data, ReportSection.ENGAGEMENT_CHART, TimeseriesMetric.ENGAGEMENT_RATE);
  }

  @FieldResolver(() => [PlatformBreakdownRow], { nullable: true, complexity: ANALYTICS_COST, description: 'ACCOUNTS_TABLE: the numbers per account.' })
  accounts(@Root() data: ReportData): Promise<PlatformBreakdownRow[] | null> {
    return reports.accountsSection(data);
  }

  @FieldResolver(() => [TopActivity], { nullable: true, complexity: ANALYTICS_COST, description: `TOP_POSTS: the ${reports.REPORT_TOP_POSTS} posts with the most engagements.` })
  topPosts(@Root() data: ReportData): Promise<TopActivity[] | null> {
    return reports.topPostsSection(data);
  }

  @FieldResolver(() => [ContentTypePerformance], { nullable: true, complexity: ANALYTICS_COST, description: 'CONTENT_TYPES: performance per content type.' })
  contentTypes(@Root() data: ReportData): Promise<ContentTypePerformance[] | null> {
    return reports.contentTypesSection(data);
  }

  @FieldResolver(() => HashtagPerformance, { nullable: true, complexity: ANALYTICS_COST, description: 'HASHTAGS: hashtags by lift.' })
  hashtags(@Root() data: ReportData): Promise<HashtagPerformance | null> {
    return reports.hashtagsSection(data);
  }

  @FieldResolver(() => BestTimes, { nullable: true, complexity: ANALYTICS_COST, description: 'BEST_TIMES: the weekday × hour heatmap.' })
  bestTimes(@Root() data: ReportData): Promise<BestTimes | null> {
    return reports.bestTimesSection(data);
  }

  @FieldResolver(() => AudienceDemographics, { nullable: true, complexity: ANALYTICS_COST, description: 'DEMOGRAPHICS: the latest audience data on or before the end of the range.' })
  demographics(@Root() data: ReportData): Promise<AudienceDemographics | null> {
    return reports.demographicsSection(data);
  }

  @FieldResolver(() => [AiInsight], { nullable: true, description: `INSIGHTS: the workspace's ${reports.REPORT_INSIGHTS} most important current insights (they cover all its accounts).` })
  insights(@Root() data: ReportData): Promise<AiInsight[] | null> {
    return reports.insightsSection(data);
  }
}
