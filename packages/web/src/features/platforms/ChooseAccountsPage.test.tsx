import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { ChooseAccountsPage, selectionSummary } from './ChooseAccountsPage';

const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });

const choice = (id: string, over: Record<string, unknown> = {}) => ({ id, name: `Page ${id}`, username: null, avatarUrl: null, detail: 'Your Page', connected: false, available: true, ...over });
const pending = {
  id: 'pc1',
  type: 'FACEBOOK',
  expiresAt: '2030-01-01T10:30:00Z',
  remainingSlots: 1,
  choices: [choice('111'), choice('222', { detail: 'Owned by Acme', connected: true }), choice('333', { available: false }), choice('444')],
};

function page(answer: Parameters<typeof mockClient>[0]) {
  const client = mockClient(answer);
  renderRoutes(
    [
      { path: '/platforms/connect/:id', element: <ChooseAccountsPage /> },
      { path: '/platforms', element: <p>platforms page</p> },
    ],
    { client, path: '/platforms/connect/pc1' },
  );
  return client;
}

describe('ChooseAccountsPage', () => {
  it('counts new accounts against the plan (reconnecting one is free)', () => {
    expect(selectionSummary(1, 2, 1)).toEqual({ text: '2 selected · room for 1 more on your plan', over: false });
    expect(selectionSummary(2, 2, 1).over).toBe(true);
    expect(selectionSummary(5, 5, null)).toEqual({ text: '5 selected · no limit on your plan', over: false });
  });

  it('lists the accounts, disables those of another user, and connects the chosen ones', async () => {
    const client = page((name) => {
      if (name === 'PendingConnection') return { data: { pendingConnection: pending } };
      if (name === 'CompleteConnection') return { data: { completeConnection: [{ id: 'p9', type: 'FACEBOOK', displayName: 'Page 111' }] } };
      return undefined;
    });
    await screen.findByRole('heading', { name: 'Choose Facebook Pages', level: 1 });
    expect(callsOf(client, 'PendingConnection')[0]).toEqual({ id: 'pc1' });
    expect((screen.getByRole('checkbox', { name: /Page 333/ }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('Connected by another Soash user')).toBeTruthy();
    expect(screen.getByText(/Already connected/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /Page 111/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Page 222/ }));
    expect(screen.getByText(/2 selected · room for 1 more/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /Page 444/ }));
    expect(screen.getByText(/choose fewer/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /Page 444/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect 2 Pages' }));
    await screen.findByText('platforms page');
    expect(callsOf(client, 'CompleteConnection')[0]).toEqual({ input: { id: 'pc1', choices: ['111', '222'] } });
  });

  it('asks for a choice before submitting, and shows what the API refused', async () => {
    const client = page((name) => {
      if (name === 'PendingConnection') return { data: { pendingConnection: pending } };
      if (name === 'CompleteConnection') return fail('Your free plan allows 2 connected accounts; there is room for 1 more, and 2 new were chosen', { code: 'LIMIT_EXCEEDED', limit: 2 });
      return undefined;
    });
    await screen.findByRole('heading', { name: 'Choose Facebook Pages', level: 1 });
    fireEvent.click(screen.getByRole('button', { name: 'Connect Page' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose at least one Page.');
    expect(callsOf(client, 'CompleteConnection')).toHaveLength(0);
    fireEvent.click(screen.getByRole('checkbox', { name: /Page 111/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect Page' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/room for 1 more/));
  });

  it('an expired, used or unknown choice says so and leads back to Platforms', async () => {
    page((name) => (name === 'PendingConnection' ? fail('Pending connection not found', { code: 'NOT_FOUND' }) : undefined));
    expect((await screen.findByRole('alert')).textContent).toMatch(/no longer available/);
    expect(screen.getByRole('link', { name: 'Back to Platforms' }).getAttribute('href')).toBe('/platforms');
  });
});
