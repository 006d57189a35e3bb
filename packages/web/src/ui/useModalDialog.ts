import { useEffect, useRef } from 'react';

function restoreFocus(el: HTMLElement | null) {
  if (el && el.isConnected) el.focus({ preventScroll: true });
}

/**
 * Opens and closes a native <dialog> as a modal with `open` (focus is trapped by the browser).
 * Closing, or unmounting while open, puts focus back on the control that opened it: browsers do
 * that only for their own close paths, and after a re-render or Escape focus used to fall to <body>.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    } else if (!open && d.open) {
      if (typeof d.close === 'function') d.close();
      else d.removeAttribute('open');
      restoreFocus(opener.current);
      opener.current = null;
    }
  }, [open]);
  useEffect(
    () => () => {
      restoreFocus(opener.current);
    },
    [],
  );
  return ref;
}
