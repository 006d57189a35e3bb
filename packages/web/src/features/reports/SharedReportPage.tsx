import { useEffect, useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql, getFragmentData } from '../../gql';
import { errorCode, toFormErrors } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { ErrorState, LoadingBlock, Skeleton } from '../../ui/States';
import { ReportDocument, ReportDocumentFragment } from './ReportDocument';
import './share.css';

export const SharedReportQuery = graphql(`
  query SharedReport($token: String!, $password: String) {
    sharedReport(token: $token, password: $password) {
      expiresAt
      data {
        ...ReportDocument_ReportData
      }
    }
  }
`);

/** Search engines stay away from shared reports (the link is the only way in). */
function useNoIndex() {
  useEffect(() => {
    const meta = document.createElement('meta');
    meta.name = 'robots';
    meta.content = 'noindex, nofollow';
    document.head.appendChild(meta);
    return () => meta.remove();
  }, []);
}

type PageState = 'loading' | 'ready' | 'password' | 'invalid' | 'error';

function Shell({ state, print, children }: { state: PageState; print: boolean; children: React.ReactNode }) {
  return (
    <main className={`shared-page${print ? ' report-print-mode' : ''}`} data-state={state} aria-busy={state === 'loading' || undefined}>
      {children}
    </main>
  );
}

function PasswordForm({ wrong, message, busy, onSubmit }: { wrong: boolean; message: string | null; busy: boolean; onSubmit: (password: string) => void }) {
  const [password, setPassword] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (password) onSubmit(password);
  }
  return (
    <div className="auth-card card stack" style={{ margin: '10vh auto 0' }}>
      <h1>This report is protected</h1>
      <p className="muted">Enter the password you were given with the link.</p>
      <form className="stack" onSubmit={submit} aria-label="Open the report">
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          autoFocus
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={wrong ? 'That password is not right.' : undefined}
        />
        {message && (
          <p className="error small" role="alert">
            {message}
          </p>
        )}
        <Button type="submit" loading={busy}>
          Open the report
        </Button>
      </form>
    </div>
  );
}

/**
 * A report opened through its share link (`/share/:token`), without an account: the branded
 * report, read-only, with no app navigation and no links into the app. A protected link asks for
 * its password first; an expired, revoked or unknown link says so. With `?print=1` (the PDF
 * renderer) nothing interactive is shown.
 */
export function SharedReportPage() {
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const print = params.get('print') === '1';
  const [password, setPassword] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({ query: SharedReportQuery, variables: { token, password }, requestPolicy: 'cache-first' });
  const shared = data?.sharedReport;
  const report = shared ? getFragmentData(ReportDocumentFragment, shared.data) : undefined;
  useTitle(report ? report.report.name : 'Shared report');
  useNoIndex();
  const code = errorCode(error);

  if (shared) {
    return (
      <Shell state="ready" print={print}>
        <ReportDocument report={shared.data} shared />
        {!print && report && (
          <p className="small muted shared-expiry no-print">This link works until {formatDate(shared.expiresAt, report.timezone, true)}.</p>
        )}
      </Shell>
    );
  }
  if (code === 'PASSWORD_REQUIRED' || code === 'BAD_PASSWORD' || (code === 'RATE_LIMITED' && password !== null)) {
    return (
      <Shell state="password" print={print}>
        <PasswordForm wrong={code === 'BAD_PASSWORD'} message={code === 'RATE_LIMITED' ? toFormErrors(error).form : null} busy={fetching} onSubmit={setPassword} />
      </Shell>
    );
  }
  if (code === 'NOT_FOUND') {
    return (
      <Shell state="invalid" print={print}>
        <div className="auth-card card state" role="alert" style={{ margin: '10vh auto 0' }} data-report-error="">
          <h1>This link is no longer valid</h1>
          <p>It may have expired or been revoked. Ask the person who sent it to you for a new link.</p>
        </div>
      </Shell>
    );
  }
  if (error) {
    return (
      <Shell state="error" print={print}>
        <div className="card" style={{ margin: '10vh auto 0', maxWidth: 520 }} data-report-error="">
          <ErrorState title="The report could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        </div>
      </Shell>
    );
  }
  return (
    <Shell state="loading" print={print}>
      <div className="stack" role="status" aria-label="Loading the report">
        <Skeleton height={92} />
        <LoadingBlock lines={6} height={28} />
      </div>
    </Shell>
  );
}
