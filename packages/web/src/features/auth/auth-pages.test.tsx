import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { callsOf, mockClient, renderRoutes, testSession } from '../../test/render';
import { AcceptInvitationPage } from './AcceptInvitationPage';
import { PublicOnly, RequireAuth, safeNext } from './guards';
import { LoginPage } from './LoginPage';
import { RegisterPage } from './RegisterPage';
import { ResetPasswordPage } from './ResetPasswordPage';
import { VerifyEmailNotice } from './VerifyEmailNotice';

const tokens = { accessToken: 'at', accessTokenExpiresAt: '2099-01-01T00:00:00.000Z', refreshToken: 'rt' };
const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });

const publicRoutes = [
  {
    element: <PublicOnly />,
    children: [
      { path: '/register', element: <RegisterPage /> },
      { path: '/login', element: <LoginPage /> },
    ],
  },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/', element: <p>dashboard</p> },
  { path: '/posts', element: <p>posts page</p> },
];

function fillRegister() {
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Jane' } });
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'jane@example.com' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
}

describe('RegisterPage', () => {
  it('fills the referral code from ?ref= and sends it; no session starts, the page leads to sign-in with the address filled in', async () => {
    const client = mockClient(() => ({ data: { register: { email: 'jane@example.com', nextStep: 'SIGN_IN' } } }));
    const { session, router } = renderRoutes(publicRoutes, { client, path: '/register?ref=JANE123-REF&next=%2Fposts', viewer: null });
    expect((screen.getByLabelText('Referral code (optional)') as HTMLInputElement).value).toBe('JANE123-REF');
    fillRegister();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { name: 'Now sign in' });
    expect(callsOf(client, 'Register')[0]).toEqual({
      input: { name: 'Jane', email: 'jane@example.com', password: 'correct horse battery', company: null, referralCode: 'JANE123-REF' },
    });
    expect(session.getState().status).toBe('signed-out');
    expect(screen.getByRole('status').textContent).toMatch(/with the password you just chose.*If the address already had an account, nothing about it changed/);
    fireEvent.click(screen.getByRole('link', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(router.state.location.search).toBe('?next=%2Fposts');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('jane@example.com');
  });

  it('on a server that delivers mail, says to open the link first, in words true for a new and a taken address', async () => {
    const client = mockClient(() => ({ data: { register: { email: 'jane@example.com', nextStep: 'CHECK_INBOX' } } }));
    const { session } = renderRoutes(publicRoutes, { client, path: '/register', viewer: null });
    fillRegister();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { name: 'Check your inbox' });
    expect(screen.getByRole('status').textContent).toMatch(/If the address is new to Soash, it holds a link that confirms it.*If the address already has an account, the message tells you how to get in/);
    expect(session.getState().status).toBe('signed-out');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
  });

  it('joins the invited workspace: a link from an invitation sends its token with the new account', async () => {
    const client = mockClient(() => ({ data: { register: { email: 'jane@example.com', nextStep: 'SIGN_IN' } } }));
    renderRoutes(publicRoutes, { client, path: '/register?invitation=tok-123', viewer: null });
    expect(screen.getByText(/You were invited to a workspace on Soash/)).toBeDefined();
    fillRegister();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    // register starts no session (the answer is the same for a taken address): the next step is signing in.
    await screen.findByRole('heading', { name: 'Now sign in' });
    expect(callsOf(client, 'Register')[0]).toMatchObject({ input: { email: 'jane@example.com', invitationToken: 'tok-123' } });
  });

  it('shows why an invitation cannot be used (expired, used, another address)', async () => {
    const client = mockClient(() => fail('This invitation has expired. Ask for a new one.', { code: 'BAD_USER_INPUT', field: 'invitationToken' }));
    renderRoutes(publicRoutes, { client, path: '/register?invitation=old', viewer: null });
    fillRegister();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This invitation has expired.');
  });

  it('checks the form before sending', () => {
    const client = mockClient(() => undefined);
    renderRoutes(publicRoutes, { client, path: '/register', viewer: null });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Use at least 8 characters.')).toBeDefined();
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    expect(callsOf(client, 'Register')).toHaveLength(0);
  });

  it('shows the API’s field errors next to the fields', async () => {
    const client = mockClient(() => fail('This referral code is not valid', { code: 'BAD_USER_INPUT', field: 'referralCode' }));
    renderRoutes(publicRoutes, { client, path: '/register?ref=NOPE', viewer: null });
    fillRegister();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const input = screen.getByLabelText('Referral code (optional)');
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(input.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent).toBe('This referral code is not valid.');
  });

});

describe('LoginPage', () => {
  it('shows wrong credentials as a form message and stays signed out', async () => {
    const client = mockClient(() => fail('Email or password is incorrect', { code: 'UNAUTHENTICATED' }));
    const { session } = renderRoutes(publicRoutes, { client, path: '/login', viewer: null });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'jane@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope nope nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Email or password is incorrect.');
    expect(session.getState().status).toBe('signed-out');
  });

  it('goes on to ?next= after signing in, but never off-site', async () => {
    const client = mockClient(() => ({ data: { login: tokens } }));
    const { router } = renderRoutes(publicRoutes, { client, path: '/login?next=%2Fposts', viewer: null });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'jane@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/posts'));
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/settings?x=1')).toBe('/settings?x=1');
  });

  it('explains that an ended session needs a new sign-in', () => {
    const session = testSession();
    session.signIn(tokens);
    session.signOut('session-ended');
    renderRoutes(publicRoutes, { client: mockClient(() => undefined), path: '/login', viewer: null, session });
    expect(screen.getByRole('status').textContent).toMatch(/session has ended/);
  });
});

