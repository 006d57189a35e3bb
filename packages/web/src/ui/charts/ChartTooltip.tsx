import type { ReactNode } from 'react';

export interface TooltipRow {
  key: string;
  label: string;
  value: ReactNode;
  color?: string;
}

/**
 * The content of a chart tooltip: the period in the app's date format and one line per series
 * ("Engagements 1,234"), never recharts' default "value : 1234".
 */
export function ChartTooltipBox({ title, rows }: { title: string; rows: TooltipRow[] }) {
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{title}</div>
      {rows.map((r) => (
        <div key={r.key} className="chart-tooltip-row">
          {r.color && <span className="chip-dot" style={{ background: r.color }} aria-hidden="true" />}
          <span>{r.label}</span>
          <strong>{r.value}</strong>
        </div>
      ))}
    </div>
  );
}
