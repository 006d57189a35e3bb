import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { makeSubject } from 'wonka';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeFragmentData } from '../../gql';
import { callsOf, mockClient, renderRoutes, testWorkspaces } from '../../test/render';
import { ConnectPanel, navigation } from './ConnectPanel';
import { countdown, reauthState } from './health';
import { PlatformCard, PlatformCardFragment, waitText } from './PlatformCard';
import { planUsage, PlatformsPage } from './PlatformsPage';

const NOW = new Date('2026-03-01T12:00:00Z');
const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });
afterEach(() => vi.restoreAllMocks());

const health = { healthy: true, canRefresh: true, status: 'ACTIVE', sandbox: false, tokenExpiresAt: null, refreshTokenExpiresAt: null, needsReauthBy: null };

describe('connector health', () => {
  it('counts down in two units at most', () => {
    expect(countdown('2026-03-04T16:30:00Z', NOW)).toBe('3 days 4 hours');
    expect(countdown('2026-03-01T17:12:00Z', NOW)).toBe('5 hours 12 minutes');
    expect(countdown('2026-03-01T12:08:30Z', NOW)).toBe('8 minutes');
    expect(countdown('2026-03-01T11:00:00Z', NOW)).toBe('now');
  });

  it('asks to reconnect a week ahead, at once when access ended, and never for sandboxes', () => {
    expect(reauthState({ ...health, needsReauthBy: '2026-03-20T00:00:00Z' }, NOW)).toEqual({ kind: 'none' });
    expect(reauthState({ ...health, needsReauthBy: '2026-03-05T00:00:00Z' }, NOW)).toEqual({ kind: 'soon', by: '2026-03-05T00:00:00Z' });
    expect(reauthState({ ...health, canRefresh: false, tokenExpiresAt: '2026-03-02T00:00:00Z' }, NOW)).toEqual({ kind: 'soon', by: '2026-03-02T00:00:00Z' });
    expect(reauthState({ ...health, status: 'NEEDS_REAUTH' }, NOW).kind).toBe('now');
    expect(reauthState({ ...health, canRefresh: false, tokenExpiresAt: '2026-02-28T00:00:00Z' }, NOW).kind).toBe('now');
    expect(reauthState({ ...health, sandbox: true, status: 'NEEDS_REAUTH' }, NOW)).toEqual({ kind: 'none' });
  });

  it('shows how much of the plan is used', () => {
    expect(planUsage(2, 'FREE', 2)).toEqual({ text: '2 of 2 accounts on the Free plan', full: true });
    expect(planUsage(3, 'ENTERPRISE', null)).toEqual({ text: '3 connected · unlimited on the Enterprise plan', full: false });
  });
});

function card({ health: healthOver, ...over }: Partial<Record<string, unknown>> = {}) {
  return makeFragmentData(
    {
      id: 'p1',
      type: 'LINKEDIN',
      username: 'bakery',
      displayName: 'Jane’s Bakery',
      followerCount: 1234,
      status: 'ACTIVE',
      sandbox: false,
      lastSyncedAt: '2026-03-01T10:00:00Z',
      health: { ...health, canRefresh: false, lastError: null, lastErrorAt: null, warnings: [], rateLimit: null, ...(healthOver as object) },
      ...over,
    } as never,
    PlatformCardFragment,
  );
}

