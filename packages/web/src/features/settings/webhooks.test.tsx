import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { WebhooksCard } from './WebhooksCard';

const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });

const ENDPOINT = {
  __typename: 'WebhookEndpoint',
  id: 'e1',
  url: 'https://partner.example/hooks',
  events: ['SYNC_COMPLETED', 'PLATFORM_NEEDS_REAUTH'],
  description: 'Reporting app',
  enabled: true,
  createdAt: '2026-11-01T10:00:00Z',
  failingSince: null,
  lastSuccessAt: '2026-11-30T09:00:00Z',
  disabledAt: null,
  disabledReason: null,
  secretRotatedAt: null,
};
const DELIVERY = {
  __typename: 'WebhookDelivery',
  id: 'd1',
  eventType: 'sync.completed',
  messageId: 'msg_1',
  status: 'FAILED',
  attemptCount: 8,
  nextAttemptAt: null,
  lastAttemptAt: '2026-11-30T09:00:00Z',
  responseStatus: 500,
  durationMs: 42,
  error: 'Answered 500',
  createdAt: '2026-11-29T09:00:00Z',
};
const SECRET = `whsec_${'A'.repeat(43)}=`;
const deliveries = (nodes: unknown[]) => ({
  data: { webhookDeliveries: { __typename: 'WebhookDeliveryConnection', totalCount: nodes.length, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: nodes.map((node) => ({ __typename: 'WebhookDeliveryEdge', node })) } },
});

