import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { endServerSession } from '../../lib/auth/refresh';
import { useSession, useSessionState, useWorkspaceChoice } from '../../lib/auth/SessionProvider';
import { errorCode } from '../../lib/errors';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { errorMessage } from '../../ui/States';
import { AuthLayout } from './AuthLayout';

const AcceptInvitationMeQuery = graphql(`
  query AcceptInvitationMe {
    me {
      id
      email
    }
  }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($token: String!) {
    acceptInvitation(token: $token) {
      id
      name
      viewerRole
    }
  }
`);

/** Where a workspace invitation's link leads (the API mails `/invitations/accept?token=…`). */
export function acceptPath(token: string): string {
  return `/invitations/accept?${new URLSearchParams({ token }).toString()}`;
}

/** What the API's `extensions.reason` of a refused invitation means, in words. */
export const INVITATION_PROBLEMS: Record<string, { title: string; text: string }> = {
  expired: { title: 'This invitation has expired', text: 'Invitation links work for 7 days. Ask the person who invited you to send a new one.' },
  used: { title: 'This invitation has already been used', text: 'Each link works once. If you were removed since, ask for a new invitation.' },
  revoked: { title: 'This invitation was withdrawn', text: 'The workspace took the invitation back. Ask them if you should still join.' },
  invalid: { title: 'This invitation link is not valid', text: 'Open the link from the newest invitation email, or ask for a new one: a resent invitation replaces the older link.' },
};

function reasonOf(error: Parameters<typeof errorCode>[0]): string | null {
  const reason = error?.graphQLErrors.find((e) => typeof e.extensions?.reason === 'string')?.extensions?.reason;
  return typeof reason === 'string' ? reason : null;
}

/** Signed in: accept with this account (the invited address), then work in the new workspace. */
function AcceptSignedIn({ token }: { token: string }) {
  const session = useSession();
  const choice = useWorkspaceChoice();
  const navigate = useNavigate();
  const [{ data: me }] = useQuery({ query: AcceptInvitationMeQuery });
  const [state, accept] = useMutation(AcceptInvitationMutation);
  const [signingOut, setSigningOut] = useState(false);
  const email = me?.me.email;
  const reason = reasonOf(state.error);
  const code = errorCode(state.error);

  async function run() {
    const r = await accept({ token });
    if (r.data) {
      // The new workspace is the active one from now on: switch to it (a fresh client and cache).
      navigate('/', { replace: true });
      choice.set(r.data.acceptInvitation.id);
    }
  }
  async function signOut() {
    setSigningOut(true);
    await endServerSession().catch(() => undefined);
    session.signOut();
  }

  if (reason === 'wrong_email' || (code === 'FORBIDDEN' && !reason)) {
    return (
      <AuthLayout title="This invitation is for another address" footer={<Link to="/">Back to your dashboard</Link>}>
        <div className="stack" role="alert">
          <p>
            You are signed in{email ? ` as ${email}` : ''}, but the invitation was sent to another email address. Sign out, then open the link again and sign in (or
            create an account) with the invited address.
          </p>
          <Button onClick={() => void signOut()} loading={signingOut}>
            Sign out
          </Button>
        </div>
      </AuthLayout>
    );
  }
  const problem = reason ? INVITATION_PROBLEMS[reason] : null;
  if (problem) {
    return (
      <AuthLayout title={problem.title} footer={<Link to="/">Back to your dashboard</Link>}>
        <p role="alert">{problem.text}</p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Join a workspace" intro="Someone invited you to their workspace on Soash, to see and work on a brand’s social accounts with them." footer={<Link to="/">Not now</Link>}>
      <div className="stack">
        {email && <p className="small muted" style={{ margin: 0 }}>You are signed in as {email}. The invitation must have been sent to this address.</p>}
        {state.error && (
          <p className="alert" role="alert">
            {errorMessage(state.error)}
          </p>
        )}
        <Button onClick={() => void run()} loading={state.fetching}>
          Accept and open the workspace
        </Button>
      </div>
    </AuthLayout>
  );
}

/**
 * A workspace invitation's link. Signed in, it accepts with the current account and switches to
 * the workspace (or explains why it cannot: another address, expired, used, withdrawn). Signed
 * out, it offers a new account created with the invitation (it joins the workspace at
 * registration), or signing in and coming back here. The API checks the token (single use, 7 days,
 * the invited address) when it is used.
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
  if (status === 'signed-in') return <AcceptSignedIn token={token} />;
  return (
    <AuthLayout title="Join a workspace" intro="Someone invited you to their workspace on Soash, to see and work on a brand’s social accounts with them.">
      <div className="stack">
        <Link className="btn btn-primary" to={`/register?${new URLSearchParams({ invitation: token }).toString()}`}>
          Create an account
        </Link>
        <Link className="btn btn-secondary" to={`/login?${new URLSearchParams({ next: acceptPath(token) }).toString()}`}>
          I already have an account: sign in
        </Link>
        <p className="small muted" style={{ margin: 0 }}>
          Use the email address the invitation was sent to. The link works once, for 7 days.
        </p>
      </div>
    </AuthLayout>
  );
}
