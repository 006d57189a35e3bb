import { WEBHOOK_EVENT_LABELS, WebhookEventType } from '@soash/shared';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { WebhookEventType as WebhookEventName } from '../../gql/graphql';
import { copyText } from '../../lib/clipboard';
import { errorCode, toFormErrors } from '../../lib/errors';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { Pager } from '../../ui/Pager';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';

export const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints {
    webhookEndpoints {
      id
      url
      events
      description
      enabled
      createdAt
      failingSince
      lastSuccessAt
      disabledAt
      disabledReason
      secretRotatedAt
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($endpointId: ID!, $first: Int, $after: String) {
    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          eventType
          messageId
          status
          attemptCount
          nextAttemptAt
          lastAttemptAt
          responseStatus
          durationMs
          error
          createdAt
        }
      }
    }
  }
`);

const CreateWebhookEndpointMutation = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
        url
      }
    }
  }
`);

const UpdateWebhookEndpointMutation = graphql(`
  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) {
      id
      enabled
      disabledAt
      disabledReason
      failingSince
    }
  }
`);

const DeleteWebhookEndpointMutation = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`);

const RotateWebhookSecretMutation = graphql(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      endpoint {
        id
        url
        secretRotatedAt
      }
    }
  }
`);

const SendTestWebhookMutation = graphql(`
  mutation SendTestWebhook($endpointId: ID!) {
    sendTestWebhook(endpointId: $endpointId) {
      id
      status
    }
  }
`);

const ReplayWebhookDeliveryMutation = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDelivery(id: $id) {
      id
      status
    }
  }
