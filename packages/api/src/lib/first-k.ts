/**
 * The first `k` items in `compare` order, in that order: `[...items].sort(compare).slice(0, k)`
 * without copying or sorting the whole list — one pass keeping the best k (O(n·k), for small k).
 * Ties keep their input order, as the stable sort does, so the result is identical to it.
 */
export function firstK<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (k <= 0) return best;
  for (const item of items) {
    if (best.length === k && compare(item, best[k - 1]!) >= 0) continue;
    let i = best.length === k ? k - 1 : best.length;
    while (i > 0 && compare(item, best[i - 1]!) < 0) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = item;
  }
  return best;
}
