import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { WorkspaceChoice } from '../../lib/workspace';
import { callsOf, mockClient, renderRoutes, testSession, testViewer } from '../../test/render';
import { RequireAuth } from '../auth/guards';
import { ACTIONS, permission, roleFromApi } from './permissions';

const tokens = { accessToken: 'at', accessTokenExpiresAt: '2099-01-01T00:00:00.000Z', refreshToken: 'rt' };
const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });

const BAKERY = { __typename: 'Workspace', id: 'w1', name: 'Crumb Bakery', viewerRole: 'OWNER', ownerId: 'u1', memberCount: 3 };
const CLIENT = { __typename: 'Workspace', id: 'w2', name: 'Client Co', viewerRole: 'VIEWER' };

function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) } as unknown as Storage;
}

function shell(answers: { active?: unknown; workspaces?: unknown[]; onboarded?: boolean; other?: (name: string, v: Record<string, unknown>) => unknown } = {}) {
  const { active = BAKERY, workspaces = [BAKERY, CLIENT], onboarded = true, other } = answers;
  return mockClient((name, v) => {
    if (name === 'Viewer') return { data: { me: { ...testViewer, profile: { ...testViewer.profile, onboardingCompleted: onboarded } } } };
    if (name === 'ShellWorkspaces') return { data: { activeWorkspace: active, workspaces } };
    return other?.(name, v) as never;
  });
}

function renderShell(client: ReturnType<typeof mockClient>, { path = '/posts', choice = new WorkspaceChoice(null, null) } = {}) {
  const session = testSession();
  session.signIn(tokens);
  return renderRoutes(
    [
      {
        element: <RequireAuth />,
        children: [
          { path: '/', element: <p>overview page</p> },
          { path: '/posts', element: <p>posts page</p> },
          { path: '/onboarding', element: <p>onboarding page</p> },
          { path: '/consent', element: <p>consent page</p> },
        ],
      },
    ],
    { client, path, viewer: null, session, choice },
  );
}

describe('permissions: one table over roleAtLeast', () => {
  it('viewers may do nothing that changes data, and are told why', () => {
    for (const action of Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]) {
      expect(permission('viewer', action).allowed).toBe(false);
    }
    expect(permission('viewer', 'tagPosts')).toEqual({ allowed: false, reason: 'Only editors and above can tag posts.' });
  });

  it('editors tag, sync, export and act on insights, but neither connect accounts nor manage members', () => {
    for (const a of ['manageCategories', 'tagPosts', 'syncNow', 'actOnInsights', 'exportData'] as const) expect(permission('editor', a).allowed).toBe(true);
    expect(permission('editor', 'connectAccounts')).toEqual({ allowed: false, reason: 'Only admins and the owner can connect or disconnect accounts.' });
    expect(permission('editor', 'manageMembers').allowed).toBe(false);
    expect(permission('editor', 'editSettings').allowed).toBe(false);
  });

  it('admins manage members, accounts and settings; only the owner the plan, deletion and transfer', () => {
    for (const a of ['connectAccounts', 'editSettings', 'manageMembers', 'readAuditLog', 'tagPosts'] as const) expect(permission('admin', a).allowed).toBe(true);
    for (const a of ['managePlan', 'deleteWorkspace', 'transferOwnership'] as const) {
      expect(permission('admin', a).allowed).toBe(false);
      expect(permission('owner', a)).toEqual({ allowed: true, reason: null });
    }
  });

  it('no role (or an unknown one from the API) allows nothing', () => {
    expect(roleFromApi('EDITOR')).toBe('editor');
    expect(roleFromApi('SUPERUSER')).toBeNull();
    expect(permission(null, 'tagPosts').allowed).toBe(false);
  });
});

