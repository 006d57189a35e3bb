import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createClient, type AppClient } from '../client';
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
}: {
  session: Session;
  children: ReactNode;
  makeClient?: (session: Session) => AppClient;
}) {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  // The epoch is a dependency on purpose: a new user gets a new client.
  const app = useMemo(() => makeClient(session), [session, makeClient, state.epoch]);
  useEffect(() => () => app.dispose(), [app]);
  return (
    <SessionContext.Provider value={session}>
      <Provider value={app.client}>{children}</Provider>
    </SessionContext.Provider>
  );
}
