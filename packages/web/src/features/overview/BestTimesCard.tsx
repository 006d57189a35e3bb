import { graphql, type FragmentType, getFragmentData } from '../../gql';
import type { BestTimesHeatmap_BestTimesFragment } from '../../gql/graphql';
import { formatPercent } from '../../lib/format';
import { Heatmap, type HeatmapCell } from '../../ui/Heatmap';
import { EmptyState } from '../../ui/States';

export const BestTimesFragment = graphql(`
  fragment BestTimesHeatmap_BestTimes on BestTimes {
    timezone
    totalPosts
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
    fallback: c.source !== 'CELL',
    low: c.low ?? null,
    high: c.high ?? null,
  }));
}

export function slotLabel(c: { dayOfWeek: number; hour: number }): string {
  return `${DAY_NAMES[c.dayOfWeek - 1] ?? '?'} ${String(c.hour).padStart(2, '0')}:00–${String((c.hour + 1) % 24).padStart(2, '0')}:00`;
}

/** The weekday × hour heatmap of engagement rate, with the best supported slots spelled out. */
export function BestTimesView({ data: masked }: { data: FragmentType<typeof BestTimesFragment> }) {
  const d = getFragmentData(BestTimesFragment, masked);
  if (d.totalPosts === 0) return <EmptyState title="No posts in this range">The heatmap needs posts with a reach figure. Pick a longer range.</EmptyState>;
  return (
    <div className="stack">
      {d.best.length > 0 ? (
        <ol className="best-slots">
          {d.best.map((b) => (
            <li key={`${b.dayOfWeek}:${b.hour}`}>
              <strong>{slotLabel(b)}</strong> <span className="muted small">{formatPercent(b.value)} from {b.posts} posts</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="small muted">No slot has enough posts of its own yet ({d.minPosts} needed); the colours show broader averages.</p>
      )}
      <Heatmap cells={toHeatmapCells(d.cells)} label={`Engagement rate by weekday and hour (${d.timezone})`} />
      <p className="small muted">
        {d.totalPosts} posts · account average {formatPercent(d.accountAverage)} · hours in {d.timezone}
      </p>
    </div>
  );
}
