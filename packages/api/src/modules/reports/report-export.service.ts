import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { viewerOf, type Context } from '../../server/context.js';
import { ReportExportFileModel } from './report-export.model.js';
import { ReportExportFormat } from './report.enums.js';
import { reportWorkbook } from './report-xlsx.js';
import type { ReportData } from './report-data.types.js';
import { reportData } from './reports.service.js';

/** How long a download link works. */
export const REPORT_EXPORT_TTL_MS = 15 * 60_000;
export const REPORT_EXPORT_PATH = '/exports/reports';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let publicBaseUrl = '';
/** Set when the download route is registered, so links are absolute (PUBLIC_URL). */
export function setReportExportBaseUrl(url: string): void {
  publicBaseUrl = url.replace(/\/$/, '');
}

export function hashReportExportToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** soash-report-<name>-<from>_<to>.<ext>, the name reduced to letters, digits and dashes. */
export function reportFilename(data: Pick<ReportData, 'range'> & { report: { name: string } }, ext: string): string {
  const slug =
    data.report.name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .replace(/-+/g, '-')
      .slice(0, 60) || 'report';
  return `soash-report-${slug}-${data.range.from}_${data.range.to}.${ext}`;
}

export interface ReportExportResult {
  format: ReportExportFormat;
  filename: string;
  downloadUrl: string;
  expiresAt: Date;
}

/**
 * Renders a saved report now (the numbers of reportData) into a file kept for REPORT_EXPORT_TTL_MS
 * behind a random link that only the requester can fetch (GET REPORT_EXPORT_PATH/:token with their
 * bearer token).
 */
export async function exportReport(ctx: Context, id: string, format: ReportExportFormat, now = new Date()): Promise<ReportExportResult> {
  const data = await reportData(ctx, id, now);
  const bytes = await reportWorkbook(ctx, data);
  const filename = reportFilename(data, 'xlsx');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + REPORT_EXPORT_TTL_MS);
  await ReportExportFileModel.create({
    workspaceId: data.report.workspaceId,
    reportId: data.report._id,
    userId: new Types.ObjectId(viewerOf(ctx).id),
    tokenHash: hashReportExportToken(token),
    filename,
    contentType: XLSX_TYPE,
    data: bytes,
    expiresAt,
  });
  return { format, filename, downloadUrl: `${publicBaseUrl}${REPORT_EXPORT_PATH}/${token}`, expiresAt };
}
