import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../../../test/helpers/fixtures.js';
import { readPdf } from '../../../../test/helpers/pdf.js';
import { errorOf, useTestServer } from '../../../../test/helpers/server.js';
import { createTeam, type Team } from '../../workspaces/__tests__/team-fixtures.js';
import { closeReportPdf, configureReportPdf, renderReportPdf } from '../report-pdf.js';

/**
 * exportReport(format: PDF) through the API: who may, the download link, the per-workspace cap and
 * PDF_UNAVAILABLE. The "web app" here is a small server that answers the client page the renderer
 * opens (/share/<render token>?print=1) with a page that marks itself ready; the real page is
 * printed in packages/web/e2e/report-pdf.e2e.test.ts.
 */
const server = useTestServer();
const EXPORT = 'mutation($id: ID!, $paper: ReportPaper) { exportReport(id: $id, format: PDF, paper: $paper) { format filename downloadUrl expiresAt } }';

const opened: string[] = [];
let hold = false;
const held: ServerResponse[] = [];
let web: Server;
let webUrl = '';

const readyPage = `<!doctype html><html><head><meta charset="utf-8"></head><body><h1>Client A: monthly</h1><p>Posts 1,234</p>
  <div hidden data-report-ready data-report-name="Client A: monthly" data-report-title="Client A — monthly" data-report-from="2026-03-01"
    data-report-to="2026-03-28" data-report-period="1 Mar – 28 Mar 2026" data-report-timezone="America/New_York"></div></body></html>`;

function answer(req: IncomingMessage, res: ServerResponse) {
  opened.push(req.url ?? '');
  if (hold) return void held.push(res);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readyPage);
}
function release() {
  hold = false;
  for (const res of held.splice(0)) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readyPage);
}

beforeAll(async () => {
  web = createServer(answer);
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  configureReportPdf({ reportRenderUrl: webUrl, CHROMIUM_PATH: process.env.CHROMIUM_PATH, PDF_RENDER_CONCURRENCY: 2, PDF_RENDER_TIMEOUT_SECONDS: 120 });
});
afterAll(async () => {
  release();
  await closeReportPdf();
  await new Promise((r) => web?.close(r));
});

const as = (team: Team, who: 'owner' | 'editor' | 'viewer') => (query: string, variables: Record<string, unknown> = {}) =>
  server.gql(query, variables, team[who].token, { 'x-workspace-id': team.workspaceId });

async function teamWithReport() {
  const team = await createTeam('Pdf brand');
  await createPlatform(team.workspace._id, { platformType: 'instagram', username: 'bakery' } as never);
  const created = await as(team, 'editor')('mutation($input: CreateCustomReportInput!) { createCustomReport(input: $input) { id } }', {
    input: { name: 'Client A: monthly', range: { preset: 'LAST_28_DAYS' }, sections: ['KPIS', 'TOP_POSTS'] },
  });
  expect(created.body.errors).toBeUndefined();
  return { team, id: created.body.data!.createCustomReport.id as string };
}

