import { createBrowserLock, type LockFn } from './lock';

/**
 * What `login` and `changePassword` answer, and what the refresh endpoint answers.
 * The refresh token itself never reaches the page: the API keeps it in an httpOnly cookie that
 * only POST /auth/refresh receives (the web app asks for that with "X-Soash-Session: cookie").
 */
export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: string;
  /** Null in the web app (the token is in the cookie); ignored when an API answers one. */
  refreshToken?: string | null;
}

/** The API refused the refresh token (used, revoked, expired, unknown): the session is over. */
export class RefreshRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefreshRejectedError';
  }
}

/**
 * Exchanges the session's refresh token (sent by the browser as its cookie) for a new access
 * token; the API rotates the cookie. Throws RefreshRejectedError when the API refuses it; any
 * other error (network, server) is treated as transient and keeps the session.
 */
export type RefreshFn = () => Promise<TokenPair>;

export type SignOutReason = 'signed-out' | 'session-ended' | 'account-deleted';

export interface SessionState {
  status: 'signed-in' | 'signed-out';
  /** Changes whenever the signed-in user may have changed; cached data of another epoch is stale. */
  epoch: number;
  /** Why the last sign-out happened (for the sign-in page). */
  reason: SignOutReason | null;
}

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

type TabMessage =
  | { type: 'access'; accessToken: string; expiresAt: number }
  | { type: 'signed-in'; accessToken: string; expiresAt: number }
  | { type: 'signed-out'; reason: SignOutReason };

export interface SessionOptions {
  refresh: RefreshFn;
  /**
   * Where the sign-in marker is kept (localStorage by default; null keeps it in memory): a random
   * id per sign-in, no credential. It tells a reloaded page or another tab that there is a session
   * to refresh, and a tab whether the user signed out or in again while its refresh ran.
   */
  storage?: StorageLike | null;
  /** Cross-tab lock (Web Locks by default). */
  lock?: LockFn;
  /** Cross-tab messages (BroadcastChannel by default; null for none). */
  channel?: ChannelLike | null;
  now?: () => number;
  /** Refresh this long before the access token expires (at most a quarter of its lifetime). */
  marginMs?: number;
  /**
   * How long to keep holding the lock after a refresh, so other tabs receive the new access token
   * (messages between tabs arrive asynchronously) before one of them may take the lock.
   */
  settleMs?: number;
  /** Schedule the silent refresh (tests turn it off). */
  autoRefresh?: boolean;
}

export const SESSION_KEY = 'soash.session';
/** Where earlier versions kept the refresh token itself; removed on sight. */
const LEGACY_REFRESH_TOKEN_KEY = 'soash.refreshToken';

