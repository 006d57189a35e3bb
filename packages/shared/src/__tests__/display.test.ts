import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCalendarDay, formatCalendarDayShort, formatCalendarMonth, formatDayRange, formatInstant, MONTH_ABBREVIATIONS } from '../display.js';
import { DAY_MS, localDayOf, parseDay } from '../time.js';

const day = (s: string) => parseDay(s)!;

describe('display: one date format for people, in the web and in the API’s sentences', () => {
  it('writes a calendar day as day, month, year', () => {
    expect(formatCalendarDay('2026-06-25')).toBe('25 Jun 2026');
    expect(formatCalendarDay(day('2026-09-03'))).toBe('3 Sep 2026');
    expect(formatCalendarDayShort('2026-11-06')).toBe('6 Nov');
    expect(formatCalendarMonth('2026-03')).toBe('Mar 2026');
    expect(formatCalendarDay('2026-02-30')).toBeUndefined();
    expect(formatCalendarMonth('2026-13')).toBeUndefined();
  });

  it('writes periods compactly within a year', () => {
    expect(formatDayRange('2026-01-02', '2026-06-29')).toBe('2 Jan – 29 Jun 2026');
    expect(formatDayRange('2025-12-02', '2026-06-29')).toBe('2 Dec 2025 – 29 Jun 2026');
    expect(formatDayRange('2026-06-25', '2026-06-25')).toBe('25 Jun 2026');
  });

  it('puts an instant on its day in the workspace’s timezone, with a 24-hour clock', () => {
    expect(formatInstant('2026-01-01T23:30:00Z', 'UTC')).toBe('1 Jan 2026');
    expect(formatInstant('2026-01-01T23:30:00Z', 'Europe/Berlin')).toBe('2 Jan 2026');
    expect(formatInstant('2026-01-01T23:30:00Z', 'Europe/Berlin', true)).toBe('2 Jan 2026, 00:30');
    expect(formatInstant(new Date('2026-07-01T14:05:00Z'), 'America/New_York', true)).toBe('1 Jul 2026, 10:05');
    expect(formatInstant('not a date', 'UTC')).toBeUndefined();
    expect(formatInstant('2026-01-01T23:30:00Z', 'Not/AZone')).toBe('1 Jan 2026');
  });

  it('does not depend on the runtime’s locale data: the same text as fixed words, for any instant and zone', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const d = new Date(localDayOf(ms, zone) * DAY_MS);
        expect(formatInstant(ms, zone)).toBe(`${d.getUTCDate()} ${MONTH_ABBREVIATIONS[d.getUTCMonth()]} ${d.getUTCFullYear()}`);
      }),
    );
  });
});