async function download(url: string, token?: string) {
  return fetch(`${server.url}${new URL(url).pathname}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('PDF export: successful cases', () => {
  it('an editor exports a PDF on Letter: the client page in print mode through a render token, behind the same download link as Excel', async () => {
    const { team, id } = await teamWithReport();
    opened.length = 0;
    const res = await as(team, 'editor')(EXPORT, { id, paper: 'LETTER' });
    expect(res.body.errors).toBeUndefined();
    const out = res.body.data!.exportReport;
    expect(out.format).toBe('PDF');
    expect(out.filename).toBe('soash-report-client-a-monthly-2026-03-01_2026-03-28.pdf');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^\/share\/[A-Za-z0-9_-]{20,}\?print=1$/);

    expect((await download(out.downloadUrl)).status).toBe(401);
    expect((await download(out.downloadUrl, team.viewer.token)).status).toBe(404);
    const file = await download(out.downloadUrl, team.editor.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${out.filename}"`);
    const { doc, pages } = await readPdf(new Uint8Array(await file.arrayBuffer()));
    expect([Math.round(pages[0]!.widthMm), Math.round(pages[0]!.heightMm)]).toEqual([216, 279]);
    expect(pages[0]!.text).toContain('Client A — monthly');
    expect(pages[0]!.text).toContain('1 Mar – 28 Mar 2026 · America/New_York');
    expect(pages[0]!.text).toContain('Posts 1,234');
    await doc.destroy();
  }, 120_000);

  it('renderReportPdf (for scheduled delivery) gives the bytes and the filename; another workspace’s report is NOT_FOUND', async () => {
    const { team, id } = await teamWithReport();
    const out = await renderReportPdf(team.workspaceId, id, { paper: 'A4' });
    expect(out.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(out.filename).toBe('soash-report-client-a-monthly-2026-03-01_2026-03-28.pdf');
    const other = await createTeam('Other pdf');
    await expect(renderReportPdf(other.workspaceId, id, { paper: 'A4' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(renderReportPdf(team.workspaceId, id, { paper: 'A3' as never })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  }, 120_000);
});

describe('PDF export: failing cases', () => {
  it('viewers cannot export a PDF; another workspace’s report is NOT_FOUND; an unknown paper is BAD_USER_INPUT', async () => {
    const { team, id } = await teamWithReport();
    expect(errorOf((await as(team, 'viewer')(EXPORT, { id })).body)?.extensions?.code).toBe('FORBIDDEN');
    const other = await createTeam('Other');
    expect(errorOf((await as(other, 'owner')(EXPORT, { id })).body)?.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(errorOf((await as(team, 'owner')(EXPORT, { id, paper: 'A3' })).body)?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a workspace renders at most 2 PDFs at once: a third is RATE_LIMITED while they run', async () => {
    const { team, id } = await teamWithReport();
    hold = true;
    const before = held.length;
    const first = as(team, 'editor')(EXPORT, { id });
    const second = as(team, 'owner')(EXPORT, { id });
    // Both renders have opened the page (which the "web app" holds back) before the third asks.
    for (let i = 0; i < 600 && held.length < before + 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(held.length).toBe(before + 2);
    const third = await as(team, 'editor')(EXPORT, { id });
    expect(errorOf(third.body)?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    release();
    expect((await first).body.errors).toBeUndefined();
    expect((await second).body.errors).toBeUndefined();
    // Done: the workspace may render again.
    expect((await as(team, 'editor')(EXPORT, { id })).body.errors).toBeUndefined();
  }, 180_000);

  it('without Chromium: PDF_UNAVAILABLE with a plain message, no stack trace; Excel still works', async () => {
    const { team, id } = await teamWithReport();
    configureReportPdf({ reportRenderUrl: webUrl, CHROMIUM_PATH: '/nonexistent/chromium', PDF_RENDER_CONCURRENCY: 2, PDF_RENDER_TIMEOUT_SECONDS: 30 });
    try {
      const res = await as(team, 'editor')(EXPORT, { id });
      const err = errorOf(res.body);
      expect(err?.extensions).toEqual({ code: 'PDF_UNAVAILABLE' });
      expect(err?.message).toBe('PDF export is not available on this server (no Chromium installed)');
      expect(JSON.stringify(res.body)).not.toMatch(/stack|\.ts:|nonexistent/);
      const xlsx = await as(team, 'editor')('mutation($id: ID!) { exportReport(id: $id, format: XLSX) { format } }', { id });
      expect(xlsx.body.data?.exportReport).toEqual({ format: 'XLSX' });
    } finally {
      configureReportPdf({ reportRenderUrl: webUrl, CHROMIUM_PATH: process.env.CHROMIUM_PATH, PDF_RENDER_CONCURRENCY: 2, PDF_RENDER_TIMEOUT_SECONDS: 120 });
    }
  });
});