`);

const HOOKS_CONTEXT = { additionalTypenames: ['WebhookEndpoint', 'WebhookDelivery'] };

/** Events by their GraphQL name (SYNC_COMPLETED), with the plain-word label and the wire name. */
const EVENTS = (Object.entries(WebhookEventType) as Array<[WebhookEventName, WebhookEventType]>).map(([name, value]) => ({ name, value, label: WEBHOOK_EVENT_LABELS[value] }));
const eventLabel = (name: WebhookEventName) => EVENTS.find((e) => e.name === name)?.label ?? name;

function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The signing secret of an endpoint just created or rotated: shown this once, with a copy button. */
function SecretOnce({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="stack api-key-secret" role="status">
      <p>
        <strong>Copy the signing secret for {url} now.</strong> It is shown only this once.
      </p>
      <div className="row" style={{ gap: 8, alignItems: 'flex-end' }}>
        <TextField label="Signing secret" value={secret} readOnly onFocus={(e) => e.currentTarget.select()} style={{ fontFamily: 'monospace', minWidth: 0 }} />
        <Button size="sm" onClick={async () => setCopied(await copyText(secret))}>
          Copy
        </Button>
      </div>
      {copied === true && <p className="small">Copied to the clipboard.</p>}
      {copied === false && <p className="small">Copying did not work here: select the secret and copy it by hand.</p>}
      <p className="small">Verify each delivery with it using a Standard Webhooks library (see docs/partners.md, “Webhooks”).</p>
      <div>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Done, I have stored it
        </Button>
      </div>
    </div>
  );
}

function CreateEndpointForm({ onCreated }: { onCreated: (url: string, secret: string) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventName[]>([]);
  const [errors, setErrors] = useState<{ url?: string; events?: string; form?: string | null }>({});
  const [state, create] = useMutation(CreateWebhookEndpointMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!url.trim()) return setErrors({ url: 'Enter the https:// address that receives the events.' });
    if (!events.length) return setErrors({ events: 'Choose at least one event.' });
    const r = await create({ input: { url: url.trim(), events, description: description.trim() || null } }, HOOKS_CONTEXT);
    if (r.error) {
      const f = toFormErrors(r.error, ['url', 'events', 'description']);
      return setErrors({ url: f.fields.url, events: f.fields.events, form: f.form ?? f.fields.description ?? null });
    }
    setErrors({});
    setUrl('');
    setDescription('');
    setEvents([]);
    onCreated(r.data!.createWebhookEndpoint.endpoint.url, r.data!.createWebhookEndpoint.secret);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Add a webhook endpoint">
      <TextField label="Endpoint URL" hint="Soash POSTs signed events here. Public addresses only." value={url} onChange={(e) => setUrl(e.target.value)} error={errors.url} maxLength={2048} inputMode="url" />
      <TextField label="Description" hint="Optional: what the endpoint is for." value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
      <fieldset className="field api-key-scopes checklist" aria-describedby={errors.events ? 'webhook-events-error' : undefined}>
        <legend className="field-label">Events to send</legend>
        {EVENTS.map((ev) => (
          <label key={ev.name}>
            <input
              type="checkbox"
              checked={events.includes(ev.name)}
              onChange={(e) => setEvents((cur) => (e.target.checked ? [...cur, ev.name] : cur.filter((x) => x !== ev.name)))}
            />
            <span>
              {ev.label} <span className="muted small">({ev.value})</span>
            </span>
          </label>
        ))}
        {errors.events && (
          <span className="error" id="webhook-events-error" role="alert">
            {errors.events}
          </span>
        )}
      </fieldset>
      {errors.form && (
        <p className="error small" role="alert">
          {errors.form}
        </p>
      )}
      <div>
        <Button type="submit" loading={state.fetching}>
          Add endpoint
        </Button>
      </div>
    </form>
  );
}

type EndpointRow = NonNullable<ReturnType<typeof useEndpoints>['data']>['webhookEndpoints'][number];

function useEndpoints() {
  const [result, refetch] = useQuery({ query: WebhookEndpointsQuery, context: HOOKS_CONTEXT });
  return { ...result, refetch };
}

const DELIVERY_TONE = { PENDING: 'warning', SUCCEEDED: 'success', FAILED: 'danger' } as const;
const PAGE = 10;

function Deliveries({ endpointId }: { endpointId: string }) {
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({ query: WebhookDeliveriesQuery, variables: { endpointId, first: PAGE, after }, context: HOOKS_CONTEXT });
  const [replaying, replay] = useMutation(ReplayWebhookDeliveryMutation);
  if (error) return <ErrorState title="Deliveries could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data && fetching) return <LoadingBlock lines={2} label="Loading deliveries" />;
  const page = data?.webhookDeliveries;
  if (!page || page.edges.length === 0) return <p className="small muted">No deliveries yet. Send a test event to try the endpoint.</p>;
  return (
    <div className="stack" style={{ gap: 6 }}>
      <ul className="api-key-list" aria-label="Deliveries">
        {page.edges.map(({ node: d }) => (
          <li key={d.id} className="api-key-row">
            <div className="stack" style={{ gap: 2 }}>
              <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
                <code>{d.eventType}</code>
                <Badge tone={DELIVERY_TONE[d.status]}>{d.status.toLowerCase()}</Badge>
                <span className="small muted">
                  {d.attemptCount} {d.attemptCount === 1 ? 'attempt' : 'attempts'}
                  {d.responseStatus ? ` · HTTP ${d.responseStatus}` : ''}
                  {typeof d.durationMs === 'number' ? ` · ${d.durationMs} ms` : ''}
                </span>
              </div>
              <span className="small muted">
                {formatDate(d.createdAt)}
                {d.status === 'PENDING' && d.nextAttemptAt ? ` · next attempt ${formatDate(d.nextAttemptAt)}` : ''}
                {d.error ? ` · ${d.error}` : ''}
              </span>
            </div>
            {d.status !== 'PENDING' && (
              <Button size="sm" variant="ghost" loading={replaying.fetching && replaying.operation?.variables.id === d.id} onClick={() => replay({ id: d.id }, HOOKS_CONTEXT)} aria-label={`Replay ${d.eventType} delivery`}>
                Replay
              </Button>
            )}
          </li>
        ))}
      </ul>
      {replaying.error && (
        <span className="error small" role="alert">
          {toFormErrors(replaying.error).form}
        </span>
      )}
      <Pager after={after} pageInfo={page.pageInfo} totalCount={page.totalCount} onPage={setAfter} />
    </div>
  );
}

function EndpointItem({ endpoint, onSecret }: { endpoint: EndpointRow; onSecret: (url: string, secret: string) => void }) {
  const [confirm, setConfirm] = useState<'delete' | 'rotate' | null>(null);
  const [open, setOpen] = useState(false);
  const [updating, update] = useMutation(UpdateWebhookEndpointMutation);
  const [deleting, remove] = useMutation(DeleteWebhookEndpointMutation);
  const [rotating, rotate] = useMutation(RotateWebhookSecretMutation);
  const [testing, test] = useMutation(SendTestWebhookMutation);
  const error = updating.error ?? deleting.error ?? rotating.error ?? testing.error;
  return (
    <li className="api-key-row webhook-row">
      <div className="stack" style={{ gap: 4, minWidth: 0, flex: '1 1 320px' }}>
        <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
          <code>{endpoint.url}</code>
          <Badge tone={endpoint.enabled ? (endpoint.failingSince ? 'warning' : 'success') : 'danger'}>{endpoint.enabled ? (endpoint.failingSince ? 'failing' : 'enabled') : 'disabled'}</Badge>
        </div>
        {endpoint.description && <span className="small">{endpoint.description}</span>}
        <span className="small">{endpoint.events.map(eventLabel).join(' · ')}</span>
        <span className="small muted">
          Added {formatDate(endpoint.createdAt)} · Last success {endpoint.lastSuccessAt ? formatDate(endpoint.lastSuccessAt) : 'never'}
          {endpoint.failingSince ? ` · Failing since ${formatDate(endpoint.failingSince)}` : ''}
          {!endpoint.enabled && endpoint.disabledReason ? ` · ${endpoint.disabledReason}` : ''}
        </span>
        {testing.data && <span className="small">Test event queued: it appears in the deliveries below within seconds.</span>}
        {error && (
          <span className="error small" role="alert">
            {toFormErrors(error).form}
          </span>
        )}
      </div>
      <span className="row" style={{ gap: 4, flexWrap: 'wrap' }}>
        <Button size="sm" variant="ghost" loading={testing.fetching} onClick={() => test({ endpointId: endpoint.id }, HOOKS_CONTEXT)} aria-label={`Send a test event to ${endpoint.url}`}>
          Send test
        </Button>
        <Button size="sm" variant="ghost" loading={updating.fetching} onClick={() => update({ id: endpoint.id, input: { enabled: !endpoint.enabled } }, HOOKS_CONTEXT)} aria-label={`${endpoint.enabled ? 'Disable' : 'Enable'} ${endpoint.url}`}>
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setConfirm('rotate')} aria-label={`Rotate the secret of ${endpoint.url}`}>
          Rotate secret
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setConfirm('delete')} aria-label={`Delete ${endpoint.url}`}>
          Delete
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-label={`Deliveries of ${endpoint.url}`}>
          {open ? 'Hide deliveries' : 'Deliveries'}
        </Button>
      </span>
      {open && (
        <div style={{ flexBasis: '100%' }}>
          <Deliveries endpointId={endpoint.id} />
        </div>
      )}
      <ConfirmDialog
        open={confirm === 'delete'}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        danger
        busy={deleting.fetching}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          await remove({ id: endpoint.id }, HOOKS_CONTEXT);
          setConfirm(null);
        }}
      >
        <p>No more events go to {endpoint.url}, and its delivery log is deleted. This cannot be undone.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'rotate'}
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        busy={rotating.fetching}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          const r = await rotate({ id: endpoint.id }, HOOKS_CONTEXT);
          setConfirm(null);
          if (r.data) onSecret(r.data.rotateWebhookSecret.endpoint.url, r.data.rotateWebhookSecret.secret);
        }}
      >
        <p>The next deliveries are signed with a new secret, shown once. The receiver must switch to it: the old secret stops at once.</p>
      </ConfirmDialog>
    </li>
  );
}

/** Settings → Webhooks: owners and admins add endpoints, test them, read deliveries and replay them. */
export function WebhooksCard() {
  const { data, error, fetching, refetch } = useEndpoints();
  const [shown, setShown] = useState<{ url: string; secret: string } | null>(null);
  if (errorCode(error ?? null) === 'FORBIDDEN') {
    return <p className="muted">Only owners and admins of this workspace manage its webhooks.</p>;
  }
  if (error) return <ErrorState title="Webhooks could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data && fetching) return <LoadingBlock lines={3} label="Loading webhooks" />;
  const endpoints = data?.webhookEndpoints ?? [];
  return (
    <div className="stack">
      <p className="small muted">Soash sends signed events (a finished sync, an account to reconnect, a new insight…) to your apps as they happen, retrying for about a day when they fail.</p>
      {shown && <SecretOnce url={shown.url} secret={shown.secret} onDone={() => setShown(null)} />}
      {endpoints.length === 0 ? (
        <EmptyState title="No webhook endpoints yet">Add one below for the app that should hear of events.</EmptyState>
      ) : (
        <ul className="api-key-list" aria-label="Webhook endpoints">
          {endpoints.map((e) => (
            <EndpointItem key={e.id} endpoint={e} onSecret={(url, secret) => setShown({ url, secret })} />
          ))}
        </ul>
      )}
      <CreateEndpointForm onCreated={(url, secret) => setShown({ url, secret })} />
    </div>
  );
}
