import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createRefresher } from './lib/auth/refresh';
import { Session } from './lib/auth/session';
import { SessionProvider } from './lib/auth/SessionProvider';
import { routes } from './routes';

const session = new Session({ refresh: createRefresher() });
const router = createBrowserRouter(routes);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider session={session}>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
