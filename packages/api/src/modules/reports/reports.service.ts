import { isPaidTier, REPORTS_PER_WORKSPACE, resolveReportRange, WorkspaceRole, type SubscriptionTier } from '@soash/shared';
import { Types } from 'mongoose';
import { badInput, limitExceeded, notFound } from '../../lib/errors.js';
import { toObjectId, toObjectIds } from '../../lib/ids.js';
import { viewerOf, type Context } from '../../server/context.js';
import type { AudienceDemographics, BestTimes, ContentTypePerformance, HashtagPerformance, Overview, PlatformBreakdownRow, Timeseries, TopActivity } from '../analytics/analytics.types.js';
import { ActivityRankMetric, ComparePeriod, Granularity, TimeseriesMetric } from '../analytics/analytics.enums.js';
import { audienceDemographics } from '../analytics/audience.service.js';
import { overview, platformBreakdown, timeseries } from '../analytics/dashboard.service.js';
import type { AnalyticsInput } from '../analytics/dto/analytics.inputs.js';
import { bestTimesToPost, contentTypePerformance, hashtagPerformance, topActivities } from '../analytics/posts.service.js';
import { analyticsRequest, assertRangeInHistory, workspaceAnalyticsRequest } from '../analytics/request.js';
import { comparisonDays, parseRange, rangeOut } from '../analytics/scope.js';
import { listWorkspaceInsights } from '../insights/insights.service.js';
import type { AiInsight } from '../insights/insight.model.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { assertRole, workspaceScope } from '../workspaces/access.js';
import type { Workspace } from '../workspaces/workspace.model.js';
import { activeWorkspace } from '../workspaces/workspaces.service.js';
import { CustomReportModel, type CustomReport, type ReportBranding, type ReportRange } from './custom-report.model.js';
import type { CreateCustomReportInput, ReportBrandingInput, ReportRangeInput, UpdateCustomReportInput } from './dto/report.inputs.js';
import { ReportComparison, ReportRangePreset, ReportSection } from './report.enums.js';
import { ReportData } from './report-data.types.js';
import { ReportDeliveryModel, ReportScheduleModel } from './report-schedule.model.js';
import { ReportShareLinkModel } from './share-link.model.js';

/** Top posts a report lists; insights it shows. */
export const REPORT_TOP_POSTS = 10;
export const REPORT_INSIGHTS = 10;

/** Members of every role read the workspace's reports; editors and above change them (as the resolvers' @MinRole say). */
export function readScope(ctx: Context): { workspaceId: Types.ObjectId } {
  return workspaceScope(viewerOf(ctx));
}
export function writeScope(ctx: Context): { workspaceId: Types.ObjectId } {
  const viewer = viewerOf(ctx);
  assertRole(viewer, WorkspaceRole.EDITOR);
  return workspaceScope(viewer);
}

/** The workspace's saved reports, newest first. */
export function listReports(ctx: Context): Promise<CustomReport[]> {
  return CustomReportModel.find(readScope(ctx)).sort({ createdAt: -1, _id: -1 }).limit(REPORTS_PER_WORKSPACE).lean<CustomReport[]>();
}

/** One saved report of the active workspace; another workspace's id is NOT_FOUND like a missing one. */
export async function getReport(ctx: Context, id: string): Promise<CustomReport> {
  const report = await CustomReportModel.findOne({ ...readScope(ctx), _id: toObjectId(id, 'id') }).lean<CustomReport>();
  if (!report) throw notFound('Report');
  return report;
}

/** Checks that every id is an account of the workspace (NOT_FOUND otherwise, as for a missing one); deduplicated, in order. */
export async function workspacePlatformIds(workspaceId: Types.ObjectId, ids: readonly string[]): Promise<Types.ObjectId[]> {
  const parsed = toObjectIds(ids, 'platformIds');
  const unique = [...new Map(parsed.map((id) => [id.toHexString(), id])).values()];
  if (unique.length === 0) return [];
  const owned = await PlatformModel.countDocuments({ _id: { $in: unique }, workspaceId });
  if (owned !== unique.length) throw notFound('Platform');
  return unique;
}

/** A CUSTOM range needs valid dates within the plan's history; a preset keeps no dates. */
async function checkedRange(ctx: Context, input: ReportRangeInput): Promise<ReportRange> {
  if (input.preset !== ReportRangePreset.CUSTOM) {
    if (input.from || input.to) throw badInput('range: from and to are for CUSTOM ranges only', 'range.from');
    return { preset: input.preset };
  }
  if (!input.from) throw badInput('range.from: a CUSTOM range needs from and to', 'range.from');
  if (!input.to) throw badInput('range.to: a CUSTOM range needs from and to', 'range.to');
  const dates = { from: input.from, to: input.to };
  parseRange(dates, 'range');
  await analyticsRequest(ctx, dates);
  return { preset: ReportRangePreset.CUSTOM, ...dates };
}

async function ownerTier(ctx: Context): Promise<SubscriptionTier> {
  return (await analyticsRequest(ctx)).tier;
}

