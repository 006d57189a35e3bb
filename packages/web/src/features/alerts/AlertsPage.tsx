import { ALERT_CHANNEL_LABELS, ALERT_KIND_LABELS, ALERT_METRIC_INFO, AlertChannel, AlertKind, AlertMetric, isMetricAlertKind, platformName, type PlatformType } from '@soash/shared';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AlertChannel as GqlChannel, AlertDirection as GqlDirection, AlertKind as GqlKind, AlertMetric as GqlMetric, AlertRulesQuery } from '../../gql/graphql';
import { toFormErrors } from '../../lib/errors';
import { formatRelative } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { PageHeader } from '../../layout/AppShell';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SelectField, TextField } from '../../ui/Field';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { usePermissions } from '../workspaces/workspace';

export const AlertRulesQueryDocument = graphql(`
  query AlertRules {
    alertRules {
      id
      name
      kind
      metric
      direction
      threshold
      periodDays
      daysBefore
      platformIds
      channels
      recipients
      quietHours
      emailDigest
      digestHour
      enabled
      lastFiredAt
    }
    platforms {
      id
      type
      username
      displayName
    }
  }
`);

export const AlertEventsQuery = graphql(`
  query AlertEvents($first: Int, $after: String) {
    alertEvents(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ruleName
          kind
          message
          link
          firedAt
        }
      }
    }
  }
`);

const CreateAlertRuleMutation = graphql(`
  mutation CreateAlertRule($input: CreateAlertRuleInput!) {
    createAlertRule(input: $input) {
      id
    }
  }
`);

const UpdateAlertRuleMutation = graphql(`
  mutation UpdateAlertRule($id: ID!, $input: UpdateAlertRuleInput!) {
    updateAlertRule(id: $id, input: $input) {
      id
      enabled
    }
  }
`);

const DeleteAlertRuleMutation = graphql(`
  mutation DeleteAlertRule($id: ID!) {
    deleteAlertRule(id: $id)
  }
`);

const CONTEXT = { additionalTypenames: ['AlertRule', 'AlertEvent'] };

type Rule = AlertRulesQuery['alertRules'][number];
type Platform = AlertRulesQuery['platforms'][number];

/** GraphQL enum name (METRIC_THRESHOLD) of a shared value (metric_threshold), and back. */
const gql = <T extends string>(value: string) => value.toUpperCase() as T;
const shared = <T extends string>(value: string) => value.toLowerCase() as T;

const KINDS = Object.values(AlertKind);
const METRICS = Object.values(AlertMetric);
const CHANNELS = Object.values(AlertChannel);

function platformLabel(p: Platform): string {
  const who = p.username ? `@${p.username}` : (p.displayName ?? 'account');
  return `${platformName(p.type.toLowerCase() as PlatformType)} ${who}`;
}

/** The rule in one sentence: "Followers above 1,000 over 7 days". */
export function describeRule(rule: Pick<Rule, 'kind' | 'metric' | 'direction' | 'threshold' | 'periodDays' | 'daysBefore'>): string {
  const kind = shared<AlertKind>(rule.kind);
  if (!isMetricAlertKind(kind) || !rule.metric) {
    if (kind === AlertKind.REAUTH_NEEDED) return `An account must be connected again, warned ${rule.daysBefore ?? 0} days before its access ends`;
    return ALERT_KIND_LABELS[kind];
  }
  const info = ALERT_METRIC_INFO[shared<AlertMetric>(rule.metric)];
  const unit = info.unit === 'percent' ? ' %' : '';
  const days = `over ${rule.periodDays ?? 7} days`;
  if (kind === AlertKind.METRIC_THRESHOLD) return `${info.label} ${rule.direction === 'BELOW' ? 'below' : 'above'} ${rule.threshold}${unit} ${days}`;
  const dir = rule.direction === 'UP' ? 'up' : rule.direction === 'DOWN' ? 'down' : 'up or down';
  return `${info.label} ${dir} by ${rule.threshold} % or more ${days}, against the period before`;
}

