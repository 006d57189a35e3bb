import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, dayToString, isoWeekKey, localDayOf, monthKey, parseDay, sameDayPreviousYear, startOfLocalDay } from '../time.js';

const day = (s: string) => parseDay(s)!;

describe('time: calendar days in a timezone', () => {
  it('parses and prints dates, rejecting impossible ones', () => {
    expect(dayToString(day('2026-03-29'))).toBe('2026-03-29');
    expect(parseDay('2026-02-30')).toBeUndefined();
    expect(parseDay('2026-2-3')).toBeUndefined();
  });

  it('prints every day of years 0000–9999 (and fractions of a day, and years beyond) as the Date does', () => {
    const viaDate = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
    // (parseDay refuses years 0000–0099, which Date.UTC reads as 1900–1999: not needed there.)
    const first = Date.parse('0000-01-01T00:00:00Z') / DAY_MS;
    const last = Date.parse('9999-12-31T00:00:00Z') / DAY_MS;
    let mismatches = 0;
    for (let d = first - 400; d <= last + 400; d++) if (dayToString(d) !== viaDate(d)) mismatches++;
    expect(mismatches).toBe(0);
    expect(dayToString(first)).toBe('0000-01-01');
    expect(dayToString(day('1600-02-29'))).toBe('1600-02-29');
    expect(dayToString(day('1900-02-28') + 1)).toBe('1900-03-01');
    expect(dayToString(day('2000-02-29'))).toBe('2000-02-29');
    fc.assert(fc.property(fc.double({ min: first - 1e6, max: last + 1e6, noNaN: true }), (d) => dayToString(d) === viaDate(Math.floor(d))));
  });

  it('ISO weeks and months as MongoDB prints them', () => {
    expect(isoWeekKey(day('2026-01-01'))).toBe('2026-W01');
    expect(isoWeekKey(day('2027-01-01'))).toBe('2026-W53');
    expect(isoWeekKey(day('2024-12-30'))).toBe('2025-W01');
    expect(monthKey(day('2024-12-30'))).toBe('2024-12');
  });

  it('a post at 23:30 UTC is on the next day in UTC+2', () => {
    const t = Date.parse('2026-01-05T23:30:00Z');
    expect(dayToString(localDayOf(t, 'Etc/GMT-2'))).toBe('2026-01-06');
    expect(dayToString(localDayOf(t, 'UTC'))).toBe('2026-01-05');
  });

  it('local midnight across DST changes', () => {
    expect(new Date(startOfLocalDay(day('2026-03-29'), 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfLocalDay(day('2026-03-30'), 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(startOfLocalDay(day('2026-10-25'), 'Europe/Berlin')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(new Date(startOfLocalDay(day('2026-01-05'), 'Asia/Kolkata')).toISOString()).toBe('2026-01-04T18:30:00.000Z');
  });

  it('startOfLocalDay is the first instant of the date in any zone', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kathmandu', 'America/Havana'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: day('2020-01-01'), max: day('2030-12-31') }), (tz, d) => {
        const t = startOfLocalDay(d, tz);
        expect(localDayOf(t, tz)).toBe(d);
        expect(localDayOf(t - 1000, tz)).toBeLessThan(d);
      }),
      { numRuns: 300 },
    );
  });

  it('same day a year earlier', () => {
    expect(dayToString(sameDayPreviousYear(day('2024-02-29')))).toBe('2023-02-28');
    expect(dayToString(sameDayPreviousYear(day('2026-03-31')))).toBe('2025-03-31');
    expect(DAY_MS).toBe(86_400_000);
  });
});