describe('workspace switcher', () => {
  it('shows the current workspace and role, lists the others, and switching stores the choice and lands on the overview', async () => {
    const choice = new WorkspaceChoice(memoryStorage(), null);
    const { router } = renderShell(shell(), { choice });
    const toggle = await screen.findByRole('button', { name: /Crumb Bakery.*switch workspace/ });
    expect(toggle.textContent).toMatch(/You are owner/);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const panel = screen.getByRole('group', { name: 'Your workspaces' });
    const current = within(panel).getByRole('button', { name: /Crumb Bakery/ });
    expect(current.getAttribute('aria-current')).toBe('true');
    fireEvent.click(within(panel).getByRole('button', { name: /Client Co.*Viewer/ }));
    expect(choice.get()).toBe('w2');
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('Escape closes the panel and gives focus back to the switcher', async () => {
    renderShell(shell());
    const toggle = await screen.findByRole('button', { name: /switch workspace/ });
    fireEvent.click(toggle);
    fireEvent.keyDown(within(screen.getByRole('group', { name: 'Your workspaces' })).getByRole('button', { name: /Client Co/ }), { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Your workspaces' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('"New workspace" creates one and switches into it; a limit is explained with a way to the plans', async () => {
    let refuse = true;
    const client = shell({
      other: (name) =>
        name === 'CreateWorkspace'
          ? refuse
            ? fail('You can own at most 50 workspaces', { code: 'LIMIT_EXCEEDED', limit: 'workspaces', max: 50 })
            : { data: { createWorkspace: { __typename: 'Workspace', id: 'w3', name: 'Third', viewerRole: 'OWNER' } } }
          : undefined,
    });
    const choice = new WorkspaceChoice(memoryStorage(), null);
    renderShell(client, { choice });
    fireEvent.click(await screen.findByRole('button', { name: /switch workspace/ }));
    fireEvent.click(screen.getByRole('button', { name: '+ New workspace' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect((await screen.findByText('Give the workspace a name.')).getAttribute('role')).toBe('alert');
    expect(callsOf(client, 'CreateWorkspace')).toEqual([]);
    fireEvent.change(screen.getByLabelText('Workspace name'), { target: { value: '  Third ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect((await screen.findByText(/at most 50 workspaces/)).getAttribute('role')).toBe('alert');
    expect(screen.queryByText('Give the workspace a name.')).toBeNull();
    expect(screen.getByRole('link', { name: 'See the plans' }).getAttribute('href')).toBe('/settings#plan');
    expect(choice.get()).toBeNull();
    refuse = false;
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    await waitFor(() => expect(choice.get()).toBe('w3'));
    expect(callsOf(client, 'CreateWorkspace')).toEqual([{ name: 'Third' }, { name: 'Third' }]);
  });

  it('a remembered workspace the viewer may no longer use is dropped, so the API picks one of theirs', async () => {
    const choice = new WorkspaceChoice(memoryStorage({ 'soash.workspaceId': 'gone' }), null);
    renderShell(shell({ active: null }), { choice });
    await waitFor(() => expect(choice.get()).toBeNull());
  });

  it('without any workspace the shell says so and offers to create one', async () => {
    renderShell(shell({ active: null, workspaces: [] }));
    expect(await screen.findByRole('heading', { name: 'You are not in a workspace' })).toBeTruthy();
    expect(screen.getByLabelText('Workspace name')).toBeTruthy();
    expect(screen.queryByText('posts page')).toBeNull();
  });

  it('loading and error states: a skeleton first, then an error with "Try again"', async () => {
    const client = mockClient((name) => (name === 'Viewer' ? { data: { me: testViewer } } : name === 'ShellWorkspaces' ? fail('Boom', { code: 'INTERNAL' }) : undefined));
    renderShell(client);
    expect(await screen.findByText('Soash could not load your account')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Try again/ })).toBeTruthy();
  });

  it('sends an owner of a workspace not set up yet to onboarding, but not a viewer of it', async () => {
    const first = renderShell(shell({ onboarded: false }));
    await waitFor(() => expect(first.router.state.location.pathname).toBe('/onboarding'));
    first.unmount();
    const second = renderShell(shell({ onboarded: false, active: { ...BAKERY, viewerRole: 'VIEWER' } }));
    expect(await screen.findByText('posts page')).toBeTruthy();
    expect(second.router.state.location.pathname).toBe('/posts');
  });

  it('answers a third-party app\'s consent request before onboarding (the app is waiting)', async () => {
    const view = renderShell(shell({ onboarded: false }), { path: '/consent?client_id=soashapp_x' });
    expect(await screen.findByText('consent page')).toBeTruthy();
    expect(view.router.state.location.pathname).toBe('/consent');
  });
});
