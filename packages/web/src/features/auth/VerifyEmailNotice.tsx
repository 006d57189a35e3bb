import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { toFormErrors } from '../../lib/errors';
import { Button } from '../../ui/Button';

const ResendVerificationMutation = graphql(`
  mutation ResendVerification {
    resendVerificationEmail
  }
`);

/**
 * The viewer's own mail in the development outbox: null whenever mail is really sent (SMTP set up,
 * or production), so outside development this shows nothing more than "check your inbox".
 */
const DevOutboxQuery = graphql(`
  query DevOutbox {
    myDevOutbox {
      id
      kind
      link
    }
  }
`);

/**
 * Shown to signed-in users whose address is not confirmed yet ("check your inbox"), with a way
 * to get a new link. On a development server without a mail server, it also shows the link that
 * was mailed to this very user (nobody else's mail is ever shown).
 */
export function VerifyEmailNotice({ email }: { email: string }) {
  const [{ data, error, fetching }, resend] = useMutation(ResendVerificationMutation);
  const [outbox, refetchOutbox] = useQuery({ query: DevOutboxQuery, requestPolicy: 'network-only' });
  const devLink = outbox.data?.myDevOutbox?.find((m) => m.kind === 'verify_email' && m.link)?.link ?? null;
  return (
    <div className="alert alert-warning notice" role="region" aria-label="Email confirmation">
      <span>
        Check your inbox: confirm your email address with the link we sent to <strong>{email}</strong>.
      </span>
      {devLink && (
        <span>
          No mail server is set up (development), so here is that link: <a href={devLink}>Confirm my address</a>
        </span>
      )}
      {data?.resendVerificationEmail === true ? (
        <span role="status">A new link is on its way.</span>
      ) : data?.resendVerificationEmail === false ? (
        <span role="status">Your address is already confirmed. Reload the page.</span>
      ) : (
        <Button
          size="sm"
          variant="secondary"
          loading={fetching}
          onClick={() => void resend({}).then(() => refetchOutbox({ requestPolicy: 'network-only' }))}
        >
          Send a new link
        </Button>
      )}
      {error && <span role="alert">{toFormErrors(error).form}</span>}
    </div>
  );
}
