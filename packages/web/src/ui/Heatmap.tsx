import { formatPercent } from '../lib/format';

export interface HeatmapCell {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  dayOfWeek: number;
  hour: number;
  value: number | null;
  sampleSize: number;
  /** The cell had too few posts and shows the account's broader average instead. */
  fallback?: boolean;
  low?: number | null;
  high?: number | null;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function colour(t: number): string {
  // Light lavender → brand violet.
  const from = [238, 234, 255];
  const to = [91, 61, 245];
  const mix = from.map((f, i) => Math.round(f + (to[i]! - f) * t));
  return `rgb(${mix.join(',')})`;
}

/**
 * Day-of-week × hour grid (CSS grid, one focusable cell per slot with a full text description).
 * Values are engagement rates; hatched cells are fallbacks to the broader average.
 */
export function Heatmap({ cells, label }: { cells: HeatmapCell[]; label: string }) {
  const values = cells.map((c) => c.value).filter((v): v is number => v !== null);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const at = new Map(cells.map((c) => [`${c.dayOfWeek}:${c.hour}`, c]));
  return (
    <div role="group" aria-label={label}>
      <div className="heatmap">
        <span />
        {Array.from({ length: 24 }, (_, h) => (
          <span key={h} className="heatmap-label" aria-hidden="true">
            {h % 3 === 0 ? h : ''}
          </span>
        ))}
        {DAYS.map((day, di) => (
          <div key={day} style={{ display: 'contents' }}>
            <span className="heatmap-label">{day}</span>
            {Array.from({ length: 24 }, (_, h) => {
              const c = at.get(`${di + 1}:${h}`);
              const v = c?.value ?? null;
              const t = v === null || max === min ? 0 : (v - min) / (max - min);
              const desc = c
                ? `${day} ${String(h).padStart(2, '0')}:00 — ${v === null ? 'no data' : formatPercent(v)} from ${c.sampleSize} posts${
                    c.fallback ? ' (too few posts: account average shown)' : ''
                  }${c.low != null && c.high != null ? `, likely between ${formatPercent(c.low)} and ${formatPercent(c.high)}` : ''}`
                : `${day} ${h}:00 — no data`;
              return (
                <span
                  key={h}
                  className={`heatmap-cell${c?.fallback ? ' fallback' : ''}`}
                  style={{ background: v === null ? 'var(--c-surface-2)' : colour(t) }}
                  title={desc}
                  aria-label={desc}
                  role="img"
                />
              );
            })}
          </div>
        ))}
      </div>
      <p className="small muted" style={{ marginTop: 8 }}>
        Darker is better. Hatched cells had too few posts and show the account&apos;s broader average.
      </p>
    </div>
  );
}
