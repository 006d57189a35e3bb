import { DAY_MS, localParts, parseDay } from './time.js';

/**
 * How Soash writes dates and times for people, in the web pages and in the API's sentences alike
 * (insights, content briefs): the day, the month's English abbreviation and the year ("25 Jun
 * 2026"), a 24-hour clock ("14:05"), in the workspace's timezone. One rule, built from fixed
 * words rather than the runtime's locale data, so a browser and the server (whatever their ICU
 * version or language) print the same text, and "Sep" never becomes "Sept".
 */
export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A calendar day as a day number (days since 1970-01-01) or "YYYY-MM-DD"; undefined when it is neither. */
function dayNumberOf(day: number | string): number | undefined {
  if (typeof day === 'number') return Number.isInteger(day) ? day : undefined;
  return parseDay(day);
}

function dayParts(day: number): { y: number; m: string; d: number } {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: MONTH_ABBREVIATIONS[date.getUTCMonth()]!, d: date.getUTCDate() };
}

/** A calendar day for people: "25 Jun 2026" (undefined for something that is not a day). */
export function formatCalendarDay(day: number | string): string | undefined {
  const n = dayNumberOf(day);
  if (n === undefined) return undefined;
  const p = dayParts(n);
  return `${p.d} ${p.m} ${p.y}`;
}

/** A calendar day without its year, for chart axes: "25 Jun". */
export function formatCalendarDayShort(day: number | string): string | undefined {
  const n = dayNumberOf(day);
  if (n === undefined) return undefined;
  const p = dayParts(n);
  return `${p.d} ${p.m}`;
}

/** A calendar month ("2026-06") for people: "Jun 2026". */
export function formatCalendarMonth(month: string): string | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
  return `${MONTH_ABBREVIATIONS[Number(m[2]) - 1]} ${m[1]}`;
}

/** Two calendar days, both inclusive: "2 Jan – 29 Jun 2026", "2 Dec 2025 – 29 Jun 2026", "25 Jun 2026". */
export function formatDayRange(from: number | string, to: number | string): string | undefined {
  const a = dayNumberOf(from);
  const b = dayNumberOf(to);
  if (a === undefined || b === undefined) return undefined;
  if (a === b) return formatCalendarDay(a);
  const pa = dayParts(a);
  const pb = dayParts(b);
  return pa.y === pb.y ? `${pa.d} ${pa.m} – ${formatCalendarDay(b)}` : `${formatCalendarDay(a)} – ${formatCalendarDay(b)}`;
}

/**
 * An instant for people, on its calendar day in `timeZone` (the workspace's): "25 Jun 2026", or
 * with the time "25 Jun 2026, 14:05". Undefined for an invalid instant.
 */
export function formatInstant(instant: Date | number | string, timeZone: string, withTime = false): string | undefined {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) return undefined;
  let p;
  try {
    p = localParts(ms, timeZone);
  } catch {
    // Not a zone this runtime knows (profiles are validated on write): the day in UTC.
    p = localParts(ms, 'UTC');
  }
  const day = `${p.day} ${MONTH_ABBREVIATIONS[p.month - 1]} ${p.year}`;
  return withTime ? `${day}, ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}` : day;
}
