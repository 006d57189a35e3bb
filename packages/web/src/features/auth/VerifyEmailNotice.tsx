import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { toFormErrors } from '../../lib/errors';
import { Button } from '../../ui/Button';

const ResendVerificationMutation = graphql(`
  mutation ResendVerification {
    resendVerificationEmail
  }
`);

const MailSetupQuery = graphql(`
  query MailSetup {
    serverSetup {
      mailDelivery
    }
  }
`);

/**
 * The viewer's own mail in the development outbox: null whenever mail is really sent (SMTP set up)
 * and in production, so only a developer's own link is ever shown, and only to them.
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

/** Where an admin reads how mail delivery is set up (built from docs/api.md). */
export const MAIL_SETUP_DOCS = '/docs/api.html#email-links';

/**
 * Shown to signed-in users whose address is not confirmed yet ("check your inbox"), with a way to
 * get a new link. On a server that sends no mail it says so, and how an admin sets mail up; on a
 * development server without mail it also shows the link that was mailed to this very user
 * (nobody else's mail is ever shown, to admins neither).
 */
export function VerifyEmailNotice({ email }: { email: string }) {
  const [{ data, error, fetching }, resend] = useMutation(ResendVerificationMutation);
  const [setup] = useQuery({ query: MailSetupQuery });
  const noMail = setup.data?.serverSetup.mailDelivery === false;
  const [outbox, refetchOutbox] = useQuery({ query: DevOutboxQuery, requestPolicy: 'network-only', pause: !noMail });
  const devLink = noMail ? (outbox.data?.myDevOutbox?.find((m) => m.kind === 'verify_email' && m.link)?.link ?? null) : null;
  const resendControl =
    data?.resendVerificationEmail === true ? (
      <span role="status">A new link is on its way.</span>
    ) : data?.resendVerificationEmail === false ? (
      <span role="status">Your address is already confirmed. Reload the page.</span>
    ) : (
      <Button size="sm" variant="secondary" loading={fetching} onClick={() => void resend({}).then(() => noMail && refetchOutbox({ requestPolicy: 'network-only' }))}>
        {noMail ? 'Make a new link' : 'Send a new link'}
      </Button>
    );
  if (noMail) {
    return (
      <div className="alert alert-warning notice" role="region" aria-label="Email confirmation">
        <span>
          Your email address <strong>{email}</strong> is not confirmed yet, and this Soash server does not send mail. An admin can set up mail delivery (
          <a href={MAIL_SETUP_DOCS} target="_blank" rel="noopener">
            how
          </a>
          ).
        </span>
        {devLink && (
          <span>
            This is a development server, so here is the link meant for you: <a href={devLink}>Confirm my address</a>
          </span>
        )}
        {resendControl}
        {error && <span role="alert">{toFormErrors(error).form}</span>}
      </div>
    );
  }
  return (
    <div className="alert alert-warning notice" role="region" aria-label="Email confirmation">
      <span>
        Check your inbox: we sent a link to <strong>{email}</strong> to confirm your email address.
      </span>
      {resendControl}
      {error && <span role="alert">{toFormErrors(error).form}</span>}
    </div>
  );
}
