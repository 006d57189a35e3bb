import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { badInput } from '../../lib/errors.js';
import { localTimeExpr, postContentMatch } from '../activities/activities.service.js';
import { ActivityModel, type Activity } from '../activities/activity.model.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { ComparePeriod, CsvDelivery, CsvReport, DEFAULT_ENGAGEMENT_RATE_FORMULA, EngagementRateFormula, Granularity, TimeseriesMetric } from './analytics.enums.js';
import type { CsvExport, MetricValue } from './analytics.types.js';
import { csvLine } from './csv.js';
import { CsvExportTicketModel } from './csv-export.model.js';
import { enumerateBuckets, overview, timeseries } from './dashboard.service.js';
import type { ExportCsvInput } from './dto/analytics.inputs.js';
import { followerHistoryFor } from './followers.js';
import { counterRate, rateModelOf } from './post-aggregates.js';
import { assertRangeInHistory, type AnalyticsRequest } from './request.js';
import { activityMatch, buildScope, parseRange, windowOf } from './scope.js';
import { localParts, RATE_DENOMINATOR, utcDayOf, type PlatformType } from '@soash/shared';

/** AUTO delivers inline up to this many data rows, and a download link above. */
export const AUTO_INLINE_MAX_ROWS = 500;
/** INLINE refuses reports larger than this. */
export const INLINE_MAX_ROWS = 5000;
/** How long a download link works. */
export const DOWNLOAD_TTL_MS = 15 * 60_000;
export const EXPORT_PATH = '/exports';

/** The arguments of an export as stored with a download ticket (plain JSON). */
export interface ExportParams {
  report: CsvReport;
  range: { from: string; to: string };
  filter?: { platformIds?: string[]; categoryIds?: string[] };
  engagementRateFormula: EngagementRateFormula;
  compare: ComparePeriod;
  metric?: TimeseriesMetric;
  granularity: Granularity;
  /** POSTS only: the posts page's own filters. */
  posts?: { types?: string[]; hashtag?: string; search?: string; hours?: number[]; weekdays?: number[] };
}

let publicBaseUrl = '';
/** Set when the download route is registered, so links are absolute (PUBLIC_URL). */
export function setExportBaseUrl(url: string): void {
  publicBaseUrl = url.replace(/\/$/, '');
}

export function hashExportToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function paramsOf(input: ExportCsvInput): ExportParams {
  const filter = input.filter
    ? {
        ...(input.filter.platformIds?.length ? { platformIds: [...input.filter.platformIds] } : {}),
        ...(input.filter.categoryIds?.length ? { categoryIds: [...input.filter.categoryIds] } : {}),
      }
    : undefined;
  const f = input.posts;
  const posts = f
    ? {
        ...(f.types?.length ? { types: [...new Set(f.types)] } : {}),
        ...(f.hashtag != null ? { hashtag: f.hashtag } : {}),
        ...(f.search?.trim() ? { search: f.search.trim() } : {}),
        ...(f.hours?.length ? { hours: [...new Set(f.hours)].sort((a, b) => a - b) } : {}),
        ...(f.weekdays?.length ? { weekdays: [...new Set(f.weekdays)].sort((a, b) => a - b) } : {}),
      }
    : undefined;
  return {
    ...(posts && Object.keys(posts).length ? { posts } : {}),
    report: input.report,
    range: { from: input.range.from, to: input.range.to },
    ...(filter && Object.keys(filter).length ? { filter } : {}),
    engagementRateFormula: input.engagementRateFormula ?? DEFAULT_ENGAGEMENT_RATE_FORMULA,
    compare: input.compare ?? ComparePeriod.PREVIOUS_PERIOD,
    ...(input.metric ? { metric: input.metric } : {}),
    granularity: input.granularity ?? Granularity.DAY,
  };
}

export function exportFilename(p: ExportParams): string {
  const what = p.report === CsvReport.TIMESERIES ? `timeseries-${p.metric!.toLowerCase()}-${p.granularity.toLowerCase()}` : p.report.toLowerCase();
  return `soash-${what}-${p.range.from}_${p.range.to}.csv`;
}

/** The POSTS report's own conditions (type, hashtag, search, local hours and weekdays), as the posts list applies them. */
function postsMatch(p: ExportParams, tz: string): Record<string, unknown> {
  if (!p.posts) return {};
  const f = p.posts as Parameters<typeof postContentMatch>[0] & Parameters<typeof localTimeExpr>[0];
  return { ...postContentMatch(f, 'posts.'), ...(f.hours?.length || f.weekdays?.length ? { $expr: localTimeExpr(f, tz) } : {}) };
}

/**
 * The first row of every export: what it covers, in words, in one cell. "# Soash posts export:
 * 2026-01-01 to 2026-01-31 (both days included), timezone Europe/Berlin; type REEL; hashtag #launch".
 */
