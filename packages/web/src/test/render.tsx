import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, Outlet, RouterProvider, type RouteObject } from 'react-router';
import { Provider, type Client, type GraphQLRequest, type OperationResult } from 'urql';
import { fromValue, merge, never, type Source } from 'wonka';
import { vi } from 'vitest';
import { ViewerContext, type Viewer } from '../features/auth/viewer';
import { WorkspaceContext, type WorkspaceState } from '../features/workspaces/workspace';
import { Session, type RefreshFn } from '../lib/auth/session';
import { SessionProvider } from '../lib/auth/SessionProvider';
import { WorkspaceChoice } from '../lib/workspace';

type Answer = Partial<OperationResult> | { data: unknown } | undefined | 'pending';

/** The operation name of a request (for mocks that answer by name). */
export function opName(req: GraphQLRequest): string {
  for (const d of req.query.definitions) if (d.kind === 'OperationDefinition' && d.name) return d.name.value;
  return '';
}

/**
 * A urql client stand-in: `answer(name, variables)` gives each operation's result
 * ('pending' never answers). Every call is recorded with its variables.
 */
export function mockClient(answer: (name: string, variables: Record<string, unknown>) => Answer) {
  const respond = (req: GraphQLRequest): Source<unknown> => {
    const a = answer(opName(req), (req.variables ?? {}) as Record<string, unknown>);
    if (a === 'pending') return never;
    // Like the real client, the source stays open after its result (urql clears errors on end), and
    // the result names the operation it answers.
    return merge([fromValue({ stale: false, hasNext: false, operation: req, ...(a ?? { data: null }) }), never]);
  };
  const client = {
    executeQuery: vi.fn(respond),
    executeMutation: vi.fn(respond),
    executeSubscription: vi.fn(respond),
    mutation: vi.fn((query, variables) => ({ toPromise: () => Promise.resolve({ ...(answer(opName({ query, variables } as GraphQLRequest), variables) as object) }) })),
    query: vi.fn((query, variables) => ({ toPromise: () => Promise.resolve({ ...(answer(opName({ query, variables } as GraphQLRequest), variables) as object) }) })),
  };
  return client as typeof client & Client;
}

/** Variables of every call of an operation, in order. */
export function callsOf(client: ReturnType<typeof mockClient>, name: string): Record<string, unknown>[] {
  return [...client.executeQuery.mock.calls, ...client.executeMutation.mock.calls]
    .map(([req]) => req as GraphQLRequest)
    .filter((req) => opName(req) === name)
    .map((req) => req.variables as Record<string, unknown>);
}

export const testViewer: Viewer = {
  __typename: 'User',
  id: 'u1',
  name: 'Jane Baker',
  email: 'jane@example.com',
  isVerified: true,
  role: 'USER',
  subscriptionTier: 'FREE',
  // Unlimited history, so fixed dates in tests are never cut off by the plan.
  plan: { tier: 'FREE', maxPlatforms: 2, historyDays: null },
  profile: { __typename: 'UserProfile', id: 'p1', timezone: 'UTC', onboardingCompleted: true, brandName: 'Bakery' },
} as Viewer;

/** The active workspace of component tests: the viewer owns it unless a test gives another role. */
export function testWorkspaces(role: 'OWNER' | 'ADMIN' | 'EDITOR' | 'VIEWER' = 'OWNER'): WorkspaceState {
  const active = { id: 'w1', name: 'Bakery', viewerRole: role, ownerId: role === 'OWNER' ? 'u1' : 'u9', memberCount: 2 };
  return { active, workspaces: [{ id: 'w1', name: 'Bakery', viewerRole: role }], refresh: () => undefined } as unknown as WorkspaceState;
}

export function testSession(refresh: RefreshFn = async () => Promise.reject(new Error('no refresh in tests'))) {
  return new Session({ refresh, storage: null, channel: null, autoRefresh: false, settleMs: 0 });
}

/**
 * Renders routes in a memory router with a mock client, a session and (optionally) a viewer.
 */
export function renderRoutes(
  routes: RouteObject[],
  {
    client,
    path = '/',
    viewer = testViewer,
    session = testSession(),
    role = 'OWNER',
    workspaces,
    choice = new WorkspaceChoice(null, null),
  }: {
    client: Client;
    path?: string;
    viewer?: Viewer | null;
    session?: Session;
    role?: 'OWNER' | 'ADMIN' | 'EDITOR' | 'VIEWER';
    workspaces?: WorkspaceState;
    /** The remembered workspace choice (a fresh, storage-less one by default). */
    choice?: WorkspaceChoice;
  },
) {
  const router = createMemoryRouter(
    viewer ? [{ element: <ViewerShell viewer={viewer} workspaces={workspaces ?? testWorkspaces(role)} />, children: routes }] : routes,
    { initialEntries: [path] },
  );
  const utils = render(
    <SessionProvider session={session} workspace={choice} makeClient={() => ({ client, dispose: () => undefined })}>
      <Provider value={client}>
        <RouterProvider router={router} />
      </Provider>
    </SessionProvider>,
  );
  return { ...utils, router, session, choice };
}

function ViewerShell({ viewer, workspaces }: { viewer: Viewer; workspaces: WorkspaceState }): ReactNode {
  return (
    <ViewerContext.Provider value={viewer}>
      <WorkspaceContext.Provider value={workspaces}>
        <Outlet />
      </WorkspaceContext.Provider>
    </ViewerContext.Provider>
  );
}