async function checkedBranding(ctx: Context, input: ReportBrandingInput | null | undefined): Promise<ReportBranding> {
  const text = (s: string | null | undefined) => {
    const t = s?.trim();
    return t ? t : undefined;
  };
  if (input?.hideSoashMark && !isPaidTier(await ownerTier(ctx))) {
    throw limitExceeded('Removing the Soash mark from reports needs a paid plan', { field: 'branding.hideSoashMark' });
  }
  return {
    title: text(input?.title),
    accentColor: text(input?.accentColor)?.toUpperCase(),
    footer: text(input?.footer),
    logoUrl: text(input?.logoUrl),
    hideSoashMark: input?.hideSoashMark ?? false,
  };
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw badInput('name must not be only spaces', 'name');
  return trimmed;
}

export async function createReport(ctx: Context, input: CreateCustomReportInput): Promise<CustomReport> {
  const scope = writeScope(ctx);
  const name = checkedName(input.name);
  const platformIds = await workspacePlatformIds(scope.workspaceId, input.platformIds ?? []);
  const range = await checkedRange(ctx, input.range);
  const branding = await checkedBranding(ctx, input.branding);
  const count = await CustomReportModel.countDocuments(scope);
  if (count >= REPORTS_PER_WORKSPACE) throw limitExceeded(`A workspace may keep at most ${REPORTS_PER_WORKSPACE} reports; delete one first`, { limit: REPORTS_PER_WORKSPACE });
  const doc = await CustomReportModel.create({
    ...scope,
    name,
    platformIds,
    range,
    comparison: input.comparison ?? ReportComparison.PREVIOUS_PERIOD,
    sections: input.sections,
    branding,
    createdBy: new Types.ObjectId(viewerOf(ctx).id),
  });
  return doc.toObject() as CustomReport;
}

export async function updateReport(ctx: Context, id: string, input: UpdateCustomReportInput): Promise<CustomReport> {
  const scope = writeScope(ctx);
  const existing = await getReport(ctx, id);
  const set: Record<string, unknown> = { updatedBy: new Types.ObjectId(viewerOf(ctx).id) };
  if (input.name !== undefined && input.name !== null) set.name = checkedName(input.name);
  if (input.platformIds !== undefined && input.platformIds !== null) set.platformIds = await workspacePlatformIds(scope.workspaceId, input.platformIds);
  if (input.range) set.range = await checkedRange(ctx, input.range);
  if (input.comparison) set.comparison = input.comparison;
  if (input.sections) set.sections = input.sections;
  if (input.branding) set.branding = await checkedBranding(ctx, input.branding);
  const updated = await CustomReportModel.findOneAndUpdate({ _id: existing._id, ...scope }, { $set: set }, { returnDocument: 'after', lean: true });
  if (!updated) throw notFound('Report');
  return updated as CustomReport;
}

export async function deleteReport(ctx: Context, id: string): Promise<boolean> {
  const scope = writeScope(ctx);
  const reportId = toObjectId(id, 'id');
  const res = await CustomReportModel.deleteOne({ ...scope, _id: reportId });
  if (res.deletedCount !== 1) throw notFound('Report');
  // Its share links die with it (they would answer NOT_FOUND anyway: the report is gone), and so
  // do its schedules with their delivery history.
  await ReportShareLinkModel.deleteMany({ ...scope, reportId });
  await ReportScheduleModel.deleteMany({ ...scope, reportId });
  await ReportDeliveryModel.deleteMany({ ...scope, reportId });
  return true;
}

/** Days for short ranges, weeks up to about half a year, months beyond (the dashboard's rule). */
export function reportGranularity(fromDay: number, toDay: number): Granularity {
  const days = toDay - fromDay + 1;
  return days <= 92 ? Granularity.DAY : days <= 200 ? Granularity.WEEK : Granularity.MONTH;
}

/**
 * A saved report opened now: its range resolved in the workspace's timezone (checked against the
 * plan's history, as the dashboard's ranges are), the accounts still connected, and the sections.
 * The numbers themselves are computed per section by the field resolvers (the section functions below).
 */
export async function reportData(ctx: Context, id: string, now = new Date()): Promise<ReportData> {
  const report = await getReport(ctx, id);
  return openReport(ctx, report, await activeWorkspace(ctx), now, new Types.ObjectId(viewerOf(ctx).id));
}

/**
 * The one way a report is opened, by a member (reportData) or through a share link: the range
 * resolved in the workspace's timezone and checked against its owner's plan, the accounts still
 * connected, the sections.
 */
