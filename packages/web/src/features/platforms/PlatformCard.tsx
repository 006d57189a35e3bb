import { useCallback, useState } from 'react';
import { useMutation } from 'urql';
import { graphql, type FragmentType, getFragmentData } from '../../gql';
import { errorCode, toFormErrors } from '../../lib/errors';
import { formatDate, formatNumber, formatRelative } from '../../lib/format';
import { platformLabel } from '../../lib/labels';
import { useNow } from '../../lib/useNow';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ConnectPlatformMutation, navigation } from './ConnectPanel';
import { countdown, reauthState } from './health';
import { PlatformIcon } from './PlatformIcon';
import { SyncProgressView, type SyncEvent } from './SyncProgressView';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions } from '../workspaces/workspace';

export const PlatformCardFragment = graphql(`
  fragment PlatformCard_Platform on Platform {
    id
    type
    username
    displayName
    followerCount
    status
    sandbox
    lastSyncedAt
    nextManualSyncAt
    health {
      healthy
      canRefresh
      status
      sandbox
      tokenExpiresAt
      refreshTokenExpiresAt
      needsReauthBy
      lastError
      lastErrorAt
      warnings
      rateLimit {
        remaining
        limit
        unit
        resetAt
      }
      apiVersion
      apiVersionSunsetsAt
      postReads {
        account
        used
        budget
        remaining
      }
    }
  }
`);

const SyncPlatformMutation = graphql(`
  mutation SyncPlatform($id: ID!) {
    syncPlatform(id: $id) {
      id
      status
    }
  }
`);

const DisconnectPlatformMutation = graphql(`
  mutation DisconnectPlatform($id: ID!) {
    disconnectPlatform(id: $id)
  }
`);

const STATUS: Record<string, { label: string; tone: 'success' | 'warning' | 'danger' | 'neutral' }> = {
  ACTIVE: { label: 'Active', tone: 'success' },
  NEEDS_REAUTH: { label: 'Needs reconnecting', tone: 'warning' },
  REVOKED: { label: 'Access withdrawn', tone: 'danger' },
  ERROR: { label: 'Sync failing', tone: 'danger' },
};

/** An API version that stops working within this long is shown as a warning. */
const SUNSET_WARNING_MS = 60 * 86_400_000;

