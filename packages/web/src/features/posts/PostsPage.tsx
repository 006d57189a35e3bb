import { SYNC_FREQUENCY } from '../../lib/labels';
import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { PageHeader } from '../../layout/AppShell';
import { formatNumber } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { todayIn } from '../../ui/DateRangePicker';
import { earliestDay, useTimeZone } from '../auth/viewer';
import { useCsvExport } from '../overview/useCsvExport';
import { DEFAULT_FILTERS, exportInput, hasFilters, invalidRange, PAGE_SIZE, parseFilters, serializeFilters, toVariables, type PostFilters } from './filters';
import { PostFiltersBar } from './PostFiltersBar';
import { PostsTable } from './PostsTable';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions, useWorkspacePlan } from '../workspaces/workspace';

export const PostFilterOptionsQuery = graphql(`
  query PostFilterOptions {
    platforms {
      id
      type
      username
      displayName
    }
    categories {
      id
      name
      colorCode
    }
  }
`);

export const PostsQuery = graphql(`
  query Posts($filter: ActivityFilter, $sort: ActivitySort, $first: Int, $after: String) {
    activities(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...PostRow_Activity
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * Keyset pages kept in the address bar: one `after` parameter per page passed, so Back, reload
 * and a shared link show the same page (Next and Previous add history entries).
 */
export function useUrlPages(params: URLSearchParams, setParams: (next: URLSearchParams) => void) {
  const cursors = params.getAll('after').filter(Boolean);
  const withCursors = (list: string[]) => {
    const next = new URLSearchParams(params);
    next.delete('after');
    for (const c of list) next.append('after', c);
    return next;
  };
  return {
    page: cursors.length + 1,
    after: cursors.at(-1) ?? null,
    next: (endCursor: string) => setParams(withCursors([...cursors, endCursor])),
    previous: () => setParams(withCursors(cursors.slice(0, -1))),
  };
}

export function PostsPage() {
  useTitle('Posts');
  const timeZone = useTimeZone();
  const plan = useWorkspacePlan();
  const earliest = earliestDay(plan.historyDays);
  const csv = useCsvExport();
  const mayExport = usePermissions().can('exportData');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  // The filters last asked for, until the address shows them: the router applies an address change
  // a moment later, and a second change made before that (two date fields in a row) must build on
  // the first, not on the filters still on screen (which once dropped the first change, or brought
  // back a filter just cleared).
  const pending = useRef<PostFilters | null>(null);
  if (pending.current && serializeFilters(pending.current).toString() === serializeFilters(filters).toString()) pending.current = null;
  const latest = useRef(filters);
  latest.current = pending.current ?? filters;
  // A change of filters or sort starts at the first page (serializeFilters leaves the cursors out).
  const setFilters = useCallback(
    (change: Partial<PostFilters>) => {
      const next = { ...latest.current, ...change };
      pending.current = next;
      latest.current = next;
      setParams(serializeFilters(next), { replace: true });
    },
    [setParams],
  );
  const pages = useUrlPages(params, setParams);
  const badRange = invalidRange(filters);
  const variables = useMemo(() => toVariables(filters, timeZone, pages.after, earliest), [filters, timeZone, pages.after, earliest]);

  const [options, reloadOptions] = useQuery({ query: PostFilterOptionsQuery });
  const [{ data, error, fetching }, refetch] = useQuery({ query: PostsQuery, variables, pause: badRange });
  const connection = data?.activities;
  const filtered = hasFilters(filters);
  const firstIndex = (pages.page - 1) * PAGE_SIZE + 1;

  return (
    <>
      <PageHeader
        title="Posts"
        description="Every post of your connected accounts, with its latest numbers."
        actions={
          <>
            <Button
              variant="secondary"
              loading={csv.busy}
              disabled={badRange || !mayExport.allowed}
              aria-describedby={mayExport.allowed ? undefined : 'export-role'}
              onClick={() => void csv.run(exportInput(filters, todayIn(timeZone), earliest))}
              title="Exports the posts of the selected dates, account and category"
            >
              Export CSV
            </Button>
            <RoleNote permission={mayExport} id="export-role" />
          </>
        }
      />
      {(csv.error || csv.done) && (
        <p className={`small ${csv.error ? 'alert' : 'muted'}`} role={csv.error ? 'alert' : 'status'}>
          {csv.error ?? `${csv.done} The export covers every filter shown.`}
        </p>
      )}
      <div className="stack">
        <Card>
          <PostFiltersBar value={filters} onChange={setFilters} options={options.data ?? null} earliest={earliest} />
          {options.error && !options.data && (
            <p className="small error" role="alert" style={{ margin: '8px 0 0' }}>
              The lists of accounts and categories could not be loaded.{' '}
              <button type="button" className="link-button" onClick={() => reloadOptions({ requestPolicy: 'network-only' })}>
                Try again
              </button>
            </p>
          )}
        </Card>
        <Card>
          {error && !connection ? (
            <ErrorState title="Posts could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
          ) : badRange ? (
            <EmptyState title="Check the dates">Pick a start date on or before the end date.</EmptyState>
          ) : !connection ? (
            <LoadingBlock lines={8} height={28} label="Loading posts" />
          ) : connection.edges.length === 0 ? (
            filtered ? (
              <EmptyState
                title="No posts match these filters"
                action={
                  <Button variant="secondary" onClick={() => setFilters({ ...DEFAULT_FILTERS, sort: filters.sort, dir: filters.dir })}>
                    Clear filters
                  </Button>
                }
              >
                Try a wider date range, another account, or fewer filters.
              </EmptyState>
            ) : (
              <EmptyState title="No posts yet">
                Posts appear here after you connect a social account and its first sync finishes. Connected accounts sync {SYNC_FREQUENCY}, and whenever you choose Sync now.
              </EmptyState>
            )
          ) : (
            <div className="stack" aria-busy={fetching || undefined}>
              <p className="small muted" role="status" aria-live="polite">
                {connection.totalCount === 1
                  ? '1 post'
                  : `Showing ${formatNumber(firstIndex, { compact: false })}–${formatNumber(firstIndex + connection.edges.length - 1, { compact: false })} of ${formatNumber(connection.totalCount, { compact: false })} posts`}
              </p>
              <PostsTable
                rows={connection.edges.map((e) => e.node)}
                sort={{ field: filters.sort, direction: filters.dir }}
                onSort={(sort, dir) => setFilters({ sort, dir })}
                timeZone={timeZone}
              />
              {(pages.page > 1 || connection.pageInfo.hasNextPage) && (
                <nav className="row pager" aria-label="Pages of posts">
                  <Button variant="secondary" disabled={pages.page === 1} onClick={pages.previous}>
                    ← Previous
                  </Button>
                  <span className="small muted">Page {pages.page}</span>
                  <Button
                    variant="secondary"
                    disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
                    onClick={() => pages.next(connection.pageInfo.endCursor!)}
                  >
                    Next →
                  </Button>
                </nav>
              )}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
