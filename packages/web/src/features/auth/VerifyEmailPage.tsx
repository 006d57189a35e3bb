import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useClient, type CombinedError } from 'urql';
import { graphql } from '../../gql';
import { useSessionState } from '../../lib/auth/SessionProvider';
import { useTitle } from '../../lib/useTitle';
import { LoadingBlock, errorMessage } from '../../ui/States';
import { AuthLayout } from './AuthLayout';

const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      id
      email
      isVerified
    }
  }
`);

/** API messages may lack a full stop; another sentence follows. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text : `${text}.`;
}

type Outcome = { ok: true; email: string } | { ok: false; error: CombinedError | Error };

/** One request per token, even when React mounts the page twice (StrictMode) or it re-renders. */
const attempts = new Map<string, Promise<Outcome>>();

export function VerifyEmailPage() {
  useTitle('Confirm your email');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const client = useClient();
  const { status } = useSessionState();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    if (!token) return;
    let live = true;
    let attempt = attempts.get(token);
    if (!attempt) {
      attempt = client
        .mutation(VerifyEmailMutation, { token })
        .toPromise()
        .then((r): Outcome => (r.data ? { ok: true, email: r.data.verifyEmail.email } : { ok: false, error: r.error ?? new Error('The link could not be checked') }));
      attempts.set(token, attempt);
    }
    void attempt.then((o) => live && setOutcome(o));
    return () => {
      live = false;
    };
  }, [client, token]);

  const next = status === 'signed-in' ? { to: '/', label: 'Go to your dashboard' } : { to: '/login', label: 'Sign in' };
  if (!token) {
    return (
      <AuthLayout title="This link is incomplete">
        <p>The verification link has no token. Open the link from the email again; signed in, you can ask for a new one on any page.</p>
        <Link to={next.to} className="btn btn-primary">
          {next.label}
        </Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Confirm your email">
      {!outcome && <LoadingBlock lines={2} label="Checking your link" />}
      {outcome?.ok && (
        <div className="alert alert-success" role="status">
          Thanks, <strong>{outcome.email}</strong> is confirmed.
        </div>
      )}
      {outcome && !outcome.ok && (
        <div className="alert" role="alert">
          {sentence(errorMessage(outcome.error))}
          {status === 'signed-in' ? ' You can ask for a new link from the notice at the top of the dashboard.' : ' Sign in to ask for a new link.'}
        </div>
      )}
      {outcome && (
        <Link to={next.to} className="btn btn-primary">
          {next.label}
        </Link>
      )}
    </AuthLayout>
  );
}
