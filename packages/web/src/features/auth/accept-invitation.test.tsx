import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceChoice } from '../../lib/workspace';
import { callsOf, mockClient, renderRoutes, testSession } from '../../test/render';
import { AcceptInvitationPage } from './AcceptInvitationPage';

const tokens = { accessToken: 'at', accessTokenExpiresAt: '2099-01-01T00:00:00.000Z', refreshToken: 'rt' };
const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });
const routes = [
  { path: '/invitations/accept', element: <AcceptInvitationPage /> },
  { path: '/', element: <p>overview</p> },
  { path: '/login', element: <p>login page</p> },
];

function signedIn(answer: (name: string) => unknown) {
  const session = testSession();
  session.signIn(tokens);
  const choice = new WorkspaceChoice(null, null);
  const client = mockClient((name) => (name === 'AcceptInvitationMe' ? { data: { me: { id: 'u1', email: 'jane@example.com' } } } : (answer(name) as never)));
  const r = renderRoutes(routes, { client, path: '/invitations/accept?token=tok-1', viewer: null, session, choice });
  return { ...r, client, choice };
}

afterEach(() => vi.unstubAllGlobals());

describe('AcceptInvitationPage: signed in', () => {
  it('accepts with the signed-in account, then switches into the new workspace', async () => {
    const { client, choice, router } = signedIn((name) => (name === 'AcceptInvitation' ? { data: { acceptInvitation: { id: 'w7', name: 'Client Co', viewerRole: 'EDITOR' } } } : undefined));
    expect(await screen.findByText(/You are signed in as jane@example.com/)).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Accept and open the workspace' }));
    await waitFor(() => expect(choice.get()).toBe('w7'));
    expect(router.state.location.pathname).toBe('/');
    expect(callsOf(client, 'AcceptInvitation')).toEqual([{ token: 'tok-1' }]);
  });

  it.each([
    ['expired', 'This invitation has expired', /work for 7 days/],
    ['used', 'This invitation has already been used', /Each link works once/],
    ['revoked', 'This invitation was withdrawn', /took the invitation back/],
    ['invalid', 'This invitation link is not valid', /newest invitation email/],
  ])('explains a %s invitation', async (reason, title, text) => {
    const { choice } = signedIn((name) => (name === 'AcceptInvitation' ? fail('refused', { code: 'BAD_USER_INPUT', field: 'token', reason }) : undefined));
    fireEvent.click(screen.getByRole('button', { name: 'Accept and open the workspace' }));
    expect(await screen.findByRole('heading', { name: title })).toBeDefined();
    expect(screen.getByRole('alert').textContent).toMatch(text);
    expect(choice.get()).toBeNull();
  });

  it('another account: says which one is signed in and offers to sign out', async () => {
    // Signing out ends the server session (DELETE /auth/refresh).
    const fetchFn = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchFn);
    const { session } = signedIn((name) =>
      name === 'AcceptInvitation' ? fail('This invitation was sent to another email address; sign in with that address to accept it', { code: 'FORBIDDEN', reason: 'wrong_email' }) : undefined,
    );
    await screen.findByText(/You are signed in as jane@example.com/);
    fireEvent.click(screen.getByRole('button', { name: 'Accept and open the workspace' }));
    expect(await screen.findByRole('heading', { name: 'This invitation is for another address' })).toBeDefined();
    expect(screen.getByRole('alert').textContent).toMatch(/signed in as jane@example.com, but the invitation was sent to another email address/);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(session.getState().status).toBe('signed-out'));
    expect(fetchFn).toHaveBeenCalled();
    // Signed out, the same page offers both ways in.
    expect(await screen.findByRole('link', { name: 'Create an account' })).toBeDefined();
  });
});

describe('AcceptInvitationPage: signed out', () => {
  it('offers signing in with an existing account and coming back to the link', () => {
    renderRoutes(routes, { client: mockClient(() => undefined), path: '/invitations/accept?token=tok-1', viewer: null });
    const link = screen.getByRole('link', { name: 'I already have an account: sign in' });
    expect(link.getAttribute('href')).toBe(`/login?next=${encodeURIComponent('/invitations/accept?token=tok-1')}`);
  });
});
