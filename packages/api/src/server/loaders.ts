/**
 * Per-request DataLoaders. Each module contributes its own factory; the set is created fresh for
 * every request so cached objects and permissions never leak between callers.
 */
export interface Loaders {}

export function createLoaders(): Loaders {
  return {};
}
