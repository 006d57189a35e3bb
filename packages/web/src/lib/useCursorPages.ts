import { useState } from 'react';

/**
 * Keyset pages: a stack of `after` cursors, one per page already passed. The stack belongs to one
 * filter and sort (`key`); changing it starts again at the first page.
 */
export function useCursorPages(key: string) {
  const [state, setState] = useState<{ key: string; cursors: string[] }>({ key, cursors: [] });
  const cursors = state.key === key ? state.cursors : [];
  return {
    page: cursors.length + 1,
    after: cursors.at(-1) ?? null,
    next: (endCursor: string) => setState({ key, cursors: [...cursors, endCursor] }),
    previous: () => setState({ key, cursors: cursors.slice(0, -1) }),
  };
}
