import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql, type FragmentType, getFragmentData } from '../../gql';
import { toFormErrors } from '../../lib/errors';
import { formatDate, formatRelative } from '../../lib/format';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { DEFAULT_FILTERS, serializeFilters, type PostFilters } from '../posts/filters';
import { usePermissions } from '../workspaces/workspace';

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
    evidence {
      howWeKnow
      method
      groupSize
      restSize
      period {
        from
        to
      }
      accounts {
        platformId
        name
      }
      posts {
        platformIds
        type
        hashtag
        hours
        weekdays
        from
        to
      }
    }
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

type Posts = { platformIds: string[]; type?: string | null; hashtag?: string | null; hours?: number[]; weekdays?: number[]; from: string; to: string };

/** The posts explorer (/posts) with the finding's account, format, hashtag, local hour or weekday, and days applied (see features/posts/filters.ts). */
export function postsLink(posts: Posts): string {
  const filters: PostFilters = {
    ...DEFAULT_FILTERS,
    platform: posts.platformIds.length === 1 ? posts.platformIds[0]! : '',
    type: posts.type ?? '',
    hashtag: posts.hashtag ?? '',
    hour: posts.hours?.length === 1 ? String(posts.hours[0]) : '',
    weekday: posts.weekdays?.length === 1 ? String(posts.weekdays[0]) : '',
    from: posts.from,
    to: posts.to,
  };
  return `/posts?${serializeFilters(filters).toString()}`;
}

/** One finding: what it says, how sure, and read / dismiss (handled by the page, with undo, when it passes `onAction`). */
export function InsightCard({ insight: masked, timeZone, onAction }: { insight: FragmentType<typeof InsightCardFragment>; timeZone: string; onAction?: (kind: 'read' | 'dismiss') => void }) {
  const i = getFragmentData(InsightCardFragment, masked);
  const [read, markRead] = useMutation(MarkInsightReadMutation);
  const [dismissal, dismiss] = useMutation(DismissInsightMutation);
  // Marking and dismissing are for editors and above (the insights page says so once).
  const mayAct = usePermissions().can('actOnInsights').allowed;
  const error = read.error ?? dismissal.error;
  const e = i.evidence;
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
      {i.description && <p className="insight-lead">{i.description}</p>}
      {e && (
        <>
          {e.posts && (
            <p className="small">
              <Link to={postsLink(e.posts)}>
                See the {e.posts.from === e.posts.to ? 'posts of that day' : 'posts behind this'}
              </Link>
            </p>
          )}
          <details className="evidence">
            <summary>How we know</summary>
            <ul className="how-we-know">
              {e.howWeKnow.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p className="small muted">Method: {e.method}.</p>
          </details>
        </>
      )}
      <div className="row small muted" style={{ justifyContent: 'space-between' }}>
        <span title={formatDate(i.createdAt, timeZone, true)}>
          Found {formatRelative(i.createdAt)}
          {i.lastConfirmedAt ? ` · confirmed ${formatRelative(i.lastConfirmedAt)}` : ''}
        </span>
        <span className="row" style={{ gap: 6 }}>
          {mayAct && !i.isRead && (
            <Button size="sm" variant="secondary" loading={read.fetching} onClick={() => (onAction ? onAction('read') : void markRead({ id: i.id }))} aria-label={`Mark “${i.title}” as read`}>
              Mark as read
            </Button>
          )}
          {mayAct && !i.isDismissed && (
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
