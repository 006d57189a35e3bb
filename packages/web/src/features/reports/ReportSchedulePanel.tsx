import { REPORT_SCHEDULE_MAX_MONTH_DAY, REPORT_SCHEDULE_MAX_RECIPIENTS, WEEKDAY_NAMES } from '@soash/shared';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ReportPaper, ReportScheduleFrequency, ReportSchedulesQuery } from '../../gql/graphql';
import { toFormErrors } from '../../lib/errors';
import { formatDate, formatPeriod } from '../../lib/format';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SelectField, TextAreaField } from '../../ui/Field';
import { Pager } from '../../ui/Pager';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { usePermissions } from '../workspaces/workspace';

export const ReportSchedulesQueryDoc = graphql(`
  query ReportSchedules($reportId: ID!) {
    reportSchedules(reportId: $reportId) {
      id
      frequency
      weekday
      dayOfMonth
      hour
      paper
      memberIds
      emails
      enabled
      nextRunAt
      lastRunAt
      timezone
      description
    }
    members {
      userId
      name
      email
      isActive
    }
  }
`);

export const ReportScheduleDeliveriesQuery = graphql(`
  query ReportScheduleDeliveries($scheduleId: ID!, $first: Int, $after: String) {
    reportDeliveries(scheduleId: $scheduleId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          scheduledFor
          createdAt
          attemptCount
          nextAttemptAt
          error
          rangeFrom
          rangeTo
          timezone
          recipients {
            email
            status
            reason
          }
        }
      }
    }
  }
`);

const CreateReportScheduleMutation = graphql(`
  mutation CreateReportSchedule($input: CreateReportScheduleInput!) {
    createReportSchedule(input: $input) {
      id
    }
  }
`);

const UpdateReportScheduleMutation = graphql(`
  mutation UpdateReportSchedule($id: ID!, $input: UpdateReportScheduleInput!) {
    updateReportSchedule(id: $id, input: $input) {
      id
      nextRunAt
    }
  }
`);

const PauseReportScheduleMutation = graphql(`
  mutation PauseReportSchedule($id: ID!) {
    pauseReportSchedule(id: $id) {
      id
      enabled
      nextRunAt
    }
  }
`);

const ResumeReportScheduleMutation = graphql(`
  mutation ResumeReportSchedule($id: ID!) {
    resumeReportSchedule(id: $id) {
      id
      enabled
      nextRunAt
    }
  }
`);

const DeleteReportScheduleMutation = graphql(`
  mutation DeleteReportSchedule($id: ID!) {
    deleteReportSchedule(id: $id)
  }
`);

const RetryReportDeliveryMutation = graphql(`
  mutation RetryReportDelivery($id: ID!) {
    retryReportDelivery(id: $id) {
      id
      status
    }
  }
`);

const CONTEXT = { additionalTypenames: ['ReportSchedule', 'ReportDelivery'] };
const PAGE = 10;

type Schedule = ReportSchedulesQuery['reportSchedules'][number];
type Member = ReportSchedulesQuery['members'][number];

const DELIVERY_TONE = { PENDING: 'warning', SENT: 'success', PARTIAL: 'warning', FAILED: 'danger' } as const;
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Addresses typed one per line or separated by commas or spaces. */
function parseEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface FormState {
  frequency: ReportScheduleFrequency;
  weekday: number;
  dayOfMonth: number;
  hour: number;
  paper: ReportPaper;
  memberIds: string[];
  emails: string;
}

const FIELDS = ['frequency', 'weekday', 'dayOfMonth', 'hour', 'paper', 'memberIds', 'emails', 'reportId'] as const;

