import { API_SCOPE_LABELS, ApiScope } from '@soash/shared';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ApiScope as ApiScopeName } from '../../gql/graphql';
import { copyText } from '../../lib/clipboard';
import { errorCode, toFormErrors } from '../../lib/errors';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SelectField, TextField } from '../../ui/Field';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';

export const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys {
      id
      name
      prefix
      scopes
      status
      expiresAt
      createdAt
      createdByName
      lastUsedAt
      lastUsedIp
      previousSecretExpiresAt
    }
  }
`);

const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
      }
    }
  }
`);

const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      status
      revokedAt
    }
  }
`);

const RotateApiKeyMutation = graphql(`
  mutation RotateApiKey($id: ID!, $overlapHours: Int!) {
    rotateApiKey(id: $id, overlapHours: $overlapHours) {
      secret
      apiKey {
        id
        name
        previousSecretExpiresAt
      }
    }
  }
`);

const KEYS_CONTEXT = { additionalTypenames: ['ApiKey'] };

/** Scopes by their GraphQL name (ANALYTICS_READ), with the API's own label. */
const SCOPES = (Object.entries(ApiScope) as Array<[ApiScopeName, ApiScope]>).map(([name, value]) => ({ name, value, label: API_SCOPE_LABELS[value] }));
const scopeLabel = (name: ApiScopeName) => SCOPES.find((s) => s.name === name)?.value ?? name;

const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
];

function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The secret of a key just created or rotated: shown this once, with a copy button. */
function SecretOnce({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="stack api-key-secret" role="status">
      <p>
        <strong>Copy the key for “{name}” now.</strong> It is shown only this once: Soash keeps only a hash of it.
      </p>
      <div className="row" style={{ gap: 8, alignItems: 'flex-end' }}>
        <TextField label="API key" value={secret} readOnly onFocus={(e) => e.currentTarget.select()} style={{ fontFamily: 'monospace', minWidth: 0 }} />
        <Button size="sm" onClick={async () => setCopied(await copyText(secret))}>
          Copy
        </Button>
      </div>
      {copied === true && <p className="small">Copied to the clipboard.</p>}
      {copied === false && <p className="small">Copying did not work here: select the key and copy it by hand.</p>}
      <p className="small">Send it as <code>Authorization: Bearer &lt;key&gt;</code>. See docs/partners.md for scopes and limits.</p>
      <div>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Done, I have stored it
        </Button>
      </div>
    </div>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScopeName[]>([]);
  const [expiry, setExpiry] = useState('never');
  const [errors, setErrors] = useState<{ name?: string; scopes?: string; form?: string | null }>({});
  const [state, create] = useMutation(CreateApiKeyMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setErrors({ name: 'Enter a name, e.g. the app that will use the key.' });
    if (!scopes.length) return setErrors({ scopes: 'Choose at least one thing the key may do.' });
    const expiresAt = expiry === 'never' ? null : new Date(Date.now() + Number(expiry) * 86_400_000).toISOString();
    const r = await create({ input: { name: name.trim(), scopes, expiresAt } }, KEYS_CONTEXT);
    if (r.error) {
      const f = toFormErrors(r.error, ['name', 'scopes', 'expiresAt']);
      return setErrors({ name: f.fields.name, scopes: f.fields.scopes, form: f.form ?? f.fields.expiresAt ?? null });
    }
    setErrors({});
    setName('');
    setScopes([]);
    setExpiry('never');
    onCreated(r.data!.createApiKey.apiKey.name, r.data!.createApiKey.secret);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Create an API key">
      <TextField label="Name" hint="Which app or integration uses it." value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={100} />
      <fieldset className="field api-key-scopes checklist" aria-describedby={errors.scopes ? 'api-key-scopes-error' : undefined}>
        <legend className="field-label">What the key may do</legend>
        {SCOPES.map((s) => (
          <label key={s.name}>
            <input
              type="checkbox"
              checked={scopes.includes(s.name)}
              onChange={(e) => setScopes((cur) => (e.target.checked ? [...cur, s.name] : cur.filter((x) => x !== s.name)))}
            />
            <span>
              {s.label} <span className="muted small">({s.value})</span>
            </span>
          </label>
        ))}
        {errors.scopes && (
          <span className="error" id="api-key-scopes-error" role="alert">
            {errors.scopes}
          </span>
        )}
      </fieldset>
      <SelectField label="Expires" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
        {EXPIRY_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </SelectField>
      <p className="small muted">The key acts as you in this workspace and never does more than your role allows; it stops working if you leave the workspace.</p>
      {errors.form && (
        <p className="error small" role="alert">
          {errors.form}
        </p>
      )}
      <div>
        <Button type="submit" loading={state.fetching}>
          Create key
        </Button>
      </div>
    </form>
  );
}

type KeyRow = NonNullable<ReturnType<typeof useKeys>['data']>['apiKeys'][number];

function useKeys() {
  const [result, refetch] = useQuery({ query: ApiKeysQuery, context: KEYS_CONTEXT });
  return { ...result, refetch };
}

const STATUS_TONE = { ACTIVE: 'success', EXPIRED: 'warning', REVOKED: 'danger' } as const;

function KeyItem({ apiKey, onSecret }: { apiKey: KeyRow; onSecret: (name: string, secret: string) => void }) {
  const [confirm, setConfirm] = useState<'revoke' | 'rotate' | null>(null);
  const [overlap, setOverlap] = useState('24');
  const [revoking, revoke] = useMutation(RevokeApiKeyMutation);
  const [rotating, rotate] = useMutation(RotateApiKeyMutation);
  const error = revoking.error ?? rotating.error;
  const active = apiKey.status === 'ACTIVE';
  return (
    <li className="api-key-row">
      <div className="stack" style={{ gap: 4 }}>
        <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
          <strong>{apiKey.name}</strong>
          <code>{apiKey.prefix}…</code>
          <Badge tone={STATUS_TONE[apiKey.status]}>{apiKey.status.toLowerCase()}</Badge>
        </div>
        <span className="small">{apiKey.scopes.map(scopeLabel).join(', ')}</span>
        <span className="small muted">
          Created {formatDate(apiKey.createdAt)}
          {apiKey.createdByName ? ` by ${apiKey.createdByName}` : ''} · Last used {apiKey.lastUsedAt ? `${formatDate(apiKey.lastUsedAt)}${apiKey.lastUsedIp ? ` from ${apiKey.lastUsedIp}` : ''}` : 'never'} · Expires {apiKey.expiresAt ? formatDate(apiKey.expiresAt) : 'never'}
          {apiKey.previousSecretExpiresAt && new Date(apiKey.previousSecretExpiresAt) > new Date() ? ` · Old secret works until ${formatDate(apiKey.previousSecretExpiresAt)}` : ''}
        </span>
        {error && (
          <span className="error small" role="alert">
            {toFormErrors(error).form}
          </span>
        )}
      </div>
      {active && (
        <span className="row" style={{ gap: 4 }}>
          <Button size="sm" variant="ghost" onClick={() => setConfirm('rotate')} aria-label={`Rotate ${apiKey.name}`}>
            Rotate
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirm('revoke')} aria-label={`Revoke ${apiKey.name}`}>
            Revoke
          </Button>
        </span>
      )}
      <ConfirmDialog
        open={confirm === 'revoke'}
        title={`Revoke “${apiKey.name}”?`}
        confirmLabel="Revoke key"
        danger
        busy={revoking.fetching}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          await revoke({ id: apiKey.id }, KEYS_CONTEXT);
          setConfirm(null);
        }}
      >
        <p>Apps using this key stop working with their next request. This cannot be undone.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'rotate'}
        title={`Rotate “${apiKey.name}”?`}
        confirmLabel="Rotate key"
        busy={rotating.fetching}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          const r = await rotate({ id: apiKey.id, overlapHours: Number(overlap) }, KEYS_CONTEXT);
          setConfirm(null);
          if (r.data) onSecret(r.data.rotateApiKey.apiKey.name, r.data.rotateApiKey.secret);
        }}
      >
        <p>The key gets a new secret, shown once. The old secret keeps working for the time you choose, so apps can switch over.</p>
        <SelectField label="Old secret keeps working" value={overlap} onChange={(e) => setOverlap(e.target.value)}>
          <option value="0">Stop it now</option>
          <option value="1">1 hour</option>
          <option value="24">24 hours</option>
          <option value="168">7 days</option>
        </SelectField>
      </ConfirmDialog>
    </li>
  );
}

/** Settings → API keys: owners and admins create, rotate and revoke the workspace's keys. */
export function ApiKeysCard() {
  const { data, error, fetching, refetch } = useKeys();
  const [shown, setShown] = useState<{ name: string; secret: string } | null>(null);
  if (errorCode(error ?? null) === 'FORBIDDEN') {
    return <p className="muted">Only owners and admins of this workspace manage its API keys.</p>;
  }
  if (error) return <ErrorState title="API keys could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data && fetching) return <LoadingBlock lines={3} label="Loading API keys" />;
  const keys = data?.apiKeys ?? [];
  return (
    <div className="stack">
      <p className="small muted">Partner apps and scripts use an API key to read this workspace&apos;s data through the GraphQL API, limited to what you allow.</p>
      {shown && <SecretOnce name={shown.name} secret={shown.secret} onDone={() => setShown(null)} />}
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">Create one below for the app that needs access.</EmptyState>
      ) : (
        <ul className="api-key-list" aria-label="API keys">
          {keys.map((k) => (
            <KeyItem key={k.id} apiKey={k} onSecret={(name, secret) => setShown({ name, secret })} />
          ))}
        </ul>
      )}
      <CreateKeyForm onCreated={(name, secret) => setShown({ name, secret })} />
    </div>
  );
}
