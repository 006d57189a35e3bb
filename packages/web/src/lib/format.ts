/** Display formatting. Every function takes nulls and shows an en dash for "not reported". */
import { formatCalendarDay, formatCalendarDayShort, formatCalendarMonth, formatDayRange, formatInstant } from '@soash/shared';

const DASH = '–';

export function formatNumber(value: number | null | undefined, opts: { compact?: boolean; digits?: number } = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  const compact = opts.compact ?? Math.abs(value) >= 10_000;
  return new Intl.NumberFormat('en', {
    notation: compact ? 'compact' : 'standard',
    maximumFractionDigits: opts.digits ?? (compact ? 1 : Number.isInteger(value) ? 0 : 2),
  }).format(value);
}

/** 0.0345 → "3.45%". */
export function formatPercent(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  return `${(value * 100).toFixed(digits)}%`;
}

export type DeltaTone = 'up' | 'down' | 'flat';

/** A signed change with its direction, e.g. +12.5% (up). `ratio` is a fraction (0.125). */
export function formatDelta(ratio: number | null | undefined, digits = 1): { text: string; tone: DeltaTone } {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio) || !Number.isFinite(ratio)) return { text: DASH, tone: 'flat' };
  const pct = ratio * 100;
  const rounded = Number(pct.toFixed(digits));
  if (rounded === 0) return { text: `0${digits ? '.' + '0'.repeat(digits) : ''}%`, tone: 'flat' };
  return { text: `${rounded > 0 ? '+' : ''}${rounded.toFixed(digits)}%`, tone: rounded > 0 ? 'up' : 'down' };
}

/**
 * An instant on its day in the workspace's timezone, in the one date format for people that the
 * API's sentences use too (@soash/shared): "25 Jun 2026", with the time "25 Jun 2026, 14:05"
 * (a 24-hour clock, as the heatmap and best-time slots use).
 */
export function formatDate(iso: string | Date | null | undefined, timeZone: string, withTime = false): string {
  if (!iso) return DASH;
  return formatInstant(iso, timeZone, withTime) ?? DASH;
}

/** A calendar day (YYYY-MM-DD) in the app's date format: "6 Nov 2026". */
export function formatDay(day: string | null | undefined): string {
  return (day && formatCalendarDay(day)) || DASH;
}

/** Two calendar days (YYYY-MM-DD), both inclusive, as the API's sentences write them: "2 Jan – 29 Jun 2026". */
export function formatPeriod(from: string | null | undefined, to: string | null | undefined): string {
  return (from && to && formatDayRange(from, to)) || DASH;
}

/** Monday of an ISO week key ("2026-W02" → "2026-01-05"). */
export function isoWeekStart(key: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  const monday = jan4 - jan4Weekday * 86_400_000 + (week - 1) * 7 * 86_400_000;
  return new Date(monday).toISOString().slice(0, 10);
}

/**
 * A chart bucket in the app's date format: "2026-03-05" → "5 Mar 2026", "2026-W10" → "Week of
 * 2 Mar 2026", "2026-03" → "Mar 2026". Anything else (e.g. "Day 3") is shown as it is.
 */
export function formatBucket(bucket: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(bucket)) return formatDay(bucket);
  const week = isoWeekStart(bucket);
  if (week) return `Week of ${formatDay(week)}`;
  return formatCalendarMonth(bucket) ?? bucket;
}

/** The short form for a chart axis: "5 Mar", "2 Mar" (week start), "Mar 2026". */
export function formatBucketShort(bucket: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(bucket) ? bucket : isoWeekStart(bucket);
  if (day) return formatCalendarDayShort(day) ?? bucket;
  return formatBucket(bucket);
}

/** "1 post", "3 posts", "0 posts" (an irregular plural can be given). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n, { compact: false })} ${n === 1 ? one : many}`;
}

/** "in 3 days", "2 hours ago", "just now" (within a minute either way: clocks differ a little). */
export function formatRelative(iso: string | Date | null | undefined, now: Date = new Date()): string {
  if (!iso) return DASH;
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const diff = d.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < 60_000) return 'just now';
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  const [unit, ms] = units.find(([, size]) => abs >= size) ?? units[2]!;
  return rtf.format(Math.round(diff / ms), unit);
}

/**
 * Money from integer cents. The API's prices and commissions are plain cents without a currency;
 * the dashboard shows them in US dollars.
 */
export function formatMoney(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || Number.isNaN(cents)) return DASH;
  return new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: cents % 100 === 0 ? 0 : 2 }).format(cents / 100);
}
