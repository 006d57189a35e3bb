import { Button } from './Button';

/** "Newest" / "Older" under a cursor-paged list, with the total: `onPage(cursor)` moves, null back to the first page. */
export function Pager({
  after,
  pageInfo,
  totalCount,
  onPage,
}: {
  after: string | null;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount: number;
  onPage: (after: string | null) => void;
}) {
  return (
    <div className="row" style={{ gap: 8 }}>
      {after && (
        <Button size="sm" variant="ghost" onClick={() => onPage(null)}>
          Newest
        </Button>
      )}
      {pageInfo.hasNextPage && (
        <Button size="sm" variant="ghost" onClick={() => onPage(pageInfo.endCursor ?? null)}>
          Older
        </Button>
      )}
      <span className="small muted">{totalCount} in all</span>
    </div>
  );
}
