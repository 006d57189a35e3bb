import { useEffect, useRef } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../../gql';
import type { PlatformSyncProgressSubscription } from '../../gql/graphql';
import { PHASE_LABEL } from './health';

const PlatformSyncProgressSubscription = graphql(`
  subscription PlatformSyncProgress($platformId: ID!) {
    syncProgress(platformId: $platformId) {
      platformId
      phase
      done
      total
      activeJobs
      finished
      status
      message
      errorMessage
    }
  }
`);

export type SyncEvent = PlatformSyncProgressSubscription['syncProgress'];

/**
 * Live progress of an account's sync, from the syncProgress subscription. Shows nothing while
 * nothing runs; calls `onFinished` when a sync it watched ends (not when it was idle to begin with).
 */
export function SyncProgressView({ platformId, onFinished, label }: { platformId: string; onFinished?: (last: SyncEvent, sawWork: boolean) => void; label?: string }) {
  const [{ data, error }] = useSubscription({ query: PlatformSyncProgressSubscription, variables: { platformId } });
  const event = data?.syncProgress;
  const sawWork = useRef(false);
  const reported = useRef(false);
  if (event && !event.finished) sawWork.current = true;
  useEffect(() => {
    if (event?.finished && !reported.current) {
      reported.current = true;
      onFinished?.(event, sawWork.current);
    }
  }, [event, onFinished]);

  if (error) {
    return (
      <p className="small muted" role="status">
        Live progress is not available right now; the sync continues on the server.
      </p>
    );
  }
  if (!event || event.finished) return null;
  const phase = PHASE_LABEL[event.phase] ?? event.phase;
  const percent = event.total ? Math.min(100, Math.round((event.done / event.total) * 100)) : null;
  return (
    <div className="sync-progress" role="status" aria-live="polite">
      <div className="row small" style={{ justifyContent: 'space-between' }}>
        <span>
          <strong>{label ?? 'Syncing'}:</strong> {phase}
          {event.message ? ` — ${event.message}` : ''}
        </span>
        <span className="muted">
          {event.total ? `${event.done} of ${event.total}` : event.done ? `${event.done} done` : ''}
          {event.activeJobs > 1 ? ` · ${event.activeJobs} steps left` : ''}
        </span>
      </div>
      <progress max={100} value={percent ?? undefined} aria-label={`${label ?? 'Sync'} progress`} />
    </div>
  );
}
