import { API_SCOPE_LABELS, ApiScope } from '@soash/shared';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ApiScope as ApiScopeName } from '../../gql/graphql';
import { useSession } from '../../lib/auth/SessionProvider';
import { toFormErrors } from '../../lib/errors';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { SelectField } from '../../ui/Field';
import { LoadingBlock } from '../../ui/States';
import { useWorkspaces } from '../workspaces/workspace';

export const OAuthConsentQuery = graphql(`
  query OAuthConsent($clientId: String!, $redirectUri: String, $scope: String) {
    oauthConsentRequest(clientId: $clientId, redirectUri: $redirectUri, scope: $scope) {
      appName
      clientId
      redirectUri
      scopes
    }
  }
`);

/** Where the consent page sends the user's answer (the API's authorization endpoint). */
export const AUTHORIZE_PATH = '/oauth/authorize';

/** The authorization request's own parameters, passed on to the API unchanged. */
const PASSED_ON = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'] as const;

const labelOf = (name: ApiScopeName) => {
  const value = ApiScope[name as keyof typeof ApiScope];
  return value ? API_SCOPE_LABELS[value] : name;
};

/** Leaves the app for the third-party app's redirect URI (a seam for tests). */
export const navigation = { go: (url: string) => window.location.assign(url) };

/**
 * The OAuth consent page (`/consent`, where GET /oauth/authorize sends the browser): the app's name,
 * the scopes it asks for in plain words, the workspace to grant, Approve / Deny. The request is
 * checked by the API first (oauthConsentRequest): an unknown app or a redirect URI it did not
 * register is shown here and never redirected to. The answer goes to POST /oauth/authorize with
 * the session's access token; the API answers where to send the browser (the app's redirect URI
 * with a code, or with error=access_denied).
 */
export function ConsentPage() {
  useTitle('Allow access');
  const [params] = useSearchParams();
  const session = useSession();
  const { active, workspaces } = useWorkspaces();
  const clientId = params.get('client_id') ?? '';
  const [{ data, error, fetching }] = useQuery({
    query: OAuthConsentQuery,
    variables: { clientId, redirectUri: params.get('redirect_uri'), scope: params.get('scope') },
    pause: !clientId,
  });
  const [workspaceId, setWorkspaceId] = useState(active?.id ?? workspaces[0]?.id ?? '');
  const [sending, setSending] = useState<'approve' | 'deny' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function answer(allowed: boolean) {
    setSending(allowed ? 'approve' : 'deny');
    setProblem(null);
    try {
      const body = new URLSearchParams();
      for (const name of PASSED_ON) {
        const v = params.get(name);
        if (v !== null) body.set(name, v);
      }
      body.set('allowed', allowed ? 'true' : 'false');
      if (allowed) body.set('workspace_id', workspaceId);
      const token = await session.getAccessToken();
      const res = await fetch(AUTHORIZE_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body.toString(),
      });
      const json = (await res.json().catch(() => ({}))) as { redirectTo?: string; error?: string; error_description?: string };
      if (json.redirectTo) {
        navigation.go(json.redirectTo);
        return;
      }
      setProblem(json.error_description || 'The app could not be authorized. Try again from the app.');
    } catch {
      setProblem('Soash could not be reached. Check your connection and try again.');
    }
    setSending(null);
  }

  const request = data?.oauthConsentRequest;
  return (
    <div className="consent-page stack" style={{ maxWidth: 560, margin: '0 auto' }}>
      <Card title={request ? `Allow ${request.appName} to access Soash?` : 'Allow access'} labelledBy="consent-title">
        {!clientId ? (
          <p className="error" role="alert">
            This link is missing the app&apos;s client_id. Start again from the app that sent you here.
          </p>
        ) : error ? (
          <p className="error" role="alert">
            This request cannot be approved: {toFormErrors(error).form ?? 'the app sent an invalid request'}. Start again from the app, or tell its developer.
          </p>
        ) : !request || fetching ? (
          <LoadingBlock lines={4} label="Loading the request" />
        ) : (
          <div className="stack">
            <p>
              <strong>{request.appName}</strong> asks to act for you in one workspace. It will be able to:
            </p>
            <ul className="consent-scopes" aria-label="What the app may do">
              {request.scopes.map((s) => (
                <li key={s}>{labelOf(s)}</li>
              ))}
            </ul>
            <SelectField label="Workspace" hint="The app sees and changes only this workspace, and never more than your role there allows." value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)}>
              {workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </SelectField>
            <p className="small muted">
              You will be sent back to <code>{new URL(request.redirectUri).host}</code>. You can withdraw this access at any time in Settings → Connected apps.
            </p>
            {problem && (
              <p className="error small" role="alert">
                {problem}
              </p>
            )}
            <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
              <Button onClick={() => void answer(true)} loading={sending === 'approve'} disabled={!!sending || !workspaceId}>
                Approve
              </Button>
              <Button variant="ghost" onClick={() => void answer(false)} loading={sending === 'deny'} disabled={!!sending}>
                Deny
              </Button>
            </div>
          </div>
        )}
      </Card>
    </div>
  );
}
