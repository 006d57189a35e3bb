import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isValidTimeZone } from '../time.js';

describe('isValidTimeZone', () => {
  it('accepts IANA names and returns their canonical spelling', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Etc/GMT+5']) {
      expect(isValidTimeZone(tz), tz).toBe(true);
    }
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
  });

  it('refuses unknown zones, offsets and junk', () => {
    for (const tz of ['Mars/Olympus_Mons', 'Europe/Berlinn', '+02:00', '', ' UTC', 'Europe/../Berlin', 'x'.repeat(100)]) {
      expect(isValidTimeZone(tz), tz).toBe(false);
    }
  });
});

describe('canonicalTimeZone, asked again', () => {
  it('answers the same the second time, for known and unknown names, and after many made-up names', () => {
    for (let round = 0; round < 2; round++) {
      expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
      expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    }
    for (let i = 0; i < 2_500; i++) expect(canonicalTimeZone(`Made/Up_${i}`)).toBeUndefined();
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone('Made/Up_1')).toBeUndefined();
  });
});
