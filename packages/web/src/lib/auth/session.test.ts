import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalLock } from './lock';
import { createRefresher, endServerSession } from './refresh';
import { RefreshRejectedError, Session, SESSION_KEY, type RefreshFn, type TokenPair } from './session';

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

/**
 * A fake API with the browser's cookie jar (shared by every tab of the origin): each refresh
 * presents the cookie as it is when the request leaves; each refresh token works once, a reused one
 * revokes the family (like the real one), and the answer rotates the cookie.
 */
function fakeApi(delayMs = 5) {
  let n = 1;
  const jar = { cookie: 'rt1' as string | null };
  const used = new Set<string>();
  const calls: string[] = [];
  let revoked = false;
  const refresh: RefreshFn = async () => {
    const token = jar.cookie;
    if (!token) throw new RefreshRejectedError('No session: sign in');
    calls.push(token);
    await new Promise((r) => setTimeout(r, delayMs));
    if (revoked || used.has(token)) {
      revoked = true;
      jar.cookie = null;
      throw new RefreshRejectedError('Refresh token was already used');
    }
    used.add(token);
    n += 1;
    jar.cookie = `rt${n}`;
    return { accessToken: `at${n}`, accessTokenExpiresAt: inMinutes(15), refreshToken: null } satisfies TokenPair;
  };
  return { refresh, calls, jar, get revoked() { return revoked; } };
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
  it('starts signed in when a sign-in marker is stored, and gets an access token on demand', async () => {
    const api = fakeApi();
    const s = make({ refresh: api.refresh, storage: memory({ [SESSION_KEY]: 'm1' }) });
    expect(s.getState().status).toBe('signed-in');
    expect(s.hasFreshAccessToken()).toBe(false);
    expect(await s.getAccessToken()).toBe('at2');
    expect(api.calls).toEqual(['rt1']);
    expect(api.jar.cookie).toBe('rt2');
  });

  it('shares one refresh between concurrent callers in a tab', async () => {
    const api = fakeApi();
    const s = make({ refresh: api.refresh, storage: memory({ [SESSION_KEY]: 'm1' }) });
    const results = await Promise.all([s.refresh(), s.refresh(), s.getAccessToken(), s.refresh()]);
    expect(results).toEqual([true, true, 'at2', true]);
    expect(api.calls).toEqual(['rt1']);
  });

  it('serialises tabs: a tab that waited uses the token the other tab got, never the used refresh token', async () => {
    const api = fakeApi();
    const storage = memory({ [SESSION_KEY]: 'm1' });
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
    const storage = memory({ [SESSION_KEY]: 'm1' });
    const lock = createLocalLock();
    const a = make({ refresh: api.refresh, storage, lock });
    const b = make({ refresh: api.refresh, storage, lock });
    await Promise.all([a.refresh(), b.refresh(), a.refresh(), b.refresh()]);
    expect(api.revoked).toBe(false);
    expect(api.calls).toEqual(['rt1', 'rt2']);
    expect(new Set(api.calls).size).toBe(api.calls.length);
    expect(api.jar.cookie).toBe('rt3');
    expect(storage.getItem(SESSION_KEY)).toBe('m1');
  });

  it('signs out every tab when the refresh token is refused', async () => {
    const refresh = vi.fn<RefreshFn>().mockRejectedValue(new RefreshRejectedError('Refresh token expired'));
    const storage = memory({ [SESSION_KEY]: 'm1' });
    const channel = bus();
    const a = make({ refresh, storage, channel: channel() });
    const b = make({ refresh, storage, channel: channel() });
    expect(await a.refresh()).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    expect(a.getState()).toMatchObject({ status: 'signed-out', reason: 'session-ended' });
    expect(b.getState()).toMatchObject({ status: 'signed-out', reason: 'session-ended' });
  });

  it('keeps the session through a network error', async () => {
    const refresh = vi.fn<RefreshFn>().mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const storage = memory({ [SESSION_KEY]: 'm1' });
    const s = make({ refresh, storage });
    await expect(s.refresh()).rejects.toThrow('Failed to fetch');
    expect(s.getState().status).toBe('signed-in');
    expect(storage.getItem(SESSION_KEY)).toBe('m1');
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
  it('keeps the access token in memory and no credential in storage: only a random sign-in marker', () => {
    // A refresh token an earlier version kept in storage is removed.
    const storage = memory({ 'soash.refreshToken': 'old-refresh-token' });
    const s = make({ refresh: fakeApi().refresh, storage });
    const listener = vi.fn();
    s.subscribe(listener);
    s.signIn({ accessToken: 'at1', accessTokenExpiresAt: inMinutes(15), refreshToken: null });
    expect([...storage.map.keys()]).toEqual([SESSION_KEY]);
    expect(storage.getItem(SESSION_KEY)).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify([...storage.map.values()])).not.toMatch(/at1|old-refresh-token/);
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
    s.replaceTokens({ accessToken: 'at9', accessTokenExpiresAt: inMinutes(15), refreshToken: null });
    expect(s.getState().epoch).toBe(1);
    expect(s.currentAccessToken).toBe('at9');
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

describe('createRefresher (POST /auth/refresh with the cookie)', () => {
  it('posts with the CSRF header and the same-origin cookie, and never sends or reads a refresh token', async () => {
    const fetchFn = vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ accessToken: 'at2', accessTokenExpiresAt: inMinutes(15), refreshTokenExpiresAt: inMinutes(60) }), { status: 200 }));
    const pair = await createRefresher('/auth/refresh', 1000, fetchFn)();
    expect(pair).toEqual({ accessToken: 'at2', accessTokenExpiresAt: inMinutes(15) });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/auth/refresh');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', headers: { 'X-Soash-CSRF': '1' } });
    expect(init!.body).toBeUndefined();
  });

  it('a refused session (401, 403) is RefreshRejectedError; anything else is transient', async () => {
    const answer = (status: number) => vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ error: { code: 'X', message: `m${status}` } }), { status }));
    await expect(createRefresher('/auth/refresh', 1000, answer(401))()).rejects.toBeInstanceOf(RefreshRejectedError);
    await expect(createRefresher('/auth/refresh', 1000, answer(403))()).rejects.toBeInstanceOf(RefreshRejectedError);
    const transient = createRefresher('/auth/refresh', 1000, answer(502))();
    await expect(transient).rejects.toThrow('m502');
    await expect(transient).rejects.not.toBeInstanceOf(RefreshRejectedError);
  });

  it('sign-out deletes the server session with the CSRF header', async () => {
    const fetchFn = vi.fn<typeof fetch>(async () => new Response(null, { status: 204 }));
    await endServerSession('/auth/refresh', fetchFn);
    expect(fetchFn.mock.calls[0]![1]).toMatchObject({ method: 'DELETE', credentials: 'same-origin', headers: { 'X-Soash-CSRF': '1' } });
  });
});
