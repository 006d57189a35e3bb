import { useEffect, useSyncExternalStore } from 'react';
import { connection } from '../lib/connection';
import { Button } from './Button';

/**
 * One banner while the server cannot be reached, with a retry that reloads everything on screen.
 * While it shows, sections that failed for the same reason say so quietly instead of each showing
 * an error of its own.
 */
export function ConnectionBanner() {
  const offline = useSyncExternalStore(connection.subscribe, connection.isOffline);
  useEffect(() => connection.registerBanner(), []);
  if (!offline) return null;
  return (
    <div className="alert alert-warning notice connection-banner" role="alert">
      <span>
        <strong>Cannot reach the server.</strong> Check your connection; what is on screen may be out of date.
      </span>
      <Button size="sm" variant="secondary" onClick={() => connection.retry()}>
        Retry
      </Button>
    </div>
  );
}

/** Whether the banner speaks for network errors right now (for sections that failed). */
export function useBannerShown(): boolean {
  return useSyncExternalStore(connection.subscribe, connection.bannerShown);
}
