import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalLock } from './lock';
import { REFRESH_TOKEN_KEY, RefreshRejectedError, Session, type RefreshFn, type TokenPair } from './session';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const inMinutes = (m: number) => new Date(NOW + m * 60_000).toISOString();

function memory(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), map: m };
}

/** BroadcastChannel stand-in: messages reach every other member, asynchronously. */
function bus() {
  const members: { listener?: (e: MessageEvent) => void }[] = [];
  return () => {
    const me: { listener?: (e: MessageEvent) => void } = {};
    members.push(me);
    return {
      postMessage: (data: unknown) => {
        for (const m of members) if (m !== me) queueMicrotask(() => m.listener?.({ data } as MessageEvent));
      },
      addEventListener: (_: 'message', l: (e: MessageEvent) => void) => void (me.listener = l),
      close: () => undefined,
    };
  };
}

/** A fake API: each refresh token works once; a reused one revokes the family (like the real one). */
function fakeApi(delayMs = 5) {
  let n = 1;
  const used = new Set<string>();
  const calls: string[] = [];
  let revoked = false;
  const refresh: RefreshFn = async (token) => {
    calls.push(token);
    await new Promise((r) => setTimeout(r, delayMs));
    if (revoked || used.has(token)) {
      revoked = true;
      throw new RefreshRejectedError('Refresh token was already used');
    }
    used.add(token);
    n += 1;
    return { accessToken: `at${n}`, accessTokenExpiresAt: inMinutes(15), refreshToken: `rt${n}` } satisfies TokenPair;
  };
  return { refresh, calls, get revoked() { return revoked; } };
}

const sessions: Session[] = [];
function make(opts: ConstructorParameters<typeof Session>[0]) {
  const s = new Session({ now: () => NOW, settleMs: 0, autoRefresh: false, channel: null, ...opts });
  sessions.push(s);
  return s;
}
afterEach(() => {
  sessions.splice(0).forEach((s) => s.dispose());
  vi.useRealTimers();
});

describe('Session: refresh', () => {
  it('starts signed in when a refresh token is stored, and gets an access token on demand', async () => {
    const api = fakeApi();
    const s = make({ refresh: api.refresh, storage: memory({ [REFRESH_TOKEN_KEY]: 'rt1' }) });
    expect(s.getState().status).toBe('signed-in');
    expect(s.hasFreshAccessToken()).toBe(false);
    expect(await s.getAccessToken()).toBe('at2');
    expect(s.refreshToken).toBe('rt2');
    expect(api.calls).toEqual(['rt1']);
  });

  it('shares one refresh between concurrent callers in a tab', async () => {
    const api = fakeApi();
    const s = make({ refresh: api.refresh, storage: memory({ [REFRESH_TOKEN_KEY]: 'rt1' }) });
    const results = await Promise.all([s.refresh(), s.refresh(), s.getAccessToken(), s.refresh()]);
    expect(results).toEqual([true, true, 'at2', true]);
    expect(api.calls).toEqual(['rt1']);
  });

  it('serialises tabs: a tab that waited uses the token the other tab got, never the used refresh token', async () => {
    const api = fakeApi();
    const storage = memory({ [REFRESH_TOKEN_KEY]: 'rt1' });
    const lock = createLocalLock();
    const channel = bus();
    const a = make({ refresh: api.refresh, storage, lock, channel: channel() });
    const b = make({ refresh: api.refresh, storage, lock, channel: channel() });
    await Promise.all([a.refresh(), b.refresh()]);
    expect(api.revoked).toBe(false);
    expect(api.calls).toEqual(['rt1']);
    expect(b.currentAccessToken).toBe('at2');
    expect(b.hasFreshAccessToken()).toBe(true);
  });

  it('without messages between tabs, the second tab refreshes with the newest token', async () => {
    const api = fakeApi();
    const storage = memory({ [REFRESH_TOKEN_KEY]: 'rt1' });
    const lock = createLocalLock();
    const a = make({ refresh: api.refresh, storage, lock });
    const b = make({ refresh: api.refresh, storage, lock });
    await Promise.all([a.refresh(), b.refresh(), a.refresh(), b.refresh()]);
    expect(api.revoked).toBe(false);
    expect(api.calls).toEqual(['rt1', 'rt2']);
    expect(new Set(api.calls).size).toBe(api.calls.length);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('rt3');
  });

  it('signs out every tab when the refresh token is refused', async () => {
    const refresh = vi.fn<RefreshFn>().mockRejectedValue(new RefreshRejectedError('Refresh token expired'));
    const storage = memory({ [REFRESH_TOKEN_KEY]: 'rt1' });
    const channel = bus();
    const a = make({ refresh, storage, channel: channel() });
    const b = make({ refresh, storage, channel: channel() });
    expect(await a.refresh()).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(a.getState()).toMatchObject({ status: 'signed-out', reason: 'session-ended' });
    expect(b.getState()).toMatchObject({ status: 'signed-out', reason: 'session-ended' });
  });

  it('keeps the session through a network error', async () => {
    const refresh = vi.fn<RefreshFn>().mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const storage = memory({ [REFRESH_TOKEN_KEY]: 'rt1' });
    const s = make({ refresh, storage });
    await expect(s.refresh()).rejects.toThrow('Failed to fetch');
    expect(s.getState().status).toBe('signed-in');
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('rt1');
  });

  it('does nothing when signed out', async () => {
    const refresh = vi.fn<RefreshFn>();
    const s = make({ refresh, storage: memory() });
    expect(await s.refresh()).toBe(false);
    expect(await s.getAccessToken()).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });
});

