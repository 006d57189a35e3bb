import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { reportData } from '../../test/reports';
import { move } from './options';
import { draftInput, ReportBuilderPage, validateDraft, type Draft } from './ReportBuilderPage';
import { ReportsPage } from './ReportsPage';
import { ReportViewPage } from './ReportViewPage';

const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });

describe('reports list', () => {
  it('lists saved reports; an editor creates one and lands in the builder', async () => {
    const client = mockClient((name) => {
      if (name === 'Reports') return { data: { customReports: [{ id: 'r1', name: 'Monthly', updatedAt: '2026-02-01T10:00:00Z', sections: ['KPIS', 'TOP_POSTS'], range: { preset: 'LAST_MONTH', from: null, to: null } }] } };
      if (name === 'CreateReport') return { data: { createCustomReport: { id: 'r2', name: 'Weekly' } } };
      return 'pending';
    });
    const { router } = renderRoutes(
      [
        { path: '/reports', element: <ReportsPage /> },
        { path: '/reports/:id/edit', element: <p>builder</p> },
      ],
      { client, path: '/reports', role: 'EDITOR' },
    );
    const row = (await screen.findByRole('link', { name: 'Monthly' })).closest('li')!;
    expect(row.textContent).toContain('Last month · Headline numbers, Top posts');
    fireEvent.change(screen.getByLabelText('New report'), { target: { value: '  Weekly ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/reports/r2/edit'));
    expect(callsOf(client, 'CreateReport')[0]).toEqual({
      input: { name: 'Weekly', range: { preset: 'LAST_28_DAYS' }, sections: ['KPIS', 'FOLLOWERS_CHART', 'ENGAGEMENT_CHART', 'ACCOUNTS_TABLE', 'TOP_POSTS'] },
    });
  });

  it('a viewer reads the list without create, rename or delete controls; an empty list says so', async () => {
    const client = mockClient((name) => (name === 'Reports' ? { data: { customReports: [] } } : 'pending'));
    renderRoutes([{ path: '/reports', element: <ReportsPage /> }], { client, path: '/reports', role: 'VIEWER' });
    expect(await screen.findByText('No reports yet')).toBeDefined();
    expect(screen.queryByLabelText('New report')).toBeNull();
    expect(screen.getByText('Only editors and above can create, change or delete reports.')).toBeDefined();
  });

  it('shows the error with a retry when the list cannot load', async () => {
    const client = mockClient((name) => (name === 'Reports' ? { error: new Error('offline') as never } : 'pending'));
    renderRoutes([{ path: '/reports', element: <ReportsPage /> }], { client, path: '/reports' });
    expect(await screen.findByRole('button', { name: /try again|retry/i })).toBeDefined();
  });
});

describe('report builder', () => {
  const draft: Draft = {
    name: ' Monthly ',
    platformIds: ['p1'],
    preset: 'CUSTOM',
    from: '2026-02-01',
    to: '2026-02-28',
    comparison: 'NONE',
    sections: ['KPIS', 'TOP_POSTS'],
    title: '',
    accentColor: '#FF8800',
    footer: ' Thanks ',
    logoUrl: '',
    hideSoashMark: false,
  };

  it('checks the draft before sending it, and sends the whole configuration', () => {
    expect(validateDraft(draft)).toEqual({});
    expect(validateDraft({ ...draft, name: ' ', from: '2026-03-01', sections: [], accentColor: 'orange', logoUrl: 'http://x.test/a.png' })).toEqual({
      name: 'Enter a name.',
      from: 'The first day is after the last.',
      sections: 'Choose at least one section.',
      accentColor: 'Use a colour as #RRGGBB.',
      logoUrl: 'Use an https address.',
    });
    expect(draftInput(draft)).toEqual({
      name: 'Monthly',
      platformIds: ['p1'],
      range: { preset: 'CUSTOM', from: '2026-02-01', to: '2026-02-28' },
      comparison: 'NONE',
      sections: ['KPIS', 'TOP_POSTS'],
      branding: { title: null, accentColor: '#FF8800', footer: 'Thanks', logoUrl: null, hideSoashMark: false },
    });
    expect(draftInput({ ...draft, preset: 'LAST_7_DAYS' }).range).toEqual({ preset: 'LAST_7_DAYS' });
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('reorders, adds and removes sections, ticks accounts and saves', async () => {
    const client = mockClient((name) => {
      if (name === 'ReportEdit')
        return {
          data: {
            customReport: {
              id: 'r1',
              name: 'Monthly',
              platformIds: [],
              comparison: 'PREVIOUS_PERIOD',
              sections: ['KPIS', 'TOP_POSTS'],
              range: { preset: 'LAST_28_DAYS', from: null, to: null },
              branding: { title: null, accentColor: null, footer: null, logoUrl: null, hideSoashMark: false },
            },
            platforms: [
              { id: 'p1', type: 'INSTAGRAM', username: 'bakery', displayName: null },
              { id: 'p2', type: 'TIKTOK', username: 'bakery.tt', displayName: null },
            ],
          },
        };
      if (name === 'SaveReport') return { data: { updateCustomReport: { id: 'r1' } } };
      return 'pending';
    });
    const { router } = renderRoutes(
      [
        { path: '/reports/:id/edit', element: <ReportBuilderPage /> },
        { path: '/reports/:id', element: <p>view</p> },
      ],
      { client, path: '/reports/r1/edit', role: 'EDITOR' },
    );
    await screen.findByRole('form', { name: 'Report settings' });
    fireEvent.click(screen.getByRole('button', { name: 'Move Top posts up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add Hashtags' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Headline numbers' }));
    const order = screen.getAllByText(/^\d\. /).map((e) => e.textContent);
    expect(order).toEqual(['1. Top posts', '2. Hashtags']);
    fireEvent.click(screen.getByLabelText(/bakery\.tt/));
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'QUARTER_TO_DATE' } });
    // The free plan keeps the mark.
    expect((screen.getByLabelText(/Made with Soash/) as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/reports/r1'));
    expect(callsOf(client, 'SaveReport')[0]).toMatchObject({
      id: 'r1',
      input: { platformIds: ['p2'], range: { preset: 'QUARTER_TO_DATE' }, sections: ['TOP_POSTS', 'HASHTAGS'], comparison: 'PREVIOUS_PERIOD' },
    });
  });

  it('puts the API’s field errors next to their inputs', async () => {
    const client = mockClient((name) => {
      if (name === 'ReportEdit')
        return {
          data: {
            customReport: { id: 'r1', name: 'Monthly', platformIds: [], comparison: 'NONE', sections: ['KPIS'], range: { preset: 'LAST_7_DAYS', from: null, to: null }, branding: { title: null, accentColor: null, footer: null, logoUrl: null, hideSoashMark: false } },
            platforms: [],
          },
        };
      if (name === 'SaveReport')
        return {
          error: { graphQLErrors: [{ message: 'Invalid input: branding.footer: footer: at most 300 characters', extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'branding.footer', messages: ['footer: at most 300 characters'] }] } }], message: 'x' } as never,
        };
      return 'pending';
    });
    renderRoutes([{ path: '/reports/:id/edit', element: <ReportBuilderPage /> }], { client, path: '/reports/r1/edit', role: 'OWNER' });
    await screen.findByRole('form', { name: 'Report settings' });
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    await waitFor(() => expect(screen.getByLabelText('Footer').getAttribute('aria-invalid')).toBe('true'));
  });
});

describe('report view', () => {
  it('renders the saved sections in order with the dashboard’s components, the branding, period and timezone', async () => {
    const client = mockClient((name) => (name === 'ReportView' ? { data: { reportData: reportData() } } : 'pending'));
    const { container } = renderRoutes([{ path: '/reports/:id', element: <ReportViewPage /> }], { client, path: '/reports/r1', role: 'VIEWER' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Client A — February' })).toBeDefined();
    expect(screen.getByTestId('report-period').textContent).toMatch(/Feb.*compared with.*Jan.*times in Europe\/Berlin/);
    const headings = within(container.querySelector('.report-grid') as HTMLElement)
      .getAllByRole('heading')
      .map((h) => h.textContent);
    expect(headings).toEqual(['Top posts', 'Headline numbers', 'Accounts']);
    // The dashboard's KPI grid, table and top posts list.
    expect(screen.getByRole('list', { name: 'Key numbers' })).toBeDefined();
    expect(screen.getByRole('table', { name: 'Numbers by account' })).toBeDefined();
    expect(screen.getByRole('link', { name: /Sourdough Saturday/ })).toBeDefined();
    expect(screen.getByText('Prepared by the agency')).toBeDefined();
    expect(screen.getByText(/Made with Soash/)).toBeDefined();
    expect((container.querySelector('.report') as HTMLElement).style.getPropertyValue('--report-accent')).toBe('#FF8800');
    // A viewer can neither edit nor export.
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Excel' })).toBeNull();
  });

  it('without a comparison and with the mark hidden; a disconnected account is mentioned', async () => {
    const data = reportData({ comparison: 'NONE', comparisonRange: null, showSoashMark: false, missingPlatformIds: ['p9'], sections: ['ACCOUNTS_TABLE'] });
    const client = mockClient((name) => (name === 'ReportView' ? { data: { reportData: data } } : 'pending'));
    renderRoutes([{ path: '/reports/:id', element: <ReportViewPage /> }], { client, path: '/reports/r1', role: 'EDITOR' });
    expect(await screen.findByText(/no comparison/)).toBeDefined();
    expect(screen.queryByText(/Made with Soash/)).toBeNull();
    expect(screen.getByText(/One account of this report is no longer connected/)).toBeDefined();
    expect(screen.getByRole('link', { name: 'Edit' }).getAttribute('href')).toBe('/reports/r1/edit');
    fireEvent.click(screen.getByRole('button', { name: 'Excel' }));
    await waitFor(() => expect(callsOf(client, 'ExportReport')).toEqual([{ id: 'r1', format: 'XLSX', paper: null }]));
  });

  it('exports a PDF on A4 or Letter; while one runs the buttons wait; PDF_UNAVAILABLE is said plainly', async () => {
    const data = reportData();
    let pdfAnswer: 'pending' | ReturnType<typeof fail> = 'pending';
    const client = mockClient((name) => (name === 'ReportView' ? { data: { reportData: data } } : name === 'ExportReport' ? pdfAnswer : undefined));
    renderRoutes([{ path: '/reports/:id', element: <ReportViewPage /> }], { client, path: '/reports/r1', role: 'EDITOR' });
    const group = await screen.findByRole('group', { name: 'Export' });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['Excel', 'PDF (A4)', 'PDF (Letter)']);
    fireEvent.click(within(group).getByRole('button', { name: 'PDF (Letter)' }));
    await waitFor(() => expect(callsOf(client, 'ExportReport')).toEqual([{ id: 'r1', format: 'PDF', paper: 'LETTER' }]));
    expect(within(group).getByRole('button', { name: 'PDF (Letter)' }).getAttribute('aria-busy')).toBe('true');
    expect((within(group).getByRole('button', { name: 'Excel' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Preparing the file…')).toBeDefined();
    cleanup();
    pdfAnswer = fail('PDF export is not available on this server (no Chromium installed)', { code: 'PDF_UNAVAILABLE' });
    renderRoutes([{ path: '/reports/:id', element: <ReportViewPage /> }], { client, path: '/reports/r1', role: 'EDITOR' });
    fireEvent.click(await screen.findByRole('button', { name: 'PDF (A4)' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('PDF export is not available on this server (no Chromium installed) Excel still works.');
    expect(callsOf(client, 'ExportReport').at(-1)).toEqual({ id: 'r1', format: 'PDF', paper: 'A4' });
  });

  it('marks the report ready for printing with its title, range and timezone once drawn', async () => {
    const client = mockClient((name) => (name === 'ReportView' ? { data: { reportData: reportData() } } : 'pending'));
    const { container } = renderRoutes([{ path: '/reports/:id', element: <ReportViewPage /> }], { client, path: '/reports/r1' });
    await waitFor(() => expect(container.querySelector('[data-report-ready]')).not.toBeNull());
    const marker = container.querySelector('[data-report-ready]') as HTMLElement;
    expect({ ...marker.dataset }).toMatchObject({ reportFrom: '2026-02-01', reportTo: '2026-02-28', reportTimezone: 'Europe/Berlin' });
    expect(marker.dataset.reportPeriod).toBe(screen.getByTestId('report-period').textContent?.split(',')[0]);
    expect(marker.hidden).toBe(true);
  });

  it('shows loading, then the error with a retry', async () => {
    const client = mockClient((name) => (name === 'ReportView' ? { error: new Error('Report not found') as never } : 'pending'));
    renderRoutes([{ path: '/reports/:id', element: <ReportViewPage /> }], { client, path: '/reports/r1' });
    expect(await screen.findByText('The report could not be loaded')).toBeDefined();
    // The PDF renderer stops waiting at once.
    expect(document.querySelector('[data-report-error]')).not.toBeNull();
    expect(document.querySelector('[data-report-ready]')).toBeNull();
  });
});
