import { Link, isRouteErrorResponse, useRouteError, type RouteObject } from 'react-router';
import { PublicOnly, RequireAuth } from './features/auth/guards';
import { useTitle } from './lib/useTitle';
import { Skeleton } from './ui/States';

/** Shown while the first page's code loads. */
function PageLoading() {
  return (
    <div className="main stack" role="status" aria-busy="true">
      <span className="sr-only">Loading…</span>
      <Skeleton height={28} width="40%" />
      <Skeleton height={200} />
    </div>
  );
}

function NotFound() {
  useTitle('Page not found');
  return (
    <main className="auth-page">
      <div className="auth-card card state">
        <h1>Page not found</h1>
        <p>There is nothing at this address. It may have moved.</p>
        <Link to="/" className="btn btn-primary">
          Go to the dashboard
        </Link>
      </div>
    </main>
  );
}

/** A page failed to load or render (often: a new version was deployed while the tab was open). */
function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : 'Unknown error';
  return (
    <main className="auth-page">
      <div className="auth-card card state state-error" role="alert">
        <h1>This page could not be shown</h1>
        <p>{/(dynamically imported module|Importing a module script failed|Failed to fetch)/i.test(message) ? 'A newer version of Soash may be available.' : message}</p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    </main>
  );
}

/** Routes load their page's code on first visit, so charts and big pages stay out of the first download. */
export const routes: RouteObject[] = [
  {
    HydrateFallback: PageLoading,
    errorElement: <RouteError />,
    children: [
      {
        element: <PublicOnly />,
        children: [
          { path: 'login', lazy: async () => ({ Component: (await import('./features/auth/LoginPage')).LoginPage }) },
          { path: 'register', lazy: async () => ({ Component: (await import('./features/auth/RegisterPage')).RegisterPage }) },
          { path: 'forgot-password', lazy: async () => ({ Component: (await import('./features/auth/ForgotPasswordPage')).ForgotPasswordPage }) },
        ],
      },
      { path: 'reset-password', lazy: async () => ({ Component: (await import('./features/auth/ResetPasswordPage')).ResetPasswordPage }) },
      { path: 'verify-email', lazy: async () => ({ Component: (await import('./features/auth/VerifyEmailPage')).VerifyEmailPage }) },
      { path: 'unsubscribe/report', lazy: async () => ({ Component: (await import('./features/reports/UnsubscribeReportPage')).UnsubscribeReportPage }) },
      // A report shared by link: public, outside the signed-in layout.
      { path: 'share/:token', lazy: async () => ({ Component: (await import('./features/reports/SharedReportPage')).SharedReportPage }) },
      { path: 'invitations/accept', lazy: async () => ({ Component: (await import('./features/auth/AcceptInvitationPage')).AcceptInvitationPage }) },
      {
        element: <RequireAuth />,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('./features/overview/OverviewPage')).OverviewPage }) },
          { path: 'posts', lazy: async () => ({ Component: (await import('./features/posts/PostsPage')).PostsPage }) },
          { path: 'posts/:id', lazy: async () => ({ Component: (await import('./features/posts/PostDetailPage')).PostDetailPage }) },
          { path: 'platforms', lazy: async () => ({ Component: (await import('./features/platforms/PlatformsPage')).PlatformsPage }) },
          { path: 'platforms/connect/:id', lazy: async () => ({ Component: (await import('./features/platforms/ChooseAccountsPage')).ChooseAccountsPage }) },
          { path: 'onboarding', lazy: async () => ({ Component: (await import('./features/onboarding/OnboardingPage')).OnboardingPage }) },
          { path: 'reports', lazy: async () => ({ Component: (await import('./features/reports/ReportsPage')).ReportsPage }) },
          { path: 'reports/:id', lazy: async () => ({ Component: (await import('./features/reports/ReportViewPage')).ReportViewPage }) },
          { path: 'reports/:id/edit', lazy: async () => ({ Component: (await import('./features/reports/ReportBuilderPage')).ReportBuilderPage }) },
          { path: 'alerts', lazy: async () => ({ Component: (await import('./features/alerts/AlertsPage')).AlertsPage }) },
          { path: 'insights', lazy: async () => ({ Component: (await import('./features/insights/InsightsPage')).InsightsPage }) },
          { path: 'referrals', lazy: async () => ({ Component: (await import('./features/referrals/ReferralsPage')).ReferralsPage }) },
          { path: 'members', lazy: async () => ({ Component: (await import('./features/members/MembersPage')).MembersPage }) },
          { path: 'settings', lazy: async () => ({ Component: (await import('./features/settings/SettingsPage')).SettingsPage }) },
          // Where GET /oauth/authorize sends the browser: a third-party app asks for access.
          { path: 'consent', lazy: async () => ({ Component: (await import('./features/oauth/ConsentPage')).ConsentPage }) },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];
