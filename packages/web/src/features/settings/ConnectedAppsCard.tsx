import { API_SCOPE_LABELS, ApiScope } from '@soash/shared';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ApiScope as ApiScopeName } from '../../gql/graphql';
import { toFormErrors } from '../../lib/errors';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';

export const ConnectedAppsQuery = graphql(`
  query ConnectedApps {
    connectedApps {
      id
      appName
      workspaceId
      workspaceName
      scopes
      createdAt
      lastUsedAt
    }
  }
`);

const RevokeConnectedAppMutation = graphql(`
  mutation RevokeConnectedApp($id: ID!) {
    revokeConnectedApp(id: $id) {
      id
      revokedAt
    }
  }
`);

const APPS_CONTEXT = { additionalTypenames: ['OAuthGrant'] };

const labelOf = (name: ApiScopeName) => {
  const value = ApiScope[name as keyof typeof ApiScope];
  return value ? API_SCOPE_LABELS[value] : name;
};

function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'never';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}


/** Settings → Connected apps: the third-party apps the user allowed, per workspace, with Revoke. */
export function ConnectedAppsCard() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ConnectedAppsQuery, context: APPS_CONTEXT });
  const [confirm, setConfirm] = useState<{ id: string; appName: string } | null>(null);
  const [revoking, revoke] = useMutation(RevokeConnectedAppMutation);
  if (error) return <ErrorState title="Connected apps could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data && fetching) return <LoadingBlock lines={2} label="Loading connected apps" />;
  const apps = data?.connectedApps ?? [];
  return (
    <div className="stack">
      <p className="small muted">Apps you allowed to act for you. Each works in one workspace with what you allowed, never beyond your role there.</p>
      {apps.length === 0 ? (
        <EmptyState title="No connected apps">When you allow an app to access Soash, it appears here.</EmptyState>
      ) : (
        <ul className="api-key-list" aria-label="Connected apps">
          {apps.map((a) => (
            <li key={a.id} className="api-key-row">
              <div className="stack" style={{ gap: 4 }}>
                <strong>{a.appName}</strong>
                <span className="small">In {a.workspaceName ?? 'a workspace you have left'}</span>
                <ul className="small consent-scopes" aria-label={`What ${a.appName} may do`}>
                  {a.scopes.map((s) => (
                    <li key={s}>{labelOf(s)}</li>
                  ))}
                </ul>
                <span className="small muted">
                  Allowed {formatDate(a.createdAt)} · Last used {formatDate(a.lastUsedAt)}
                </span>
              </div>
              <span>
                <Button size="sm" variant="ghost" onClick={() => setConfirm({ id: a.id, appName: a.appName })} aria-label={`Revoke ${a.appName}`}>
                  Revoke
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {revoking.error && (
        <p className="error small" role="alert">
          {toFormErrors(revoking.error).form}
        </p>
      )}
      <ConfirmDialog
        open={!!confirm}
        title={`Revoke ${confirm?.appName ?? ''}?`}
        confirmLabel="Revoke access"
        danger
        busy={revoking.fetching}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          if (confirm) await revoke({ id: confirm.id }, APPS_CONTEXT);
          setConfirm(null);
        }}
      >
        <p>The app stops working with its next request. To use it again you will have to allow it again.</p>
      </ConfirmDialog>
    </div>
  );
}
