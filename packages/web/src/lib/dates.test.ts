import { describe, expect, it } from 'vitest';
import { endOfDay, isDay, startOfDay, zonedTime } from './dates';

describe('dates in a time zone', () => {
  it('finds the first and last instant of a calendar day', () => {
    expect(startOfDay('2026-03-10', 'UTC')).toBe('2026-03-10T00:00:00.000Z');
    expect(endOfDay('2026-03-10', 'UTC')).toBe('2026-03-10T23:59:59.999Z');
    expect(startOfDay('2026-01-15', 'Europe/Berlin')).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfDay('2026-07-15', 'America/New_York')).toBe('2026-07-15T04:00:00.000Z');
    expect(endOfDay('2026-07-15', 'Asia/Kolkata')).toBe('2026-07-15T18:29:59.999Z');
  });

  it('handles days on which daylight saving time starts', () => {
    // Berlin moves from +01:00 to +02:00 at 02:00 on 2026-03-29.
    expect(startOfDay('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(zonedTime('2026-03-29', 'Europe/Berlin', 12).toISOString()).toBe('2026-03-29T10:00:00.000Z');
  });

  it('recognises calendar dates', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('yesterday')).toBe(false);
  });
});