export function headlineRow(p: ExportParams, tz: string): string {
  const parts = [`# Soash ${p.report.toLowerCase()} export: ${p.range.from} to ${p.range.to} (both days included)`, `timezone ${tz}`];
  if (p.filter?.platformIds?.length) parts.push(`accounts ${p.filter.platformIds.length}`);
  if (p.filter?.categoryIds?.length) parts.push(`categories ${p.filter.categoryIds.length}`);
  if (p.report === CsvReport.OVERVIEW) parts.push(`compared with ${p.compare === ComparePeriod.PREVIOUS_YEAR ? 'the previous year' : 'the previous period'}`);
  if (p.report === CsvReport.TIMESERIES) parts.push(`${p.metric!.toLowerCase()} per ${p.granularity.toLowerCase()}`);
  if (p.posts?.types?.length) parts.push(`type ${p.posts.types.join(' or ')}`);
  if (p.posts?.hashtag != null) parts.push(`hashtag #${p.posts.hashtag.trim().replace(/^#+/, '').toLowerCase()}`);
  if (p.posts?.search) parts.push(`caption contains "${p.posts.search}"`);
  if (p.posts?.hours?.length) parts.push(`hours ${p.posts.hours.join(' ')}`);
  if (p.posts?.weekdays?.length) parts.push(`weekdays ${p.posts.weekdays.join(' ')}`);
  parts.push(`engagement rate ${p.engagementRateFormula.toLowerCase()}`);
  return csvLine([parts.join('; ')]);
}

const OVERVIEW_ROWS = [
  ['followers', 'followers'],
  ['follower_growth', 'followerGrowth'],
  ['follower_growth_percent', 'followerGrowthPercent'],
  ['posts', 'posts'],
  ['impressions', 'impressions'],
  ['views', 'views'],
  ['reach', 'reach'],
  ['engagements', 'engagements'],
  ['engagement_rate', 'engagementRate'],
] as const;

export const POSTS_HEADER = [
  'id',
  'platform',
  'account',
  'published_at_utc',
  'published_local',
  'type',
  'permalink',
  'caption',
  'hashtags',
  'likes',
  'comments',
  'shares',
  'saves',
  'impressions',
  'reach',
  'views',
  'engagements',
  'engagement_rate',
  'engagement_rate_by',
] as const;

/** The denominator of a post's engagement_rate: its platform's under the metric model (docs/analytics.md). */
function rateBasis(formula: EngagementRateFormula, type: PlatformType | undefined): string {
  switch (formula) {
    case EngagementRateFormula.PLATFORM_DENOMINATOR:
      return type ? RATE_DENOMINATOR[type] : '';
    case EngagementRateFormula.BY_REACH:
      return 'reach';
    case EngagementRateFormula.BY_IMPRESSIONS:
      return 'impressions';
    default:
      return 'followers';
  }
}

/**
 * Creates a CSV export: the text itself when small (or asked for), otherwise a short-lived link to
 * the streaming download route. Arguments are validated here, before anything is stored.
 */
export async function exportCsv(req: AnalyticsRequest, input: ExportCsvInput): Promise<CsvExport> {
  const params = paramsOf(input);
  if (params.report === CsvReport.TIMESERIES && !params.metric) throw badInput('metric: required for the TIMESERIES report', 'metric');
  if (params.posts && params.report !== CsvReport.POSTS) throw badInput('posts: filters for the POSTS report only', 'posts');
  const { fromDay, toDay } = parseRange(params.range);
  const scope = await buildScope(req.workspaceId, req.tz, params.filter);
  let rowCount: number;
  if (params.report === CsvReport.OVERVIEW) rowCount = 1;
  else if (params.report === CsvReport.TIMESERIES) rowCount = enumerateBuckets(fromDay, toDay, params.granularity).length;
  else rowCount = await ActivityModel.countDocuments({ ...activityMatch(scope, windowOf(fromDay, toDay, req.tz)), ...postsMatch(params, req.tz) });

  const delivery = input.delivery ?? CsvDelivery.AUTO;
  if (delivery === CsvDelivery.INLINE && rowCount > INLINE_MAX_ROWS) {
    throw badInput(`delivery: ${rowCount} rows is more than ${INLINE_MAX_ROWS} for inline CSV; use DOWNLOAD`, 'delivery');
  }
  const filename = exportFilename(params);
  const inline = delivery === CsvDelivery.INLINE || (delivery === CsvDelivery.AUTO && rowCount <= AUTO_INLINE_MAX_ROWS);
  if (inline) {
    let csv = '';
    for await (const line of csvLines(req, params)) csv += line;
    return { report: params.report, filename, rowCount, csv, downloadUrl: null, expiresAt: null };
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + DOWNLOAD_TTL_MS);
  await CsvExportTicketModel.create({
    workspaceId: req.workspaceId,
    userId: req.viewerId,
    tokenHash: hashExportToken(token),
    report: params.report,
    params: params as unknown as Record<string, unknown>,
    filename,
    expiresAt,
  });
  return { report: params.report, filename, rowCount, csv: null, downloadUrl: `${publicBaseUrl}${EXPORT_PATH}/${token}`, expiresAt };
}

