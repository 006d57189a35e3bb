import { useEffect, useMemo } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { AppShell } from '../../layout/AppShell';
import { endServerSession } from '../../lib/auth/refresh';
import { useSession, useSessionState, useWorkspaceChoice } from '../../lib/auth/SessionProvider';
import { errorCode } from '../../lib/errors';
import { Button } from '../../ui/Button';
import { ErrorState, Skeleton } from '../../ui/States';
import { VerifyEmailNotice } from './VerifyEmailNotice';
import { ViewerContext, ViewerDocument } from './viewer';
import { permission, roleFromApi } from '../workspaces/permissions';
import { NotificationBell } from '../alerts/NotificationBell';
import { ShellWorkspacesDocument, WorkspaceContext, type WorkspaceState } from '../workspaces/workspace';
import { CreateWorkspaceForm, WorkspaceSwitcher } from '../workspaces/WorkspaceSwitcher';

/** Only same-site paths (never "//host" or "https://…") are followed after sign-in. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** Signed-out pages: a signed-in visitor goes on to `?next=` or the dashboard. */
export function PublicOnly() {
  const { status } = useSessionState();
  const [params] = useSearchParams();
  if (status === 'signed-in') return <Navigate to={safeNext(params.get('next'))} replace />;
  return <Outlet />;
}

function ShellSkeleton() {
  return (
    <div className="shell" aria-busy="true">
      <div className="sidebar" aria-hidden="true">
        <Skeleton height={28} width={120} />
      </div>
      <main className="main stack" role="status">
        <span className="sr-only">Loading your account…</span>
        <Skeleton height={28} width="40%" />
        <Skeleton height={120} />
        <Skeleton height={260} />
      </main>
    </div>
  );
}

/** The signed-in part of the app: needs a session, loads the viewer, renders the shell. */
export function RequireAuth() {
  const session = useSession();
  const { status, reason } = useSessionState();
  const location = useLocation();
  const [{ data, error }, refetch] = useQuery({ query: ViewerDocument, pause: status !== 'signed-in' });
  const authFailed = !data && errorCode(error) === 'UNAUTHENTICATED';
  // The workspace this app works in and the viewer's role there (gates every control).
  const [ws, refetchWorkspaces] = useQuery({ query: ShellWorkspacesDocument, pause: status !== 'signed-in' });
  const choice = useWorkspaceChoice();
  const staleChoice = !!ws.data && !ws.data.activeWorkspace && choice.get() !== null;
  const workspaceState = useMemo<WorkspaceState | null>(
    () =>
      ws.data
        ? { active: ws.data.activeWorkspace ?? null, workspaces: ws.data.workspaces, refresh: () => refetchWorkspaces({ requestPolicy: 'network-only' }) }
        : null,
    [ws.data, refetchWorkspaces],
  );

  // The remembered workspace is no longer ours (removed, left, deleted): drop it, the API then picks one.
  useEffect(() => {
    if (staleChoice) choice.set(null);
  }, [staleChoice, choice]);

  // The session was refused even after a refresh (e.g. the account was deleted elsewhere).
  useEffect(() => {
    if (authFailed) session.signOut('session-ended');
  }, [authFailed, session]);

  if (status !== 'signed-in') {
    // Come back here after signing in, unless the user chose to leave.
    const here = location.pathname + location.search;
    const remember = here !== '/' && reason !== 'signed-out' && reason !== 'account-deleted';
    return <Navigate to={remember ? `/login?next=${encodeURIComponent(here)}` : '/login'} replace />;
  }
  const loadError = (!data && error && !authFailed ? error : null) ?? (!ws.data && ws.error && errorCode(ws.error) !== 'UNAUTHENTICATED' ? ws.error : null);
  if (!data || !workspaceState || staleChoice) {
    if (loadError) {
      return (
        <main className="auth-page">
          <div className="auth-card card">
            <ErrorState
              title="Soash could not load your account"
              error={loadError}
              onRetry={() => {
                refetch({ requestPolicy: 'network-only' });
                refetchWorkspaces({ requestPolicy: 'network-only' });
              }}
            />
          </div>
        </main>
      );
    }
    return <ShellSkeleton />;
  }
  const viewer = data.me;
  const active = workspaceState.active;
  const onOnboarding = location.pathname === '/onboarding';
  // Choosing which Pages / company pages to connect after an OAuth return, also during onboarding.
  const choosingAccounts = location.pathname.startsWith('/platforms/connect/');
  // Onboarding sets the brand profile, so it is for those who may change it (admins and the owner);
  // an editor or viewer of a workspace not set up yet sees it as it is.
  const mayOnboard = permission(roleFromApi(active?.viewerRole), 'editSettings').allowed;
  // A third-party app's consent request is answered first: the app is waiting for it.
  const consenting = location.pathname === '/consent';
  // New accounts set up first; an OAuth return to /platforms keeps its outcome (?connected=, ?error=).
  if (active && mayOnboard && !viewer.profile.onboardingCompleted && !onOnboarding && !choosingAccounts && !consenting) {
    return <Navigate to={`/onboarding${location.pathname === '/platforms' ? location.search : ''}`} replace />;
  }
  if ((viewer.profile.onboardingCompleted || !mayOnboard) && onOnboarding) return <Navigate to="/" replace />;

  async function signOut() {
    // End the session on the server too (and drop its cookie); sign out locally whatever the answer.
    await endServerSession().catch(() => undefined);
    session.signOut();
  }

  if (!active) {
    // No membership left (removed from every workspace, or the last one was deleted).
    return (
      <ViewerContext.Provider value={viewer}>
        <WorkspaceContext.Provider value={workspaceState}>
          <AppShell userName={viewer.name} onSignOut={signOut} items={[]}>
            <div className="card stack" style={{ maxWidth: 520 }}>
              <div>
                <h1>You are not in a workspace</h1>
                <p className="muted">
                  Your access to your last workspace has ended. Create a workspace of your own, or open an invitation link a team sent you.
                </p>
              </div>
              <CreateWorkspaceForm autoFocus />
            </div>
          </AppShell>
        </WorkspaceContext.Provider>
      </ViewerContext.Provider>
    );
  }

  if (onOnboarding) {
    return (
      <ViewerContext.Provider value={viewer}>
        <WorkspaceContext.Provider value={workspaceState}>
          <div className="bare-frame">
            <header className="row bare-header">
              <span className="brand" style={{ padding: 0 }}>
                <span className="brand-mark" aria-hidden="true">
                  S
                </span>
                Soash
              </span>
              <div className="row">
                {workspaceState.workspaces.length > 1 && <WorkspaceSwitcher />}
                <Button variant="ghost" onClick={() => void signOut()}>
                  Sign out
                </Button>
              </div>
            </header>
            <main id="main" className="main">
              {viewer.isVerified ? null : <VerifyEmailNotice email={viewer.email} />}
              <Outlet />
            </main>
          </div>
        </WorkspaceContext.Provider>
      </ViewerContext.Provider>
    );
  }

  return (
    <ViewerContext.Provider value={viewer}>
      <WorkspaceContext.Provider value={workspaceState}>
        <AppShell
          userName={viewer.name}
          onSignOut={signOut}
          workspace={<WorkspaceSwitcher />}
          workspaceName={active.name}
          bell={<NotificationBell />}
          banner={viewer.isVerified ? null : <VerifyEmailNotice email={viewer.email} />}
        >
          <Outlet />
        </AppShell>
      </WorkspaceContext.Provider>
    </ViewerContext.Provider>
  );
}
