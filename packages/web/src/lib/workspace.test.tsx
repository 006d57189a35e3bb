import { act, render } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { graphql } from '../gql';
import { Session } from './auth/session';
import { SessionProvider } from './auth/SessionProvider';
import { createClient } from './client';
import { WORKSPACE_KEY, WorkspaceChoice } from './workspace';

const Me = graphql(`
  query WorkspaceTestMe {
    me {
      id
    }
  }
`);

function memory(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), map: m } as unknown as Storage & { map: Map<string, string> };
}

function events() {
  const listeners: ((e: StorageEvent) => void)[] = [];
  return {
    addEventListener: (_: string, l: (e: StorageEvent) => void) => void listeners.push(l),
    fire: (key: string, newValue: string | null) => listeners.forEach((l) => l({ key, newValue } as StorageEvent)),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('workspace choice', () => {
  it('remembers the chosen workspace in this browser and tells its listeners', () => {
    const storage = memory();
    const choice = new WorkspaceChoice(storage, null);
    const seen: (string | null)[] = [];
    choice.subscribe(() => seen.push(choice.get()));
    expect(choice.get()).toBeNull();
    expect(choice.headers()).toEqual({});
    choice.set('w2');
    choice.set('w2');
    expect(storage.map.get(WORKSPACE_KEY)).toBe('w2');
    expect(choice.headers()).toEqual({ 'X-Workspace-Id': 'w2' });
    // A reload reads it back.
    expect(new WorkspaceChoice(storage, null).get()).toBe('w2');
    choice.set(null);
    expect(storage.map.has(WORKSPACE_KEY)).toBe(false);
    expect(seen).toEqual(['w2', null]);
  });

  it('follows a switch made in another tab', () => {
    const target = events();
    const choice = new WorkspaceChoice(memory({ [WORKSPACE_KEY]: 'w1' }), target);
    const seen: (string | null)[] = [];
    choice.subscribe(() => seen.push(choice.get()));
    target.fire('soash.other', 'x');
    target.fire(WORKSPACE_KEY, 'w3');
    expect(choice.get()).toBe('w3');
    expect(seen).toEqual(['w3']);
  });

  it('names the chosen workspace on every request the client sends', async () => {
    const fetchFn = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ data: { me: { id: 'u1', __typename: 'User' } } }), { headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchFn);
    const choice = new WorkspaceChoice(memory({ [WORKSPACE_KEY]: 'w1' }), null);
    const session = new Session({ refresh: async () => Promise.reject(new Error('none')), storage: null, channel: null, autoRefresh: false, settleMs: 0 });
    const app = createClient(session, { url: 'http://localhost/graphql', workspace: choice });
    await app.client.query(Me, {}, { requestPolicy: 'network-only' }).toPromise();
    choice.set('w2');
    await app.client.query(Me, {}, { requestPolicy: 'network-only' }).toPromise();
    const headers = fetchFn.mock.calls.map(([, init]) => new Headers(init.headers).get('X-Workspace-Id'));
    expect(headers).toEqual(['w1', 'w2']);
    app.dispose();
    session.dispose();
  });

  it('starts a fresh client (and cache) when the workspace changes', () => {
    const choice = new WorkspaceChoice(memory(), null);
    const session = new Session({ refresh: async () => Promise.reject(new Error('none')), storage: null, channel: null, autoRefresh: false, settleMs: 0 });
    const dispose = vi.fn();
    const makeClient = vi.fn((s: Session) => ({ ...createClient(s, { url: 'http://localhost/graphql', workspace: choice }), dispose }));
    render(
      <SessionProvider session={session} makeClient={makeClient} workspace={choice}>
        <p>app</p>
      </SessionProvider>,
    );
    expect(makeClient).toHaveBeenCalledTimes(1);
    act(() => choice.set('w2'));
    expect(makeClient).toHaveBeenCalledTimes(2);
    expect(dispose).toHaveBeenCalledTimes(1);
    act(() => choice.set('w2'));
    expect(makeClient).toHaveBeenCalledTimes(2);
    session.dispose();
  });

  it('starts the app below it afresh with a new workspace, so no page keeps what it showed for the previous one', () => {
    const choice = new WorkspaceChoice(memory(), null);
    const session = new Session({ refresh: async () => Promise.reject(new Error('none')), storage: null, channel: null, autoRefresh: false, settleMs: 0 });
    const mounts = vi.fn();
    function Page() {
      const [shown] = useState(() => {
        mounts();
        return choice.get() ?? 'none';
      });
      return <p>showing {shown}</p>;
    }
    const makeClient = (s: Session) => createClient(s, { url: 'http://localhost/graphql', workspace: choice });
    const { getByText } = render(
      <SessionProvider session={session} makeClient={makeClient} workspace={choice}>
        <Page />
      </SessionProvider>,
    );
    expect(getByText('showing none')).toBeTruthy();
    act(() => choice.set('w2'));
    expect(getByText('showing w2')).toBeTruthy();
    expect(mounts).toHaveBeenCalledTimes(2);
    session.dispose();
  });
});
