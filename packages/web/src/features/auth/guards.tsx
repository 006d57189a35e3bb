import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { AppShell } from '../../layout/AppShell';
import { endServerSession } from '../../lib/auth/refresh';
import { useSession, useSessionState } from '../../lib/auth/SessionProvider';
import { errorCode } from '../../lib/errors';
import { Button } from '../../ui/Button';
import { ErrorState, Skeleton } from '../../ui/States';
import { VerifyEmailNotice } from './VerifyEmailNotice';
import { ViewerContext, ViewerDocument } from './viewer';

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
  const [{ data, error, fetching }, refetch] = useQuery({ query: ViewerDocument, pause: status !== 'signed-in' });
  const authFailed = !data && errorCode(error) === 'UNAUTHENTICATED';

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
  if (!data) {
    if (error && !authFailed) {
      return (
        <main className="auth-page">
          <div className="auth-card card">
            <ErrorState title="Soash could not load your account" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
          </div>
        </main>
      );
    }
    if (fetching || authFailed || !error) return <ShellSkeleton />;
  }
  const viewer = data!.me;
  const onOnboarding = location.pathname === '/onboarding';
  // Choosing which Pages / company pages to connect after an OAuth return, also during onboarding.
  const choosingAccounts = location.pathname.startsWith('/platforms/connect/');
  // New accounts set up first; an OAuth return to /platforms keeps its outcome (?connected=, ?error=).
  if (!viewer.profile.onboardingCompleted && !onOnboarding && !choosingAccounts) {
    return <Navigate to={`/onboarding${location.pathname === '/platforms' ? location.search : ''}`} replace />;
  }
  if (viewer.profile.onboardingCompleted && onOnboarding) return <Navigate to="/" replace />;

  async function signOut() {
    // End the session on the server too (and drop its cookie); sign out locally whatever the answer.
    await endServerSession().catch(() => undefined);
    session.signOut();
  }

  if (onOnboarding) {
    return (
      <ViewerContext.Provider value={viewer}>
        <div className="bare-frame">
          <header className="row bare-header">
            <span className="brand" style={{ padding: 0 }}>
              <span className="brand-mark" aria-hidden="true">
                S
              </span>
              Soash
            </span>
            <Button variant="ghost" onClick={() => void signOut()}>
              Sign out
            </Button>
          </header>
          <main id="main" className="main">
            {viewer.isVerified ? null : <VerifyEmailNotice email={viewer.email} />}
            <Outlet />
          </main>
        </div>
      </ViewerContext.Provider>
    );
  }

  return (
    <ViewerContext.Provider value={viewer}>
      <AppShell userName={viewer.name} onSignOut={signOut} banner={viewer.isVerified ? null : <VerifyEmailNotice email={viewer.email} />}>
        <Outlet />
      </AppShell>
    </ViewerContext.Provider>
  );
}
