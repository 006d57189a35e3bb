import { useEffect, useState } from 'react';
import { formatPeriod } from '../../lib/format';
import './report-print.css';

/** Two animation frames: React has committed and the charts have measured their containers and drawn. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') return resolve();
    requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
  });
}

export interface ReportReadyInfo {
  name: string;
  title: string;
  range: { from: string; to: string };
  timezone: string;
}

/**
 * Rendered with a report once every section has its numbers (the report's one query answered):
 * after the fonts are loaded and the charts have drawn, it adds a hidden `[data-report-ready]`
 * element that tells the PDF renderer (packages/api/src/modules/reports/report-pdf.ts) to print,
 * and what to put in the page header: the title, the range as this page shows it, the timezone.
 * Also brings the print styles (report-print.css).
 */
export function ReportReadyMarker({ info }: { info: ReportReadyInfo }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      await document.fonts?.ready;
      await afterPaint();
      if (live) setReady(true);
    })();
    return () => {
      live = false;
    };
  }, []);
  if (!ready) return null;
  return (
    <div
      hidden
      data-report-ready=""
      data-report-name={info.name}
      data-report-title={info.title}
      data-report-from={info.range.from}
      data-report-to={info.range.to}
      data-report-period={formatPeriod(info.range.from, info.range.to)}
      data-report-timezone={info.timezone}
    />
  );
}