function ScheduleForm({
  reportId,
  schedule,
  members,
  timezone,
  onDone,
}: {
  reportId: string;
  schedule?: Schedule;
  members: Member[];
  timezone: string;
  onDone: () => void;
}) {
  const [form, setForm] = useState<FormState>(() => ({
    frequency: schedule?.frequency ?? 'WEEKLY',
    weekday: schedule?.weekday ?? 1,
    dayOfMonth: schedule?.dayOfMonth ?? 1,
    hour: schedule?.hour ?? 9,
    paper: schedule?.paper ?? 'A4',
    memberIds: schedule?.memberIds ?? [],
    emails: (schedule?.emails ?? []).join('\n'),
  }));
  const [errors, setErrors] = useState<{ fields: Record<string, string>; form: string | null }>({ fields: {}, form: null });
  const [creating, create] = useMutation(CreateReportScheduleMutation);
  const [updating, update] = useMutation(UpdateReportScheduleMutation);
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));
  const active = members.filter((m) => m.isActive);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const emails = parseEmails(form.emails);
    if (!form.memberIds.length && !emails.length) return setErrors({ fields: { memberIds: 'Choose at least one member or enter an email address.' }, form: null });
    const rule = {
      frequency: form.frequency,
      weekday: form.frequency === 'WEEKLY' ? form.weekday : null,
      dayOfMonth: form.frequency === 'MONTHLY' ? form.dayOfMonth : null,
      hour: form.hour,
      paper: form.paper,
      memberIds: form.memberIds,
      emails,
    };
    const r = schedule ? await update({ id: schedule.id, input: rule }, CONTEXT) : await create({ input: { reportId, ...rule } }, CONTEXT);
    if (r.error) return setErrors(toFormErrors(r.error, FIELDS));
    setErrors({ fields: {}, form: null });
    onDone();
  }

  const label = schedule ? 'Edit the schedule' : 'New schedule';
  return (
    <form className="stack schedule-form" onSubmit={submit} noValidate aria-label={label}>
      <div className="schedule-form-grid">
        <SelectField label="Frequency" value={form.frequency} onChange={(e) => set('frequency', e.target.value as ReportScheduleFrequency)} error={errors.fields.frequency}>
          <option value="WEEKLY">Weekly</option>
          <option value="MONTHLY">Monthly</option>
        </SelectField>
        {form.frequency === 'WEEKLY' ? (
          <SelectField label="Day" value={form.weekday} onChange={(e) => set('weekday', Number(e.target.value))} error={errors.fields.weekday}>
            {WEEKDAY_NAMES.map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </SelectField>
        ) : (
          <SelectField
            label="Day of the month"
            hint={`1 to ${REPORT_SCHEDULE_MAX_MONTH_DAY}: a day every month has.`}
            value={form.dayOfMonth}
            onChange={(e) => set('dayOfMonth', Number(e.target.value))}
            error={errors.fields.dayOfMonth}
          >
            {Array.from({ length: REPORT_SCHEDULE_MAX_MONTH_DAY }, (_, i) => (
              <option key={i} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label="Time" hint={`In the workspace's timezone, ${timezone}.`} value={form.hour} onChange={(e) => set('hour', Number(e.target.value))} error={errors.fields.hour}>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>
              {hourLabel(h)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Paper" value={form.paper} onChange={(e) => set('paper', e.target.value as ReportPaper)} error={errors.fields.paper}>
          <option value="A4">A4</option>
          <option value="LETTER">Letter</option>
        </SelectField>
      </div>
      <fieldset className="field checklist" aria-describedby={errors.fields.memberIds ? 'schedule-members-error' : undefined}>
        <legend className="field-label">Members</legend>
        {active.length === 0 && <span className="small muted">No members to choose.</span>}
        {active.map((m) => (
          <label key={m.userId}>
            <input
              type="checkbox"
              checked={form.memberIds.includes(m.userId)}
              onChange={(e) => set('memberIds', e.target.checked ? [...form.memberIds, m.userId] : form.memberIds.filter((x) => x !== m.userId))}
            />
            <span>
              {m.name} <span className="muted small">{m.email}</span>
            </span>
          </label>
        ))}
        {errors.fields.memberIds && (
          <span className="error" id="schedule-members-error" role="alert">
            {errors.fields.memberIds}
          </span>
        )}
      </fieldset>
      <TextAreaField
        label="Outside email addresses"
        hint={`One per line (clients, for example). Each mail carries an unsubscribe link. At most ${REPORT_SCHEDULE_MAX_RECIPIENTS} recipients in all.`}
        value={form.emails}
        onChange={(e) => set('emails', e.target.value)}
        error={errors.fields.emails}
        rows={3}
        spellCheck={false}
      />
      {errors.form && (
        <p className="error small" role="alert">
          {errors.form}
        </p>
      )}
      <div className="row" style={{ gap: 8 }}>
        <Button type="submit" loading={creating.fetching || updating.fetching}>
          {schedule ? 'Save schedule' : 'Create schedule'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function DeliveryHistory({ scheduleId, mayEdit }: { scheduleId: string; mayEdit: boolean }) {
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({ query: ReportScheduleDeliveriesQuery, variables: { scheduleId, first: PAGE, after }, context: CONTEXT });
  const [retrying, retry] = useMutation(RetryReportDeliveryMutation);
  if (error) return <ErrorState title="The delivery history could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data && fetching) return <LoadingBlock lines={2} label="Loading deliveries" />;
  const page = data?.reportDeliveries;
  if (!page || page.edges.length === 0) return <p className="small muted">Not sent yet: the first delivery appears here after the next run.</p>;
  return (
    <div className="stack" style={{ gap: 6 }}>
      <ul className="api-key-list" aria-label="Deliveries">
        {page.edges.map(({ node: d }) => {
          const attempted = d.recipients.filter((r) => r.status !== 'SKIPPED');
          const sent = attempted.filter((r) => r.status === 'SENT').length;
          const skipped = d.recipients.filter((r) => r.status === 'SKIPPED');
          return (
            <li key={d.id} className="api-key-row">
              <div className="stack" style={{ gap: 2, minWidth: 0 }}>
                <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
                  <span>{formatDate(String(d.createdAt), d.timezone, true)}</span>
                  <Badge tone={DELIVERY_TONE[d.status]}>{d.status.toLowerCase()}</Badge>
                  <span className="small muted">
                    {sent} of {attempted.length} sent · {d.attemptCount} {d.attemptCount === 1 ? 'attempt' : 'attempts'}
                    {d.rangeFrom && d.rangeTo ? ` · ${formatPeriod(d.rangeFrom, d.rangeTo)}` : ''}
                  </span>
                </div>
                <span className="small muted">
                  {d.recipients.map((r) => `${r.email} (${r.status.toLowerCase()}${r.reason ? `: ${r.reason}` : ''})`).join(', ')}
                </span>
                {d.error && <span className="small">{d.error}</span>}
                {d.status === 'PENDING' && d.nextAttemptAt && <span className="small muted">Next attempt {formatDate(String(d.nextAttemptAt), d.timezone, true)}</span>}
                {skipped.length > 0 && <span className="small muted">{skipped.length} skipped</span>}
              </div>
              {mayEdit && (d.status === 'FAILED' || d.status === 'PARTIAL') && (
                <Button size="sm" variant="ghost" loading={retrying.fetching && retrying.operation?.variables.id === d.id} onClick={() => retry({ id: d.id }, CONTEXT)} aria-label="Retry this delivery">
                  Retry
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {retrying.error && (
        <span className="error small" role="alert">
          {toFormErrors(retrying.error).form}
        </span>
      )}
      {retrying.data && <span className="small">Retry queued: it appears above within a minute.</span>}
      <Pager after={after} pageInfo={page.pageInfo} totalCount={page.totalCount} onPage={setAfter} />
    </div>
  );
}

function ScheduleItem({ schedule, reportId, members, mayEdit }: { schedule: Schedule; reportId: string; members: Member[]; mayEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [pausing, pause] = useMutation(PauseReportScheduleMutation);
  const [resuming, resume] = useMutation(ResumeReportScheduleMutation);
  const [deleting, remove] = useMutation(DeleteReportScheduleMutation);
  const error = pausing.error ?? resuming.error ?? deleting.error;
  const byId = new Map(members.map((m) => [m.userId, m]));
  const who = [
    ...schedule.memberIds.map((id) => {
      const m = byId.get(id);
      return m ? (m.isActive ? m.name : `${m.name} (left the workspace)`) : 'a former member';
    }),
    ...schedule.emails,
  ];
  if (editing) {
    return (
      <li className="schedule-item">
        <ScheduleForm reportId={reportId} schedule={schedule} members={members} timezone={schedule.timezone} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="schedule-item">
      <div className="row" style={{ gap: 8, flexWrap: 'wrap', justifyContent: 'space-between' }}>
        <div className="stack" style={{ gap: 2, minWidth: 0, flex: '1 1 240px' }}>
          <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
            <strong>{schedule.description}</strong>
            <Badge tone={schedule.enabled ? 'success' : 'neutral'}>{schedule.enabled ? 'active' : 'paused'}</Badge>
            <span className="small muted">{schedule.paper === 'LETTER' ? 'Letter' : 'A4'} PDF</span>
          </div>
          <span className="small" data-testid="schedule-next-run">
            {schedule.enabled && schedule.nextRunAt ? `Next: ${formatDate(String(schedule.nextRunAt), schedule.timezone, true)} (${schedule.timezone})` : 'Paused: nothing is sent.'}
          </span>
          <span className="small muted">To: {who.join(', ') || 'nobody'}</span>
          {error && (
            <span className="error small" role="alert">
              {toFormErrors(error).form}
            </span>
          )}
        </div>
        <span className="row" style={{ gap: 4, flexWrap: 'wrap' }}>
          {mayEdit && (
            <>
              <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label={`Edit ${schedule.description}`}>
                Edit
              </Button>
              {schedule.enabled ? (
                <Button size="sm" variant="ghost" loading={pausing.fetching} onClick={() => pause({ id: schedule.id }, CONTEXT)} aria-label={`Pause ${schedule.description}`}>
                  Pause
                </Button>
              ) : (
                <Button size="sm" variant="ghost" loading={resuming.fetching} onClick={() => resume({ id: schedule.id }, CONTEXT)} aria-label={`Resume ${schedule.description}`}>
                  Resume
                </Button>
              )}
              <Button size="sm" variant="ghost" onClick={() => setConfirm(true)} aria-label={`Delete ${schedule.description}`}>
                Delete
              </Button>
            </>
          )}
          <Button size="sm" variant="ghost" onClick={() => setHistory((h) => !h)} aria-expanded={history} aria-label={`Deliveries of ${schedule.description}`}>
            {history ? 'Hide history' : 'History'}
          </Button>
        </span>
      </div>
      {history && <DeliveryHistory scheduleId={schedule.id} mayEdit={mayEdit} />}
      <ConfirmDialog
        open={confirm}
        title="Delete this schedule?"
        confirmLabel="Delete schedule"
        danger
        busy={deleting.fetching}
        onCancel={() => setConfirm(false)}
        onConfirm={async () => {
          await remove({ id: schedule.id }, CONTEXT);
          setConfirm(false);
        }}
      >
        <p>Nobody gets this report on this schedule any more, and its delivery history is deleted.</p>
      </ConfirmDialog>
    </li>
  );
}

/** The report page's "Schedule" panel: who gets this report by email (PDF attached), when, and how each delivery went. */
export function ReportSchedulePanel({ reportId, timezone }: { reportId: string; timezone: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ReportSchedulesQueryDoc, variables: { reportId }, context: CONTEXT });
  const mayEdit = usePermissions().can('editReports');
  const [adding, setAdding] = useState(false);
  let body;
  if (error && !data) {
    body = <ErrorState title="The schedules could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  } else if (!data && fetching) {
    body = <LoadingBlock lines={2} label="Loading schedules" />;
  } else {
    const schedules = data?.reportSchedules ?? [];
    const members = data?.members ?? [];
    body = (
      <div className="stack">
        {schedules.length === 0 && !adding ? (
          <EmptyState title="Not scheduled">
            {mayEdit.allowed ? 'Mail this report as a PDF every week or month, to members and to outside addresses.' : 'Editors and above can mail this report on a schedule.'}
          </EmptyState>
        ) : (
          <ul className="schedule-list" aria-label="Schedules">
            {schedules.map((s) => (
              <ScheduleItem key={s.id} schedule={s} reportId={reportId} members={members} mayEdit={mayEdit.allowed} />
            ))}
          </ul>
        )}
        {adding && <ScheduleForm reportId={reportId} members={members} timezone={timezone} onDone={() => setAdding(false)} />}
        {!adding && mayEdit.allowed && (
          <div>
            <Button size="sm" variant="secondary" onClick={() => setAdding(true)}>
              Add a schedule
            </Button>
          </div>
        )}
      </div>
    );
  }
  return (
    <Card title="Schedule" labelledBy="report-schedule" className="report-schedule no-print">
      {body}
    </Card>
  );
}
