import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql, getFragmentData } from '../../gql';
import { useTitle } from '../../lib/useTitle';
import { Card } from '../../ui/Card';
import { ErrorState, LoadingBlock, Skeleton } from '../../ui/States';
import { usePermissions } from '../workspaces/workspace';
import { ReportDocument, ReportDocumentFragment } from './ReportDocument';
import { ReportExportMenu, ReportExportStatus } from './ReportExportMenu';
import { ShareLinksButton } from './ShareLinksPanel';
import { useReportExport } from './useReportExport';
import { ReportSchedulePanel } from './ReportSchedulePanel';

export const ReportViewQuery = graphql(`
  query ReportView($id: ID!) {
    reportData(id: $id) {
      ...ReportDocument_ReportData
    }
  }
`);

/** A saved report, rendered from its configuration with the dashboard's components. */
export function ReportViewPage() {
  const { id = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: ReportViewQuery, variables: { id } });
  const r = data?.reportData ? getFragmentData(ReportDocumentFragment, data.reportData) : undefined;
  useTitle(r ? r.report.name : 'Report');
  const mayEdit = usePermissions().can('editReports');
  const mayExport = usePermissions().can('exportData');
  const exporter = useReportExport();
  if (!data?.reportData) {
    return (
      <div className="stack">
        <div className="page-header">
          <div>
            <h1>Report</h1>
          </div>
        </div>
        {error ? (
          <div data-report-error="">
            <Card>
              <ErrorState title="The report could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
            </Card>
          </div>
        ) : (
          <div className="stack" role="status" aria-label="Loading the report">
            <Skeleton height={92} />
            <LoadingBlock lines={6} height={28} />
          </div>
        )}
      </div>
    );
  }
  return (
    <>
      <ReportDocument
        report={data.reportData}
        actions={
          <>
            <Link to="/reports" className="btn btn-ghost btn-sm">
              All reports
            </Link>
            {mayExport.allowed && <ReportExportMenu reportId={id} exporter={exporter} />}
            {mayEdit.allowed && <ShareLinksButton reportId={id} reportName={r?.report.name ?? ''} timeZone={r?.timezone ?? 'UTC'} />}
            {mayEdit.allowed && (
              <Link to={`/reports/${id}/edit`} className="btn btn-secondary btn-sm">
                Edit
              </Link>
            )}
          </>
        }
        notice={<ReportExportStatus exporter={exporter} />}
      />
      <ReportSchedulePanel reportId={id} timezone={r?.timezone ?? 'UTC'} />
    </>
  );
}