describe('Session: sign-in, tokens and timers', () => {
  it('keeps the access token in memory and only the refresh token in storage', () => {
    const storage = memory();
    const s = make({ refresh: fakeApi().refresh, storage });
    const listener = vi.fn();
    s.subscribe(listener);
    s.signIn({ accessToken: 'at1', accessTokenExpiresAt: inMinutes(15), refreshToken: 'rt1' });
    expect([...storage.map.values()]).toEqual(['rt1']);
    expect(s.currentAccessToken).toBe('at1');
    expect(s.getState()).toMatchObject({ status: 'signed-in', epoch: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('treats a token within the margin of its expiry as stale; short-lived tokens get a quarter of their life', () => {
    let now = NOW;
    const s = make({ refresh: fakeApi().refresh, storage: memory(), marginMs: 60_000, now: () => now });
    s.signIn({ accessToken: 'at1', accessTokenExpiresAt: inMinutes(15), refreshToken: 'rt1' });
    now = NOW + 13.9 * 60_000;
    expect(s.hasFreshAccessToken()).toBe(true);
    now = NOW + 14.1 * 60_000;
    expect(s.hasFreshAccessToken()).toBe(false);
    now = NOW;
    s.signIn({ accessToken: 'at2', accessTokenExpiresAt: inMinutes(1), refreshToken: 'rt2' });
    expect(s.hasFreshAccessToken()).toBe(true);
    now = NOW + 46_000;
    expect(s.hasFreshAccessToken()).toBe(false);
  });

  it('refreshes silently shortly before the access token expires', async () => {
    vi.useFakeTimers({ now: NOW });
    const api = fakeApi(0);
    const s = new Session({ refresh: api.refresh, storage: memory(), channel: null, settleMs: 0, marginMs: 60_000, now: () => Date.now() });
    sessions.push(s);
    s.signIn({ accessToken: 'at1', accessTokenExpiresAt: inMinutes(15), refreshToken: 'rt1' });
    await vi.advanceTimersByTimeAsync(13 * 60_000);
    expect(api.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000 + 10);
    expect(api.calls).toEqual(['rt1']);
    expect(s.currentAccessToken).toBe('at2');
  });

  it('replaces tokens without starting a new epoch (password change)', () => {
    const s = make({ refresh: fakeApi().refresh, storage: memory() });
    s.signIn({ accessToken: 'at1', accessTokenExpiresAt: inMinutes(15), refreshToken: 'rt1' });
    const onToken = vi.fn();
    s.onTokenChange(onToken);
    s.replaceTokens({ accessToken: 'at9', accessTokenExpiresAt: inMinutes(15), refreshToken: 'rt9' });
    expect(s.getState().epoch).toBe(1);
    expect(s.refreshToken).toBe('rt9');
    expect(onToken).toHaveBeenCalledTimes(1);
  });

  it('signs other tabs in and out', async () => {
    const storage = memory();
    const channel = bus();
    const a = make({ refresh: fakeApi().refresh, storage, channel: channel() });
    const b = make({ refresh: fakeApi().refresh, storage, channel: channel() });
    a.signIn({ accessToken: 'at1', accessTokenExpiresAt: inMinutes(15), refreshToken: 'rt1' });
    await new Promise((r) => setTimeout(r, 0));
    expect(b.getState().status).toBe('signed-in');
    expect(b.currentAccessToken).toBe('at1');
    b.signOut();
    await new Promise((r) => setTimeout(r, 0));
    expect(a.getState()).toMatchObject({ status: 'signed-out', reason: 'signed-out' });
    expect(a.currentAccessToken).toBeNull();
  });
});
