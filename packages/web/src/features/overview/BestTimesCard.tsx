import { graphql, type FragmentType, getFragmentData } from '../../gql';
import type { BestTimesHeatmap_BestTimesFragment } from '../../gql/graphql';
import { formatPercent } from '../../lib/format';
import { Heatmap, type HeatmapCell } from '../../ui/Heatmap';
import { EmptyState } from '../../ui/States';

export const BestTimesFragment = graphql(`
  fragment BestTimesHeatmap_BestTimes on BestTimes {
    timezone
    rateLabel
    totalPosts
    accounts
    minPosts
    accountAverage
    cells {
      dayOfWeek
      hour
      value
      low
      high
      posts
      source
      sourcePosts
    }
    best {
      dayOfWeek
      hour
      value
      low
      posts
    }
  }
`);

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** API cells → heatmap cells: a value from a broader average is marked as a fallback. */
export function toHeatmapCells(cells: BestTimesHeatmap_BestTimesFragment['cells']): HeatmapCell[] {
  return cells.map((c) => ({
    dayOfWeek: c.dayOfWeek,
    hour: c.hour,
    value: c.value ?? null,
    sampleSize: c.sourcePosts,
    posts: c.posts,
    fallback: c.source === 'HOUR' ? 'hour' : c.source === 'ACCOUNT' ? 'overall' : null,
    low: c.low ?? null,
    high: c.high ?? null,
  }));
}

export function slotLabel(c: { dayOfWeek: number; hour: number }): string {
  return `${DAY_NAMES[c.dayOfWeek - 1] ?? '?'} ${String(c.hour).padStart(2, '0')}:00–${String((c.hour + 1) % 24).padStart(2, '0')}:00`;
}

/**
 * The weekday × hour heatmap of engagement rate, with the recommended slots spelled out. A slot is
 * recommended only when even the low end of its likely range beats the average, so the list shows
 * and is ordered by that low end.
 */
export function BestTimesView({ data: masked }: { data: FragmentType<typeof BestTimesFragment> }) {
  const d = getFragmentData(BestTimesFragment, masked);
  if (d.totalPosts === 0) {
    return (
      <EmptyState title="No posts in this range">The heatmap needs posts with an engagement rate (reach, views or impressions). Pick a longer range.</EmptyState>
    );
  }
  const average = formatPercent(d.accountAverage);
  return (
    <div className="stack">
      {d.best.length > 0 ? (
        <>
          <p className="small muted">Slots that beat your average of {average} even at the low end of their likely range:</p>
          <ol className="best-slots">
            {d.best.map((b) => (
              <li key={`${b.dayOfWeek}:${b.hour}`}>
                <strong>{slotLabel(b)}</strong>{' '}
                <span className="small">
                  at least {formatPercent(b.low)} <span className="muted">(typically {formatPercent(b.value)}, {b.posts} posts)</span>
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="small muted">
          No slot clearly beats your average of {average} yet: a slot needs {d.minPosts} posts of its own and a likely range above the average. The colours show
          what there is so far.
        </p>
      )}
      <Heatmap cells={toHeatmapCells(d.cells)} label={`Engagement rate by weekday and hour (${d.timezone})`} />
      <p className="small muted">
        {d.totalPosts} {d.totalPosts === 1 ? 'post' : 'posts'}
        {d.accounts > 1 ? `, ${d.accounts} accounts each compared with its own average` : ''} · average {average} · {d.rateLabel} · hours in {d.timezone}
      </p>
    </div>
  );
}