describe('ResetPasswordPage', () => {
  it('shows an expired link with a way to get a new one', async () => {
    const client = mockClient(() => fail('This password reset link is invalid or has expired; ask for a new one', { code: 'BAD_USER_INPUT', field: 'token' }));
    renderRoutes(publicRoutes, { client, path: '/reset-password?token=abc', viewer: null });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'another long password' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'another long password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/invalid or has expired/);
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeDefined();
    expect(callsOf(client, 'ResetPassword')[0]).toEqual({ token: 'abc', newPassword: 'another long password' });
  });
});

describe('RequireAuth', () => {
  it('sends a signed-out visitor to sign in, remembering where they were going', async () => {
    const client = mockClient(() => undefined);
    const { router } = renderRoutes(
      [
        { element: <RequireAuth />, children: [{ path: '/posts', element: <p>posts</p> }] },
        { path: '/login', element: <p>login page</p> },
      ],
      { client, path: '/posts?type=REEL', viewer: null },
    );
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/posts?type=REEL')}`);
  });

  it('signs out when the API no longer accepts the session', async () => {
    const session = testSession();
    session.signIn(tokens);
    const client = mockClient(() => fail('Account no longer exists', { code: 'UNAUTHENTICATED' }));
    renderRoutes(
      [
        { element: <RequireAuth />, children: [{ path: '/posts', element: <p>posts</p> }] },
        { path: '/login', element: <p>login page</p> },
      ],
      { client, path: '/posts', viewer: null, session },
    );
    await screen.findByText('login page');
    expect(session.getState()).toMatchObject({ status: 'signed-out', reason: 'session-ended' });
  });
});

describe('VerifyEmailNotice (check your inbox)', () => {
  const link = 'http://localhost:4000/verify-email?token=abc';

  it('on a development server without mail, shows the viewer their own link', async () => {
    const client = mockClient((name) =>
      name === 'MailSetup'
        ? { data: { serverSetup: { __typename: 'ServerSetup', mailDelivery: false } } }
        : name === 'DevOutbox'
          ? { data: { myDevOutbox: [{ __typename: 'MailMessage', id: 'm1', kind: 'verify_email', link }] } }
          : undefined,
    );
    renderRoutes([{ path: '/', element: <VerifyEmailNotice email="jane@example.com" /> }], { client });
    expect((await screen.findByRole('link', { name: 'Confirm my address' })).getAttribute('href')).toBe(link);
    expect(screen.getByText(/does not send mail/)).toBeTruthy();
  });

  it('when mail is really sent, only says to check the inbox and never asks for the outbox', async () => {
    const client = mockClient((name) =>
      name === 'MailSetup' ? { data: { serverSetup: { __typename: 'ServerSetup', mailDelivery: true } } } : name === 'DevOutbox' ? { data: { myDevOutbox: null } } : undefined,
    );
    renderRoutes([{ path: '/', element: <VerifyEmailNotice email="jane@example.com" /> }], { client });
    expect(await screen.findByText(/Check your inbox/)).toBeTruthy();
    expect(callsOf(client, 'DevOutbox')).toHaveLength(0);
    expect(screen.queryByRole('link', { name: 'Confirm my address' })).toBeNull();
  });

  it('without mail and outside development (no outbox), shows no link', async () => {
    const client = mockClient((name) =>
      name === 'MailSetup' ? { data: { serverSetup: { __typename: 'ServerSetup', mailDelivery: false } } } : name === 'DevOutbox' ? { data: { myDevOutbox: null } } : undefined,
    );
    renderRoutes([{ path: '/', element: <VerifyEmailNotice email="jane@example.com" /> }], { client });
    expect(await screen.findByText(/does not send mail/)).toBeTruthy();
    await waitFor(() => expect(callsOf(client, 'DevOutbox')).toHaveLength(1));
    expect(screen.queryByRole('link', { name: 'Confirm my address' })).toBeNull();
  });
});

describe('AcceptInvitationPage', () => {
  const routes = [{ path: '/invitations/accept', element: <AcceptInvitationPage /> }, { path: '/register', element: <RegisterPage /> }];

  it('signed out: creates an account that joins with the invitation', async () => {
    const { router } = renderRoutes(routes, { client: mockClient(() => undefined), path: '/invitations/accept?token=tok%2B1', viewer: null });
    expect(screen.getByRole('heading', { name: 'Join a workspace' })).toBeDefined();
    fireEvent.click(screen.getByRole('link', { name: 'Create an account' }));
    await waitFor(() => expect(router.state.location.search).toBe('?invitation=tok%2B1'));
    expect(screen.getByText(/You were invited to a workspace/)).toBeDefined();
  });

  it('says when the link lost its token, and offers to accept signed in', () => {
    const first = renderRoutes(routes, { client: mockClient(() => undefined), path: '/invitations/accept', viewer: null });
    expect(screen.getByRole('heading', { name: 'This invitation link is incomplete' })).toBeDefined();
    first.unmount();
    const session = testSession();
    session.signIn(tokens);
    renderRoutes(routes, { client: mockClient(() => undefined), path: '/invitations/accept?token=t', viewer: null, session });
    expect(screen.getByRole('button', { name: 'Accept and open the workspace' })).toBeDefined();
  });
});
