/** Calendar-day helpers in a given IANA time zone; the arithmetic is the API's own (@soash/shared). */
import { parseDay, startOfLocalDay } from '@soash/shared';

/** First instant of a calendar day (YYYY-MM-DD) in a time zone, as an ISO string. */
export function startOfDay(day: string, timeZone: string): string {
  return new Date(startOfLocalDay(dayNumber(day), timeZone)).toISOString();
}

/** Last millisecond of a calendar day in a time zone, as an ISO string. */
export function endOfDay(day: string, timeZone: string): string {
  return new Date(startOfLocalDay(dayNumber(day) + 1, timeZone) - 1).toISOString();
}

/** Is this a valid YYYY-MM-DD calendar date? */
export function isDay(value: string | null | undefined): value is string {
  return !!value && parseDay(value) !== undefined;
}

function dayNumber(day: string): number {
  const n = parseDay(day);
  if (n === undefined) throw new RangeError(`not a calendar date: ${day}`);
  return n;
}

/** The browser's time zone, or UTC when it cannot tell. */
export function detectTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every IANA zone the browser knows (falls back to a short list on old browsers). */
export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];
  return list.includes('UTC') ? list : ['UTC', ...list];
}
