import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createClient, type AppClient } from '../client';
import { workspaceChoice, type WorkspaceChoice } from '../workspace';
import type { Session, SessionState } from './session';

const SessionContext = createContext<Session | null>(null);
const WorkspaceChoiceContext = createContext<WorkspaceChoice>(workspaceChoice);

/** The remembered workspace choice (lib/workspace.ts): setting it switches every request and the cache. */
export function useWorkspaceChoice(): WorkspaceChoice {
  return useContext(WorkspaceChoiceContext);
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession needs a <SessionProvider>');
  return s;
}

export function useSessionState(): SessionState {
  const s = useSession();
  return useSyncExternalStore(s.subscribe, s.getState);
}

const clientKeys = new WeakMap<AppClient, number>();
let nextClientKey = 0;
/** A stable number per client (the React key of the tree that uses it). */
function clientKey(app: AppClient): number {
  let key = clientKeys.get(app);
  if (key === undefined) clientKeys.set(app, (key = ++nextClientKey));
  return key;
}

/**
 * Provides the session and a GraphQL client. The client (and so its cache) is rebuilt whenever
 * the signed-in user may have changed, so nobody sees the previous user's cached data.
 */
export function SessionProvider({
  session,
  children,
  makeClient = createClient,
  workspace = workspaceChoice,
}: {
  session: Session;
  children: ReactNode;
  makeClient?: (session: Session) => AppClient;
  workspace?: WorkspaceChoice;
}) {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const workspaceId = useSyncExternalStore(workspace.subscribe, workspace.get);
  // The epoch and the workspace are dependencies on purpose: a new user, or another workspace,
  // gets a new client, so no cached data of the previous one is shown.
  const app = useMemo(() => makeClient(session), [session, makeClient, state.epoch, workspaceId]);
  useEffect(() => () => app.dispose(), [app]);
  return (
    <SessionContext.Provider value={session}>
      <WorkspaceChoiceContext.Provider value={workspace}>
        {/* Keyed by the client: everything below starts afresh with it. urql's hooks keep their
            last data while a new client answers, which would show another workspace's (or user's)
            numbers for a moment; remounting starts every page empty and loading instead. */}
        <Provider value={app.client} key={clientKey(app)}>
          {children}
        </Provider>
      </WorkspaceChoiceContext.Provider>
    </SessionContext.Provider>
  );
}
