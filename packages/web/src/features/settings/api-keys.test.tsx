import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { ApiKeysCard } from './ApiKeysCard';

const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });

const KEY = {
  __typename: 'ApiKey',
  id: 'k1',
  name: 'Reporting app',
  prefix: 'soash_AbCdEfGhIj_',
  scopes: ['ANALYTICS_READ', 'POSTS_READ'],
  status: 'ACTIVE',
  expiresAt: null,
  createdAt: '2026-11-01T10:00:00Z',
  createdByName: 'Jane Baker',
  lastUsedAt: '2026-11-30T09:00:00Z',
  lastUsedIp: '203.0.113.7',
  previousSecretExpiresAt: null,
};
const SECRET = `soash_AbCdEfGhIj_${'x'.repeat(38)}`;

describe('ApiKeysCard', () => {
  it('lists keys with their scopes in plain words and last use, never a secret', async () => {
    const client = mockClient((name) => (name === 'ApiKeys' ? { data: { apiKeys: [KEY] } } : undefined));
    renderRoutes([{ path: '/', element: <ApiKeysCard /> }], { client });
    await screen.findByText('Reporting app');
    expect(screen.getByText('soash_AbCdEfGhIj_…')).toBeTruthy();
    expect(screen.getByText('analytics:read, posts:read')).toBeTruthy();
    expect(screen.getByText(/from 203\.0\.113\.7/)).toBeTruthy();
    expect(screen.queryByLabelText('API key')).toBeNull();
  });

  it('creates a key with the chosen scopes and expiry, and shows the secret once with a copy button', async () => {
    const client = mockClient((name) =>
      name === 'ApiKeys' ? { data: { apiKeys: [] } } : name === 'CreateApiKey' ? { data: { createApiKey: { __typename: 'NewApiKey', secret: SECRET, apiKey: { __typename: 'ApiKey', id: 'k2', name: 'Exports' } } } } : undefined,
    );
    renderRoutes([{ path: '/', element: <ApiKeysCard /> }], { client });
    await screen.findByText('No API keys yet');
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    await screen.findByText(/Enter a name/);
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Exports' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    await screen.findByText(/Choose at least one/);
    fireEvent.click(screen.getByLabelText(/Read posts and content categories/));
    fireEvent.change(screen.getByLabelText('Expires'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    const field = (await screen.findByLabelText('API key')) as HTMLInputElement;
    expect(field.value).toBe(SECRET);
    expect(screen.getByText(/shown only this once/)).toBeTruthy();
    const input = callsOf(client, 'CreateApiKey')[0]!.input as { name: string; scopes: string[]; expiresAt: string };
    expect(input.name).toBe('Exports');
    expect(input.scopes).toEqual(['POSTS_READ']);
    const days = (new Date(input.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    fireEvent.click(screen.getByRole('button', { name: /Done/ }));
    await waitFor(() => expect(screen.queryByLabelText('API key')).toBeNull());
  });

  it('revokes after confirmation and rotates with the chosen overlap, showing the new secret', async () => {
    const client = mockClient((name) =>
      name === 'ApiKeys'
        ? { data: { apiKeys: [KEY] } }
        : name === 'RotateApiKey'
          ? { data: { rotateApiKey: { __typename: 'NewApiKey', secret: SECRET, apiKey: { __typename: 'ApiKey', id: 'k1', name: 'Reporting app', previousSecretExpiresAt: '2026-12-02T00:00:00Z' } } } }
          : name === 'RevokeApiKey'
            ? { data: { revokeApiKey: { __typename: 'ApiKey', id: 'k1', status: 'REVOKED', revokedAt: '2026-12-01T00:00:00Z' } } }
            : undefined,
    );
    renderRoutes([{ path: '/', element: <ApiKeysCard /> }], { client });
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate Reporting app' }));
    fireEvent.change(screen.getByLabelText('Old secret keeps working'), { target: { value: '168' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rotate key' }));
    expect(((await screen.findByLabelText('API key')) as HTMLInputElement).value).toBe(SECRET);
    expect(callsOf(client, 'RotateApiKey')[0]).toEqual({ id: 'k1', overlapHours: 168 });
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Reporting app' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(callsOf(client, 'RevokeApiKey')).toEqual([{ id: 'k1' }]));
  });

  it('tells editors and viewers that only owners and admins manage keys', async () => {
    const client = mockClient(() => fail('This needs the admin role or higher in this workspace', { code: 'FORBIDDEN' }));
    renderRoutes([{ path: '/', element: <ApiKeysCard /> }], { client });
    await screen.findByText(/Only owners and admins/);
  });
});
