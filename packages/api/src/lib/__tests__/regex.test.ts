import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeRegex } from '../regex.js';

describe('escapeRegex', () => {
  it('makes any text match itself literally and nothing else special', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (before, needle, after) => {
        expect(new RegExp(escapeRegex(needle), 'i').test(`${before}${needle}${after}`)).toBe(true);
      }),
    );
    expect(new RegExp(escapeRegex('a.c')).test('abc')).toBe(false);
    expect(new RegExp(escapeRegex('(.*)')).test('anything')).toBe(false);
  });
});
