import { dayToString, formatCalendarDay, formatDayRange, isoWeekday } from '@soash/shared';

/**
 * How insights put numbers into words: percentages without "100.0 %", counts with the right
 * singular or plural, periods as dates people read, and chance in words ("1 in 1000"). Pure
 * functions, shared by the engine and the recommendations, so every sentence reads the same.
 */

// One formatter per format: Number#toLocaleString builds a new Intl.NumberFormat on every call.
const GROUPED = new Intl.NumberFormat('en-US');
const FIXED = new Map<number, Intl.NumberFormat>();
const fixed = (digits: number) => {
  let f = FIXED.get(digits);
  if (!f) FIXED.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f;
};

/** 0.0461 → "4.61 %", 0.123 → "12.3 %", 1 → "100 %" (no trailing ".0"). */
export function pct(x: number): string {
  const v = x * 100;
  const digits = Math.abs(v) >= 10 ? 1 : 2;
  const s = v.toFixed(digits).replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
  return `${s} %`;
}

/** A share of posts as a whole percentage: 0.7619 → "76 %". */
export function share(x: number): string {
  return `${Math.round(x * 100)} %`;
}

/** 2.13 → "2.1×", 12.4 → "12×". */
export function times(x: number): string {
  return `${x.toFixed(x >= 10 ? 0 : 1).replace(/\.0$/, '')}×`;
}

/** 1234 → "1,234"; 12.5 → "12.5" (at most one decimal). */
export function count(x: number): string {
  const rounded = Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 10) / 10;
  return GROUPED.format(rounded);
}

/** "+5.0" / "−3.2" / "+5,349" (a true minus sign, thousands grouped). */
export function signed(x: number, digits = 0): string {
  return `${x >= 0 ? '+' : '−'}${fixed(digits).format(Math.abs(x))}`;
}

/** "+1 follower", "−1 follower", "+12 followers", "+1.5 followers" (the singular only for exactly one). */
export function followers(x: number, digits = 0): string {
  const s = signed(x, digits);
  return `${s} ${s.slice(1) === '1' ? 'follower' : 'followers'}`;
}

/** "1 engagement", "12.5 engagements", "1,234 engagements". */
export function engagements(x: number): string {
  const c = count(x);
  return `${c} ${c === '1' ? 'engagement' : 'engagements'}`;
}

/** "1 reel" / "3 reels". */
export function nOf(n: number, singular: string, plural: string): string {
  return `${GROUPED.format(n)} ${n === 1 ? singular : plural}`;
}

/** "a", "a and b", "a, b and c". */
export function list(xs: readonly string[]): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A noun phrase as it reads inside a sentence: "Local families" → "local families", while names
 * and acronyms keep their casing ("NYC parents", "iPhone users").
 */
export function inSentence(s: string): string {
  const t = s.trim();
  if (t.length < 2) return t;
  const [a, b] = [t.charAt(0), t.charAt(1)];
  return a === a.toUpperCase() && a !== a.toLowerCase() && b === b.toLowerCase() && b !== b.toUpperCase() && !/^[A-Z][a-z]+[A-Z]/.test(t)
    ? a.toLowerCase() + t.slice(1)
    : t;
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "25 Jun 2026": the one date format for people, shared with the web (@soash/shared formatCalendarDay). */
export function formatDay(day: number): string {
  return formatCalendarDay(day) ?? '';
}

/** "Thursday 25 Jun 2026". */
export function formatWeekday(day: number): string {
  return `${WEEKDAYS[isoWeekday(day) - 1]} ${formatDay(day)}`;
}

/** "2 Jan – 29 Jun 2026", "2 Dec 2025 – 29 Jun 2026", "25 Jun 2026" (@soash/shared formatDayRange). */
export function formatPeriod(from: number, to: number): string {
  return formatDayRange(from, to) ?? '';
}

export function periodOf(from: number, to: number): { from: string; to: string; days: number } {
  return { from: dayToString(from), to: dayToString(to), days: to - from + 1 };
}

/** "1 in 300" style odds: one significant figure below 1000. */
function oneIn(p: number): string {
  const x = 1 / Math.max(p, 1e-12);
  return GROUPED.format(Number(x.toPrecision(1)));
}

/** How likely a finding is chance, in words, from its (adjusted) p-value. */
export function chanceInWords(p: number): string {
  if (p < 0.001) return 'very unlikely to be chance: less than 1 in 1,000';
  if (p < 0.01) return `unlikely to be chance: about 1 in ${oneIn(p)}`;
  return `probably not chance, though not certain: about 1 in ${oneIn(p)}`;
}
