import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { getFragmentData, graphql, makeFragmentData } from '../../gql';
import type { InsightFilterInput } from '../../gql/graphql';
import { PageHeader } from '../../layout/AppShell';
import { formatPercent } from '../../lib/format';
import { useHashScroll } from '../../lib/useHashScroll';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { useTimeZone } from '../auth/viewer';
import { toFormErrors } from '../../lib/errors';
import { InsightCard, InsightCardFragment } from './InsightCard';
import { RecommendationCard } from './RecommendationCard';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions } from '../workspaces/workspace';

const InsightsQuery = graphql(`
  query Insights($filter: InsightFilterInput, $first: Int, $after: String) {
    insights(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          ...InsightCard_AiInsight
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const RecommendationsQuery = graphql(`
  query Recommendations($first: Int, $after: String) {
    recommendations(first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          ...RecommendationCard_ContentRecommendation
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PatternsQuery = graphql(`
  query Patterns {
    performancePatterns {
      id
      patternType
      patternName
      successRate
      sampleSize
    }
  }
`);

// The page sends mark-read and dismiss itself, after the undo window (the cards ask it to).
const PageMarkInsightReadMutation = graphql(`
  mutation InsightsPageMarkRead($id: ID!) {
    markInsightRead(id: $id) {
      id
      isRead
    }
  }
`);

const PageDismissInsightMutation = graphql(`
  mutation InsightsPageDismiss($id: ID!) {
    dismissInsight(id: $id) {
      id
      isDismissed
    }
  }
`);

const PAGE = 10;
/** How long "Undo" is offered before a mark-read or dismiss is sent. */
export const UNDO_MS = 8_000;

export type InsightAction = 'read' | 'dismiss';
type Pending = { id: string; kind: InsightAction; title: string };

const SHOWS = ['all', 'unread', 'dismissed'] as const;
type Show = (typeof SHOWS)[number];

/** The tab from the address (?show=unread), "all" when missing or unknown. */
export function parseShow(value: string | null): Show {
  return (SHOWS as readonly string[]).includes(value ?? '') ? (value as Show) : 'all';
}

/**
 * Mark-read and dismiss with undo: the action shows at once, and is sent when the undo window
 * ends, when another action starts, or when the page is left. What was sent stays applied until
 * the lists have reloaded, so nothing flickers back.
 */
function useUndoableActions() {
  const [pending, setPending] = useState<Pending | null>(null);
  const [applied, setApplied] = useState<ReadonlyMap<string, InsightAction>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [, markRead] = useMutation(PageMarkInsightReadMutation);
  const [, dismiss] = useMutation(PageDismissInsightMutation);
  const commit = useCallback(
    async (p: Pending) => {
      setApplied((m) => new Map(m).set(p.id, p.kind));
      const r = p.kind === 'read' ? await markRead({ id: p.id }) : await dismiss({ id: p.id });
      if (r.error) {
        setApplied((m) => {
          const next = new Map(m);
          next.delete(p.id);
          return next;
        });
        setError(toFormErrors(r.error).form ?? 'That could not be saved.');
      }
    },
    [markRead, dismiss],
  );
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(() => {
      setPending(null);
      void commit(pending);
    }, UNDO_MS);
    return () => clearTimeout(t);
  }, [pending, commit]);
  // Leaving the page sends what is still waiting.
  const latest = useRef({ pending, commit });
  latest.current = { pending, commit };
  useEffect(
    () => () => {
      const { pending: p, commit: send } = latest.current;
      if (p) void send(p);
    },
    [],
  );
  const act = (p: Pending) => {
    setError(null);
    if (pending) void commit(pending);
    setPending(p);
  };
  const overrides = new Map(applied);
  if (pending) overrides.set(pending.id, pending.kind);
  return { pending, overrides, error, act, undo: () => setPending(null) };
}

function UndoToast({ pending, onUndo }: { pending: Pending; onUndo: () => void }) {
  return (
    <div className="toast" role="status" aria-live="polite">
      <span>
        {pending.kind === 'read' ? 'Marked as read' : 'Dismissed'}: “{pending.title}”
      </span>
      <button type="button" className="link-button" onClick={onUndo}>
        Undo
      </button>
    </div>
  );
}
const PATTERN_TYPE: Record<string, string> = { CONTENT_TYPE: 'Content type', POSTING_TIME: 'Posting time', HASHTAG: 'Hashtag' };

/**
 * One page of insights; the last page offers the next. Pages stay mounted, so marking one read
 * (which refetches the lists) keeps everything loaded so far in place.
 */
function InsightsPageChunk({
  filter,
  show,
  after,
  isLast,
  onMore,
  timeZone,
  overrides,
  onAction,
}: {
  filter: InsightFilterInput;
  show: Show;
  after: string | null;
  isLast: boolean;
  onMore: (cursor: string) => void;
  timeZone: string;
  overrides: ReadonlyMap<string, InsightAction>;
  onAction: (p: Pending) => void;
}) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: InsightsQuery, variables: { filter, first: PAGE, after } });
  const conn = data?.insights;
  if (!conn) {
    return error ? <ErrorState title="Insights could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <LoadingBlock lines={4} height={40} label="Loading insights" />;
  }
  if (after === null && conn.edges.length === 0) {
    return (
      <EmptyState title={filter.isRead === false ? 'No unread insights' : 'No insights yet'}>
        {filter.isRead === false
          ? 'You have read everything. Show all to see earlier findings.'
          : 'Soash tests your posts after every sync and reports only findings that hold up statistically. With a few weeks of posts, the first ones appear here.'}
      </EmptyState>
    );
  }
  return (
    <>
      {conn.edges.map((e) => {
        const kind = overrides.get(e.node.id);
        // A dismissed insight leaves the list (unless the list is the dismissed ones); a read one leaves "Unread".
        if ((kind === 'dismiss' && show !== 'dismissed') || (kind === 'read' && show === 'unread')) return null;
        const data = getFragmentData(InsightCardFragment, e.node);
        const shown = kind ? makeFragmentData({ ...data, ...(kind === 'read' ? { isRead: true } : { isDismissed: true }) }, InsightCardFragment) : e.node;
        return <InsightCard key={e.node.id} insight={shown} timeZone={timeZone} onAction={(k) => onAction({ id: e.node.id, kind: k, title: data.title })} />;
      })}
      {isLast && conn.pageInfo.hasNextPage && conn.pageInfo.endCursor && (
        <Button variant="secondary" loading={fetching} onClick={() => onMore(conn.pageInfo.endCursor!)}>
          Load more insights
        </Button>
      )}
    </>
  );
}

