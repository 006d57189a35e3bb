import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * Scrolls to the element the address's #hash names once it exists (pages render their sections
 * after data arrives), and moves focus there for keyboard users.
 */
export function useHashScroll(): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash || hash.length < 2) return;
    const id = decodeURIComponent(hash.slice(1));
    let tries = 0;
    const t = setInterval(() => {
      const el = document.getElementById(id);
      if (!el && ++tries < 50) return;
      clearInterval(t);
      if (!el) return;
      el.scrollIntoView?.({ block: 'start' });
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.focus({ preventScroll: true });
    }, 100);
    return () => clearInterval(t);
  }, [hash]);
}
