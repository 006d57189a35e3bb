import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { ReportSchedulePanel } from './ReportSchedulePanel';
import { UnsubscribeReportPage } from './UnsubscribeReportPage';

const members = [
  { userId: 'u1', name: 'Jane Baker', email: 'jane@example.com', isActive: true },
  { userId: 'u2', name: 'Sam Editor', email: 'sam@example.com', isActive: true },
  { userId: 'u3', name: 'Old Friend', email: 'old@example.com', isActive: false },
];

const schedule = (extra: Record<string, unknown> = {}) => ({
  id: 's1',
  frequency: 'WEEKLY',
  weekday: 1,
  dayOfMonth: null,
  hour: 9,
  paper: 'A4',
  memberIds: ['u1', 'u3'],
  emails: ['client@example.com'],
  enabled: true,
  // 09:00 in Berlin (CET) is 08:00 UTC.
  nextRunAt: '2026-03-02T08:00:00.000Z',
  lastRunAt: null,
  timezone: 'Europe/Berlin',
  description: 'Every Monday at 09:00',
  ...extra,
});

const panel = (reportId = 'r1') => [{ path: '/reports/:id', element: <ReportSchedulePanel reportId={reportId} timezone="Europe/Berlin" /> }];

describe('report schedule panel', () => {
  it('lists schedules with the next run in the workspace timezone and who gets them', async () => {
    const client = mockClient((name) => (name === 'ReportSchedules' ? { data: { reportSchedules: [schedule()], members } } : 'pending'));
    renderRoutes(panel(), { client, path: '/reports/r1', role: 'VIEWER' });
    expect(await screen.findByText('Every Monday at 09:00')).toBeTruthy();
    expect((screen.getByTestId('schedule-next-run')).textContent).toContain('Next: 2 Mar 2026, 09:00 (Europe/Berlin)');
    expect(screen.getByText(/To: Jane Baker, Old Friend \(left the workspace\), client@example.com/)).toBeTruthy();
    // A viewer reads but does not change schedules.
    expect(screen.queryByRole('button', { name: 'Add a schedule' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Pause/ })).toBeNull();
  });

  it('an editor creates a monthly schedule for a member and an outside address', async () => {
    const client = mockClient((name) => {
      if (name === 'ReportSchedules') return { data: { reportSchedules: [], members } };
      if (name === 'CreateReportSchedule') return { data: { createReportSchedule: { id: 's2' } } };
      return 'pending';
    });
    renderRoutes(panel(), { client, path: '/reports/r1', role: 'EDITOR' });
    expect(await screen.findByText('Not scheduled')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add a schedule' }));
    const form = screen.getByRole('form', { name: 'New schedule' });
    fireEvent.change(within(form).getByLabelText('Frequency'), { target: { value: 'MONTHLY' } });
    fireEvent.change(within(form).getByLabelText('Day of the month'), { target: { value: '15' } });
    fireEvent.change(within(form).getByLabelText('Time'), { target: { value: '7' } });
    fireEvent.change(within(form).getByLabelText('Paper'), { target: { value: 'LETTER' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: /Sam Editor/ }));
    // A member who left cannot be chosen.
    expect(within(form).queryByRole('checkbox', { name: /Old Friend/ })).toBeNull();
    fireEvent.change(within(form).getByLabelText('Outside email addresses'), { target: { value: 'a@example.com, b@example.com\nc@example.com' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create schedule' }));
    await waitFor(() => expect(callsOf(client, 'CreateReportSchedule')).toHaveLength(1));
    expect(callsOf(client, 'CreateReportSchedule')[0]).toEqual({
      input: { reportId: 'r1', frequency: 'MONTHLY', weekday: null, dayOfMonth: 15, hour: 7, paper: 'LETTER', memberIds: ['u2'], emails: ['a@example.com', 'b@example.com', 'c@example.com'] },
    });
  });

  it('asks for a recipient before sending, and shows the API’s field errors next to their inputs', async () => {
    const client = mockClient((name) => {
      if (name === 'ReportSchedules') return { data: { reportSchedules: [], members } };
      if (name === 'CreateReportSchedule') return { error: { graphQLErrors: [{ message: 'emails: "x" is not an email address', extensions: { code: 'BAD_USER_INPUT', field: 'emails' } }] } as never };
      return 'pending';
    });
    renderRoutes(panel(), { client, path: '/reports/r1', role: 'EDITOR' });
    fireEvent.click(await screen.findByRole('button', { name: 'Add a schedule' }));
    const form = screen.getByRole('form', { name: 'New schedule' });
    fireEvent.click(within(form).getByRole('button', { name: 'Create schedule' }));
    expect(await within(form).findByText('Choose at least one member or enter an email address.')).toBeTruthy();
    expect(callsOf(client, 'CreateReportSchedule')).toHaveLength(0);
    fireEvent.change(within(form).getByLabelText('Outside email addresses'), { target: { value: 'x' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create schedule' }));
    expect(await within(form).findByText(/is not an email address/)).toBeTruthy();
  });

  it('pauses a schedule, and shows its history with a retry for a failed delivery', async () => {
    const client = mockClient((name) => {
      if (name === 'ReportSchedules') return { data: { reportSchedules: [schedule()], members } };
      if (name === 'PauseReportSchedule') return { data: { pauseReportSchedule: { id: 's1', enabled: false, nextRunAt: null } } };
      if (name === 'RetryReportDelivery') return { data: { retryReportDelivery: { id: 'd2', status: 'PENDING' } } };
      if (name === 'ReportScheduleDeliveries')
        return {
          data: {
            reportDeliveries: {
              totalCount: 1,
              pageInfo: { hasNextPage: false, endCursor: null },
              edges: [
                {
                  node: {
                    id: 'd1',
                    status: 'FAILED',
                    scheduledFor: '2026-02-23T08:00:00.000Z',
                    createdAt: '2026-02-23T08:00:05.000Z',
                    attemptCount: 3,
                    nextAttemptAt: null,
                    error: 'The PDF could not be rendered',
                    rangeFrom: '2026-02-16',
                    rangeTo: '2026-02-22',
                    timezone: 'Europe/Berlin',
                    recipients: [{ email: 'client@example.com', status: 'FAILED', reason: 'The PDF could not be rendered' }],
                  },
                },
              ],
            },
          },
        };
      return 'pending';
    });
    renderRoutes(panel(), { client, path: '/reports/r1', role: 'EDITOR' });
    fireEvent.click(await screen.findByRole('button', { name: 'Pause Every Monday at 09:00' }));
    await waitFor(() => expect(callsOf(client, 'PauseReportSchedule')).toEqual([{ id: 's1' }]));
    fireEvent.click(screen.getByRole('button', { name: 'Deliveries of Every Monday at 09:00' }));
    const history = await screen.findByRole('list', { name: 'Deliveries' });
    expect(within(history).getByText('failed')).toBeTruthy();
    expect(within(history).getByText(/0 of 1 sent · 3 attempts · 16 Feb – 22 Feb 2026/)).toBeTruthy();
    expect(within(history).getByText('The PDF could not be rendered')).toBeTruthy();
    fireEvent.click(within(history).getByRole('button', { name: 'Retry this delivery' }));
    await waitFor(() => expect(callsOf(client, 'RetryReportDelivery')).toEqual([{ id: 'd1' }]));
  });

  it('shows an error with a retry when schedules cannot be loaded', async () => {
    const client = mockClient((name) => (name === 'ReportSchedules' ? { error: { graphQLErrors: [{ message: 'Report not found', extensions: { code: 'NOT_FOUND' } }] } as never } : 'pending'));
    renderRoutes(panel(), { client, path: '/reports/r1' });
    expect(await screen.findByText('The schedules could not be loaded')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('unsubscribe page', () => {
  it('asks first, then removes the address and says so', async () => {
    const client = mockClient((name) => (name === 'UnsubscribeReportEmail' ? { data: { unsubscribeReportEmail: { email: 'client@example.com', reportName: 'Monthly' } } } : 'pending'));
    renderRoutes([{ path: '/unsubscribe/report', element: <UnsubscribeReportPage /> }], { client, path: '/unsubscribe/report?token=abc', viewer: null });
    expect(callsOf(client, 'UnsubscribeReportEmail')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    expect(await screen.findByText(/no longer gets “Monthly”/)).toBeTruthy();
    expect(callsOf(client, 'UnsubscribeReportEmail')).toEqual([{ token: 'abc' }]);
  });

  it('a used link says it does not work any more', async () => {
    const client = mockClient((name) => (name === 'UnsubscribeReportEmail' ? { error: { graphQLErrors: [{ message: 'Subscription not found', extensions: { code: 'NOT_FOUND' } }] } as never } : 'pending'));
    renderRoutes([{ path: '/unsubscribe/report', element: <UnsubscribeReportPage /> }], { client, path: '/unsubscribe/report?token=abc', viewer: null });
    fireEvent.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This link does not work any more');
  });
});
