import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { PageHeader } from '../../layout/AppShell';
import { toFormErrors } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { useTimeZone } from '../auth/viewer';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions } from '../workspaces/workspace';
import { DEFAULT_SECTIONS, rangeLabel, sectionLabel } from './options';

export const ReportsQuery = graphql(`
  query Reports {
    customReports {
      id
      name
      updatedAt
      sections
      range {
        preset
        from
        to
      }
    }
  }
`);

export const CreateReportMutation = graphql(`
  mutation CreateReport($input: CreateCustomReportInput!) {
    createCustomReport(input: $input) {
      id
      name
    }
  }
`);

export const RenameReportMutation = graphql(`
  mutation RenameReport($id: ID!, $name: String!) {
    updateCustomReport(id: $id, input: { name: $name }) {
      id
      name
      updatedAt
    }
  }
`);

export const DeleteReportMutation = graphql(`
  mutation DeleteReport($id: ID!) {
    deleteCustomReport(id: $id)
  }
`);

/** An empty list holds no CustomReport for the document cache to match: name the type. */
export const REPORTS_CONTEXT = { additionalTypenames: ['CustomReport'] };

type Row = { id: string; name: string; updatedAt: unknown; sections: readonly string[]; range: { preset: Parameters<typeof rangeLabel>[0]['preset']; from?: string | null; to?: string | null } };

function ReportRow({ report, mayEdit, timeZone }: { report: Row; mayEdit: boolean; timeZone: string }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(report.name);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [rename, runRename] = useMutation(RenameReportMutation);
  const [removal, runDelete] = useMutation(DeleteReportMutation);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError('Enter a name.');
    const r = await runRename({ id: report.id, name: name.trim() });
    if (r.error) {
      const f = toFormErrors(r.error, ['name']);
      return setError(f.fields.name ?? f.form);
    }
    setError(null);
    setEditing(false);
  }

  return (
    <li className="report-row">
      {editing ? (
        <form className="row" onSubmit={save} noValidate aria-label={`Rename ${report.name}`} style={{ flex: 1, alignItems: 'flex-end' }}>
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={error ?? undefined} maxLength={100} autoFocus />
          <Button type="submit" size="sm" loading={rename.fetching}>
            Save
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setEditing(false);
              setName(report.name);
              setError(null);
            }}
          >
            Cancel
          </Button>
        </form>
      ) : (
        <div style={{ minWidth: 0, flex: 1 }}>
          <Link to={`/reports/${report.id}`} className="post-link">
            {report.name}
          </Link>
          <div className="small muted">
            {rangeLabel(report.range)} · {report.sections.map((s) => sectionLabel(s as Parameters<typeof sectionLabel>[0])).join(', ')} · changed {formatDate(String(report.updatedAt), timeZone)}
          </div>
        </div>
      )}
      {mayEdit && !editing && (
        <span className="row" style={{ gap: 4 }}>
          <Link to={`/reports/${report.id}/edit`} className="btn btn-ghost btn-sm">
            Edit
          </Link>
          <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label={`Rename ${report.name}`}>
            Rename
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${report.name}`}>
            Delete
          </Button>
        </span>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete “${report.name}”?`}
        confirmLabel="Delete report"
        danger
        busy={removal.fetching}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const r = await runDelete({ id: report.id }, REPORTS_CONTEXT);
          if (!r.error) setConfirming(false);
        }}
      >
        The saved settings go; the numbers it showed stay on the dashboard.
        {removal.error && (
          <p className="error small" role="alert">
            {toFormErrors(removal.error).form}
          </p>
        )}
      </ConfirmDialog>
    </li>
  );
}

function NewReport() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [creation, create] = useMutation(CreateReportMutation);
  const navigate = useNavigate();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError('Enter a name.');
    const r = await create({ input: { name: name.trim(), range: { preset: 'LAST_28_DAYS' }, sections: [...DEFAULT_SECTIONS] } }, REPORTS_CONTEXT);
    if (r.error || !r.data) {
      const f = toFormErrors(r.error, ['name']);
      return setError(f.fields.name ?? f.form ?? 'The report could not be saved.');
    }
    navigate(`/reports/${r.data.createCustomReport.id}/edit`);
  }
  return (
    <form className="row" onSubmit={submit} noValidate aria-label="Create a report" style={{ alignItems: 'flex-end' }}>
      <TextField label="New report" placeholder="Monthly client report" value={name} onChange={(e) => setName(e.target.value)} error={error ?? undefined} maxLength={100} />
      <Button type="submit" loading={creation.fetching}>
        Create
      </Button>
    </form>
  );
}

export function ReportsPage() {
  useTitle('Reports');
  const timeZone = useTimeZone();
  const [{ data, error }, refetch] = useQuery({ query: ReportsQuery, context: REPORTS_CONTEXT });
  const mayEdit = usePermissions().can('editReports');
  const reports = data?.customReports;
  return (
    <>
      <PageHeader title="Reports" description="Saved views of your numbers: which accounts, which period, which sections, your branding." />
      <div className="stack">
        <Card>
          {mayEdit.allowed ? (
            <NewReport />
          ) : (
            <RoleNote permission={mayEdit} id="reports-role" />
          )}
        </Card>
        <Card title="Saved reports" labelledBy="saved-reports">
          {!reports ? (
            error ? (
              <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
            ) : (
              <LoadingBlock lines={3} height={22} label="Loading reports" />
            )
          ) : reports.length === 0 ? (
            <EmptyState title="No reports yet">{mayEdit.allowed ? 'Name one above to choose its accounts, period and sections.' : 'Editors can create reports for this workspace.'}</EmptyState>
          ) : (
            <ul className="report-list">
              {reports.map((r) => (
                <ReportRow key={r.id} report={r} mayEdit={mayEdit.allowed} timeZone={timeZone} />
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
