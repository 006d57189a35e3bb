import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ReportComparison, ReportRangePreset, ReportSection } from '../../gql/graphql';
import { PageHeader } from '../../layout/AppShell';
import { useFormErrors } from '../../lib/useForm';
import { accountLabel } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { SelectField, TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions, useWorkspacePlan } from '../workspaces/workspace';
import { COMPARISON_LABEL, COMPARISONS, move, RANGE_PRESETS, rangeLabel, sectionLabel, SECTIONS } from './options';

export const ReportEditQuery = graphql(`
  query ReportEdit($id: ID!) {
    customReport(id: $id) {
      id
      name
      platformIds
      comparison
      sections
      range {
        preset
        from
        to
      }
      branding {
        title
        accentColor
        footer
        logoUrl
        hideSoashMark
      }
    }
    platforms {
      id
      type
      username
      displayName
    }
  }
`);

export const SaveReportMutation = graphql(`
  mutation SaveReport($id: ID!, $input: UpdateCustomReportInput!) {
    updateCustomReport(id: $id, input: $input) {
      id
      name
      platformIds
      comparison
      sections
      updatedAt
      range {
        preset
        from
        to
      }
      branding {
        title
        accentColor
        footer
        logoUrl
        hideSoashMark
      }
    }
  }
`);

export interface Draft {
  name: string;
  platformIds: string[];
  preset: ReportRangePreset;
  from: string;
  to: string;
  comparison: ReportComparison;
  sections: ReportSection[];
  title: string;
  accentColor: string;
  footer: string;
  logoUrl: string;
  hideSoashMark: boolean;
}

const FIELDS = ['name', 'platformIds', 'from', 'to', 'range', 'sections', 'title', 'accentColor', 'footer', 'logoUrl', 'hideSoashMark'] as const;

