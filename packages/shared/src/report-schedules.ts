import { DAY_MS, instantAtLocalTime, isoWeekday, localDayOf } from './time.js';

/**
 * Scheduled delivery of saved reports: the values a schedule takes, shared by the API schema and
 * the web client, and the one rule that says when a schedule runs next.
 */

export const ReportScheduleFrequency = { WEEKLY: 'weekly', MONTHLY: 'monthly' } as const;
export type ReportScheduleFrequency = (typeof ReportScheduleFrequency)[keyof typeof ReportScheduleFrequency];

/** Paper sizes of a report's PDF. */
export const ReportPaper = { A4: 'A4', LETTER: 'LETTER' } as const;
export type ReportPaper = (typeof ReportPaper)[keyof typeof ReportPaper];

export const ReportDeliveryStatus = { PENDING: 'pending', SENT: 'sent', PARTIAL: 'partial', FAILED: 'failed' } as const;
export type ReportDeliveryStatus = (typeof ReportDeliveryStatus)[keyof typeof ReportDeliveryStatus];

/** Recipients one schedule may have (members and outside addresses together). */
export const REPORT_SCHEDULE_MAX_RECIPIENTS = 20;
/** The highest day of month a monthly schedule may name: every month has it. */
export const REPORT_SCHEDULE_MAX_MONTH_DAY = 28;

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** When a schedule runs: weekly on an ISO weekday (1 Monday … 7 Sunday), or monthly on a day 1–28; at a whole hour. */
export interface ReportScheduleRule {
  frequency: ReportScheduleFrequency;
  /** WEEKLY: 1 (Monday) … 7 (Sunday). */
  weekday?: number | null;
  /** MONTHLY: 1 … 28. */
  dayOfMonth?: number | null;
  /** 0 … 23, local time in the workspace's timezone. */
  hour: number;
}

/** What is wrong with a rule (field and message), or undefined when it is valid. */
export function reportScheduleRuleError(rule: ReportScheduleRule): { field: string; message: string } | undefined {
  if (!Number.isInteger(rule.hour) || rule.hour < 0 || rule.hour > 23) return { field: 'hour', message: 'hour must be a whole hour from 0 to 23' };
  if (rule.frequency === ReportScheduleFrequency.WEEKLY) {
    const d = rule.weekday;
    if (d === null || d === undefined || !Number.isInteger(d) || d < 1 || d > 7) return { field: 'weekday', message: 'weekday must be 1 (Monday) to 7 (Sunday) for a weekly schedule' };
    if (rule.dayOfMonth !== null && rule.dayOfMonth !== undefined) return { field: 'dayOfMonth', message: 'dayOfMonth is for monthly schedules only' };
    return undefined;
  }
  if (rule.frequency === ReportScheduleFrequency.MONTHLY) {
    const d = rule.dayOfMonth;
    if (d === null || d === undefined || !Number.isInteger(d) || d < 1 || d > REPORT_SCHEDULE_MAX_MONTH_DAY) {
      return { field: 'dayOfMonth', message: `dayOfMonth must be 1 to ${REPORT_SCHEDULE_MAX_MONTH_DAY} for a monthly schedule` };
    }
    if (rule.weekday !== null && rule.weekday !== undefined) return { field: 'weekday', message: 'weekday is for weekly schedules only' };
    return undefined;
  }
  return { field: 'frequency', message: 'frequency must be WEEKLY or MONTHLY' };
}

function matchesDay(rule: ReportScheduleRule, day: number): boolean {
  if (rule.frequency === ReportScheduleFrequency.WEEKLY) return isoWeekday(day) === rule.weekday;
  return new Date(day * DAY_MS).getUTCDate() === rule.dayOfMonth;
}

/**
 * The first run of a schedule strictly after `after`: the next matching calendar date in `tz` at
 * `hour`:00 local time. Wall-clock based, so a 09:00 Europe/Berlin schedule stays at 09:00 local
 * across the DST changes; an hour a spring-forward day skips runs when the clocks jump (the first
 * instant after the gap), and an hour an autumn day repeats runs once, at its first occurrence.
 */
export function nextReportScheduleRun(rule: ReportScheduleRule, tz: string, after: Date): Date {
  const afterMs = after.getTime();
  const first = localDayOf(afterMs, tz);
  // A monthly rule (day ≤ 28) matches within 31 days; a weekly one within 7. One day back covers
  // an instant late on a day whose local date is still the previous one.
  for (let day = first - 1; day <= first + 62; day++) {
    if (!matchesDay(rule, day)) continue;
    const at = instantAtLocalTime(day, rule.hour, 0, tz);
    if (at > afterMs) return new Date(at);
  }
  throw new Error('no run found for a valid schedule rule');
}

/** "Every Monday at 09:00" / "Monthly on day 1 at 09:00" (the rule in words; times are the workspace's). */
export function describeReportSchedule(rule: ReportScheduleRule): string {
  const hh = `${String(rule.hour).padStart(2, '0')}:00`;
  if (rule.frequency === ReportScheduleFrequency.WEEKLY) return `Every ${WEEKDAY_NAMES[(rule.weekday ?? 1) - 1]} at ${hh}`;
  return `Monthly on day ${rule.dayOfMonth ?? 1} at ${hh}`;
}
