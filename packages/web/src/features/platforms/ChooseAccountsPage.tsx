import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorCode, toFormErrors } from '../../lib/errors';
import { platformLabel } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { PageHeader } from '../../layout/AppShell';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { FormError } from '../../ui/FormError';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { PlatformIcon } from './PlatformIcon';

export const PendingConnectionQuery = graphql(`
  query PendingConnection($id: ID!) {
    pendingConnection(id: $id) {
      id
      type
      expiresAt
      remainingSlots
      choices {
        id
        name
        username
        avatarUrl
        detail
        connected
        available
      }
    }
  }
`);

export const CompleteConnectionMutation = graphql(`
  mutation CompleteConnection($input: CompleteConnectionInput!) {
    completeConnection(input: $input) {
      id
      type
      displayName
    }
  }
`);

const WHAT: Record<string, { one: string; many: string }> = {
  FACEBOOK: { one: 'Page', many: 'Pages' },
  LINKEDIN: { one: 'company page', many: 'company pages' },
};

/** Words for the counting line: "2 selected · room for 3 more on your plan". */
export function selectionSummary(selectedNew: number, selectedTotal: number, remaining: number | null): { text: string; over: boolean } {
  const room = remaining === null ? 'no limit on your plan' : `room for ${remaining} more on your plan`;
  const over = remaining !== null && selectedNew > remaining;
  return { text: `${selectedTotal} selected · ${room}`, over };
}

/**
 * After signing in on a platform whose login reaches several accounts (Facebook Pages, LinkedIn
 * company pages), the callback brings the user here to choose which to connect. Several can be
 * chosen at once, within the plan's account limit; accounts already connected by the user are
 * reconnected, those of another Soash user cannot be chosen.
 */
export function ChooseAccountsPage() {
  useTitle('Choose accounts');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, error, fetching }] = useQuery({ query: PendingConnectionQuery, variables: { id }, requestPolicy: 'network-only' });
  const [{ fetching: saving }, complete] = useMutation(CompleteConnectionMutation);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);

  const pending = data?.pendingConnection;
  const words = WHAT[pending?.type ?? ''] ?? { one: 'account', many: 'accounts' };
  const label = pending ? platformLabel(pending.type) : '';
  const selectedNew = useMemo(() => pending?.choices.filter((c) => selected.has(c.id) && !c.connected).length ?? 0, [pending, selected]);
  const summary = selectionSummary(selectedNew, selected.size, pending?.remainingSlots ?? null);

  const toggle = (choiceId: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(choiceId)) next.delete(choiceId);
      else next.add(choiceId);
      return next;
    });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (!pending) return;
    if (selected.size === 0) return setProblem(`Choose at least one ${words.one}.`);
    const choices = pending.choices.filter((c) => selected.has(c.id)).map((c) => c.id);
    const result = await complete({ input: { id: pending.id, choices } });
    const platforms = result.data?.completeConnection;
    if (platforms?.length) {
      navigate(`/platforms?connected=${encodeURIComponent(platforms[0]!.id)}`, { replace: true });
      return;
    }
    setProblem(toFormErrors(result.error, []).form ?? 'The accounts could not be connected. Try again.');
  }

  if (!pending) {
    const code = errorCode(error ?? null);
    const gone = code === 'NOT_FOUND' || code === 'BAD_USER_INPUT';
    return (
      <>
        <PageHeader title="Choose accounts" />
        <Card>
          {fetching || (!error && !data) ? (
            <LoadingBlock lines={4} height={20} label="Loading the accounts you can connect" />
          ) : gone ? (
            <div className="state" role="alert">
              <h2>This choice is no longer available</h2>
              <p className="muted">It expired or was already used. Start connecting again from the Platforms page.</p>
              <Link to="/platforms" className="btn btn-primary">
                Back to Platforms
              </Link>
            </div>
          ) : (
            <ErrorState title="The accounts could not be loaded" error={error!} />
          )}
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={`Choose ${label} ${words.many}`}
        description={`Your ${label} login reaches ${pending.choices.length} ${words.many}. Choose which Soash should read; you can connect several at once.`}
      />
      <Card title={`${label} ${words.many}`} labelledBy="choices-title">
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="sr-only">{`${label} ${words.many} to connect`}</legend>
            <ul className="connect-grid" aria-label={`${label} ${words.many}`}>
              {pending.choices.map((c) => {
                const inputId = `choice-${c.id}`;
                return (
                  <li key={c.id} className="connect-item" style={selected.has(c.id) ? { borderColor: 'var(--c-primary)', boxShadow: '0 0 0 1px var(--c-primary)' } : undefined}>
                    <label htmlFor={inputId} style={{ display: 'flex', gap: 10, alignItems: 'center', cursor: c.available ? 'pointer' : 'not-allowed' }}>
                      <input
                        id={inputId}
                        type="checkbox"
                        checked={selected.has(c.id)}
                        disabled={!c.available || saving}
                        onChange={() => toggle(c.id)}
                        style={{ width: 18, height: 18, flex: 'none' }}
                      />
                      {c.avatarUrl ? <img src={c.avatarUrl} alt="" width={32} height={32} style={{ borderRadius: 8, flex: 'none' }} /> : <PlatformIcon type={pending.type} />}
                      <span style={{ minWidth: 0, flex: 1 }}>
                        <span style={{ display: 'block', fontWeight: 700, overflowWrap: 'anywhere' }}>{c.name}</span>
                        <span className="small muted" style={{ display: 'block', overflowWrap: 'anywhere' }}>
                          {[c.username ? `@${c.username}` : null, c.detail].filter(Boolean).join(' · ')}
                        </span>
                      </span>
                    </label>
                    {c.connected && <Badge tone="success">Already connected: access is renewed</Badge>}
                    {!c.available && <Badge tone="warning">Connected by another Soash user</Badge>}
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <p className={summary.over ? 'alert alert-warning small' : 'small muted'} aria-live="polite" style={{ margin: 0 }}>
            {summary.text}
            {summary.over && ` — choose fewer, or disconnect an account first.`}
          </p>
          <FormError message={problem} />
          <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
            <Button type="submit" loading={saving} disabled={saving}>
              {selected.size > 1 ? `Connect ${selected.size} ${words.many}` : `Connect ${words.one}`}
            </Button>
            <Link to="/platforms" className="btn btn-secondary">
              Cancel
            </Link>
          </div>
          <p className="small muted">
            This choice stays open until {new Date(pending.expiresAt as string).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}; after that, sign in on {label}{' '}
            again.
          </p>
        </form>
      </Card>
    </>
  );
}
