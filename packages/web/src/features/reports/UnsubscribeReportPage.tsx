import { useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { errorCode } from '../../lib/errors';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { errorMessage } from '../../ui/States';
import { AuthLayout } from '../auth/AuthLayout';

const UnsubscribeReportEmailMutation = graphql(`
  mutation UnsubscribeReportEmail($token: String!) {
    unsubscribeReportEmail(token: $token) {
      email
      reportName
    }
  }
`);

/**
 * The unsubscribe link of a scheduled report's mail (outside recipients, no account needed): asks
 * first, so that a mail scanner opening the link removes nothing, then removes the address from
 * that one schedule.
 */
export function UnsubscribeReportPage() {
  useTitle('Unsubscribe from a report');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, unsubscribe] = useMutation(UnsubscribeReportEmailMutation);
  const done = state.data?.unsubscribeReportEmail;
  if (!token) {
    return (
      <AuthLayout title="This link is incomplete">
        <p>The unsubscribe link has no token. Open the link from the email again.</p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Unsubscribe from a scheduled report">
      {done ? (
        <div className="alert alert-success" role="status">
          <strong>{done.email}</strong> no longer gets “{done.reportName}”. Nothing else changed.
        </div>
      ) : (
        <>
          <p>Stop receiving this report by email? Only this report’s schedule is affected.</p>
          {state.error && (
            <div className="alert" role="alert">
              {errorCode(state.error) === 'NOT_FOUND' ? 'This link does not work any more: the address was already removed from this schedule, or the schedule was deleted.' : errorMessage(state.error)}
            </div>
          )}
          <div>
            <Button loading={state.fetching} onClick={() => void unsubscribe({ token })}>
              Unsubscribe
            </Button>
          </div>
        </>
      )}
    </AuthLayout>
  );
}
