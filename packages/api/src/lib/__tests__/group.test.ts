import { describe, expect, it } from 'vitest';
import { pushTo } from '../group.js';

describe('pushTo', () => {
  it('groups values by key in arrival order, one list per key, extended in place', () => {
    const m = new Map<string, number[]>();
    for (const [k, v] of [['a', 1], ['b', 2], ['a', 3], ['a', 4]] as const) pushTo(m, k, v);
    expect([...m]).toEqual([['a', [1, 3, 4]], ['b', [2]]]);
    const list = m.get('a');
    pushTo(m, 'a', 5);
    expect(m.get('a')).toBe(list);
    expect(list).toEqual([1, 3, 4, 5]);
  });
});