function RecommendationsChunk({ after, isLast, onMore, timeZone }: { after: string | null; isLast: boolean; onMore: (cursor: string) => void; timeZone: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: RecommendationsQuery, variables: { first: PAGE, after } });
  const conn = data?.recommendations;
  // Rating re-ranks recommendations on the server; on screen a rated card stays where it was.
  const order = useRef(new Map<string, number>());
  for (const e of conn?.edges ?? []) if (!order.current.has(e.node.id)) order.current.set(e.node.id, order.current.size);
  const edges = [...(conn?.edges ?? [])].sort((a, b) => order.current.get(a.node.id)! - order.current.get(b.node.id)!);
  if (!conn) {
    return error ? <ErrorState title="Recommendations could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <LoadingBlock lines={4} height={40} label="Loading recommendations" />;
  }
  if (after === null && conn.edges.length === 0) {
    return <EmptyState title="No recommendations yet">They are built from the patterns in your posts once enough of them point the same way.</EmptyState>;
  }
  return (
    <>
      {edges.map((e) => (
        <RecommendationCard key={e.node.id} recommendation={e.node} timeZone={timeZone} />
      ))}
      {isLast && conn.pageInfo.hasNextPage && conn.pageInfo.endCursor && (
        <Button variant="secondary" loading={fetching} onClick={() => onMore(conn.pageInfo.endCursor!)}>
          Load more recommendations
        </Button>
      )}
    </>
  );
}