const metricCells = (m: MetricValue) => [m.value, m.previous, m.delta, m.deltaPercent];

/**
 * The lines of an export (header first, CRLF-terminated). Posts are read with a cursor, so a large
 * export is never held in memory; the caller writes each line as it comes.
 */
export async function* csvLines(req: AnalyticsRequest, p: ExportParams): AsyncGenerator<string> {
  // Checked here too: a download link may be used after the plan changed.
  assertRangeInHistory(req, p.range);
  if (p.report === CsvReport.OVERVIEW) {
    const o = await overview(req, { range: p.range, filter: p.filter, engagementRateFormula: p.engagementRateFormula, compare: p.compare });
    yield headlineRow(p, req.tz);
    // One row, one column per metric and part, so that every column has one unit (docs/analytics.md#csv-export).
    yield csvLine(OVERVIEW_ROWS.flatMap(([name]) => [name, `${name}_previous`, `${name}_delta`, `${name}_delta_percent`]));
    yield csvLine(OVERVIEW_ROWS.flatMap(([, key]) => metricCells(o[key])));
    return;
  }
  if (p.report === CsvReport.TIMESERIES) {
    const t = await timeseries(req, { range: p.range, filter: p.filter, engagementRateFormula: p.engagementRateFormula, metric: p.metric!, granularity: p.granularity });
    yield headlineRow(p, req.tz);
    yield csvLine(['bucket', 'start_date', 'end_date', p.metric!.toLowerCase()]);
    for (const pt of t.points) yield csvLine([pt.bucket, pt.startDate, pt.endDate, pt.value]);
    return;
  }
  const { fromDay, toDay } = parseRange(p.range);
  const scope = await buildScope(req.workspaceId, req.tz, p.filter);
  const formula = p.engagementRateFormula;
  const [platforms, history] = await Promise.all([
    PlatformModel.find({ workspaceId: req.workspaceId }, { type: 1, username: 1, displayName: 1 }).lean<
      Array<{ _id: Types.ObjectId; type: PlatformType; username?: string; displayName?: string }>
    >(),
    formula === EngagementRateFormula.BY_FOLLOWERS ? followerHistoryFor(req, scope, { fromDay, toDay }) : Promise.resolve(undefined),
  ]);
  const platformById = new Map(platforms.map((x) => [x._id.toHexString(), x]));
  const model = rateModelOf(formula, platforms);
  yield headlineRow(p, req.tz);
  yield csvLine(POSTS_HEADER);
  const cursor = ActivityModel.find({ ...activityMatch(scope, windowOf(fromDay, toDay, req.tz)), ...postsMatch(p, req.tz) })
    .sort({ publishedAt: -1, _id: -1 })
    .select({ platformId: 1, type: 1, permalink: 1, content: 1, hashtags: 1, publishedAt: 1, engagement: 1 })
    .lean<Activity>()
    .cursor({ batchSize: 500 });
  try {
    for await (const a of cursor as AsyncIterable<Activity>) {
      const e = a.engagement;
      const platform = platformById.get(a.platformId.toHexString());
      const published = a.publishedAt!;
      const lp = localParts(published.getTime(), req.tz);
      const local = `${lp.year}-${String(lp.month).padStart(2, '0')}-${String(lp.day).padStart(2, '0')} ${String(lp.hour).padStart(2, '0')}:${String(lp.minute).padStart(2, '0')}`;
      let rate: number | null;
      if (formula === EngagementRateFormula.BY_FOLLOWERS) {
        const f = history!.atPublish(a.platformId.toHexString(), utcDayOf(published))?.followers;
        rate = f && f > 0 ? e.total / f : null;
      } else rate = counterRate(model, a.platformId.toHexString(), e);
      yield csvLine([
        a._id.toHexString(),
        platform?.type ?? '',
        platform?.displayName ?? platform?.username ?? '',
        published.toISOString(),
        local,
        a.type,
        a.permalink ?? '',
        a.content ?? '',
        (a.hashtags ?? []).map((h) => `#${h}`).join(' '),
        e.likes,
        e.comments,
        e.shares,
        e.saves,
        e.impressions,
        e.reach,
        e.views,
        e.total,
        rate,
        rateBasis(formula, platform?.type),
      ]);
    }
  } finally {
    await cursor.close();
  }
}

