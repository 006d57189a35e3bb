import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/helpers/pdf.js';
import { AppError } from '../../../lib/errors.js';
import { mayLoad, PdfRenderer, printableWidthPx, resolveChromiumPath } from '../pdf-renderer.js';
import { closeReportPdf, configureReportPdf, footerTemplate, headerTemplate, printReportPage } from '../report-pdf.js';

/**
 * The printer on its own: a small page that behaves as the report page does (draws its sections a
 * moment after loading, then marks itself ready) is printed on A4 and Letter by Debian's Chromium,
 * and the PDF is read back with pdf.js. The whole path through the web app is in
 * packages/web/e2e/report-pdf.e2e.test.ts.
 */

const SECTIONS = 14;
function reportPage(): string {
  const cards = Array.from({ length: SECTIONS }, (_, i) => `<section class="card"><h2>Section ${i + 1}</h2><p>Value ${1000 + i}</p></section>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { font-family: sans-serif; margin: 0; }
    .card { border: 1px solid #ccc; height: 180px; margin-bottom: 12px; break-inside: avoid; }
  </style></head><body><main id="root">Loading…</main><script>window.OTHER = ${JSON.stringify(otherOrigin)};</script><script>
    setTimeout(() => {
      const root = document.getElementById('root');
      root.innerHTML = ${JSON.stringify(cards)} + '<p id="w">width ' + window.innerWidth + '</p><img src="' + window.OTHER + '/pixel.png" alt="">';
      fetch(window.OTHER + '/data').catch(() => undefined);
      const marker = document.createElement('div');
      marker.hidden = true;
      marker.setAttribute('data-report-ready', '');
      marker.dataset.reportName = 'Monthly <client> report';
      marker.dataset.reportTitle = 'Rae Bakery & Co — monthly';
      marker.dataset.reportFrom = '2026-03-01';
      marker.dataset.reportTo = '2026-03-31';
      marker.dataset.reportPeriod = '1 Mar – 31 Mar 2026';
      marker.dataset.reportTimezone = 'Europe/Berlin';
      document.body.appendChild(marker);
    }, 300);
  </script></body></html>`;
}
const failingPage = `<!doctype html><html><body><p data-report-error>This link is no longer valid</p></body></html>`;
const neverReady = `<!doctype html><html><body><p>Loading…</p></body></html>`;

let server: Server;
let base = '';
// Another origin the page tries to reach (an image over http, a fetch): the renderer lets neither through.
let other: Server;
let otherOrigin = '';
const otherRequests: string[] = [];

beforeAll(async () => {
  other = createServer((req, res) => {
    otherRequests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherOrigin = `http://localhost:${(other.address() as AddressInfo).port}`;
  server = createServer((req, res) => {
    const body = req.url === '/report' ? reportPage() : req.url === '/failed' ? failingPage : neverReady;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  configureReportPdf({ reportRenderUrl: base, CHROMIUM_PATH: process.env.CHROMIUM_PATH, PDF_RENDER_CONCURRENCY: 2, PDF_RENDER_TIMEOUT_SECONDS: 90 });
});
afterAll(async () => {
  await closeReportPdf();
  await new Promise((r) => server?.close(r));
  await new Promise((r) => other?.close(r));
});


describe('printing a report page', () => {
  it.each([
    ['A4', 210, 297],
    ['LETTER', 215.9, 279.4],
  ] as const)('on %s: paginated, the paper size, the header with title, range and timezone, "Page X of Y", the body as text', async (paper, width, height) => {
    const { pdf, info } = await printReportPage(`${base}/report`, paper);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(info).toEqual({
      name: 'Monthly <client> report',
      title: 'Rae Bakery & Co — monthly',
      from: '2026-03-01',
      to: '2026-03-31',
      period: '1 Mar – 31 Mar 2026',
      timezone: 'Europe/Berlin',
    });
    const { doc, pages } = await readPdf(pdf);
    await doc.destroy();
    // 14 cards of 180 px never fit one page; none is cut (break-inside: avoid), so each page starts with a whole card.
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const [i, p] of pages.entries()) {
      expect(Math.abs(p.widthMm - width)).toBeLessThan(0.5);
      expect(Math.abs(p.heightMm - height)).toBeLessThan(0.5);
      expect(p.text).toContain('Rae Bakery & Co — monthly');
      expect(p.text).toContain('1 Mar – 31 Mar 2026 · Europe/Berlin');
      expect(p.text).toContain(`Page ${i + 1} of ${pages.length}`);
    }
    const all = pages.map((p) => p.text).join(' ');
    for (let i = 0; i < SECTIONS; i++) expect(all).toContain(`Value ${1000 + i}`);
    // Laid out at the paper's printable width (charts are sized for paper).
    expect(all).toContain(`width ${printableWidthPx(paper)}`);
    expect(otherRequests).toEqual([]);
  });

  it('a page that says it cannot show the report is PDF_UNAVAILABLE, with no internals in the message', async () => {
    const err = await printReportPage(`${base}/failed`, 'A4').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'PDF_UNAVAILABLE' });
    expect((err as Error).message).not.toMatch(/at |\.ts|waitForSelector/);
  });

  it('a page that never becomes ready times out as PDF_UNAVAILABLE', async () => {
    const renderer = new PdfRenderer({ chromiumPath: process.env.CHROMIUM_PATH, concurrency: 1, timeoutMs: 8_000 });
    try {
      const err = await renderer.print(`${base}/never`, 'A4', (page) => page.waitForSelector('[data-report-ready]', { state: 'attached' }), () => ({})).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'PDF_UNAVAILABLE' });
    } finally {
      await renderer.close();
    }
  });

  it('without a browser: PDF_UNAVAILABLE saying so', async () => {
    const renderer = new PdfRenderer({ chromiumPath: '/nonexistent/chromium', concurrency: 1, timeoutMs: 5_000 });
    const err = await renderer.print(`${base}/report`, 'A4', async () => undefined, () => ({})).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PDF_UNAVAILABLE', message: expect.stringContaining('no Chromium') });
    await renderer.close();
  });

  it('finds the browser: CHROMIUM_PATH when it exists, else Debian’s', () => {
    expect(resolveChromiumPath('/opt/chrome', (p) => p === '/opt/chrome')).toBe('/opt/chrome');
    expect(resolveChromiumPath('/opt/missing', (p) => p === '/usr/bin/chromium')).toBeUndefined();
    expect(resolveChromiumPath(undefined, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
  });

  it('lets the page load its own origin and https images on public addresses only', async () => {
    const page = 'http://web:8080';
    expect(await mayLoad('http://web:8080/graphql', page, 'fetch')).toBe(true);
    expect(await mayLoad('data:image/png;base64,AAAA', page, 'image')).toBe(true);
    expect(await mayLoad('https://93.184.215.14/logo.png', page, 'image')).toBe(true);
    expect(await mayLoad('https://93.184.215.14/x.js', page, 'script')).toBe(false);
    expect(await mayLoad('http://93.184.215.14/logo.png', page, 'image')).toBe(false);
    for (const internal of ['https://127.0.0.1/logo.png', 'https://10.0.0.5/logo.png', 'https://169.254.169.254/latest', 'https://[::1]/logo.png', 'https://user:pw@93.184.215.14/l.png']) {
      expect(await mayLoad(internal, page, 'image')).toBe(false);
    }
  });

  it('header and footer escape the report’s text', () => {
    const h = headerTemplate({ title: '<img src=x onerror=alert(1)>', period: 'A & B', timezone: 'UTC' });
    expect(h).not.toContain('<img');
    expect(h).toContain('&#60;img');
    expect(h).toContain('A &#38; B · UTC');
    expect(footerTemplate()).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
  });
});