describe('PlatformCard', () => {
  it('prompts to reconnect before access ends, and starts the platform sign-in', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString();
    const assign = vi.spyOn(navigation, 'assign').mockImplementation(() => undefined);
    const client = mockClient((name) => {
      if (name === 'ConnectPlatform') return { data: { connectPlatform: { authorizeUrl: 'https://www.linkedin.com/oauth/v2/authorization?x=1', platform: null } } };
      if (name === 'PlatformSyncProgress') return { data: { syncProgress: { platformId: 'p1', phase: 'idle', done: 0, total: null, activeJobs: 0, finished: true, status: null, message: null, errorMessage: null } } };
      return undefined;
    });
    renderRoutes([{ path: '/', element: <PlatformCard platform={card({ health: { needsReauthBy: soon } })} onChanged={() => undefined} timeZone="UTC" /> }], { client });
    expect(screen.getByRole('alert').textContent).toMatch(/Reconnect this account within 3 days/);
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://www.linkedin.com/oauth/v2/authorization?x=1'));
    expect(callsOf(client, 'ConnectPlatform')[0]).toEqual({ input: { type: 'LINKEDIN', sandbox: false } });
  });

  it('shows live sync progress from the subscription', () => {
    const client = mockClient((name) =>
      name === 'PlatformSyncProgress'
        ? { data: { syncProgress: { platformId: 'p1', phase: 'posts', done: 30, total: 120, activeJobs: 2, finished: false, status: 'RUNNING', message: null, errorMessage: null } } }
        : undefined,
    );
    renderRoutes([{ path: '/', element: <PlatformCard platform={card()} onChanged={() => undefined} timeZone="UTC" /> }], { client });
    expect(screen.getByRole('status').textContent).toMatch(/Reading posts.*30 of 120/);
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(25);
    expect(callsOf({ ...client, executeQuery: client.executeSubscription } as never, 'PlatformSyncProgress')[0]).toEqual({ platformId: 'p1' });
  });

  it('syncs now, says when it may sync again, and disconnects after confirmation', async () => {
    const onChanged = vi.fn();
    const client = mockClient((name) => {
      if (name === 'SyncPlatform') return fail('You can sync this account again in 4 minutes', { code: 'RATE_LIMITED', retryAfterSeconds: 240 });
      if (name === 'DisconnectPlatform') return { data: { disconnectPlatform: true } };
      return 'pending';
    });
    renderRoutes([{ path: '/', element: <PlatformCard platform={card()} onChanged={onChanged} timeZone="UTC" /> }], { client });
    fireEvent.click(screen.getByRole('button', { name: 'Sync Jane’s Bakery now' }));
    // A refused "Sync now" counts down from the API's answer instead of failing again.
    expect((await screen.findByRole('timer')).textContent).toMatch(/^Possible again in [34]:\d\d$/);
    expect((screen.getByRole('button', { name: 'Sync Jane’s Bakery now' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect Jane’s Bakery' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(callsOf(client, 'DisconnectPlatform')[0]).toEqual({ id: 'p1' });
  });
});

describe('ConnectPanel', () => {
  it('connects a sandbox at once, and explains a platform that is not set up', async () => {
    const onSandbox = vi.fn();
    const client = mockClient((name, v) =>
      name === 'ConnectSetup'
        ? 'pending'
        : (v.input as { sandbox: boolean }).sandbox
        ? { data: { connectPlatform: { authorizeUrl: null, platform: { id: 'p9', type: 'TIKTOK' } } } }
        : fail('TikTok is not configured: set TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET, or connect a sandbox account', { code: 'BAD_USER_INPUT', field: 'type' }),
    );
    renderRoutes([{ path: '/', element: <ConnectPanel onSandboxConnected={onSandbox} /> }], { client });
    fireEvent.click(screen.getByRole('button', { name: 'Connect TikTok' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not configured.*A sandbox account works without any setup/);
    fireEvent.click(screen.getByRole('button', { name: 'Connect a TikTok sandbox account' }));
    await waitFor(() => expect(onSandbox).toHaveBeenCalledWith('p9', 'TIKTOK'));
  });
});

describe('ConnectPanel on a server without a platform’s app', () => {
  it('says "not set up on this server", links the admin guide and offers the sandbox instead of a Connect that fails', async () => {
    const onSandbox = vi.fn();
    const client = mockClient((name) => {
      if (name === 'ConnectSetup') {
        return {
          data: {
            serverSetup: {
              platforms: [
                { type: 'INSTAGRAM', configured: true },
                { type: 'FACEBOOK', configured: false },
                { type: 'TIKTOK', configured: false },
                { type: 'TWITTER', configured: false },
                { type: 'LINKEDIN', configured: false },
              ],
            },
          },
        };
      }
      return { data: { connectPlatform: { authorizeUrl: null, platform: { id: 'p9', type: 'TIKTOK' } } } };
    });
    renderRoutes([{ path: '/', element: <ConnectPanel onSandboxConnected={onSandbox} /> }], { client });
    expect(screen.getByRole('button', { name: 'Connect Instagram' })).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Connect TikTok' })).toBeNull();
    expect(screen.getAllByText(/Not set up on this server/)).toHaveLength(4);
    const guide = screen.getByRole('link', { name: 'How an admin sets up TikTok' });
    expect(guide.getAttribute('href')).toBe('/docs/connectors.html#registering-apps-and-setting-variables');
    const sandbox = screen.getByRole('button', { name: 'Connect a TikTok sandbox account' });
    expect(sandbox.className).toContain('btn-primary');
    fireEvent.click(sandbox);
    await waitFor(() => expect(onSandbox).toHaveBeenCalledWith('p9', 'TIKTOK'));
    expect(callsOf(client, 'ConnectPlatform')).toEqual([{ input: { type: 'TIKTOK', sandbox: true } }]);
  });
});

describe('Sync now', () => {
  it('is disabled with a countdown until the API’s nextManualSyncAt', () => {
    const next = new Date(Date.now() + 125_000).toISOString();
    const client = mockClient(() => 'pending');
    renderRoutes([{ path: '/', element: <PlatformCard platform={card({ nextManualSyncAt: next })} onChanged={() => undefined} timeZone="UTC" /> }], { client });
    expect((screen.getByRole('button', { name: 'Sync Jane’s Bakery now' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('timer').textContent).toMatch(/^Possible again in 2:0[45]$/);
  });

  it('shows the platform API version with its sunset, and X post reads against the shared monthly budget', () => {
    const client = mockClient(() => 'pending');
    const sunset = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const first = renderRoutes(
      [{ path: '/', element: <PlatformCard platform={card({ health: { apiVersion: '202504', apiVersionSunsetsAt: sunset, postReads: null } })} onChanged={() => undefined} timeZone="UTC" /> }],
      { client },
    );
    const api = screen.getByText('Platform API').nextElementSibling!;
    expect(api.textContent).toMatch(/^202504 · works until \d{1,2} \w{3} \d{4}$/);
    // Within two months of its end: shown as a warning.
    expect(api.querySelector('.error')).not.toBeNull();
    expect(screen.queryByText('Post reads this month')).toBeNull();
    first.unmount();

    renderRoutes(
      [
        {
          path: '/',
          element: (
            <PlatformCard
              platform={card({ type: 'TWITTER', health: { apiVersion: '2', apiVersionSunsetsAt: null, postReads: { account: 1200, used: 4100, budget: 10000, remaining: 5900 } } })}
              onChanged={() => undefined}
              timeZone="UTC"
            />
          ),
        },
      ],
      { client },
    );
    expect(screen.getByText('Platform API').nextElementSibling!.textContent).toBe('2');
    expect(screen.getByText('Post reads this month').nextElementSibling!.textContent).toBe('1,200 by this account4,100 of 10,000 shared by all X accounts, 5,900 left');
  });

  it('shows no API version for a sandbox', () => {
    const client = mockClient(() => 'pending');
    renderRoutes([{ path: '/', element: <PlatformCard platform={card({ sandbox: true, health: { sandbox: true, apiVersion: 'sandbox-1' } })} onChanged={() => undefined} timeZone="UTC" /> }], { client });
    expect(screen.queryByText('Platform API')).toBeNull();
  });

  it('is enabled when the API says a manual sync is possible now', () => {
    const client = mockClient(() => 'pending');
    renderRoutes([{ path: '/', element: <PlatformCard platform={card({ nextManualSyncAt: null })} onChanged={() => undefined} timeZone="UTC" /> }], { client });
    expect((screen.getByRole('button', { name: 'Sync Jane’s Bakery now' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole('timer')).toBeNull();
    expect(waitText(new Date('2026-03-01T12:04:05Z'), NOW)).toBe('4:05');
  });
});

describe('PlatformsPage', () => {
  it('drops the "being read now" banner when the sync ends', async () => {
    const progress = makeSubject<unknown>();
    const event = { platformId: 'p1', phase: 'posts', done: 3, total: 10, activeJobs: 1, finished: false, status: 'RUNNING', message: null, errorMessage: null };
    const client = mockClient((name) => (name === 'Platforms' ? { data: { platforms: [{ id: 'p1', type: 'LINKEDIN', ...(card() as object) }] } } : 'pending'));
    client.executeSubscription.mockImplementation(() => progress.source as never);
    renderRoutes([{ path: '/platforms', element: <PlatformsPage /> }], { client, path: '/platforms?connected=p1' });
    act(() => progress.next({ data: { syncProgress: event }, stale: false, hasNext: true }));
    expect(screen.getByText(/history is being read now/)).toBeDefined();
    act(() => progress.next({ data: { syncProgress: { ...event, phase: 'done', finished: true, status: 'COMPLETED', activeJobs: 0 } }, stale: false, hasNext: true }));
    await waitFor(() => expect(screen.queryByText(/history is being read now/)).toBeNull());
  });
});

describe('PlatformsPage: the plan the workspace runs on', () => {
  it('a member of someone else’s workspace sees the owner’s plan and the accounts it counts across the owner’s workspaces', async () => {
    const client = mockClient((name) =>
      name === 'Platforms' ? { data: { platforms: [{ id: 'p1', type: 'LINKEDIN', ...(card() as object) }], activeWorkspace: { id: 'w1', accountsConnected: 3 } } } : 'pending',
    );
    const workspaces = testWorkspaces('ADMIN');
    (workspaces.active as { plan?: unknown }).plan = { tier: 'PRO', maxPlatforms: 10, historyDays: 730 };
    // The signed-in member's own plan is the free one (testViewer): it must not be what is shown.
    renderRoutes([{ path: '/platforms', element: <PlatformsPage /> }], { client, path: '/platforms', role: 'ADMIN', workspaces });
    expect(await screen.findByText('3 of 10 accounts on the Pro plan')).toBeDefined();
    expect(screen.queryByText(/on the Free plan/)).toBeNull();
  });
});

describe('platforms: role gating', () => {
  const platforms = () => mockClient((name) => (name === 'Platforms' ? { data: { platforms: [{ id: 'p1', type: 'LINKEDIN', ...(card() as object) }] } } : 'pending'));

  it('a viewer can neither sync, connect nor disconnect, and is told why', () => {
    renderRoutes([{ path: '/platforms', element: <PlatformsPage /> }], { client: platforms(), path: '/platforms', role: 'VIEWER' });
    const sync = screen.getByRole('button', { name: 'Sync Jane’s Bakery now' }) as HTMLButtonElement;
    expect(sync.disabled).toBe(true);
    expect(document.getElementById(sync.getAttribute('aria-describedby')!)!.textContent).toMatch(/Only editors and above can sync an account now/);
    expect(screen.queryByRole('button', { name: 'Disconnect Jane’s Bakery' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Try a sandbox|Connect LinkedIn/ })).toBeNull();
    expect(screen.getByText('Only admins and the owner can connect or disconnect accounts.')).toBeDefined();
  });

  it('an editor syncs but does not connect or disconnect; an admin does all three', () => {
    const editor = renderRoutes([{ path: '/platforms', element: <PlatformsPage /> }], { client: platforms(), path: '/platforms', role: 'EDITOR' });
    expect((screen.getByRole('button', { name: 'Sync Jane’s Bakery now' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole('button', { name: 'Disconnect Jane’s Bakery' })).toBeNull();
    expect(screen.getByText('Only admins and the owner can connect or disconnect accounts.')).toBeDefined();
    editor.unmount();
    renderRoutes([{ path: '/platforms', element: <PlatformsPage /> }], { client: platforms(), path: '/platforms', role: 'ADMIN' });
    expect(screen.getByRole('button', { name: 'Disconnect Jane’s Bakery' })).toBeDefined();
    expect(screen.queryByText(/Only admins and the owner/)).toBeNull();
    expect(screen.queryByText(/Only editors and above/)).toBeNull();
  });
});
