import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createClient, type AppClient } from '../client';
import { workspaceChoice, type WorkspaceChoice } from '../workspace';
import type { Session, SessionState } from './session';

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession needs a <SessionProvider>');
  return s;
}

export function useSessionState(): SessionState {
  const s = useSession();
  return useSyncExternalStore(s.subscribe, s.getState);
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
      <Provider value={app.client}>{children}</Provider>
    </SessionContext.Provider>
  );
}