describe('WebhooksCard', () => {
  it('lists endpoints with their events in plain words and their health, never a secret', async () => {
    const client = mockClient((name) => (name === 'WebhookEndpoints' ? { data: { webhookEndpoints: [ENDPOINT, { ...ENDPOINT, id: 'e2', url: 'https://down.example/h', enabled: false, disabledReason: 'Every delivery attempt failed for a day' }] } } : undefined));
    renderRoutes([{ path: '/', element: <WebhooksCard /> }], { client });
    await screen.findByText('https://partner.example/hooks');
    expect(screen.getAllByText('A sync of an account finished · An account must be connected again')).toHaveLength(2);
    expect(screen.getByText('enabled')).toBeTruthy();
    expect(screen.getByText('disabled')).toBeTruthy();
    expect(screen.getByText(/Every delivery attempt failed for a day/)).toBeTruthy();
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
  });

  it('adds an endpoint with the chosen events and shows the secret once; a refused URL shows the reason on the field', async () => {
    let attempt = 0;
    const client = mockClient((name) => {
      if (name === 'WebhookEndpoints') return { data: { webhookEndpoints: [] } };
      if (name !== 'CreateWebhookEndpoint') return undefined;
      attempt++;
      if (attempt === 1) return fail('The URL\'s host resolves to 10.0.0.5, a private network address; webhooks are sent to public addresses only', { code: 'BAD_USER_INPUT', field: 'url' });
      return { data: { createWebhookEndpoint: { __typename: 'NewWebhookEndpoint', secret: SECRET, endpoint: { __typename: 'WebhookEndpoint', id: 'e3', url: 'https://partner.example/hooks' } } } };
    });
    renderRoutes([{ path: '/', element: <WebhooksCard /> }], { client });
    await screen.findByText('No webhook endpoints yet');
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await screen.findByText(/Enter the https:\/\/ address/);
    fireEvent.change(screen.getByLabelText(/^Endpoint URL/), { target: { value: 'http://10.0.0.5/x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await screen.findByText(/Choose at least one event/);
    fireEvent.click(screen.getByLabelText(/A sync of an account finished/));
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await screen.findByText(/public addresses only/);
    fireEvent.change(screen.getByLabelText(/^Endpoint URL/), { target: { value: 'https://partner.example/hooks' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect(((await screen.findByLabelText('Signing secret')) as HTMLInputElement).value).toBe(SECRET);
    expect(callsOf(client, 'CreateWebhookEndpoint')[1]).toEqual({ input: { url: 'https://partner.example/hooks', events: ['SYNC_COMPLETED'], description: null } });
    fireEvent.click(screen.getByRole('button', { name: /Done/ }));
    await waitFor(() => expect(screen.queryByLabelText('Signing secret')).toBeNull());
  });

  it('sends a test event, disables, rotates (new secret shown), lists deliveries and replays one, deletes after confirmation', async () => {
    const client = mockClient((name) => {
      switch (name) {
        case 'WebhookEndpoints':
          return { data: { webhookEndpoints: [ENDPOINT] } };
        case 'WebhookDeliveries':
          return deliveries([DELIVERY]);
        case 'SendTestWebhook':
          return { data: { sendTestWebhook: { __typename: 'WebhookDelivery', id: 'd2', status: 'PENDING' } } };
        case 'UpdateWebhookEndpoint':
          return { data: { updateWebhookEndpoint: { __typename: 'WebhookEndpoint', id: 'e1', enabled: false, disabledAt: '2026-12-01T00:00:00Z', disabledReason: 'Disabled by a member', failingSince: null } } };
        case 'RotateWebhookSecret':
          return { data: { rotateWebhookSecret: { __typename: 'NewWebhookEndpoint', secret: SECRET, endpoint: { __typename: 'WebhookEndpoint', id: 'e1', url: ENDPOINT.url, secretRotatedAt: '2026-12-01T00:00:00Z' } } } };
        case 'ReplayWebhookDelivery':
          return { data: { replayWebhookDelivery: { __typename: 'WebhookDelivery', id: 'd3', status: 'PENDING' } } };
        case 'DeleteWebhookEndpoint':
          return { data: { deleteWebhookEndpoint: true } };
        default:
          return undefined;
      }
    });
    renderRoutes([{ path: '/', element: <WebhooksCard /> }], { client });
    fireEvent.click(await screen.findByRole('button', { name: `Send a test event to ${ENDPOINT.url}` }));
    await screen.findByText(/Test event queued/);
    expect(callsOf(client, 'SendTestWebhook')).toEqual([{ endpointId: 'e1' }]);

    fireEvent.click(screen.getByRole('button', { name: `Disable ${ENDPOINT.url}` }));
    await waitFor(() => expect(callsOf(client, 'UpdateWebhookEndpoint')).toEqual([{ id: 'e1', input: { enabled: false } }]));

    fireEvent.click(screen.getByRole('button', { name: `Rotate the secret of ${ENDPOINT.url}` }));
    fireEvent.click(screen.getByRole('button', { name: 'Rotate secret' }));
    expect(((await screen.findByLabelText('Signing secret')) as HTMLInputElement).value).toBe(SECRET);

    fireEvent.click(screen.getByRole('button', { name: `Deliveries of ${ENDPOINT.url}` }));
    await screen.findByText('sync.completed');
    expect(screen.getByText(/8 attempts · HTTP 500 · 42 ms/)).toBeTruthy();
    expect(screen.getByText(/Answered 500/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Replay sync.completed delivery' }));
    await waitFor(() => expect(callsOf(client, 'ReplayWebhookDelivery')).toEqual([{ id: 'd1' }]));

    fireEvent.click(screen.getByRole('button', { name: `Delete ${ENDPOINT.url}` }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete endpoint' }));
    await waitFor(() => expect(callsOf(client, 'DeleteWebhookEndpoint')).toEqual([{ id: 'e1' }]));
  });

  it('shows an empty delivery log and a failed load with a retry', async () => {
    const client = mockClient((name) => (name === 'WebhookEndpoints' ? { data: { webhookEndpoints: [ENDPOINT] } } : name === 'WebhookDeliveries' ? deliveries([]) : undefined));
    renderRoutes([{ path: '/', element: <WebhooksCard /> }], { client });
    fireEvent.click(await screen.findByRole('button', { name: `Deliveries of ${ENDPOINT.url}` }));
    await screen.findByText(/No deliveries yet/);

    const broken = mockClient(() => fail('Something broke', { code: 'INTERNAL' }));
    renderRoutes([{ path: '/', element: <WebhooksCard /> }], { client: broken });
    await screen.findByText('Webhooks could not be loaded');
  });

  it('tells editors and viewers that only owners and admins manage webhooks', async () => {
    const client = mockClient(() => fail('This needs the admin role or higher in this workspace', { code: 'FORBIDDEN' }));
    renderRoutes([{ path: '/', element: <WebhooksCard /> }], { client });
    await screen.findByText(/Only owners and admins of this workspace manage its webhooks/);
  });
});