/** Cursors of the pages shown so far ([null] = the first page only), reset when `key` changes. */
function usePages(key: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  const cursors = state.key === key ? state.cursors : [null];
  return { cursors, more: (c: string) => setState({ key, cursors: [...cursors, c] }) };
}

function Patterns() {
  const [{ data, error }, refetch] = useQuery({ query: PatternsQuery });
  const rows = data?.performancePatterns;
  return (
    <Card title="Patterns in your posts" labelledBy="patterns-title">
      {!rows ? (
        error ? (
          <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <LoadingBlock lines={4} height={22} />
        )
      ) : rows.length === 0 ? (
        <EmptyState title="No patterns yet">A pattern needs at least 5 posts of a content type, hour, weekday or hashtag.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Performance patterns, best success rate first</caption>
            <thead>
              <tr>
                <th scope="col">Pattern</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num" title="Share of these posts that beat your median post">
                  Success rate
                </th>
                <th scope="col" className="num">
                  Posts
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 12).map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.patternName}</th>
                  <td>{PATTERN_TYPE[p.patternType] ?? p.patternType}</td>
                  <td className="num">{formatPercent(p.successRate, 0)}</td>
                  <td className="num">{p.sampleSize}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function InsightsPage() {
  useTitle('Insights');
  const timeZone = useTimeZone();
  // The tab lives in the address, so reload, Back and links keep it.
  const [params, setParams] = useSearchParams();
  const show = parseShow(params.get('show'));
  const setShow = (v: Show) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (v === 'all') next.delete('show');
        else next.set('show', v);
        return next;
      },
      { replace: true },
    );
  const actions = useUndoableActions();
  const filter: InsightFilterInput = show === 'unread' ? { isRead: false } : show === 'dismissed' ? { isDismissed: true } : {};
  const insightPages = usePages(show);
  const recPages = usePages('recs');
  const mayAct = usePermissions().can('actOnInsights');

  // Links from the overview point at one insight (#insight-<id>).
  useHashScroll();

  return (
    <>
      <PageHeader title="Insights" description="Findings from your numbers, most important first, and what to do about them." />
      <RoleNote permission={mayAct} />
      <div className="insights-layout">
        <section className="stack" aria-labelledby="insights-title">
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <h2 id="insights-title" style={{ margin: 0 }}>
              Insights
            </h2>
            <div className="segmented" role="group" aria-label="Which insights">
              {(['all', 'unread', 'dismissed'] as const).map((v) => (
                <button key={v} type="button" aria-pressed={show === v} onClick={() => setShow(v)}>
                  {v === 'all' ? 'All' : v === 'unread' ? 'Unread' : 'Dismissed'}
                </button>
              ))}
            </div>
          </div>
          {actions.error && (
            <p className="error small" role="alert">
              {actions.error}
            </p>
          )}
          {insightPages.cursors.map((after, i) => (
            <InsightsPageChunk
              key={after ?? 'first'}
              filter={filter}
              show={show}
              after={after}
              isLast={i === insightPages.cursors.length - 1}
              onMore={insightPages.more}
              timeZone={timeZone}
              overrides={actions.overrides}
              onAction={actions.act}
            />
          ))}
        </section>
        <section className="stack" aria-labelledby="recs-title">
          <h2 id="recs-title" style={{ margin: 0 }}>
            Recommendations
          </h2>
          {recPages.cursors.map((after, i) => (
            <RecommendationsChunk key={after ?? 'first'} after={after} isLast={i === recPages.cursors.length - 1} onMore={recPages.more} timeZone={timeZone} />
          ))}
          <Patterns />
        </section>
      </div>
      {actions.pending && <UndoToast pending={actions.pending} onUndo={actions.undo} />}
    </>
  );
}
