import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callsOf, mockClient, renderRoutes, testSession, testWorkspaces } from '../../test/render';
import { ConnectedAppsCard } from '../settings/ConnectedAppsCard';
import { ConsentPage, navigation } from './ConsentPage';

const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });

const REQUEST = { __typename: 'OAuthConsentRequest', appName: 'Acme Reports', clientId: 'soashapp_abc', redirectUri: 'https://reports.acme.example/cb', scopes: ['ANALYTICS_READ', 'POSTS_READ'] };
const QUERY = '?response_type=code&client_id=soashapp_abc&redirect_uri=https%3A%2F%2Freports.acme.example%2Fcb&scope=analytics%3Aread%20posts%3Aread&state=st4te&code_challenge=ch&code_challenge_method=S256';

function twoWorkspaces() {
  const w = testWorkspaces('EDITOR');
  return { ...w, workspaces: [...w.workspaces, { id: 'w2', name: 'Café', viewerRole: 'VIEWER' }] } as typeof w;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ConsentPage', () => {
  it('shows the app, the scopes in plain words and the workspace picker; Approve posts the request with the session and follows the answer', async () => {
    const client = mockClient((name) => (name === 'OAuthConsent' ? { data: { oauthConsentRequest: REQUEST } } : undefined));
    const session = testSession();
    session.signIn({ accessToken: 'session-token', accessTokenExpiresAt: new Date(Date.now() + 600_000).toISOString() } as never);
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ redirectTo: 'https://reports.acme.example/cb?code=c0de&state=st4te' }), { status: 200 }));
    const go = vi.spyOn(navigation, 'go').mockImplementation(() => undefined);
    renderRoutes([{ path: '/consent', element: <ConsentPage /> }], { client, session, path: `/consent${QUERY}`, workspaces: twoWorkspaces() });
    await screen.findByText('Allow Acme Reports to access Soash?');
    expect(screen.getByText(/Read analytics: overview/)).toBeTruthy();
    expect(screen.getByText('Read posts and content categories')).toBeTruthy();
    expect(callsOf(client, 'OAuthConsent')[0]).toEqual({ clientId: 'soashapp_abc', redirectUri: 'https://reports.acme.example/cb', scope: 'analytics:read posts:read' });
    fireEvent.change(screen.getByLabelText(/^Workspace/), { target: { value: 'w2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(go).toHaveBeenCalledWith('https://reports.acme.example/cb?code=c0de&state=st4te'));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/oauth/authorize');
    expect((init!.headers as Record<string, string>).authorization).toBe('Bearer session-token');
    const sent = Object.fromEntries(new URLSearchParams(String(init!.body)));
    expect(sent).toEqual({
      response_type: 'code',
      client_id: 'soashapp_abc',
      redirect_uri: 'https://reports.acme.example/cb',
      scope: 'analytics:read posts:read',
      state: 'st4te',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      allowed: 'true',
      workspace_id: 'w2',
    });
  });

  it('Deny sends allowed=false and follows the answer back to the app', async () => {
    const client = mockClient((name) => (name === 'OAuthConsent' ? { data: { oauthConsentRequest: REQUEST } } : undefined));
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ redirectTo: 'https://reports.acme.example/cb?error=access_denied&state=st4te' }), { status: 200 }));
    const go = vi.spyOn(navigation, 'go').mockImplementation(() => undefined);
    renderRoutes([{ path: '/consent', element: <ConsentPage /> }], { client, path: `/consent${QUERY}` });
    fireEvent.click(await screen.findByRole('button', { name: 'Deny' }));
    await waitFor(() => expect(go).toHaveBeenCalledWith('https://reports.acme.example/cb?error=access_denied&state=st4te'));
    const sent = new URLSearchParams(String(fetchMock.mock.calls[0]![1]!.body));
    expect(sent.get('allowed')).toBe('false');
    expect(sent.get('workspace_id')).toBeNull();
  });

  it('an invalid request (unknown app, foreign redirect URI) is shown here and never redirected to', async () => {
    const client = mockClient((name) => (name === 'OAuthConsent' ? fail("redirect_uri: not one of the app's registered redirect URIs", { code: 'BAD_USER_INPUT', field: 'redirectUri' }) : undefined));
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    renderRoutes([{ path: '/consent', element: <ConsentPage /> }], { client, path: `/consent${QUERY}` });
    await screen.findByText(/This request cannot be approved/);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('an error answer without a redirect is shown, and the buttons work again', async () => {
    const client = mockClient((name) => (name === 'OAuthConsent' ? { data: { oauthConsentRequest: REQUEST } } : undefined));
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ error: 'invalid_request', error_description: 'Invalid parameter: `workspace_id` is not a workspace you are a member of' }), { status: 400 }));
    const go = vi.spyOn(navigation, 'go').mockImplementation(() => undefined);
    renderRoutes([{ path: '/consent', element: <ConsentPage /> }], { client, path: `/consent${QUERY}` });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await screen.findByText(/not a workspace you are a member of/);
    expect(go).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('ConnectedAppsCard', () => {
  const GRANT = { __typename: 'OAuthGrant', id: 'g1', appName: 'Acme Reports', workspaceId: 'w1', workspaceName: 'Bakery', scopes: ['PLATFORMS_READ'], createdAt: '2026-11-01T10:00:00Z', lastUsedAt: null };

  it('lists the apps with workspace, scopes in plain words and last use, and revokes one after confirming', async () => {
    const client = mockClient((name) =>
      name === 'ConnectedApps' ? { data: { connectedApps: [GRANT] } } : name === 'RevokeConnectedApp' ? { data: { revokeConnectedApp: { __typename: 'OAuthGrant', id: 'g1', revokedAt: '2026-12-01T10:00:00Z' } } } : undefined,
    );
    renderRoutes([{ path: '/', element: <ConnectedAppsCard /> }], { client });
    await screen.findByText('Acme Reports');
    expect(screen.getByText('In Bakery')).toBeTruthy();
    expect(screen.getByText('Read connected accounts, their health and sync runs')).toBeTruthy();
    expect(screen.getByText(/Last used never/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Acme Reports' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke access' }));
    await waitFor(() => expect(callsOf(client, 'RevokeConnectedApp')).toEqual([{ id: 'g1' }]));
  });

  it('says when there are none', async () => {
    const client = mockClient((name) => (name === 'ConnectedApps' ? { data: { connectedApps: [] } } : undefined));
    renderRoutes([{ path: '/', element: <ConnectedAppsCard /> }], { client });
    await screen.findByText('No connected apps');
  });
});
