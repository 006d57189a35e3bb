import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readPdf } from '../../api/test/helpers/pdf';
import { formatNumber, formatPercent, formatPeriod } from '../src/lib/format';
import { artifactsDir, launchBrowser, screenshot } from './browser';

/**
 * PDF reports end to end: the production API (which serves the built web app) renders a saved
 * report with every section through headless Chromium; the PDF is read back with pdf.js. Its pages,
 * paper size, header (range and timezone), page numbers and the headline numbers reportData gives
 * (formatted as the report page formats them) are checked, and page 1 of the PDF itself is
 * rendered by pdf.js (@napi-rs/canvas) to artifacts/report-pdf-a4-page1.png.
 */
const LONG = 120_000;
const TZ = 'America/New_York';
const email = `pdf-${Date.now()}@example.test`;
const password = 'a long password for pdf reports';
const ALL_SECTIONS = ['KPIS', 'FOLLOWERS_CHART', 'ENGAGEMENT_CHART', 'ACCOUNTS_TABLE', 'TOP_POSTS', 'CONTENT_TYPES', 'HASHTAGS', 'BEST_TIMES', 'DEMOGRAPHICS', 'INSIGHTS'];

let token = '';
let reportId = '';
let browser: Browser | undefined;

async function gql(query: string, variables: Record<string, unknown> = {}, bearer = token) {
  const r = await fetch(`${inject('baseUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await r.json()) as { data: Record<string, any>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const REPORT_DATA = `query($id: ID!) { reportData(id: $id) {
  range { from to } timezone report { name branding { title } }
  kpis { followers { value } posts { value } engagements { value } engagementRate { value } reach { value } }
} }`;


async function exportPdf(paper: 'A4' | 'LETTER') {
  const out = await gql('mutation($id: ID!, $paper: ReportPaper) { exportReport(id: $id, format: PDF, paper: $paper) { format filename downloadUrl } }', { id: reportId, paper });
  expect(out.errors).toBeUndefined();
  const { filename, downloadUrl } = out.data.exportReport as { filename: string; downloadUrl: string };
  const res = await fetch(downloadUrl, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"`);
  return { filename, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  await gql('mutation($email: String!, $password: String!) { register(input: { name: "Pia Pdf", email: $email, password: $password }) { email } }', { email, password }, '');
  const login = await gql('mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }', { email, password }, '');
  token = login.data.login.accessToken as string;
  await gql(`mutation { completeOnboarding(input: { timezone: "${TZ}", brandName: "Pia Prints" }) { id } }`);
  const connected = await gql('mutation { connectPlatform(input: { type: INSTAGRAM, sandbox: true }) { platform { id } } }');
  expect(connected.errors).toBeUndefined();
  const created = await gql(
    `mutation($input: CreateCustomReportInput!) { createCustomReport(input: $input) { id } }`,
    { input: { name: 'Quarterly client report', range: { preset: 'LAST_28_DAYS' }, sections: ALL_SECTIONS, branding: { title: 'Pia Prints — client report', footer: 'Prepared by the social team' } } },
  );
  expect(created.errors).toBeUndefined();
  reportId = created.data.createCustomReport.id as string;
  // The sandbox's first sync lands within moments.
  for (let i = 0; i < 60; i++) {
    const r = await gql(REPORT_DATA, { id: reportId });
    if ((r.data?.reportData?.kpis?.posts?.value ?? 0) > 0) break;
    await new Promise((res) => setTimeout(res, 2_000));
  }
}, LONG * 2);
afterAll(async () => {
  await browser?.close();
});

describe('PDF reports', () => {
  it('an A4 PDF: several pages, A4 page boxes, the range and timezone in every header, page numbers, the KPI values as the page shows them; page 1 saved as PNG', async () => {
    const data = (await gql(REPORT_DATA, { id: reportId })).data.reportData;
    expect(data.kpis.posts.value).toBeGreaterThan(0);
    const { filename, bytes } = await exportPdf('A4');
    expect(filename).toBe(`soash-report-quarterly-client-report-${data.range.from}_${data.range.to}.pdf`);
    const { doc, pages } = await readPdf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const header = `${formatPeriod(data.range.from, data.range.to)} · ${TZ}`;
    for (const [i, p] of pages.entries()) {
      expect(Math.abs(p.widthMm - 210)).toBeLessThan(0.5);
      expect(Math.abs(p.heightMm - 297)).toBeLessThan(0.5);
      expect(p.text).toContain('Pia Prints — client report');
      expect(p.text).toContain(header);
      expect(p.text).toContain(`Page ${i + 1} of ${pages.length}`);
    }
    const all = pages.map((p) => p.text).join(' ');
    const k = data.kpis;
    for (const shown of [formatNumber(k.followers.value), formatNumber(k.posts.value), formatNumber(k.engagements.value), formatPercent(k.engagementRate.value), formatNumber(k.reach.value)]) {
      expect(all).toContain(shown);
    }
    for (const heading of ['Followers', 'Top posts', 'Best times to post', 'Audience', 'Insights', 'Prepared by the social team']) expect(all).toContain(heading);
    // Nothing interactive is printed.
    expect(all).not.toMatch(/\bEdit\b|All reports|PDF \(A4\)/);

    // Page 1 of the PDF itself, drawn by pdf.js onto a canvas (@napi-rs/canvas), as PNG.
    const page1 = await doc.getPage(1);
    const viewport = page1.getViewport({ scale: 1.5 });
    const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: { toBuffer(type: string): Buffer }; context: unknown } } }).canvasFactory;
    const target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page1.render({ canvasContext: target.context as never, canvas: target.canvas as never, viewport }).promise;
    const png = target.canvas.toBuffer('image/png');
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'report-pdf-a4-page1.png'), png);
    writeFileSync(join(artifactsDir, 'report-pdf-a4.pdf'), bytes);
    expect(readFileSync(join(artifactsDir, 'report-pdf-a4-page1.png')).subarray(1, 4).toString()).toBe('PNG');
    await doc.destroy();
  });

  it('a Letter PDF has Letter page boxes', async () => {
    const { bytes } = await exportPdf('LETTER');
    const { doc, pages } = await readPdf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) {
      expect(Math.abs(p.widthMm - 215.9)).toBeLessThan(0.5);
      expect(Math.abs(p.heightMm - 279.4)).toBeLessThan(0.5);
    }
    await doc.destroy();
  });

  it('the report page downloads a PDF from its export buttons', async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page: Page = await context.newPage();
    await page.goto(`${inject('baseUrl')}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
    await page.goto(`${inject('baseUrl')}/reports/${reportId}`);
    const menu = page.getByRole('group', { name: 'Export' });
    await menu.waitFor({ timeout: LONG });
    const download = page.waitForEvent('download', { timeout: LONG });
    await menu.getByRole('button', { name: 'PDF (Letter)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^soash-report-quarterly-client-report-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.pdf$/);
    await page.getByText(/^Saved soash-report-.*\.pdf\.$/).waitFor({ timeout: LONG });
    await screenshot(page, 'report-pdf-export-1440');
    await context.close();
  });
});
