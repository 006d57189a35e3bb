import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../modules/analytics/statistics.js';
import { firstK } from '../first-k.js';

describe('firstK', () => {
  it('equals sorting the whole list and taking the first k, ties in input order', () => {
    const rng = seededRandom(7);
    for (const n of [0, 1, 4, 5, 6, 50, 1000]) {
      // Few distinct values, so there are many ties: the tag tells equal values apart.
      const items = Array.from({ length: n }, (_, i) => ({ v: Math.floor(rng() * 10), i }));
      const byValueDesc = (a: { v: number }, b: { v: number }) => b.v - a.v;
      for (const k of [0, 1, 3, 5, 2000]) expect(firstK(items, k, byValueDesc)).toEqual([...items].sort(byValueDesc).slice(0, k));
    }
  });

  it('does not change its input', () => {
    const items = [3, 1, 2];
    expect(firstK(items, 2, (a, b) => a - b)).toEqual([1, 2]);
    expect(items).toEqual([3, 1, 2]);
  });
});