export function AlertsPage() {
  useTitle('Alerts');
  const { can } = usePermissions();
  const edit = can('editAlerts');
  const [{ data, error, fetching }, refetch] = useQuery({ query: AlertRulesQueryDocument, context: CONTEXT });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  return (
    <div className="stack">
      <PageHeader
        title="Alerts"
        description="Rules that tell you when a number moves, an important insight appears, an account needs reconnecting or a sync fails."
        actions={
          edit.allowed ? (
            <Button onClick={() => setEditing('new')} disabled={editing === 'new'}>
              New alert rule
            </Button>
          ) : (
            <span className="small muted">{edit.reason}</span>
          )
        }
      />
      {editing && data && <RuleForm rule={editing === 'new' ? null : editing} platforms={data.platforms} onDone={() => setEditing(null)} />}
      <Card title="Rules" labelledBy="alerts-rules">
        {error ? (
          <ErrorState title="Alert rules could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : fetching && !data ? (
          <LoadingBlock lines={3} label="Loading alert rules" />
        ) : !data?.alertRules.length ? (
          <EmptyState title="No alert rules yet">{edit.allowed ? 'Create one to be told when something needs attention.' : 'An editor can create rules for this workspace.'}</EmptyState>
        ) : (
          <ul className="stack" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {data.alertRules.map((rule) => (
              <RuleRow key={rule.id} rule={rule} platforms={data.platforms} canEdit={edit.allowed} onEdit={() => setEditing(rule)} />
            ))}
          </ul>
        )}
      </Card>
      <RecentEvents />
    </div>
  );
}

