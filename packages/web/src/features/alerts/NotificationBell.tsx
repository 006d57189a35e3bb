import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatRelative } from '../../lib/format';
import { Button } from '../../ui/Button';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';

export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const NotificationsQuery = graphql(`
  query Notifications($first: Int, $unreadOnly: Boolean) {
    notifications(first: $first, unreadOnly: $unreadOnly) {
      totalCount
      edges {
        node {
          id
          kind
          title
          message
          link
          readAt
          createdAt
        }
      }
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all)
  }
`);

/** How often the bell asks for the unread count. */
export const BELL_POLL_MS = 60_000;
const CONTEXT = { additionalTypenames: ['Notification'] };

/** The bell in the app header: the unread count (polled every minute) and the notification centre as a dropdown. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const [count, refetchCount] = useQuery({ query: UnreadNotificationCountQuery, context: CONTEXT });
  useEffect(() => {
    const timer = setInterval(() => refetchCount({ requestPolicy: 'network-only' }), BELL_POLL_MS);
    return () => clearInterval(timer);
  }, [refetchCount]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [open]);
  const unread = count.data?.unreadNotificationCount ?? 0;
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <div className="bell" ref={root}>
      <button type="button" className="btn btn-ghost bell-button" aria-label={label} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && <NotificationPanel id={panelId} onNavigate={() => setOpen(false)} onChanged={() => refetchCount({ requestPolicy: 'network-only' })} />}
    </div>
  );
}

function NotificationPanel({ id, onNavigate, onChanged }: { id: string; onNavigate: () => void; onChanged: () => void }) {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({ query: NotificationsQuery, variables: { first: 20, unreadOnly }, context: CONTEXT, requestPolicy: 'cache-and-network' });
  const [marking, mark] = useMutation(MarkNotificationsReadMutation);
  const markRead = async (vars: { ids?: string[]; all?: boolean }) => {
    await mark(vars, CONTEXT);
    onChanged();
  };
  const items = data?.notifications.edges.map((e) => e.node) ?? [];
  return (
    <section id={id} className="bell-panel card" aria-label="Notification centre">
      <div className="row bell-panel-head">
        <h2 className="bell-title">Notifications</h2>
        <label className="small row">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Unread only
        </label>
        <Button size="sm" variant="secondary" loading={marking.fetching} disabled={!items.some((n) => !n.readAt)} onClick={() => void markRead({ all: true })}>
          Mark all read
        </Button>
      </div>
      {error ? (
        <ErrorState title="Notifications could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : fetching && !data ? (
        <LoadingBlock lines={3} label="Loading notifications" />
      ) : items.length === 0 ? (
        <EmptyState title={unreadOnly ? 'Nothing unread' : 'No notifications yet'}>
          Alerts you receive appear here. <Link to="/alerts" onClick={onNavigate}>Set up alerts</Link>
        </EmptyState>
      ) : (
        <ul className="bell-list">
          {items.map((n) => (
            <li key={n.id} className="bell-item" data-unread={!n.readAt}>
              <div className="bell-item-text">
                <strong>{n.title}</strong>
                <span className="small">{n.message}</span>
                <span className="small muted">{formatRelative(n.createdAt as string)}</span>
              </div>
              <div className="row">
                {n.link && (
                  <Link className="btn btn-sm btn-ghost" to={n.link} onClick={() => { if (!n.readAt) void markRead({ ids: [n.id] }); onNavigate(); }}>
                    Open
                  </Link>
                )}
                {!n.readAt && (
                  <Button size="sm" variant="ghost" aria-label={`Mark “${n.title}” read`} onClick={() => void markRead({ ids: [n.id] })}>
                    Mark read
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Link to="/alerts" className="small" onClick={onNavigate}>
        Manage alerts and see their history
      </Link>
    </section>
  );
}
