import { describe, expect, it } from 'vitest';
import { trimmedOrNull, updateOf } from '../update-doc.js';

describe('updateOf', () => {
  it('sets given values, unsets nulls and leaves undefined alone', () => {
    expect(updateOf({ name: 'A', company: null, lastName: undefined })).toEqual({ $set: { name: 'A' }, $unset: { company: 1 } });
  });

  it('drops empty operators (MongoDB refuses an empty $unset)', () => {
    expect(updateOf({ name: 'A' })).toEqual({ $set: { name: 'A' } });
    expect(updateOf({ company: null })).toEqual({ $unset: { company: 1 } });
    expect(updateOf({ name: undefined })).toEqual({});
  });

  it('keeps falsy values that are not null', () => {
    expect(updateOf({ onboardingCompleted: false, count: 0, note: '' })).toEqual({ $set: { onboardingCompleted: false, count: 0, note: '' } });
  });
});

describe('trimmedOrNull', () => {
  it('trims, turns blank into null and passes null/undefined through', () => {
    expect(trimmedOrNull('  Acme ')).toBe('Acme');
    expect(trimmedOrNull('   ')).toBeNull();
    expect(trimmedOrNull(null)).toBeNull();
    expect(trimmedOrNull(undefined)).toBeUndefined();
  });
});
