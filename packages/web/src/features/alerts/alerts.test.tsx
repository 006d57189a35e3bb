import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { AlertsPage, describeRule } from './AlertsPage';
import { NotificationBell } from './NotificationBell';

const RULE = {
  id: 'a1',
  name: 'Followers drop',
  kind: 'METRIC_CHANGE',
  metric: 'FOLLOWERS',
  direction: 'DOWN',
  threshold: 10,
  periodDays: 7,
  daysBefore: null,
  platformIds: [],
  channels: ['IN_APP', 'EMAIL'],
  recipients: 'EDITORS',
  quietHours: 24,
  emailDigest: true,
  digestHour: 8,
  enabled: true,
  lastFiredAt: null,
};
const PLATFORMS = [{ id: 'p1', type: 'INSTAGRAM', username: 'brand', displayName: 'Brand' }];

describe('alerts page', () => {
  it('lists rules in plain words and an editor creates a threshold rule with kind-dependent fields', async () => {
    const client = mockClient((name) => {
      if (name === 'AlertRules') return { data: { alertRules: [RULE], platforms: PLATFORMS } };
      if (name === 'AlertEvents') return { data: { alertEvents: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } };
      if (name === 'CreateAlertRule') return { data: { createAlertRule: { id: 'a2' } } };
      return 'pending';
    });
    renderRoutes([{ path: '/alerts', element: <AlertsPage /> }], { client, path: '/alerts', role: 'EDITOR' });
    expect(await screen.findByText('Followers down by 10 % or more over 7 days, against the period before')).toBeDefined();
    expect(screen.getByText('No alerts have fired yet')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'New alert rule' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Low engagement' } });
    fireEvent.change(screen.getByLabelText('When'), { target: { value: 'metric_threshold' } });
    fireEvent.change(screen.getByLabelText('Metric'), { target: { value: 'engagement_rate' } });
    fireEvent.change(screen.getByLabelText('Direction'), { target: { value: 'BELOW' } });
    fireEvent.change(screen.getByLabelText('Threshold (%)'), { target: { value: '1.5' } });
    fireEvent.click(screen.getByLabelText('Webhook (alert.triggered)'));
    fireEvent.click(screen.getByRole('button', { name: 'Create rule' }));
    await waitFor(() => expect(callsOf(client, 'CreateAlertRule')).toHaveLength(1));
    expect(callsOf(client, 'CreateAlertRule')[0]).toEqual({
      input: expect.objectContaining({ name: 'Low engagement', kind: 'METRIC_THRESHOLD', metric: 'ENGAGEMENT_RATE', direction: 'BELOW', threshold: 1.5, periodDays: 7, channels: ['IN_APP', 'EMAIL', 'WEBHOOK'], quietHours: 24 }),
    });
  });

  it('a viewer sees rules without controls; an error offers a retry', async () => {
    const client = mockClient((name) => (name === 'AlertRules' ? { error: new Error('offline') as never } : 'pending'));
    renderRoutes([{ path: '/alerts', element: <AlertsPage /> }], { client, path: '/alerts', role: 'VIEWER' });
    expect(await screen.findByText('Alert rules could not be loaded')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'New alert rule' })).toBeNull();
    expect(screen.getByText('Only editors and above can create, change or delete alert rules.')).toBeDefined();
  });

  it('describes every kind', () => {
    expect(describeRule({ kind: 'METRIC_THRESHOLD', metric: 'ENGAGEMENT_RATE', direction: 'BELOW', threshold: 2, periodDays: 28, daysBefore: null } as never)).toBe('Engagement rate below 2 % over 28 days');
    expect(describeRule({ kind: 'REAUTH_NEEDED', metric: null, direction: null, threshold: null, periodDays: null, daysBefore: 5 } as never)).toContain('5 days before');
    expect(describeRule({ kind: 'SYNC_FAILED' } as never)).toBe('A sync fails');
  });
});

describe('notification bell', () => {
  it('shows the unread count, opens the centre and marks one read', async () => {
    const client = mockClient((name) => {
      if (name === 'UnreadNotificationCount') return { data: { unreadNotificationCount: 2 } };
      if (name === 'Notifications')
        return {
          data: {
            notifications: {
              totalCount: 2,
              edges: [
                { node: { id: 'n1', kind: 'SYNC_FAILED', title: 'Sync broke', message: 'A sync failed.', link: '/platforms', readAt: null, createdAt: new Date().toISOString() } },
                { node: { id: 'n2', kind: 'HIGH_INSIGHT', title: 'Insight', message: 'New insight.', link: '/insights', readAt: '2026-01-01T00:00:00Z', createdAt: new Date().toISOString() } },
              ],
            },
          },
        };
      if (name === 'MarkNotificationsRead') return { data: { markNotificationsRead: 1 } };
      return 'pending';
    });
    renderRoutes([{ path: '/', element: <NotificationBell /> }], { client, path: '/', role: 'VIEWER' });
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    fireEvent.click(bell);
    expect(await screen.findByText('Sync broke')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Mark “Sync broke” read' }));
    await waitFor(() => expect(callsOf(client, 'MarkNotificationsRead')[0]).toEqual({ ids: ['n1'] }));
    expect(screen.queryByRole('button', { name: 'Mark “Insight” read' })).toBeNull();
  });
});