/** "4:05" (minutes and seconds) until a moment, "0:00" once it passed. */
export function waitText(target: Date, now: Date): string {
  const s = Math.max(0, Math.ceil((target.getTime() - now.getTime()) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * One connected account: status and health (token expiry countdown, re-auth prompt), live sync
 * progress, "Sync now" (disabled, with a countdown, until the API's nextManualSyncAt), reconnect
 * and disconnect.
 */
export function PlatformCard({
  platform: masked,
  onChanged,
  onSyncEnded,
  timeZone,
}: {
  platform: FragmentType<typeof PlatformCardFragment>;
  /** Something about the account changed (sync finished, disconnected): reload the list. */
  onChanged: () => void;
  /** No sync runs for the account any more (it finished, or none was running). */
  onSyncEnded?: (platformId: string) => void;
  timeZone: string;
}) {
  const p = getFragmentData(PlatformCardFragment, masked);
  const now = useNow();
  // The API's own answer, or what a refused "Sync now" said (RATE_LIMITED with retryAfterSeconds).
  const [refusedUntil, setRefusedUntil] = useState<Date | null>(null);
  const nextSync = [p.nextManualSyncAt ? new Date(p.nextManualSyncAt) : null, refusedUntil].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
  const waiting = !!nextSync && nextSync.getTime() > now.getTime();
  // Tick every second only while counting down.
  const tick = useNow(waiting ? 1000 : 3_600_000);
  const clock = tick.getTime() > now.getTime() ? tick : now;
  const stillWaiting = !!nextSync && nextSync.getTime() > clock.getTime();
  const h = p.health;
  const reauth = reauthState(h, now);
  const name = p.displayName || p.username || platformLabel(p.type);
  const [run, setRun] = useState(0);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [sync, syncNow] = useMutation(SyncPlatformMutation);
  const [disconnect, runDisconnect] = useMutation(DisconnectPlatformMutation);
  const [reconnect, runReconnect] = useMutation(ConnectPlatformMutation);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const status = STATUS[p.status] ?? { label: p.status, tone: 'neutral' as const };
  const { can } = usePermissions();
  const mayConnect = can('connectAccounts');
  const maySync = can('syncNow');

  const finished = useCallback(
    (last: SyncEvent, sawWork: boolean) => {
      onSyncEnded?.(p.id);
      if (!sawWork) return;
      setOutcome(last.status === 'FAILED' || last.phase === 'failed' ? { ok: false, text: last.errorMessage ?? 'The sync failed.' } : { ok: true, text: 'Sync finished.' });
      onChanged();
    },
    [onChanged, onSyncEnded, p.id],
  );

  async function startSync() {
    setActionError(null);
    setOutcome(null);
    const r = await syncNow({ id: p.id });
    if (r.error) {
      const retry = r.error.graphQLErrors.find((e) => e.extensions?.code === 'RATE_LIMITED')?.extensions?.retryAfterSeconds;
      if (errorCode(r.error) === 'RATE_LIMITED' && typeof retry === 'number') return setRefusedUntil(new Date(Date.now() + retry * 1000));
      return setActionError(toFormErrors(r.error).form);
    }
    setRun((n) => n + 1);
    // Reload the account: its nextManualSyncAt now says when the next manual sync is possible.
    onChanged();
  }

  async function startReconnect() {
    setActionError(null);
    const r = await runReconnect({ input: { type: p.type, sandbox: false } });
    const url = r.data?.connectPlatform.authorizeUrl;
    if (url) return navigation.assign(url);
    const errs = toFormErrors(r.error);
    setActionError(errs.fields.type ?? errs.form ?? 'Reconnecting could not start.');
  }

  async function confirmDisconnect() {
    // A Boolean answer: name what the disconnect removed, so cached lists and analytics refetch.
    const r = await runDisconnect({ id: p.id }, { additionalTypenames: ['Platform', 'Activity', 'Stats', 'AiInsight'] });
    setConfirming(false);
    if (r.error) return setActionError(toFormErrors(r.error).form);
    onChanged();
  }

  return (
    <article className="card platform-card" aria-labelledby={`platform-${p.id}`}>
      <header className="row" style={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <div className="row" style={{ gap: 12 }}>
          <PlatformIcon type={p.type} size={40} />
          <div>
            <h2 id={`platform-${p.id}`} style={{ margin: 0 }}>
              {name}
            </h2>
            <div className="small muted">
              {platformLabel(p.type)}
              {p.username && name !== p.username ? ` · @${p.username.replace(/^@/, '')}` : ''}
            </div>
          </div>
        </div>
        <div className="row" style={{ gap: 6 }}>
          {p.sandbox && <Badge tone="primary">Sandbox</Badge>}
          <Badge tone={status.tone}>{status.label}</Badge>
        </div>
      </header>

      <dl className="facts">
        <div>
          <dt>Followers</dt>
          <dd>{formatNumber(p.followerCount)}</dd>
        </div>
        <div>
          <dt>Last sync</dt>
          <dd title={p.lastSyncedAt ? formatDate(p.lastSyncedAt, timeZone, true) : undefined}>{p.lastSyncedAt ? formatRelative(p.lastSyncedAt, now) : 'Not yet'}</dd>
        </div>
        <div>
          <dt>Access</dt>
          <dd>
            {h.sandbox
              ? 'Sandbox: never expires'
              : h.canRefresh
                ? 'Renews automatically'
                : h.tokenExpiresAt
                  ? `Ends in ${countdown(h.tokenExpiresAt, now)}`
                  : 'Does not expire'}
          </dd>
        </div>
        {h.rateLimit?.remaining != null && (
          <div>
            <dt>API budget left</dt>
            <dd>{h.rateLimit.unit === 'percent' ? `${Math.round(h.rateLimit.remaining)}%` : `${formatNumber(h.rateLimit.remaining)}${h.rateLimit.limit ? ` of ${formatNumber(h.rateLimit.limit)}` : ''}`}</dd>
          </div>
        )}
        {!h.sandbox && (
          <div>
            <dt>Platform API</dt>
            <dd>
              {h.apiVersion}
              {h.apiVersionSunsetsAt && (
                <span className={`small ${new Date(h.apiVersionSunsetsAt).getTime() - now.getTime() < SUNSET_WARNING_MS ? 'error' : 'muted'}`}>
                  {' '}
                  · {new Date(h.apiVersionSunsetsAt).getTime() > now.getTime() ? 'works until' : 'retired on'} {formatDate(h.apiVersionSunsetsAt, timeZone)}
                </span>
              )}
            </dd>
          </div>
        )}
        {h.postReads && (
          <div>
            <dt>Post reads this month</dt>
            <dd>
              {formatNumber(h.postReads.account, { compact: false })} by this account
              <div className="small muted">
                {h.postReads.budget == null
                  ? `${formatNumber(h.postReads.used, { compact: false })} by all ${platformLabel(p.type)} accounts (no monthly limit set)`
                  : `${formatNumber(h.postReads.used, { compact: false })} of ${formatNumber(h.postReads.budget, { compact: false })} shared by all ${platformLabel(p.type)} accounts, ${formatNumber(h.postReads.remaining ?? 0, { compact: false })} left`}
              </div>
            </dd>
          </div>
        )}
      </dl>

      {reauth.kind !== 'none' && (
        <div className="alert alert-warning reauth" role="alert">
          <span>
            {reauth.kind === 'now' ? (
              <>
                {reauth.reason} Connect it again to keep syncing.
              </>
            ) : (
              <>
                Reconnect this account within <strong>{countdown(reauth.by, now)}</strong> (by {formatDate(reauth.by, timeZone, true)}) to keep syncing.
              </>
            )}
          </span>
          <Button
            size="sm"
            loading={reconnect.fetching}
            disabled={!mayConnect.allowed}
            aria-describedby={mayConnect.allowed ? undefined : `reconnect-role-${p.id}`}
            onClick={() => void startReconnect()}
          >
            Reconnect
          </Button>
          <RoleNote permission={mayConnect} id={`reconnect-role-${p.id}`} />
        </div>
      )}
      {h.lastError && !h.healthy && reauth.kind === 'none' && (
        <p className="alert small" role="status">
          Last error{h.lastErrorAt ? ` (${formatRelative(h.lastErrorAt, now)})` : ''}: {h.lastError}
        </p>
      )}
      {h.warnings.length > 0 && (
        <ul className="warnings small">
          {h.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}

      <SyncProgressView key={run} platformId={p.id} onFinished={finished} label={`Syncing ${name}`} />
      {outcome && (
        <p className={`small ${outcome.ok ? 'delta-up' : 'error'}`} role="status">
          {outcome.text}
        </p>
      )}
      {actionError && (
        <p className="error small" role="alert">
          {actionError}
        </p>
      )}

      <footer className="row" style={{ gap: 8 }}>
        <Button
          size="sm"
          variant="secondary"
          loading={sync.fetching}
          disabled={stillWaiting || !maySync.allowed}
          onClick={() => void startSync()}
          aria-label={`Sync ${name} now`}
          aria-describedby={!maySync.allowed ? `sync-role-${p.id}` : stillWaiting ? `next-sync-${p.id}` : undefined}
        >
          Sync now
        </Button>
        <RoleNote permission={maySync} id={`sync-role-${p.id}`} className="small" />
        {maySync.allowed && stillWaiting && nextSync && (
          <span id={`next-sync-${p.id}`} className="small muted" role="timer" title={formatDate(nextSync.toISOString(), timeZone, true)}>
            Possible again in {waitText(nextSync, clock)}
          </span>
        )}
        {/* Disconnecting is for admins; the page says so once, next to "Connect an account". */}
        {mayConnect.allowed && (
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Disconnect ${name}`}>
            Disconnect
          </Button>
        )}
      </footer>
      <ConfirmDialog
        open={confirming}
        title={`Disconnect ${name}?`}
        confirmLabel="Disconnect"
        danger
        busy={disconnect.fetching}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void confirmDisconnect()}
      >
        Soash stops syncing this account and deletes its posts and statistics. You can connect it again later; its history is then read again as far
        as your plan allows.
      </ConfirmDialog>
    </article>
  );
}
