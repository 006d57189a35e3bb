import { Button } from '../../ui/Button';
import { exportKey, type ReportExportChoice, type useReportExport } from './useReportExport';

const CHOICES: Array<ReportExportChoice & { label: string; description: string }> = [
  { format: 'XLSX', label: 'Excel', description: 'Excel workbook, one sheet per section' },
  { format: 'PDF', paper: 'A4', label: 'PDF (A4)', description: 'PDF on A4 paper, with the charts' },
  { format: 'PDF', paper: 'LETTER', label: 'PDF (Letter)', description: 'PDF on US Letter paper, with the charts' },
];

/** The report page's export buttons: Excel and a PDF on A4 or Letter; one export at a time, with a spinner on the one that runs. */
export function ReportExportMenu({ reportId, exporter }: { reportId: string; exporter: ReturnType<typeof useReportExport> }) {
  return (
    <div className="row" role="group" aria-label="Export" style={{ gap: 6 }}>
      {CHOICES.map((c) => (
        <Button
          key={exportKey(c)}
          size="sm"
          variant="secondary"
          title={c.description}
          loading={exporter.running === exportKey(c)}
          disabled={exporter.busy}
          onClick={() => void exporter.run(reportId, c)}
        >
          {c.label}
        </Button>
      ))}
    </div>
  );
}

/** What the last export said: where it was saved, or why it failed. */
export function ReportExportStatus({ exporter }: { exporter: ReturnType<typeof useReportExport> }) {
  if (exporter.busy) {
    return (
      <p className="small muted no-print" role="status">
        Preparing the file…
      </p>
    );
  }
  if (!exporter.error && !exporter.done) return null;
  return (
    <p className={`small no-print ${exporter.error ? 'error' : 'muted'}`} role={exporter.error ? 'alert' : 'status'}>
      {exporter.error ?? exporter.done}
    </p>
  );
}
