import { makeOperation, type Client, type Exchange, type Operation } from 'urql';
import { onPush, pipe } from 'wonka';

type Listener = () => void;

/**
 * Whether the server can be reached, as the GraphQL requests find out (a network error means no;
 * any answer from the server means yes) and as the browser reports (offline/online events). The
 * app shell shows one banner with a retry while it cannot, instead of every section showing its
 * own error; retrying re-runs every query on screen.
 */
export class ConnectionMonitor {
  private offline = false;
  private readonly listeners = new Set<Listener>();
  private readonly active = new Map<number, Operation>();
  private client: Client | null = null;
  /** How many banners are on screen (sections stay quiet about network errors only when one is). */
  private banners = 0;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly isOffline = (): boolean => this.offline;

  /** Whether a banner is there to speak for network errors. */
  readonly bannerShown = (): boolean => this.offline && this.banners > 0;

  set(offline: boolean): void {
    if (offline === this.offline) return;
    this.offline = offline;
    for (const l of this.listeners) l();
  }

  /** Registers a banner for as long as it is mounted; returns the unregister function. */
  registerBanner(): () => void {
    this.banners++;
    for (const l of this.listeners) l();
    return () => {
      this.banners--;
      for (const l of this.listeners) l();
    };
  }

  /** Runs every query on screen again, from the network. */
  retry(): void {
    const client = this.client;
    if (!client) return;
    for (const op of this.active.values()) client.reexecuteOperation(makeOperation(op.kind, op, { ...op.context, requestPolicy: 'network-only' }));
  }

  /** The urql exchange that watches requests; put it right before the fetch exchange. */
  readonly exchange: Exchange = ({ forward, client }) => {
    this.client = client;
    return (ops$) =>
      pipe(
        ops$,
        onPush((op: Operation) => {
          if (op.kind === 'teardown') this.active.delete(op.key);
          else if (op.kind === 'query') this.active.set(op.key, op);
        }),
        forward,
        onPush((result) => {
          if (result.operation.kind === 'subscription') return;
          const networkDown = !!result.error?.networkError && !result.error.graphQLErrors.length;
          this.set(networkDown);
        }),
      );
  };
}

export const connection = new ConnectionMonitor();

/** Follow the browser's own online/offline events (once per page). */
if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => connection.set(true));
  window.addEventListener('online', () => connection.retry());
}