function newMarker(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
const LOCK_NAME = 'soash.refresh';
const CHANNEL_NAME = 'soash.session';

function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

function memoryStorage(): StorageLike {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

/**
 * The signed-in session.
 *
 * - The access token lives in memory only. The refresh token is an httpOnly cookie this code never
 *   sees; localStorage holds only a random sign-in marker, so a reload or a new tab knows there is
 *   a session to refresh (docs/web.md).
 * - `refresh()` is single-flight: concurrent callers in a tab share one request, and a lock
 *   shared by all tabs makes refreshes of different tabs run one after another, each presenting
 *   the cookie in its newest version. The API revokes the whole session when a refresh token is
 *   presented twice, so two tabs must never refresh at the same time.
 * - The tab that refreshed tells the others the new access token, so they need no refresh.
 * - A refused refresh token signs out every tab.
 */
export class Session {
  private accessToken: string | null = null;
  private expiresAt = 0;
  /** Refresh margin for the current token: at most a quarter of its lifetime. */
  private margin = 0;
  /** Bumped whenever a new access token arrives (here or from another tab). */
  private generation = 0;
  private inflight: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private readonly tokenListeners = new Set<() => void>();
  private readonly storage: StorageLike;
  private readonly lock: LockFn;
  private readonly channel: ChannelLike | null;
  private readonly now: () => number;
  private readonly marginMs: number;
  private readonly settleMs: number;
  private readonly autoRefresh: boolean;
  private readonly refreshFn: RefreshFn;
  private readonly onStorage = (e: StorageEvent) => {
    if (e.key !== SESSION_KEY) return;
    if (e.newValue === null && this.state.status === 'signed-in') this.endLocally('signed-out');
    else if (e.newValue !== null && this.state.status === 'signed-out') this.setState({ status: 'signed-in', epoch: this.state.epoch + 1, reason: null });
  };

  constructor(opts: SessionOptions) {
    this.refreshFn = opts.refresh;
    this.storage = opts.storage === undefined ? (defaultStorage() ?? memoryStorage()) : (opts.storage ?? memoryStorage());
    this.lock = opts.lock ?? createBrowserLock();
    this.now = opts.now ?? Date.now;
    this.marginMs = opts.marginMs ?? 60_000;
    this.settleMs = opts.settleMs ?? 150;
    this.autoRefresh = opts.autoRefresh ?? true;
    this.channel =
      opts.channel !== undefined ? opts.channel : typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
    this.channel?.addEventListener('message', (e) => this.receive(e.data as TabMessage));
    if (typeof window !== 'undefined' && opts.storage === undefined) window.addEventListener('storage', this.onStorage);
    try {
      this.storage.removeItem(LEGACY_REFRESH_TOKEN_KEY);
    } catch {
      /* storage not writable */
    }
    this.state = { status: this.storage.getItem(SESSION_KEY) ? 'signed-in' : 'signed-out', epoch: 0, reason: null };
  }

  // ----- state for React (useSyncExternalStore) -----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SessionState => this.state;

  /** Called whenever the access token changes (refreshed, signed in or out, here or in another tab). */
  onTokenChange(listener: () => void): () => void {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  private tokenChanged() {
    for (const l of [...this.tokenListeners]) l();
  }

  private setState(next: SessionState) {
    this.state = next;
    for (const l of [...this.listeners]) l();
  }

  // ----- tokens -----

  get isSignedIn(): boolean {
    return this.state.status === 'signed-in';
  }

  /** The access token if there is one (it may be about to expire). */
  get currentAccessToken(): string | null {
    return this.accessToken;
  }

  /** There is an access token that is not within the refresh margin of its expiry. */
  hasFreshAccessToken(): boolean {
    return this.accessToken !== null && this.expiresAt - this.margin > this.now();
  }

  /** A usable access token, refreshing first when needed; null when signed out. */
  async getAccessToken(): Promise<string | null> {
    if (!this.isSignedIn) return null;
    if (!this.hasFreshAccessToken()) await this.refresh().catch(() => false);
    return this.accessToken;
  }

  /** Starts a session with tokens from login (the refresh token is in the cookie). */
  signIn(tokens: TokenPair): void {
    this.storage.setItem(SESSION_KEY, newMarker());
    this.setAccess(tokens.accessToken, Date.parse(tokens.accessTokenExpiresAt));
    this.post({ type: 'signed-in', accessToken: this.accessToken!, expiresAt: this.expiresAt });
    this.setState({ status: 'signed-in', epoch: this.state.epoch + 1, reason: null });
  }

  /**
   * New tokens for the same user (changePassword answers a fresh pair): kept without starting a
   * new epoch, so cached data stays.
   */
  replaceTokens(tokens: TokenPair): void {
    if (!this.isSignedIn) return this.signIn(tokens);
    this.setAccess(tokens.accessToken, Date.parse(tokens.accessTokenExpiresAt));
    this.post({ type: 'access', accessToken: this.accessToken!, expiresAt: this.expiresAt });
  }

  /** Ends the session in every tab. */
  signOut(reason: SignOutReason = 'signed-out'): void {
    this.storage.removeItem(SESSION_KEY);
    this.post({ type: 'signed-out', reason });
    this.endLocally(reason);
  }

  /**
   * Exchanges the refresh token (the cookie) for a new access token. Resolves true when a usable
   * access token is held afterwards, false when signed out. Concurrent calls share one exchange;
   * exchanges of all tabs are serialised, so the cookie is never presented by two tabs at once
   * (that would look like theft and end the session). A refused token signs out; a network error
   * keeps the session and rejects.
   */
  refresh(): Promise<boolean> {
    if (this.inflight) return this.inflight;
    const startGeneration = this.generation;
    const run = this.lock(LOCK_NAME, async () => {
      // Another tab may have refreshed while we waited for the lock and sent us its token.
      if (this.generation !== startGeneration && this.hasFreshAccessToken()) return true;
      const marker = this.storage.getItem(SESSION_KEY);
      if (!marker) {
        if (this.isSignedIn) this.endLocally('session-ended');
        return false;
      }
      let tokens: TokenPair;
      try {
        tokens = await this.refreshFn();
      } catch (e) {
        if (e instanceof RefreshRejectedError) {
          this.signOut('session-ended');
          return false;
        }
        throw e;
      }
      // Signed out (or in as someone else) while the request ran: drop the answer.
      if (this.storage.getItem(SESSION_KEY) !== marker) return this.hasFreshAccessToken();
      this.setAccess(tokens.accessToken, Date.parse(tokens.accessTokenExpiresAt));
      this.post({ type: 'access', accessToken: tokens.accessToken, expiresAt: this.expiresAt });
      if (this.settleMs > 0) await new Promise((r) => setTimeout(r, this.settleMs));
      return true;
    });
    this.inflight = run.finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Stops timers and listeners (tests, hot reload). */
  dispose(): void {
    this.clearTimer();
    this.channel?.close();
    if (typeof window !== 'undefined') window.removeEventListener('storage', this.onStorage);
    this.listeners.clear();
    this.tokenListeners.clear();
  }

  // ----- internals -----

  private setAccess(token: string, expiresAt: number) {
    this.accessToken = token;
    this.expiresAt = Number.isFinite(expiresAt) ? expiresAt : this.now();
    this.margin = Math.min(this.marginMs, Math.max(0, (this.expiresAt - this.now()) / 4));
    this.generation += 1;
    this.schedule();
    this.tokenChanged();
  }

  private endLocally(reason: SignOutReason) {
    this.accessToken = null;
    this.expiresAt = 0;
    this.generation += 1;
    this.clearTimer();
    this.tokenChanged();
    if (this.state.status === 'signed-in' || this.state.reason !== reason) this.setState({ status: 'signed-out', epoch: this.state.epoch + 1, reason });
  }

  private receive(msg: TabMessage) {
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'signed-out') {
      this.endLocally(msg.reason);
    } else if (msg.type === 'access') {
      if (this.isSignedIn) this.setAccess(msg.accessToken, msg.expiresAt);
    } else if (msg.type === 'signed-in') {
      this.setAccess(msg.accessToken, msg.expiresAt);
      this.setState({ status: 'signed-in', epoch: this.state.epoch + 1, reason: null });
    }
  }

  private post(msg: TabMessage) {
    try {
      this.channel?.postMessage(msg);
    } catch {
      /* a closed channel: other tabs fall back to their own refresh */
    }
  }

  private schedule() {
    this.clearTimer();
    if (!this.autoRefresh || !this.accessToken) return;
    const delay = Math.max(this.expiresAt - this.margin - this.now(), 1_000);
    // Timers beyond 2^31 ms fire at once; access tokens live minutes, so cap generously.
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch(() => {
        /* transient; the next request retries */
      });
    }, Math.min(delay, 2 ** 31 - 1));
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
