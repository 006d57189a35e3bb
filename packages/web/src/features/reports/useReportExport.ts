import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useSession } from '../../lib/auth/SessionProvider';
import { saveFile } from '../../lib/download';
import { toFormErrors } from '../../lib/errors';

export const ExportReportMutation = graphql(`
  mutation ExportReport($id: ID!) {
    exportReport(id: $id, format: XLSX) {
      filename
      downloadUrl
    }
  }
`);

/** Excel export of a saved report: the API renders the file behind a short-lived link that needs the same bearer token. */
export function useReportExport() {
  const session = useSession();
  const [state, exportReport] = useMutation(ExportReportMutation);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(id: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await exportReport({ id });
      const out = r.data?.exportReport;
      if (!out) return setError(toFormErrors(r.error).form ?? 'The export failed.');
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
      setBusy(false);
    }
  }
  return { run, busy: busy || state.fetching, error, done };
}
