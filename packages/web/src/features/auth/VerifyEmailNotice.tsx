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

/** Where an admin reads how mail delivery is set up (built from docs/api.md). */
export const MAIL_SETUP_DOCS = '/docs/api.html#email-links';

/**
 * Shown to signed-in users whose address is not confirmed yet, with a way to get a new link. On a
 * server that sends no mail it says so, and how an admin sets mail up, instead of promising a link.
 */
export function VerifyEmailNotice({ email }: { email: string }) {
  const [{ data, error, fetching }, resend] = useMutation(ResendVerificationMutation);
  const [setup] = useQuery({ query: MailSetupQuery });
  if (setup.data?.serverSetup.mailDelivery === false) {
    return (
      <div className="alert alert-warning notice" role="region" aria-label="Email confirmation">
        <span>
          Your email address <strong>{email}</strong> is not confirmed yet, and this Soash server does not send mail. An admin can set up mail delivery (
          <a href={MAIL_SETUP_DOCS} target="_blank" rel="noopener">
            how
          </a>
          ) or read your confirmation link from the server’s outbox.
        </span>
        {data?.resendVerificationEmail === true ? (
          <span role="status">A new link is in the outbox.</span>
        ) : data?.resendVerificationEmail === false ? (
          <span role="status">Your address is already confirmed. Reload the page.</span>
        ) : (
          <Button size="sm" variant="secondary" loading={fetching} onClick={() => void resend({})}>
            Make a new link
          </Button>
        )}
        {error && <span role="alert">{toFormErrors(error).form}</span>}
      </div>
    );
  }
  return (
    <div className="alert alert-warning notice" role="region" aria-label="Email confirmation">
      <span>
        Confirm your email address: we sent a link to <strong>{email}</strong>.
      </span>
      {data?.resendVerificationEmail === true ? (
        <span role="status">A new link is on its way.</span>
      ) : data?.resendVerificationEmail === false ? (
        <span role="status">Your address is already confirmed. Reload the page.</span>
      ) : (
        <Button size="sm" variant="secondary" loading={fetching} onClick={() => void resend({})}>
          Send a new link
        </Button>
      )}
      {error && <span role="alert">{toFormErrors(error).form}</span>}
    </div>
  );
}
