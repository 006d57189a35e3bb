import { describe, expect, it } from 'vitest';
import { localHourInstant, nextLocalHour } from '../alerts.js';
import { alertMetricDisplayValue, AlertMetric, formatAlertMetricValue } from '../metrics.js';
import { localParts } from '../time.js';

const at = (iso: string) => Date.parse(iso);

describe('nextLocalHour (daily digest time)', () => {
  it('finds the hour in the zone, later today or tomorrow', () => {
    // New York in summer is UTC-4: 09:00 there is 13:00 UTC.
    expect(new Date(nextLocalHour(at('2026-07-10T02:00:00Z'), 'America/New_York', 9)).toISOString()).toBe('2026-07-10T13:00:00.000Z');
    expect(new Date(nextLocalHour(at('2026-07-10T13:00:00Z'), 'America/New_York', 9)).toISOString()).toBe('2026-07-10T13:00:00.000Z');
    expect(new Date(nextLocalHour(at('2026-07-10T13:00:01Z'), 'America/New_York', 9)).toISOString()).toBe('2026-07-11T13:00:00.000Z');
    // Tokyo (UTC+9) is already on the next calendar day.
    expect(new Date(nextLocalHour(at('2026-07-10T23:30:00Z'), 'Asia/Tokyo', 9)).toISOString()).toBe('2026-07-11T00:00:00.000Z');
  });

  it('is DST-safe: the same wall-clock hour on both sides of a change, and the first instant after a skipped hour', () => {
    // Berlin: 29 March 2026 springs forward at 02:00 → 03:00; 25 October falls back.
    expect(new Date(nextLocalHour(at('2026-03-28T12:00:00Z'), 'Europe/Berlin', 9)).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(new Date(nextLocalHour(at('2026-03-27T12:00:00Z'), 'Europe/Berlin', 9)).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(new Date(nextLocalHour(at('2026-10-25T00:00:00Z'), 'Europe/Berlin', 9)).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    const skipped = localHourInstant(Date.UTC(2026, 2, 29) / 86_400_000, 2, 'Europe/Berlin');
    expect(localParts(skipped, 'Europe/Berlin').hour).toBe(3);
  });
});

describe('alert metric values', () => {
  it('shows rates as percentages and counts as they are', () => {
    expect(alertMetricDisplayValue(AlertMetric.ENGAGEMENT_RATE, 0.0235)).toBeCloseTo(2.35);
    expect(formatAlertMetricValue(AlertMetric.ENGAGEMENT_RATE, 2.345)).toBe('2.35 %');
    expect(formatAlertMetricValue(AlertMetric.FOLLOWERS, 12400)).toBe('12,400');
  });
});
