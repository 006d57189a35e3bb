import type { ReactNode } from 'react';
import { formatDelta } from '../lib/format';

/** A headline number with its comparison (previous value and signed change). */
export function KpiCard({
  label,
  value,
  previous,
  deltaRatio,
  invert = false,
  hint,
  note,
  noComparison,
}: {
  label: string;
  value: string;
  previous?: string;
  deltaRatio?: number | null;
  /** For metrics where down is good. */
  invert?: boolean;
  hint?: string;
  /** A short visible line under the value, e.g. what a rate is divided by. */
  note?: string;
  /** Why there is no comparison (shown instead of "– vs –"). */
  noComparison?: ReactNode;
}) {
  const d = formatDelta(deltaRatio);
  const tone = d.tone === 'flat' ? 'flat' : (d.tone === 'up') !== invert ? 'up' : 'down';
  return (
    <div className="card" title={hint}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {note && <div className="small muted kpi-note">{note}</div>}
      {noComparison ? (
        <div className="small muted">{noComparison}</div>
      ) : deltaRatio !== undefined && (
        <div className="small">
          <span className={`delta-${tone}`}>{d.text}</span>
          {previous !== undefined && <span className="muted"> vs {previous}</span>}
        </div>
      )}
    </div>
  );
}
