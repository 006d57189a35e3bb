import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { ReportExportFormat, ReportPaper } from '../../gql/graphql';
import { useSession } from '../../lib/auth/SessionProvider';
import { saveFile } from '../../lib/download';
import { toFormErrors } from '../../lib/errors';

export const ExportReportMutation = graphql(`
  mutation ExportReport($id: ID!, $format: ReportExportFormat!, $paper: ReportPaper) {
    exportReport(id: $id, format: $format, paper: $paper) {
      filename
      downloadUrl
    }
  }
`);

/** One export of a report: Excel, or a PDF on A4 or Letter. */
export interface ReportExportChoice {
  format: ReportExportFormat;
  paper?: ReportPaper;
}

/** Which choice an export is ("PDF-A4", "XLSX"), so a page can show a spinner on the one that runs. */
export const exportKey = (c: ReportExportChoice) => (c.paper ? `${c.format}-${c.paper}` : c.format);

/**
 * Exports a saved report: the API renders the file (an Excel workbook, or the report page printed
 * as a PDF) behind a short-lived link that needs the same bearer token, which this then downloads.
 */
export function useReportExport() {
  const session = useSession();
  const [, exportReport] = useMutation(ExportReportMutation);
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(id: string, choice: ReportExportChoice) {
    setRunning(exportKey(choice));
    setError(null);
    setDone(null);
    try {
      const r = await exportReport({ id, format: choice.format, paper: choice.paper ?? null });
      const out = r.data?.exportReport;
      if (!out) {
        const code = r.error?.graphQLErrors[0]?.extensions?.code;
        if (code === 'PDF_UNAVAILABLE') return setError(`${r.error?.graphQLErrors[0]?.message ?? 'The PDF could not be made.'} Excel still works.`);
        return setError(toFormErrors(r.error).form ?? 'The export failed.');
      }
      const token = await session.getAccessToken();
      // The link is built from the server's PUBLIC_URL; fetch its path from this origin, which
      // serves (or, in development, proxies) /exports too.
      const link = new URL(out.downloadUrl, window.location.origin);
      const res = await fetch(link.pathname, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (!res.ok) return setError('The file could not be downloaded. Try again.');
      saveFile(await res.blob(), out.filename);
      setDone(`Saved ${out.filename}.`);
    } catch {
      setError('Cannot reach the server. Check your connection and try again.');
    } finally {
      setRunning(null);
    }
  }
  return { run, running, busy: running !== null, error, done };
}
