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
