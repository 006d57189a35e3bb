import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

/** Which sides of a scroll box hide more content. */
export function overflowSides(el: { scrollLeft: number; scrollWidth: number; clientWidth: number }): { left: boolean; right: boolean } {
  const max = el.scrollWidth - el.clientWidth;
  return { left: max > 1 && el.scrollLeft > 1, right: max > 1 && el.scrollLeft < max - 1 };
}

/**
 * A table that scrolls sideways when it is wider than its card. When columns are hidden it says so
 * (a fade on the hidden side and a visible hint), and the region is focusable so keyboard users
 * can scroll it with the arrow keys.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [sides, setSides] = useState({ left: false, right: false });
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const next = overflowSides(el);
    setSides((s) => (s.left === next.left && s.right === next.right ? s : next));
  }, []);
  useEffect(() => {
    measure();
    const el = ref.current;
    if (!el) return;
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    if (el.firstElementChild) ro?.observe(el.firstElementChild);
    window.addEventListener('resize', measure);
    return () => {
      ro?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [measure]);
  const scrolls = sides.left || sides.right;
  return (
    <div className="table-scroll" data-more-left={sides.left || undefined} data-more-right={sides.right || undefined}>
      <div ref={ref} className="table-wrap" onScroll={measure} tabIndex={scrolls ? 0 : undefined} role={scrolls ? 'region' : undefined} aria-label={scrolls ? `${label} (scrolls sideways)` : undefined}>
        {children}
      </div>
      {scrolls && (
        <p className="small muted scroll-hint" aria-hidden="true">
          {sides.right ? 'More columns: scroll sideways →' : '← Scroll back for the first columns'}
        </p>
      )}
    </div>
  );
}
