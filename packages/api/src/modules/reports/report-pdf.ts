import type { Page } from 'playwright-core';
import type { Config } from '../../config.js';
import { loadConfig } from '../../config.js';
import { badInput, notFound } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { CustomReportModel } from './custom-report.model.js';
import { PDF_MARGIN_MM, PAPER, PdfRenderer, pdfUnavailable, type Paper } from './pdf-renderer.js';
import { reportFilename } from './report-filename.js';
import { issueRenderToken } from './share-links.service.js';

/**
 * PDF reports: headless Chromium (pdf-renderer.ts) prints the web app's report page in print
 * mode. The page marks itself ready once every section has its numbers and has been drawn
 * (`[data-report-ready]`, ReportReadyMarker in the web app); that element also carries the report's
 * name, title, range (as the page formats it) and timezone, which go into the page header and the
 * filename. A page that cannot show the report marks `[data-report-error]` instead.
 */

export type { Paper } from './pdf-renderer.js';

type PdfSettings = Pick<Config, 'reportRenderUrl' | 'CHROMIUM_PATH' | 'PDF_RENDER_CONCURRENCY' | 'PDF_RENDER_TIMEOUT_SECONDS'>;

let settings: PdfSettings | undefined;
let renderer: PdfRenderer | undefined;

/** Called once per process at start (app.ts); a process that never calls it reads the environment on first use. */
export function configureReportPdf(config: PdfSettings): void {
  settings = config;
  const old = renderer;
  renderer = undefined;
  void old?.close();
}

/** Closes the browser (at shutdown). The next print starts a new one. */
export async function closeReportPdf(): Promise<void> {
  const r = renderer;
  renderer = undefined;
  await r?.close();
}

function current(): { settings: PdfSettings; renderer: PdfRenderer } {
  settings ??= loadConfig();
  renderer ??= new PdfRenderer({
    chromiumPath: settings.CHROMIUM_PATH,
    concurrency: settings.PDF_RENDER_CONCURRENCY,
    timeoutMs: settings.PDF_RENDER_TIMEOUT_SECONDS * 1000,
  });
  return { settings, renderer };
}

/** The web app's address as the renderer reaches it (REPORT_RENDER_URL, default WEB_APP_URL). */
export function reportRenderBaseUrl(): string {
  return current().settings.reportRenderUrl;
}

/** What the report page states about itself once it is ready. */
export interface ReportPageInfo {
  name: string;
  title: string;
  from: string;
  to: string;
  /** The range as the page shows it ("1 Mar – 31 Mar 2026"). */
  period: string;
  timezone: string;
}

interface PageDocument {
  images: ArrayLike<{ complete: boolean; addEventListener(type: 'load' | 'error', listener: () => void, options: { once: boolean }): void }>;
  fonts: { ready: Promise<unknown> };
}

const READY = '[data-report-ready]';
const FAILED = '[data-report-error]';
const IMAGE_WAIT_MS = 5_000;

/** Waits until the page has drawn the report (or says it cannot), then until its images have loaded (briefly) and its fonts are ready. */
async function waitForReport(page: Page): Promise<ReportPageInfo> {
  const marker = await page.waitForSelector(`${READY}, ${FAILED}`, { state: 'attached' });
  if (await marker.getAttribute('data-report-error').then((v) => v !== null)) {
    throw pdfUnavailable('The report page could not show this report; open it in the app to see why');
  }
  const attr = async (name: string) => (await marker.getAttribute(`data-report-${name}`)) ?? '';
  const info: ReportPageInfo = {
    name: await attr('name'),
    title: await attr('title'),
    from: await attr('from'),
    to: await attr('to'),
    period: await attr('period'),
    timezone: await attr('timezone'),
  };
  await page.evaluate(async (waitMs) => {
    // Runs in the page (the API's TypeScript has no DOM types).
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    const images = Array.from(doc.images).filter((img) => !img.complete);
    const loaded = Promise.all(
      images.map(
        (img) =>
          new Promise<void>((r) => {
            img.addEventListener('load', () => r(), { once: true });
            img.addEventListener('error', () => r(), { once: true });
          }),
      ),
    );
    await Promise.race([Promise.all([loaded, doc.fonts.ready]), new Promise((r) => setTimeout(r, waitMs))]);
  }, IMAGE_WAIT_MS);
  return info;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const FONT = "font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 8px; color: #555;";

/** Chromium's page header: the report's title on the left, its range and timezone on the right. */
export function headerTemplate(info: Pick<ReportPageInfo, 'title' | 'period' | 'timezone'>): string {
  return (
    `<div style="${FONT} width: 100%; padding: 0 ${PDF_MARGIN_MM.side}mm; display: flex; justify-content: space-between; gap: 6mm;">` +
    `<span style="font-weight: bold; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;">${escapeHtml(info.title)}</span>` +
    `<span style="white-space: nowrap;">${escapeHtml(info.period)} · ${escapeHtml(info.timezone)}</span></div>`
  );
}

/** Chromium's page footer: "Page X of Y". */
export function footerTemplate(): string {
  return `<div style="${FONT} width: 100%; padding: 0 ${PDF_MARGIN_MM.side}mm; text-align: right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`;
}

/**
 * Prints the report page at `url` on A4 or Letter: the page laid out at the paper's printable
 * width (charts sized for paper), print media, margins, header and footer on every page.
 * `PDF_UNAVAILABLE` when the browser is missing, the page fails, or it takes too long.
 */
export async function printReportPage(url: string, paper: Paper): Promise<{ pdf: Buffer; info: ReportPageInfo }> {
  const { pdf, prepared } = await current().renderer.print(url, paper, waitForReport, (info) => ({
    format: PAPER[paper].format,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(info),
    footerTemplate: footerTemplate(),
    margin: { top: `${PDF_MARGIN_MM.top}mm`, bottom: `${PDF_MARGIN_MM.bottom}mm`, left: `${PDF_MARGIN_MM.side}mm`, right: `${PDF_MARGIN_MM.side}mm` },
  }));
  return { pdf, info: prepared };
}

/** The address the renderer opens: the report's client page in print mode, through a short-lived render token. */
export function reportPrintUrl(renderToken: string): string {
  return `${reportRenderBaseUrl()}/share/${encodeURIComponent(renderToken)}?print=1`;
}

/**
 * A saved report as a PDF, now: the web app's report page (the branded client view, the numbers of
 * reportData) printed on A4 or Letter with the report's title, range and timezone in every page's
 * header and "Page X of Y" in the footer. For any caller that has already checked who may have it
 * (the export mutation, scheduled delivery); the report must belong to the workspace (NOT_FOUND
 * otherwise). `PDF_UNAVAILABLE` when the browser is missing, the page fails, or it takes longer
 * than PDF_RENDER_TIMEOUT_SECONDS.
 */
export async function renderReportPdf(workspaceId: string, reportId: string, opts: { paper: Paper }): Promise<{ pdf: Buffer; filename: string; pages?: number }> {
  if (!Object.hasOwn(PAPER, opts.paper)) throw badInput('paper must be A4 or LETTER', 'paper');
  const exists = await CustomReportModel.exists({ _id: toObjectId(reportId, 'reportId'), workspaceId: toObjectId(workspaceId, 'workspaceId') });
  if (!exists) throw notFound('Report');
  // No render token for a print that cannot happen.
  await current().renderer.ready();
  const token = await issueRenderToken(workspaceId, reportId);
  const { pdf, info } = await printReportPage(reportPrintUrl(token), opts.paper);
  return { pdf, filename: reportFilename({ report: { name: info.name }, range: { from: info.from, to: info.to } }, 'pdf') };
}
