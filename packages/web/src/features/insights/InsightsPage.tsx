import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { InsightFilterInput } from '../../gql/graphql';
import { PageHeader } from '../../layout/AppShell';
import { formatPercent } from '../../lib/format';
import { useHashScroll } from '../../lib/useHashScroll';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { useTimeZone } from '../auth/viewer';
import { InsightCard } from './InsightCard';
import { RecommendationCard } from './RecommendationCard';

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

const PAGE = 10;
const PATTERN_TYPE: Record<string, string> = { CONTENT_TYPE: 'Content type', POSTING_TIME: 'Posting time', HASHTAG: 'Hashtag' };

/**
 * One page of insights; the last page offers the next. Pages stay mounted, so marking one read
 * (which refetches the lists) keeps everything loaded so far in place.
 */
function InsightsPageChunk({ filter, after, isLast, onMore, timeZone }: { filter: InsightFilterInput; after: string | null; isLast: boolean; onMore: (cursor: string) => void; timeZone: string }) {
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
      {conn.edges.map((e) => (
        <InsightCard key={e.node.id} insight={e.node} timeZone={timeZone} />
      ))}
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
  if (!conn) {
    return error ? <ErrorState title="Recommendations could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <LoadingBlock lines={4} height={40} label="Loading recommendations" />;
  }
  if (after === null && conn.edges.length === 0) {
    return <EmptyState title="No recommendations yet">They are built from the patterns in your posts once enough of them point the same way.</EmptyState>;
  }
  return (
    <>
      {conn.edges.map((e) => (
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
  const [show, setShow] = useState<'all' | 'unread' | 'dismissed'>('all');
  const filter: InsightFilterInput = show === 'unread' ? { isRead: false } : show === 'dismissed' ? { isDismissed: true } : {};
  const insightPages = usePages(show);
  const recPages = usePages('recs');

  // Links from the overview point at one insight (#insight-<id>).
  useHashScroll();

  return (
    <>
      <PageHeader title="Insights" description="Findings from your numbers, most important first, and what to do about them." />
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
          {insightPages.cursors.map((after, i) => (
            <InsightsPageChunk key={after ?? 'first'} filter={filter} after={after} isLast={i === insightPages.cursors.length - 1} onMore={insightPages.more} timeZone={timeZone} />
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
    </>
  );
}
