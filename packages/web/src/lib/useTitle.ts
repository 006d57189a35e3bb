import { useEffect } from 'react';

/** Sets the document title ("Posts · Soash") while a page is shown. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Soash` : 'Soash';
  }, [title]);
}
