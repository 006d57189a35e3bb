import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { ExportCsvInput } from '../../gql/graphql';
import { useSession } from '../../lib/auth/SessionProvider';
import { saveFile } from '../../lib/download';
import { toFormErrors } from '../../lib/errors';

const ExportCsvMutation = graphql(`
  mutation ExportCsv($input: ExportCsvInput!) {
    exportCsv(input: $input) {
      filename
      rowCount
      csv
      downloadUrl
    }
  }
`);

/**
 * CSV export: small reports come back inline, large ones as a short-lived link that needs the
 * same bearer token (so it is fetched here and saved as a file, never opened as a plain link).
 */
export function useCsvExport() {
  const session = useSession();
  const [state, exportCsv] = useMutation(ExportCsvMutation);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(input: ExportCsvInput) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await exportCsv({ input });
      const out = r.data?.exportCsv;
      if (!out) return setError(toFormErrors(r.error).form ?? 'The export failed.');
      if (out.csv != null) {
        saveFile(out.csv, out.filename);
      } else if (out.downloadUrl) {
        const token = await session.getAccessToken();
        // The link is built from the server's PUBLIC_URL; fetch its path from this origin, which
        // serves (or, in development, proxies) /exports too.
        const link = new URL(out.downloadUrl, window.location.origin);
        const res = await fetch(link.pathname + link.search, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
        if (!res.ok) return setError('The export could not be downloaded. Try again.');
        saveFile(await res.blob(), out.filename);
      }
      setDone(`${out.rowCount} row${out.rowCount === 1 ? '' : 's'} exported to ${out.filename}.`);
    } catch {
      setError('Cannot reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }
  return { run, busy: busy || state.fetching, error, done };
}
