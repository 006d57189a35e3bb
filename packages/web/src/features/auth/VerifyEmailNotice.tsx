import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { toFormErrors } from '../../lib/errors';
import { Button } from '../../ui/Button';

const ResendVerificationMutation = graphql(`
  mutation ResendVerification {
    resendVerificationEmail
  }
`);

/** Shown to signed-in users whose address is not confirmed yet, with a way to get a new link. */
export function VerifyEmailNotice({ email }: { email: string }) {
  const [{ data, error, fetching }, resend] = useMutation(ResendVerificationMutation);
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
