import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { toFormErrors } from '../../lib/errors';
import { accountLabel } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { ViewerDocument } from '../auth/viewer';
import { ConnectPanel } from '../platforms/ConnectPanel';
import { connectErrorMessage } from '../platforms/health';
import { SyncProgressView } from '../platforms/SyncProgressView';
import { BrandForm } from '../settings/BrandForm';

const OnboardingQuery = graphql(`
  query Onboarding {
    me {
      id
      name
      company
      profile {
        id
        onboardingCompleted
        ...BrandForm_UserProfile
      }
    }
    platforms {
      id
      type
      username
      displayName
      sandbox
    }
  }
`);

const CompleteOnboardingMutation = graphql(`
  mutation CompleteOnboarding($input: CompleteOnboardingInput!) {
    completeOnboarding(input: $input) {
      id
      onboardingCompleted
    }
  }
`);

const STEPS = ['Your brand', 'Connect an account', 'Done'] as const;

/**
 * The steps, with a tick only for what was actually done: a step passed with "Skip for now" shows
 * as skipped, not done.
 */
export function Steps({ current, done }: { current: number; done: readonly boolean[] }) {
  return (
    <ol className="steps" aria-label="Setup steps">
      {STEPS.map((label, i) => {
        const ticked = i < current && done[i];
        const skipped = i < current && !done[i];
        return (
          <li key={label} className={i === current ? 'current' : ticked ? 'done' : skipped ? 'skipped' : undefined} aria-current={i === current ? 'step' : undefined}>
            <span className="step-dot" aria-hidden="true">
              {ticked ? '✓' : i + 1}
            </span>
            {label}
            {ticked && <span className="sr-only"> (done)</span>}
            {skipped && <span className="small muted"> (skipped)</span>}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * First run: brand profile and time zone (detected, editable), then the first account. Coming
 * back from a platform's sign-in lands on the second step (?connected= or ?error=).
 */
export function OnboardingPage() {
  useTitle('Set up Soash');
  const navigate = useNavigate();
  const client = useClient();
  const [params, setParams] = useSearchParams();
  const [{ data, error }, refetch] = useQuery({ query: OnboardingQuery });
  const [finish, runFinish] = useMutation(CompleteOnboardingMutation);
  const [finishError, setFinishError] = useState<string | null>(null);
  const step = params.get('connected') || params.get('error') ? 1 : Math.min(2, Math.max(0, Number(params.get('step') ?? 0) || 0));
  const goTo = (n: number) => setParams(n ? { step: String(n) } : {}, { replace: false });
  const me = data?.me;
  const platforms = data?.platforms ?? [];

  async function done() {
    setFinishError(null);
    // The brand step saved the profile already; this marks the account as set up.
    const r = await runFinish({ input: {} });
    if (r.error) return setFinishError(toFormErrors(r.error).form);
    // The signed-in layout sends unfinished accounts here: let it see the new state first.
    await client.query(ViewerDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    navigate('/', { replace: true });
  }

  return (
    <div className="onboarding stack">
      <div>
        <h1>Welcome{me ? `, ${me.name.split(' ')[0]}` : ''}</h1>
        <p className="muted">Three short steps and your dashboard is ready.</p>
      </div>
      <Steps current={step} done={[true, platforms.length > 0, false]} />
      {!me ? (
        error ? (
          <Card>
            <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
          </Card>
        ) : (
          <Card>
            <LoadingBlock lines={6} height={28} label="Loading" />
          </Card>
        )
      ) : step === 0 ? (
        <Card title="Tell Soash about your brand" labelledBy="onb-brand">
          <p className="muted small">Used for content ideas and to read your numbers in your own time zone. Everything is optional and can be changed later.</p>
          <BrandForm profile={me.profile} defaultBrandName={me.company} detectZone submitLabel="Save and continue" onSaved={() => goTo(1)} />
        </Card>
      ) : step === 1 ? (
        <Card title="Connect your first account" labelledBy="onb-connect">
          <div className="stack">
            {params.get('error') && (
              <p className="alert" role="alert">
                {connectErrorMessage(params.get('error'))}
              </p>
            )}
            {platforms.length > 0 && (
              <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Connected accounts">
                {platforms.map((p) => (
                  <li key={p.id} className="stack" style={{ gap: 6 }}>
                    <span className="alert alert-success">
                      Connected: <strong>{accountLabel(p)}</strong>
                      {p.sandbox ? ' (sandbox)' : ''}
                    </span>
                    <SyncProgressView platformId={p.id} label="Reading its history" />
                  </li>
                ))}
              </ul>
            )}
            <ConnectPanel
              compact
              onSandboxConnected={() => {
                refetch({ requestPolicy: 'network-only' });
              }}
            />
            <div className="row" style={{ justifyContent: 'space-between' }}>
              <Button variant="ghost" onClick={() => goTo(0)}>
                ← Back
              </Button>
              <Button variant={platforms.length ? 'primary' : 'secondary'} onClick={() => goTo(2)}>
                {platforms.length ? 'Continue' : 'Skip for now'}
              </Button>
            </div>
          </div>
        </Card>
      ) : (
        <Card title="You are all set" labelledBy="onb-done">
          <div className="stack">
            <p>
              {platforms.length
                ? 'Soash is reading your history now. Charts fill in within a few minutes, and insights follow once there is enough data.'
                : 'You can connect accounts any time under Platforms.'}
            </p>
            {finishError && (
              <p className="alert" role="alert">
                {finishError}
              </p>
            )}
            <div className="row" style={{ justifyContent: 'space-between' }}>
              <Button variant="ghost" onClick={() => goTo(1)}>
                ← Back
              </Button>
              <Button loading={finish.fetching} onClick={() => void done()}>
                Go to your dashboard
              </Button>
            </div>
          </div>
        </Card>
      )}
    </div>
  );
}
