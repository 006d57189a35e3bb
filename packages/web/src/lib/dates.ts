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

/**
 * Old spellings that browsers' (and Node's) time-zone data still report as canonical, with the
 * name the IANA database uses today (its `backward` file). Both spellings name the same zone, so
 * either works for arithmetic; people should see and pick the current one.
 */
export const RENAMED_ZONES: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The current IANA name of a zone ("Asia/Calcutta" → "Asia/Kolkata"); other names unchanged. */
export function currentZoneName(zone: string): string {
  return RENAMED_ZONES[zone] ?? zone;
}

/** The browser's time zone under its current name, or UTC when it cannot tell. */
export function detectTimeZone(): string {
  try {
    return currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  } catch {
    return 'UTC';
  }
}

/** Every IANA zone the browser knows, under current names and sorted (a short list on old browsers). */
export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];
  const names = [...new Set(list.map(currentZoneName))].filter((z) => z !== 'UTC').sort();
  return ['UTC', ...names];
}

/** "Asia/Ho_Chi_Minh" → "Asia / Ho Chi Minh" (what a list shows). */
export function zoneDisplayName(zone: string): string {
  return zone.replace(/_/g, ' ').replace(/\//g, ' / ');
}

/**
 * Zones matching what someone typed: any part of the name, ignoring case, spaces versus
 * underscores and the old spellings ("kiev" finds Europe/Kyiv, "new york" America/New_York).
 */
export function searchZones(zones: readonly string[], query: string): string[] {
  const q = query.trim().toLowerCase().replace(/[\s_]+/g, ' ');
  if (!q) return [...zones];
  const old = new Map<string, string[]>();
  for (const [legacy, current] of Object.entries(RENAMED_ZONES)) old.set(current, [...(old.get(current) ?? []), legacy]);
  const norm = (z: string) => z.toLowerCase().replace(/_/g, ' ');
  return zones.filter((z) => norm(z).includes(q) || (old.get(z) ?? []).some((l) => norm(l).includes(q)));
}