function RuleRow({ rule, platforms, canEdit, onEdit }: { rule: Rule; platforms: readonly Platform[]; canEdit: boolean; onEdit: () => void }) {
  const [updating, update] = useMutation(UpdateAlertRuleMutation);
  const [, remove] = useMutation(DeleteAlertRuleMutation);
  const [confirm, setConfirm] = useState(false);
  const accounts = rule.platformIds.length ? platforms.filter((p) => rule.platformIds.includes(p.id)).map(platformLabel).join(', ') : 'All accounts';
  const channels = rule.channels.map((c) => ALERT_CHANNEL_LABELS[shared<AlertChannel>(c)]).join(', ');
  return (
    <li className="alert-rule card">
      <div className="alert-rule-text">
        <div className="row">
          <strong>{rule.name}</strong>
          <Badge tone={rule.enabled ? 'success' : 'neutral'}>{rule.enabled ? 'On' : 'Off'}</Badge>
        </div>
        <span>{describeRule(rule)}</span>
        <span className="small muted">
          {accounts} · {channels}
          {rule.channels.includes('EMAIL') ? (rule.emailDigest ? ` (daily digest at ${rule.digestHour}:00)` : ' (at once)') : ''} · quiet for {rule.quietHours} h after firing
          {rule.lastFiredAt ? ` · last fired ${formatRelative(rule.lastFiredAt as string)}` : ''}
        </span>
      </div>
      {canEdit && (
        <div className="row">
          <Button size="sm" variant="secondary" loading={updating.fetching} onClick={() => void update({ id: rule.id, input: { enabled: !rule.enabled } }, CONTEXT)}>
            {rule.enabled ? 'Turn off' : 'Turn on'}
          </Button>
          <Button size="sm" variant="secondary" onClick={onEdit}>
            Edit
          </Button>
          <Button size="sm" variant="danger" onClick={() => setConfirm(true)}>
            Delete
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirm}
        title={`Delete “${rule.name}”?`}
        confirmLabel="Delete rule"
        onCancel={() => setConfirm(false)}
        onConfirm={async () => {
          await remove({ id: rule.id }, CONTEXT);
          setConfirm(false);
        }}
      >
        The rule stops firing. The alerts it already sent stay in the history.
      </ConfirmDialog>
    </li>
  );
}

interface FormState {
  name: string;
  kind: AlertKind;
  metric: AlertMetric;
  direction: string;
  threshold: string;
  periodDays: string;
  daysBefore: string;
  platformIds: string[];
  channels: AlertChannel[];
  quietHours: string;
  emailDigest: boolean;
  digestHour: string;
  enabled: boolean;
}

function initialState(rule: Rule | null): FormState {
  return {
    name: rule?.name ?? '',
    kind: rule ? shared<AlertKind>(rule.kind) : AlertKind.METRIC_CHANGE,
    metric: rule?.metric ? shared<AlertMetric>(rule.metric) : AlertMetric.FOLLOWERS,
    direction: rule?.direction ?? '',
    threshold: rule?.threshold != null ? String(rule.threshold) : '',
    periodDays: String(rule?.periodDays ?? 7),
    daysBefore: String(rule?.daysBefore ?? 7),
    platformIds: rule?.platformIds ?? [],
    channels: rule ? rule.channels.map((c) => shared<AlertChannel>(c)) : [AlertChannel.IN_APP, AlertChannel.EMAIL],
    quietHours: String(rule?.quietHours ?? 24),
    emailDigest: rule?.emailDigest ?? false,
    digestHour: String(rule?.digestHour ?? 9),
    enabled: rule?.enabled ?? true,
  };
}

const FIELDS = ['name', 'kind', 'metric', 'direction', 'threshold', 'periodDays', 'daysBefore', 'platformIds', 'channels', 'quietHours', 'digestHour'];

function RuleForm({ rule, platforms, onDone }: { rule: Rule | null; platforms: readonly Platform[]; onDone: () => void }) {
  const [f, setF] = useState<FormState>(() => initialState(rule));
  const [created, create] = useMutation(CreateAlertRuleMutation);
  const [updated, update] = useMutation(UpdateAlertRuleMutation);
  const result = rule ? updated : created;
  const errors = toFormErrors(result.error, FIELDS);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setF((s) => ({ ...s, [key]: value }));
  const metricKind = isMetricAlertKind(f.kind);
  const isThreshold = f.kind === AlertKind.METRIC_THRESHOLD;
  const directions = isThreshold ? ['ABOVE', 'BELOW'] : ['UP', 'DOWN', 'EITHER'];
  const direction = directions.includes(f.direction) ? f.direction : directions[0]!;
  const percent = ALERT_METRIC_INFO[f.metric].unit === 'percent';
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const num = (s: string) => (s.trim() === '' ? null : Number(s));
    const input = {
      name: f.name,
      kind: gql<GqlKind>(f.kind),
      channels: f.channels.map((c) => gql<GqlChannel>(c)),
      platformIds: f.platformIds,
      quietHours: num(f.quietHours),
      emailDigest: f.emailDigest,
      digestHour: num(f.digestHour),
      enabled: f.enabled,
      ...(metricKind ? { metric: gql<GqlMetric>(f.metric), direction: direction as GqlDirection, threshold: num(f.threshold), periodDays: num(f.periodDays) } : {}),
      ...(f.kind === AlertKind.REAUTH_NEEDED ? { daysBefore: num(f.daysBefore) } : {}),
    };
    const res = rule ? await update({ id: rule.id, input }, CONTEXT) : await create({ input }, CONTEXT);
    if (!res.error) onDone();
  };
  return (
    <Card title={rule ? `Edit “${rule.name}”` : 'New alert rule'} labelledBy="alerts-form">
      <form className="stack" onSubmit={submit} noValidate>
        {errors.form && (
          <p className="error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="form-grid">
          <TextField label="Name" value={f.name} onChange={(e) => set('name', e.target.value)} error={errors.fields.name} maxLength={100} required />
          <SelectField label="When" value={f.kind} onChange={(e) => set('kind', e.target.value as AlertKind)} error={errors.fields.kind}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {ALERT_KIND_LABELS[k]}
              </option>
            ))}
          </SelectField>
          {metricKind && (
            <>
              <SelectField label="Metric" value={f.metric} onChange={(e) => set('metric', e.target.value as AlertMetric)} error={errors.fields.metric}>
                {METRICS.map((m) => (
                  <option key={m} value={m}>
                    {ALERT_METRIC_INFO[m].label}
                  </option>
                ))}
              </SelectField>
              <SelectField label="Direction" value={direction} onChange={(e) => set('direction', e.target.value)} error={errors.fields.direction}>
                {directions.map((d) => (
                  <option key={d} value={d}>
                    {{ ABOVE: 'Above', BELOW: 'Below', UP: 'Up', DOWN: 'Down', EITHER: 'Up or down' }[d]}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={isThreshold ? `Threshold${percent ? ' (%)' : ''}` : 'Change of at least (%)'}
                type="number"
                inputMode="decimal"
                step="any"
                value={f.threshold}
                onChange={(e) => set('threshold', e.target.value)}
                error={errors.fields.threshold}
                required
              />
              <TextField
                label="Over the last (days)"
                hint={isThreshold ? undefined : 'Compared with the same number of days just before.'}
                type="number"
                min={1}
                max={90}
                value={f.periodDays}
                onChange={(e) => set('periodDays', e.target.value)}
                error={errors.fields.periodDays}
              />
            </>
          )}
          {f.kind === AlertKind.REAUTH_NEEDED && (
            <TextField label="Warn this many days before access ends" type="number" min={0} max={60} value={f.daysBefore} onChange={(e) => set('daysBefore', e.target.value)} error={errors.fields.daysBefore} />
          )}
          <TextField
            label="Quiet period (hours)"
            hint="The same rule does not fire again about the same account or insight within it."
            type="number"
            min={1}
            max={720}
            value={f.quietHours}
            onChange={(e) => set('quietHours', e.target.value)}
            error={errors.fields.quietHours}
          />
        </div>
        {f.kind !== AlertKind.HIGH_INSIGHT && platforms.length > 0 && (
          <fieldset className="checkbox-group">
            <legend className="small">Accounts (none ticked: all accounts)</legend>
            {platforms.map((p) => (
              <label key={p.id} className="row small">
                <input type="checkbox" checked={f.platformIds.includes(p.id)} onChange={() => set('platformIds', toggle(f.platformIds, p.id))} /> {platformLabel(p)}
              </label>
            ))}
            {errors.fields.platformIds && <span className="error">{errors.fields.platformIds}</span>}
          </fieldset>
        )}
        <fieldset className="checkbox-group">
          <legend className="small">Send to (editors, admins and the owner)</legend>
          {CHANNELS.map((c) => (
            <label key={c} className="row small">
              <input type="checkbox" checked={f.channels.includes(c)} onChange={() => set('channels', toggle(f.channels, c))} /> {ALERT_CHANNEL_LABELS[c]}
            </label>
          ))}
          {errors.fields.channels && (
            <span className="error" role="alert">
              {errors.fields.channels}
            </span>
          )}
        </fieldset>
        {f.channels.includes(AlertChannel.EMAIL) && (
          <div className="form-grid">
            <label className="row small">
              <input type="checkbox" checked={f.emailDigest} onChange={(e) => set('emailDigest', e.target.checked)} /> Email a daily digest instead of a mail per alert
            </label>
            {f.emailDigest && (
              <TextField label="Digest hour (workspace timezone, 0-23)" type="number" min={0} max={23} value={f.digestHour} onChange={(e) => set('digestHour', e.target.value)} error={errors.fields.digestHour} />
            )}
          </div>
        )}
        <label className="row small">
          <input type="checkbox" checked={f.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Rule is on
        </label>
        <div className="row">
          <Button type="submit" loading={result.fetching}>
            {rule ? 'Save rule' : 'Create rule'}
          </Button>
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}

function RecentEvents() {
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({ query: AlertEventsQuery, variables: { first: 20, after }, context: CONTEXT });
  return (
    <Card title="Recent alerts" labelledBy="alerts-history">
      {error ? (
        <ErrorState title="The alert history could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : fetching && !data ? (
        <LoadingBlock lines={3} label="Loading alert history" />
      ) : !data?.alertEvents.edges.length ? (
        <EmptyState title="No alerts have fired yet">When a rule fires, it is listed here with what happened.</EmptyState>
      ) : (
        <div className="stack">
          <ul className="stack" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {data.alertEvents.edges.map(({ node: e }) => (
              <li key={e.id} className="alert-rule-text">
                <span>
                  <strong>{e.ruleName}</strong> <span className="small muted">{formatRelative(e.firedAt as string)}</span>
                </span>
                <span className="small">{e.message}</span>
                {e.link && (
                  <Link className="small" to={e.link}>
                    Open
                  </Link>
                )}
              </li>
            ))}
          </ul>
          <div className="row">
            {after && (
              <Button size="sm" variant="secondary" onClick={() => setAfter(null)}>
                Newest
              </Button>
            )}
            {data.alertEvents.pageInfo.hasNextPage && (
              <Button size="sm" variant="secondary" onClick={() => setAfter(data.alertEvents.pageInfo.endCursor ?? null)}>
                Older
              </Button>
            )}
          </div>
        </div>
      )}
    </Card>
  );
}
