import { describe, expect, it } from 'vitest';
import { currentZoneName, endOfDay, isDay, searchZones, startOfDay, timeZones } from './dates';

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
    // ... so that day has 23 hours, and 2026-10-25 (back to +01:00) has 25.
    expect(endOfDay('2026-03-29', 'Europe/Berlin')).toBe('2026-03-29T21:59:59.999Z');
    expect(endOfDay('2026-10-25', 'Europe/Berlin')).toBe('2026-10-25T22:59:59.999Z');
  });

  it('recognises calendar dates', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('yesterday')).toBe(false);
  });

  it('lists zones under their current IANA names, and finds them by any spelling', () => {
    const zones = timeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('Europe/Kyiv');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).not.toContain('Europe/Kiev');
    expect(new Set(zones).size).toBe(zones.length);
    expect(currentZoneName('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(currentZoneName('Europe/Berlin')).toBe('Europe/Berlin');
    expect(searchZones(zones, 'kiev')).toEqual(['Europe/Kyiv']);
    expect(searchZones(zones, 'new york')).toEqual(['America/New_York']);
    expect(searchZones(zones, 'KOLK')).toEqual(['Asia/Kolkata']);
    expect(searchZones(zones, '')).toHaveLength(zones.length);
  });
});