/** What the form checks before asking the API (which checks again). */
export function validateDraft(d: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.name.trim()) errors.name = 'Enter a name.';
  if (d.preset === 'CUSTOM') {
    if (!d.from) errors.from = 'Choose the first day.';
    if (!d.to) errors.to = 'Choose the last day.';
    if (d.from && d.to && d.from > d.to) errors.from = 'The first day is after the last.';
  }
  if (d.sections.length === 0) errors.sections = 'Choose at least one section.';
  if (d.accentColor && !/^#[0-9A-Fa-f]{6}$/.test(d.accentColor)) errors.accentColor = 'Use a colour as #RRGGBB.';
  if (d.logoUrl && !/^https:\/\//i.test(d.logoUrl)) errors.logoUrl = 'Use an https address.';
  return errors;
}

/** The update input for a draft: every part of the configuration, branding as a whole. */
export function draftInput(d: Draft) {
  const blank = (s: string) => (s.trim() ? s.trim() : null);
  return {
    name: d.name.trim(),
    platformIds: d.platformIds,
    range: d.preset === 'CUSTOM' ? { preset: d.preset, from: d.from, to: d.to } : { preset: d.preset },
    comparison: d.comparison,
    sections: d.sections,
    branding: { title: blank(d.title), accentColor: blank(d.accentColor), footer: blank(d.footer), logoUrl: blank(d.logoUrl), hideSoashMark: d.hideSoashMark },
  };
}

function SectionsEditor({ value, onChange, error }: { value: ReportSection[]; onChange: (v: ReportSection[]) => void; error?: string }) {
  const unused = SECTIONS.filter((s) => !value.includes(s));
  return (
    <fieldset className="field checklist" aria-describedby={error ? 'sections-error' : undefined}>
      <legend className="field-label">Sections, in order</legend>
      <ol className="section-order">
        {value.map((s, i) => (
          <li key={s}>
            <span className="section-order-name">
              {i + 1}. {sectionLabel(s)}
            </span>
            <span className="row" style={{ gap: 4 }}>
              <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => onChange(move(value, i, -1))} aria-label={`Move ${sectionLabel(s)} up`}>
                ↑
              </Button>
              <Button size="sm" variant="ghost" disabled={i === value.length - 1} onClick={() => onChange(move(value, i, 1))} aria-label={`Move ${sectionLabel(s)} down`}>
                ↓
              </Button>
              <Button size="sm" variant="ghost" onClick={() => onChange(value.filter((x) => x !== s))} aria-label={`Remove ${sectionLabel(s)}`}>
                Remove
              </Button>
            </span>
          </li>
        ))}
      </ol>
      {unused.length > 0 && (
        <div className="row" style={{ gap: 6, flexWrap: 'wrap' }} role="group" aria-label="Add a section">
          {unused.map((s) => (
            <Button key={s} size="sm" variant="secondary" onClick={() => onChange([...value, s])} aria-label={`Add ${sectionLabel(s)}`}>
              + {sectionLabel(s)}
            </Button>
          ))}
        </div>
      )}
      {error && (
        <p className="error small" id="sections-error" role="alert" aria-invalid="true" tabIndex={-1}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function ReportBuilderPage() {
  const { id = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: ReportEditQuery, variables: { id } });
  const report = data?.customReport;
  useTitle(report ? `Edit ${report.name}` : 'Edit report');
  const mayEdit = usePermissions().can('editReports');
  const plan = useWorkspacePlan();
  const paid = plan.tier !== 'FREE';
  const [draft, setDraft] = useState<Draft | null>(null);
  const { errors, setErrors, fromApi, formRef } = useFormErrors(FIELDS);
  const [saving, save] = useMutation(SaveReportMutation);
  const navigate = useNavigate();

  useEffect(() => {
    if (!report || draft) return;
    setDraft({
      name: report.name,
      platformIds: [...report.platformIds],
      preset: report.range.preset,
      from: report.range.from ?? '',
      to: report.range.to ?? '',
      comparison: report.comparison,
      sections: [...report.sections],
      title: report.branding.title ?? '',
      accentColor: report.branding.accentColor ?? '',
      footer: report.branding.footer ?? '',
      logoUrl: report.branding.logoUrl ?? '',
      hideSoashMark: report.branding.hideSoashMark,
    });
  }, [report, draft]);

  if (!data || !draft) {
    return (
      <>
        <PageHeader title="Edit report" />
        <Card>{error ? <ErrorState title="The report could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <LoadingBlock lines={6} height={28} label="Loading the report" />}</Card>
      </>
    );
  }
  if (!mayEdit.allowed) {
    return (
      <>
        <PageHeader title={`Edit ${report!.name}`} />
        <Card>
          <EmptyState title="You can read this report, not change it" action={<Link to={`/reports/${id}`} className="btn btn-secondary">Open the report</Link>}>
            <RoleNote permission={mayEdit} />
          </EmptyState>
        </Card>
      </>
    );
  }
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = validateDraft(draft!);
    if (Object.keys(problems).length) return setErrors({ fields: problems, form: null });
    const r = await save({ id, input: draftInput(draft!) });
    if (r.error) return fromApi(r.error);
    navigate(`/reports/${id}`);
  }

  const platforms = data.platforms;
  return (
    <>
      <PageHeader title={`Edit ${report!.name}`} description="Choose what the report shows; its numbers are computed each time it is opened." />
      <form ref={formRef} onSubmit={submit} noValidate className="stack" aria-label="Report settings">
        <FormError message={errors.form} />
        <Card title="Report" labelledBy="builder-basics">
          <div className="stack">
            <TextField label="Name" value={draft.name} onChange={(e) => set('name', e.target.value)} error={errors.fields.name} maxLength={100} />
            <fieldset className="field checklist">
              <legend className="field-label">Accounts</legend>
              {platforms.length === 0 ? (
                <p className="small muted">No accounts are connected yet: the report covers the accounts you connect.</p>
              ) : (
                <div className="stack" style={{ gap: 4 }}>
                  {platforms.map((p) => (
                    <label key={p.id}>
                      <input
                        type="checkbox"
                        checked={draft.platformIds.includes(p.id)}
                        onChange={(e) => set('platformIds', e.target.checked ? [...draft.platformIds, p.id] : draft.platformIds.filter((x) => x !== p.id))}
                      />{' '}
                      {accountLabel(p)}
                    </label>
                  ))}
                  <p className="small muted">{draft.platformIds.length === 0 ? 'None ticked: every account of the workspace, including ones connected later.' : `${draft.platformIds.length} of ${platforms.length} accounts.`}</p>
                </div>
              )}
              {errors.fields.platformIds && <p className="error small">{errors.fields.platformIds}</p>}
            </fieldset>
            <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
              <SelectField label="Period" value={draft.preset} onChange={(e) => set('preset', e.target.value as ReportRangePreset)} error={errors.fields.range}>
                {RANGE_PRESETS.map((p) => (
                  <option key={p} value={p}>
                    {rangeLabel({ preset: p })}
                  </option>
                ))}
              </SelectField>
              {draft.preset === 'CUSTOM' && (
                <>
                  <TextField label="From" type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} error={errors.fields.from} />
                  <TextField label="To" type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} error={errors.fields.to} />
                </>
              )}
              <SelectField label="Compare with" value={draft.comparison} onChange={(e) => set('comparison', e.target.value as ReportComparison)}>
                {COMPARISONS.map((c) => (
                  <option key={c} value={c}>
                    {COMPARISON_LABEL[c]}
                  </option>
                ))}
              </SelectField>
            </div>
            <p className="small muted">Periods are counted in the workspace’s timezone; “last 28 days” ends on the day the report is opened.</p>
          </div>
        </Card>
        <Card title="Sections" labelledBy="builder-sections">
          <SectionsEditor value={draft.sections} onChange={(v) => set('sections', v)} error={errors.fields.sections} />
        </Card>
        <Card title="Branding" labelledBy="builder-branding">
          <div className="stack">
            <TextField label="Title" hint="Shown at the top; the name when empty." value={draft.title} onChange={(e) => set('title', e.target.value)} error={errors.fields.title} maxLength={120} />
            <div className="row" style={{ alignItems: 'flex-end' }}>
              <TextField label="Accent colour" placeholder="#5B3DF5" value={draft.accentColor} onChange={(e) => set('accentColor', e.target.value)} error={errors.fields.accentColor} maxLength={7} />
              <input
                type="color"
                className="swatch-input"
                aria-label="Accent colour: pick"
                value={/^#[0-9A-Fa-f]{6}$/.test(draft.accentColor) ? draft.accentColor : '#5b3df5'}
                onChange={(e) => set('accentColor', e.target.value.toUpperCase())}
              />
            </div>
            <TextField label="Footer" value={draft.footer} onChange={(e) => set('footer', e.target.value)} error={errors.fields.footer} maxLength={300} />
            <TextField label="Logo address" hint="An https address of an image." placeholder="https://…" value={draft.logoUrl} onChange={(e) => set('logoUrl', e.target.value)} error={errors.fields.logoUrl} />
            <label>
              <input type="checkbox" checked={draft.hideSoashMark} disabled={!paid && !draft.hideSoashMark} onChange={(e) => set('hideSoashMark', e.target.checked)} aria-describedby="mark-note" /> Leave out the
              “Made with Soash” mark
            </label>
            <p className="small muted" id="mark-note">
              {paid ? 'Available on your plan.' : <>Paid plans only. <Link to="/settings#plan">See plans</Link></>}
            </p>
            {errors.fields.hideSoashMark && <p className="error small">{errors.fields.hideSoashMark}</p>}
          </div>
        </Card>
        <div className="row">
          <Button type="submit" loading={saving.fetching}>
            Save report
          </Button>
          <Link to={`/reports/${id}`} className="btn btn-ghost">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
