import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { reportData } from '../../test/reports';
import { ReportViewPage } from './ReportViewPage';
import { SharedReportPage } from './SharedReportPage';

const gqlError = (code: string, message = code) => ({ error: { graphQLErrors: [{ message, extensions: { code } }], message } as never });
const shared = (extra: Record<string, unknown> = {}) => ({ data: { sharedReport: { expiresAt: '2026-04-01T10:00:00Z', data: reportData(extra) } } });

describe('shared report page', () => {
  it('shows the branded report read-only, without links into the app', async () => {
    const client = mockClient((name) => (name === 'SharedReport' ? shared() : 'pending'));
    const { container } = renderRoutes([{ path: '/share/:token', element: <SharedReportPage /> }], { client, path: '/share/tok123', viewer: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'Client A — February' })).toBeDefined();
    expect(callsOf(client, 'SharedReport')[0]).toEqual({ token: 'tok123', password: null });
    expect(screen.getByRole('list', { name: 'Key numbers' })).toBeDefined();
    // The top post is plain text here, and no control of the member's page shows.
    expect(screen.getByText('Sourdough Saturday')).toBeDefined();
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/This link works until/)).toBeDefined();
    expect(container.querySelector('main')!.getAttribute('data-state')).toBe('ready');
  });

  it('with ?print=1 shows nothing interactive', async () => {
    const client = mockClient((name) => (name === 'SharedReport' ? shared() : 'pending'));
    const { container } = renderRoutes([{ path: '/share/:token', element: <SharedReportPage /> }], { client, path: '/share/tok123?print=1', viewer: null });
    await screen.findByRole('heading', { level: 1, name: 'Client A — February' });
    expect(screen.queryByText(/This link works until/)).toBeNull();
    expect(container.querySelector('main.report-print-mode')).not.toBeNull();
  });

  it('asks for the password, says when it is wrong, and opens with the right one', async () => {
    const client = mockClient((name, v) => {
      if (name !== 'SharedReport') return 'pending';
      if (!v.password) return gqlError('PASSWORD_REQUIRED');
      return v.password === 'right one!' ? shared() : gqlError('BAD_PASSWORD');
    });
    renderRoutes([{ path: '/share/:token', element: <SharedReportPage /> }], { client, path: '/share/tok123', viewer: null });
    expect(await screen.findByRole('heading', { name: 'This report is protected' })).toBeDefined();
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open the report' }));
    expect(await screen.findByText('That password is not right.')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'right one!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open the report' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Client A — February' })).toBeDefined();
  });

  it('an expired, revoked or unknown link says it is no longer valid', async () => {
    const client = mockClient((name) => (name === 'SharedReport' ? gqlError('NOT_FOUND', 'This link is not valid') : 'pending'));
    renderRoutes([{ path: '/share/:token', element: <SharedReportPage /> }], { client, path: '/share/gone', viewer: null });
    expect(await screen.findByRole('heading', { name: 'This link is no longer valid' })).toBeDefined();
  });
});

describe('share links on the report page', () => {
  const links = [
    { id: 'l1', label: 'Acme', expiresAt: '2099-01-01T00:00:00Z', hasPassword: true, revokedAt: null, viewCount: 3, lastViewedAt: '2026-02-02T10:00:00Z', createdAt: '2026-02-01T10:00:00Z' },
    { id: 'l2', label: null, expiresAt: '2020-01-01T00:00:00Z', hasPassword: false, revokedAt: null, viewCount: 0, lastViewedAt: null, createdAt: '2019-12-01T10:00:00Z' },
  ];

  it('an editor lists links, creates one (its address shown once) and revokes one', async () => {
    const client = mockClient((name) => {
      if (name === 'ReportView') return { data: { reportData: reportData() } };
      if (name === 'ReportShareLinks') return { data: { reportShareLinks: links } };
      if (name === 'CreateReportShareLink') return { data: { createReportShareLink: { url: 'https://app.example/share/abc', link: { id: 'l3', label: 'Board' } } } };
      if (name === 'RevokeReportShareLink') return { data: { revokeReportShareLink: { id: 'l1', revokedAt: '2026-03-01T00:00:00Z' } } };
      return 'pending';
    });
    renderRoutes([{ path: '/reports/:id', element: <ReportViewPage /> }], { client, path: '/reports/r1', role: 'EDITOR' });
    fireEvent.click(await screen.findByRole('button', { name: 'Share' }));
    const list = await screen.findByRole('list', { name: 'Share links' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first!.textContent).toMatch(/Acme.*Active.*Password.*3 views, last/);
    expect(second!.textContent).toMatch(/Unnamed link.*Expired/);

    fireEvent.change(screen.getByLabelText('For (optional)'), { target: { value: 'Board' } });
    fireEvent.change(screen.getByLabelText('Works for'), { target: { value: '90' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create link' }));
    expect(((await screen.findByLabelText('Share link')) as HTMLInputElement).value).toBe('https://app.example/share/abc');
    const input = callsOf(client, 'CreateReportShareLink')[0]!.input as Record<string, unknown>;
    expect(input).toMatchObject({ reportId: 'r1', label: 'Board', password: null });
    expect(Math.round((new Date(input.expiresAt as string).getTime() - Date.now()) / 86_400_000)).toBe(90);

    fireEvent.click(screen.getByRole('button', { name: 'Revoke Acme' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(callsOf(client, 'RevokeReportShareLink')).toEqual([{ id: 'l1' }]));
  });

  it('viewers see no share controls', async () => {
    const client = mockClient((name) => (name === 'ReportView' ? { data: { reportData: reportData() } } : 'pending'));
    renderRoutes([{ path: '/reports/:id', element: <ReportViewPage /> }], { client, path: '/reports/r1', role: 'VIEWER' });
    await screen.findByRole('heading', { level: 1, name: 'Client A — February' });
    expect(screen.queryByRole('button', { name: 'Share' })).toBeNull();
    expect(callsOf(client, 'ReportShareLinks')).toEqual([]);
  });
});
