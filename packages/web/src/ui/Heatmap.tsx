import { formatPercent } from '../lib/format';

export interface HeatmapCell {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  dayOfWeek: number;
  hour: number;
  value: number | null;
  /** Posts behind `value` (the cell's own, or those of the broader average it fell back to). */
  sampleSize: number;
  /** The cell's own posts (defaults to sampleSize). */
  posts?: number;
  /** The cell had too few posts and shows a broader average: its hour over all weekdays, or the overall one. */
  fallback?: 'hour' | 'overall' | null;
  low?: number | null;
  high?: number | null;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What a cell's colour stands for, in words (its title and accessible name). */
export function describeCell(day: string, hour: number, c: HeatmapCell): string {
  const slot = `${day} ${String(hour).padStart(2, '0')}:00`;
  if (c.value === null) return `${slot} — no data`;
  const range = c.low != null && c.high != null ? `, likely between ${formatPercent(c.low)} and ${formatPercent(c.high)}` : '';
  if (!c.fallback) return `${slot} — ${formatPercent(c.value)} from ${plural(c.sampleSize, 'post')}${range}`;
  const own = c.posts ?? 0;
  const what = c.fallback === 'hour' ? `the ${String(hour).padStart(2, '0')}:00 average over all weekdays` : 'the overall average';
  return `${slot} — too few posts here (${own}): ${formatPercent(c.value)} is ${what}, from ${plural(c.sampleSize, 'post')}${range}`;
}

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
              const desc = c ? describeCell(day, h, c) : `${day} ${String(h).padStart(2, '0')}:00 — no data`;
              return (
                <span
                  key={h}
                  className={`heatmap-cell${c?.fallback ? ' fallback' : ''}`}
                  // backgroundColor, not the background shorthand: that would reset the hatching's background-image.
                  style={{ backgroundColor: v === null ? 'var(--c-surface-2)' : colour(t) }}
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
        Darker is better. Hatched cells had too few posts of their own and show the average of their hour, or the overall average.
      </p>
    </div>
  );
}
