import { useEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation, useNavigation } from 'react-router';
import { Button } from '../ui/Button';
import { ConnectionBanner } from '../ui/ConnectionBanner';

export interface NavItem {
  to: string;
  label: string;
  icon: string;
}

/** The pages of the signed-in app (only those that are routed). */
export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Overview', icon: '◎' },
  { to: '/posts', label: 'Posts', icon: '▤' },
  { to: '/platforms', label: 'Platforms', icon: '⇄' },
  { to: '/insights', label: 'Insights', icon: '✦' },
  { to: '/reports', label: 'Reports', icon: '▦' },
  { to: '/alerts', label: 'Alerts', icon: '⚑' },
  { to: '/members', label: 'Members', icon: '☺' },
  { to: '/referrals', label: 'Referrals', icon: '♥' },
  { to: '/settings', label: 'Settings', icon: '⚙' },
];

/**
 * The signed-in frame: sidebar navigation (a drawer under 820 px), a skip link, and the page.
 */
export function AppShell({
  userName,
  onSignOut,
  banner,
  workspace,
  workspaceName,
  bell,
  items = NAV_ITEMS,
  children,
}: {
  userName: string;
  onSignOut: () => void;
  banner?: ReactNode;
  /** The workspace switcher (top of the sidebar, so also in the drawer). */
  workspace?: ReactNode;
  /** The active workspace's name, shown in the narrow top bar. */
  workspaceName?: string;
  /** The notification bell, in the header (the narrow top bar, or above the page). */
  bell?: ReactNode;
  items?: NavItem[];
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const navigation = useNavigation();
  useEffect(() => setOpen(false), [location.pathname]);
  // A new page starts at the top, and focus moves to it so screen readers announce it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!location.hash) window.scrollTo?.(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname, location.hash]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <div className="shell">
      {navigation.state !== 'idle' && <div className="route-progress" role="progressbar" aria-label="Loading page" />}
      <a href="#main" className="sr-only" onFocus={(e) => e.currentTarget.classList.remove('sr-only')} onBlur={(e) => e.currentTarget.classList.add('sr-only')}>
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          Soash
        </span>
        {workspaceName && <span className="topbar-workspace small">{workspaceName}</span>}
        {bell}
        <Button variant="ghost" aria-expanded={open} aria-controls="sidebar" onClick={() => setOpen((o) => !o)}>
          {open ? 'Close menu' : 'Menu'}
        </Button>
      </header>
      <button type="button" className="sidebar-backdrop" data-open={open} aria-hidden="true" tabIndex={-1} onClick={() => setOpen(false)} />
      <nav id="sidebar" className="sidebar" data-open={open} aria-label="Main">
        <NavLink to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          Soash
        </NavLink>
        {workspace}
        {items.map((item) => (
          <NavLink key={item.to} to={item.to} end={item.to === '/'} className="nav-link">
            <span aria-hidden="true">{item.icon}</span>
            {item.label}
          </NavLink>
        ))}
        <div style={{ marginTop: 'auto' }} className="stack">
          <span className="small muted" style={{ padding: '0 10px' }}>
            Signed in as <strong>{userName}</strong>
          </span>
          <Button variant="secondary" onClick={onSignOut}>
            Sign out
          </Button>
        </div>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {bell && <div className="main-toolbar">{bell}</div>}
        <ConnectionBanner />
        {banner}
        {children}
      </main>
    </div>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p className="muted">{description}</p>}
      </div>
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}
