import { useMutation } from 'urql';
import { graphql, type FragmentType, getFragmentData } from '../../gql';
import { toFormErrors } from '../../lib/errors';
import { formatDate, formatRelative } from '../../lib/format';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';

export const InsightCardFragment = graphql(`
  fragment InsightCard_AiInsight on AiInsight {
    id
    title
    description
    priority
    insightType
    isRead
    isDismissed
    createdAt
    lastConfirmedAt
    evidence
  }
`);

const MarkInsightReadMutation = graphql(`
  mutation MarkInsightRead($id: ID!) {
    markInsightRead(id: $id) {
      id
      isRead
    }
  }
`);

const DismissInsightMutation = graphql(`
  mutation DismissInsight($id: ID!) {
    dismissInsight(id: $id) {
      id
      isDismissed
    }
  }
`);

export const PRIORITY: Record<string, { label: string; tone: 'danger' | 'warning' | 'neutral' }> = {
  HIGH: { label: 'High priority', tone: 'danger' },
  MEDIUM: { label: 'Medium priority', tone: 'warning' },
  LOW: { label: 'Low priority', tone: 'neutral' },
};

const TYPE: Record<string, string> = { PERFORMANCE: 'Performance', TREND: 'Trend', RECOMMENDATION: 'Recommendation' };

function show(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, '');
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.map(show).join(', ');
  return '';
}

/** The evidence's plain facts (numbers, names); nested details stay in the API. */
export function evidenceFacts(evidence: unknown): [string, string][] {
  if (!evidence || typeof evidence !== 'object' || Array.isArray(evidence)) return [];
  return Object.entries(evidence as Record<string, unknown>)
    .map(([k, v]) => [k, show(v)] as [string, string])
    .filter(([, v]) => v !== '');
}

/** One finding: what it says, how sure, and read / dismiss (handled by the page, with undo, when it passes `onAction`). */
export function InsightCard({ insight: masked, timeZone, onAction }: { insight: FragmentType<typeof InsightCardFragment>; timeZone: string; onAction?: (kind: 'read' | 'dismiss') => void }) {
  const i = getFragmentData(InsightCardFragment, masked);
  const [read, markRead] = useMutation(MarkInsightReadMutation);
  const [dismissal, dismiss] = useMutation(DismissInsightMutation);
  const error = read.error ?? dismissal.error;
  const facts = evidenceFacts(i.evidence);
  const priority = PRIORITY[i.priority] ?? { label: i.priority, tone: 'neutral' as const };
  return (
    <article id={`insight-${i.id}`} className={`card insight-card${i.isRead ? '' : ' unread'}`} aria-labelledby={`insight-title-${i.id}`} tabIndex={-1}>
      <div className="row" style={{ gap: 6 }}>
        <Badge tone={priority.tone}>{priority.label}</Badge>
        <Badge>{TYPE[i.insightType] ?? i.insightType}</Badge>
        {!i.isRead && <Badge tone="primary">New</Badge>}
        {i.isDismissed && <Badge>Dismissed</Badge>}
      </div>
      <h3 id={`insight-title-${i.id}`}>{i.title}</h3>
      {i.description && <p className="muted">{i.description}</p>}
      {facts.length > 0 && (
        <details className="evidence">
          <summary>Evidence</summary>
          <dl>
            {facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      <div className="row small muted" style={{ justifyContent: 'space-between' }}>
        <span title={formatDate(i.createdAt, timeZone, true)}>
          Found {formatRelative(i.createdAt)}
          {i.lastConfirmedAt ? ` · confirmed ${formatRelative(i.lastConfirmedAt)}` : ''}
        </span>
        <span className="row" style={{ gap: 6 }}>
          {!i.isRead && (
            <Button size="sm" variant="secondary" loading={read.fetching} onClick={() => (onAction ? onAction('read') : void markRead({ id: i.id }))} aria-label={`Mark “${i.title}” as read`}>
              Mark as read
            </Button>
          )}
          {!i.isDismissed && (
            <Button size="sm" variant="ghost" loading={dismissal.fetching} onClick={() => (onAction ? onAction('dismiss') : void dismiss({ id: i.id }))} aria-label={`Dismiss “${i.title}”`}>
              Dismiss
            </Button>
          )}
        </span>
      </div>
      {error && (
        <p className="error small" role="alert">
          {toFormErrors(error).form}
        </p>
      )}
    </article>
  );
}
