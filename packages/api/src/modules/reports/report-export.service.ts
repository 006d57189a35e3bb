import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { viewerOf, type Context } from '../../server/context.js';
import { ReportExportFileModel } from './report-export.model.js';
import { ReportExportFormat, ReportPaper } from './report.enums.js';
import { reportWorkbook } from './report-xlsx.js';
import { reportData } from './reports.service.js';
import { reportFilename } from './report-filename.js';
import { renderReportPdf } from './report-pdf.js';
import { rateLimited } from '../../lib/errors.js';

/** How long a download link works. */
export const REPORT_EXPORT_TTL_MS = 15 * 60_000;
export const REPORT_EXPORT_PATH = '/exports/reports';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';
/** PDFs one workspace may have rendering at once in one API process (the browser's pages are shared by all). */
export const PDF_RENDERS_PER_WORKSPACE = 2;

const rendering = new Map<string, number>();

/** Runs `render` unless the workspace already has PDF_RENDERS_PER_WORKSPACE renders under way (RATE_LIMITED then). */
async function withWorkspaceRenderSlot<T>(workspaceId: string, render: () => Promise<T>): Promise<T> {
  const busy = rendering.get(workspaceId) ?? 0;
  if (busy >= PDF_RENDERS_PER_WORKSPACE) {
    throw rateLimited(`This workspace already has ${PDF_RENDERS_PER_WORKSPACE} PDFs rendering; try again when they are done`, 10);
  }
  rendering.set(workspaceId, busy + 1);
  try {
    return await render();
  } finally {
    const left = (rendering.get(workspaceId) ?? 1) - 1;
    if (left > 0) rendering.set(workspaceId, left);
    else rendering.delete(workspaceId);
  }
}

let publicBaseUrl = '';
/** Set when the download route is registered, so links are absolute (PUBLIC_URL). */
export function setReportExportBaseUrl(url: string): void {
  publicBaseUrl = url.replace(/\/$/, '');
}

export function hashReportExportToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
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
export async function exportReport(
  ctx: Context,
  id: string,
  format: ReportExportFormat,
  opts: { paper?: ReportPaper; now?: Date } = {},
): Promise<ReportExportResult> {
  const now = opts.now ?? new Date();
  // Opened with the requester's rights first: a report they cannot see, or one that cannot be
  // shown (no account left), fails here with its own error before anything is rendered.
  const data = await reportData(ctx, id, now);
  const workspaceId = data.report.workspaceId.toHexString();
  let file: { bytes: Buffer; filename: string; contentType: string };
  if (format === ReportExportFormat.PDF) {
    const out = await withWorkspaceRenderSlot(workspaceId, () => renderReportPdf(workspaceId, data.report._id.toHexString(), { paper: opts.paper ?? ReportPaper.A4 }));
    file = { bytes: out.pdf, filename: out.filename, contentType: PDF_TYPE };
  } else {
    file = { bytes: await reportWorkbook(ctx, data), filename: reportFilename(data, 'xlsx'), contentType: XLSX_TYPE };
  }
  const { bytes, filename } = file;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + REPORT_EXPORT_TTL_MS);
  await ReportExportFileModel.create({
    workspaceId: data.report.workspaceId,
    reportId: data.report._id,
    userId: new Types.ObjectId(viewerOf(ctx).id),
    tokenHash: hashReportExportToken(token),
    filename,
    contentType: file.contentType,
    data: bytes,
    expiresAt,
  });
  return { format, filename, downloadUrl: `${publicBaseUrl}${REPORT_EXPORT_PATH}/${token}`, expiresAt };
}
