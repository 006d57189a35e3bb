import { Link, useSearchParams } from 'react-router';
import { useSessionState } from '../../lib/auth/SessionProvider';
import { useTitle } from '../../lib/useTitle';
import { AuthLayout } from './AuthLayout';

/** Where a workspace invitation's link leads (the API mails `/invitations/accept?token=…`). */
export function acceptPath(token: string): string {
  return `/invitations/accept?${new URLSearchParams({ token }).toString()}`;
}

/**
 * A workspace invitation's link. Signed out, it offers the two ways in: a new account created
 * with the invitation (it joins the workspace at registration), or signing in and coming back
 * here. The API checks the token (single use, 7 days, the invited address) when it is used.
 */
export function AcceptInvitationPage() {
  useTitle('Join a workspace');
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const { status } = useSessionState();
  if (!token) {
    return (
      <AuthLayout title="This invitation link is incomplete">
        <p>Open the link from the invitation email again, or ask the person who invited you to send a new one.</p>
      </AuthLayout>
    );
  }
  if (status === 'signed-in') {
    return (
      <AuthLayout title="Join a workspace" footer={<Link to="/">Back to your dashboard</Link>}>
        <p>
          You are signed in. This invitation creates a new account for the address it was sent to: sign out, then open the link again and choose
          “Create an account”.
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Join a workspace" intro="Someone invited you to their workspace on Soash, to see and work on a brand’s social accounts with them.">
      <div className="stack">
        <Link className="btn btn-primary" to={`/register?${new URLSearchParams({ invitation: token }).toString()}`}>
          Create an account
        </Link>
        <p className="small muted" style={{ margin: 0 }}>
          Use the email address the invitation was sent to. The link works once, for 7 days.
        </p>
      </div>
    </AuthLayout>
  );
}
