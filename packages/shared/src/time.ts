/**
 * Calendar arithmetic in a user's timezone, without a date library.
 *
 * A calendar date is handled as a "day number": days since 1970-01-01 of that date's UTC midnight.
 * Day numbers are timezone-free labels; instants (Date) are converted to and from them through
 * the user's IANA timezone with Intl, which knows DST rules.
 */
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Zone names asked about, with their canonical spelling (null: unknown); see canonicalTimeZone. */
const canonical = new Map<string, string | null>();

/** Shape of an IANA zone name ("Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+5"). */
const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The canonical spelling of an IANA time zone ("europe/berlin" → "Europe/Berlin"), or undefined
 * when the runtime's time zone database does not know it. Offsets such as "+02:00" are refused:
 * they have no daylight-saving rules, so they are not what a user's profile means by a time zone.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (typeof name !== 'string' || name.length > 64 || !ZONE_SHAPE.test(name)) return undefined;
  // Asked on every request (the viewer's zone): a new Intl.DateTimeFormat each time costs more
  // than the rest of the check. Known answers are kept, bounded (the zone database has ~600 names
  // plus their spellings; a flood of made-up ones only empties the table).
  const known = canonical.get(name);
  if (known !== undefined) return known ?? undefined;
  let answer: string | null;
  try {
    answer = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    answer = null;
  }
  if (canonical.size >= 2_000) canonical.clear();
  canonical.set(name, answer);
  return answer ?? undefined;
}

/** Whether `name` is an IANA time zone known to the runtime (validated via Intl). */
export function isValidTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Wall-clock fields of an instant in `tz`. */
export function localParts(instantMs: number, tz: string): LocalParts {
  const parts = formatter(tz).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Offset of `tz` from UTC at an instant, in ms (local = utc + offset). */
export function zoneOffsetMs(instantMs: number, tz: string): number {
  const p = localParts(instantMs, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The calendar date (day number) an instant falls on in `tz`. */
export function localDayOf(instantMs: number, tz: string): number {
  const p = localParts(instantMs, tz);
  return Date.UTC(p.year, p.month - 1, p.day) / DAY_MS;
}

/**
 * The first instant of a calendar date in `tz`: local midnight, or, where a DST change skips
 * midnight, the first instant that exists on that date. Found by bisection over whole seconds
 * (the local date is monotone in the instant), so it never depends on guessing offsets.
 */
export function startOfLocalDay(day: number, tz: string): number {
  const wall = day * DAY_MS;
  // UTC offsets lie within -12 h … +14 h: at lo the local date is still earlier, at hi it has begun.
  let lo = Math.floor((wall - 15 * 3_600_000) / 1000);
  let hi = Math.ceil((wall + 13 * 3_600_000) / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDayOf(mid * 1000, tz) >= day) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/**
 * A day number as YYYY-MM-DD (the date `new Date(day * DAY_MS).toISOString()` starts with), by
 * arithmetic: a series formats two dates per point, and this is about 5× faster than through a
 * Date. The civil-from-days conversion is the proleptic Gregorian one (H. Hinnant, "chrono-
 * compatible low-level date algorithms"); years outside 0000–9999 go through the Date.
 */
export function dayToString(day: number): string {
  const whole = Math.floor(day);
  const z = whole + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097; // day of the 400-year era, 0 … 146 096
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // from March 1st
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return new Date(whole * DAY_MS).toISOString().slice(0, 10);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

/** Parses YYYY-MM-DD into a day number; undefined when it is not a real date. */
export function parseDay(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/** Day number of a stored UTC-midnight date (Stats.date, ActivityMetric.date). */
export function utcDayOf(date: Date | number): number {
  const ms = typeof date === 'number' ? date : date.getTime();
  return Math.floor(ms / DAY_MS);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a day number. */
export function isoWeekday(day: number): number {
  const d = new Date(day * DAY_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

/** ISO week key as MongoDB's `%G-W%V` prints it, e.g. "2026-W01". */
export function isoWeekKey(day: number): string {
  const thursday = day - isoWeekday(day) + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function monthKey(day: number): string {
  return dayToString(day).slice(0, 7);
}

/** The same calendar date one year earlier (29 February becomes 28 February). */
export function sameDayPreviousYear(day: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear() - 1;
  const m = d.getUTCMonth();
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfMonth)) / DAY_MS;
}

/** Local wall-clock time of an instant in `tz`, as ms on the UTC time line ("2026-03-29 02:30" → Date.UTC of that). */
function localWallMs(instantMs: number, tz: string): number {
  return instantMs + zoneOffsetMs(instantMs, tz);
}

/**
 * The instant a wall-clock time of a calendar date happens in `tz`: `hour:minute` local on `day`.
 * Where a DST change repeats that time (autumn), the first of the two instants; where it skips
 * it (spring), the first instant after the gap, i.e. the moment the clocks jump (02:30 on the
 * day Europe/Berlin springs forward is 03:00 CEST, 01:00 UTC).
 */
export function instantAtLocalTime(day: number, hour: number, minute: number, tz: string): number {
  const wall = day * DAY_MS + hour * 3_600_000 + minute * 60_000;
  // Each offset in force around that day gives a candidate; the ones that really show `wall` are exact.
  const offsets = new Set([wall - DAY_MS, wall, wall + DAY_MS].map((t) => zoneOffsetMs(t, tz)));
  const candidates = [...offsets].map((o) => wall - o).sort((a, b) => a - b);
  const exact = candidates.find((t) => localWallMs(t, tz) === wall);
  if (exact !== undefined) return exact;
  // A gap: the local time jumps over `wall`. Bisect for the first instant whose wall time is past it.
  let lo = Math.floor(candidates[0]! / 1000);
  let hi = Math.ceil(candidates[candidates.length - 1]! / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localWallMs(mid * 1000, tz) >= wall) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}
