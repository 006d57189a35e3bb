/** Calendar-day helpers in a given IANA time zone (no date library: Intl does the work). */

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time in `timeZone` stands for. `day` is YYYY-MM-DD. */
export function zonedTime(day: string, timeZone: string, hours = 0, minutes = 0, seconds = 0, ms = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hours, minutes, seconds, ms);
  // Two passes settle days on which the offset changes (DST).
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return new Date(guess);
}

/** First instant of a calendar day in a time zone, as an ISO string. */
export function startOfDay(day: string, timeZone: string): string {
  return zonedTime(day, timeZone).toISOString();
}

/** Last millisecond of a calendar day in a time zone, as an ISO string. */
export function endOfDay(day: string, timeZone: string): string {
  return zonedTime(day, timeZone, 23, 59, 59, 999).toISOString();
}

/** Is this a valid YYYY-MM-DD calendar date? */
export function isDay(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
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