export async function openReport(
  ctx: Pick<Context, 'loaders'>,
  report: CustomReport,
  workspace: Pick<Workspace, '_id' | 'ownerId' | 'timezone'>,
  now = new Date(),
  viewerId?: Types.ObjectId,
): Promise<ReportData> {
  const req = await workspaceAnalyticsRequest(ctx, workspace, undefined, viewerId);
  const dates = resolveReportRange(report.range.preset, req.tz, now, report.range);
  if (!dates) throw badInput('This report has no dates; edit its range', 'range');
  assertRangeInHistory(req, dates);
  const { fromDay, toDay } = parseRange(dates);
  let platformIds: Types.ObjectId[] | undefined;
  const missingPlatformIds: string[] = [];
  if (report.platformIds.length) {
    const existing = await PlatformModel.find({ _id: { $in: report.platformIds }, workspaceId: report.workspaceId }, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
    const present = new Set(existing.map((p) => p._id.toHexString()));
    platformIds = report.platformIds.filter((p) => present.has(p.toHexString()));
    missingPlatformIds.push(...report.platformIds.filter((p) => !present.has(p.toHexString())).map((p) => p.toHexString()));
    if (platformIds.length === 0) throw badInput('None of the accounts this report covers is connected any more; edit the report', 'platformIds');
  }
  const cmp = comparisonDays(fromDay, toDay, ComparePeriod.PREVIOUS_PERIOD);
  const data = new ReportData();
  Object.assign(data, {
    report,
    range: rangeOut(fromDay, toDay),
    comparisonRange: report.comparison === ReportComparison.NONE ? null : rangeOut(cmp.fromDay, cmp.toDay),
    comparison: report.comparison,
    timezone: req.tz,
    generatedAt: now,
    sections: report.sections,
    showSoashMark: !(report.branding.hideSoashMark && isPaidTier(req.tier)),
    missingPlatformIds,
    req,
    platformIds,
  });
  return data;
}

const includes = (data: ReportData, section: ReportSection) => data.sections.includes(section);

/** The dashboard's input for the report's range and accounts. */
function analyticsInput(data: ReportData): AnalyticsInput {
  return { range: data.range, filter: data.platformIds ? { platformIds: data.platformIds.map((p) => p.toHexString()) } : undefined };
}

function dayBounds(data: ReportData): { fromDay: number; toDay: number } {
  return parseRange(data.range);
}

/** Without a comparison, the headline numbers keep their values only. */
function withoutComparison(o: Overview): Overview {
  const strip = (m: Overview['posts']) => ({ value: m.value, previous: null, delta: null, deltaPercent: null });
  return {
    ...o,
    followers: strip(o.followers),
    followerGrowth: strip(o.followerGrowth),
    followerGrowthPercent: strip(o.followerGrowthPercent),
    posts: strip(o.posts),
    impressions: strip(o.impressions),
    views: strip(o.views),
    reach: strip(o.reach),
    engagements: strip(o.engagements),
    engagementRate: strip(o.engagementRate),
  };
}

export async function kpisSection(data: ReportData): Promise<Overview | null> {
  return includes(data, ReportSection.KPIS) ? reportKpis(data) : null;
}

/** The headline numbers of an opened report, whether or not it shows them as a section (a scheduled mail's summary does). */
export async function reportKpis(data: ReportData): Promise<Overview> {
  const o = await overview(data.req, { ...analyticsInput(data), compare: ComparePeriod.PREVIOUS_PERIOD });
  return data.comparison === ReportComparison.NONE ? withoutComparison(o) : o;
}

export async function seriesSection(data: ReportData, section: ReportSection, metric: TimeseriesMetric): Promise<Timeseries | null> {
  if (!includes(data, section)) return null;
  const { fromDay, toDay } = dayBounds(data);
  return timeseries(data.req, { ...analyticsInput(data), metric, granularity: reportGranularity(fromDay, toDay) });
}

export async function accountsSection(data: ReportData): Promise<PlatformBreakdownRow[] | null> {
  return includes(data, ReportSection.ACCOUNTS_TABLE) ? platformBreakdown(data.req, analyticsInput(data)) : null;
}

export async function topPostsSection(data: ReportData): Promise<TopActivity[] | null> {
  if (!includes(data, ReportSection.TOP_POSTS)) return null;
  return topActivities(data.req, { ...analyticsInput(data), by: ActivityRankMetric.ENGAGEMENTS, limit: REPORT_TOP_POSTS });
}

export async function contentTypesSection(data: ReportData): Promise<ContentTypePerformance[] | null> {
  return includes(data, ReportSection.CONTENT_TYPES) ? contentTypePerformance(data.req, analyticsInput(data)) : null;
}

export async function hashtagsSection(data: ReportData): Promise<HashtagPerformance | null> {
  return includes(data, ReportSection.HASHTAGS) ? hashtagPerformance(data.req, analyticsInput(data)) : null;
}

export async function bestTimesSection(data: ReportData): Promise<BestTimes | null> {
  return includes(data, ReportSection.BEST_TIMES) ? bestTimesToPost(data.req, analyticsInput(data)) : null;
}

export async function demographicsSection(data: ReportData): Promise<AudienceDemographics | null> {
  if (!includes(data, ReportSection.DEMOGRAPHICS)) return null;
  return audienceDemographics(data.req, { platformIds: data.platformIds?.map((p) => p.toHexString()), asOf: data.range.to });
}

/** The workspace's current insights, highest priority first (insights are per workspace, not per account). */
export async function insightsSection(data: ReportData): Promise<AiInsight[] | null> {
  if (!includes(data, ReportSection.INSIGHTS)) return null;
  const page = await listWorkspaceInsights(data.req.workspaceId, undefined, REPORT_INSIGHTS);
  return page.edges.map((e) => e.node);
}
