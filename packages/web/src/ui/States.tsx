import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { humanizeMessage } from '../lib/fieldLabels';
import { Button } from './Button';
import { useBannerShown } from './ConnectionBanner';

export function Skeleton({ height = 16, width = '100%', className }: { height?: number | string; width?: number | string; className?: string }) {
  return <div className={`skeleton ${className ?? ''}`.trim()} style={{ height, width }} aria-hidden="true" />;
}

/** Placeholder blocks while a section loads; announced once to screen readers. */
export function LoadingBlock({ lines = 3, height = 16, label = 'Loading' }: { lines?: number; height?: number; label?: string }) {
  return (
    <div className="stack" style={{ gap: 8 }} role="status" aria-live="polite">
      <span className="sr-only">{label}…</span>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} height={height} width={i === lines - 1 && lines > 1 ? '60%' : '100%'} />
      ))}
    </div>
  );
}

/** Nothing to show yet, and what to do about it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state">
      <h3>{title}</h3>
      {children && <div>{children}</div>}
      {action}
    </div>
  );
}

/** The message a person should see for a failed request (never internals). */
export function errorMessage(error: CombinedError | Error | string): string {
  if (typeof error === 'string') return error;
  if ('graphQLErrors' in error && error.graphQLErrors.length) return error.graphQLErrors.map((e) => humanizeMessage(e.message)).join(' ');
  if ('networkError' in error && error.networkError) return 'Cannot reach the server. Check your connection and try again.';
  return error.message;
}

export function ErrorState({ error, onRetry, title = 'Something went wrong' }: { error: CombinedError | Error | string; onRetry?: () => void; title?: string }) {
  const banner = useBannerShown();
  // Offline, the connection banner says it once (with its retry); each section only notes it.
  if (banner && typeof error === 'object' && 'networkError' in error && error.networkError && !error.graphQLErrors.length) {
    return <p className="small muted state-offline">Not loaded: the server cannot be reached.</p>;
  }
  return (
    <div className="state state-error" role="alert">
      <h3>{title}</h3>
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
