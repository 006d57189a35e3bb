import { DAY_MS, dayToString, localDayOf, parseDay } from './time.js';

/**
 * Saved reports: the values their configuration takes, shared by the API schema and the web client,
 * and the one rule that turns a relative range into calendar dates.
 */

/** The range a report covers: relative to the day it is opened (in the workspace's timezone), or fixed. */
export const ReportRangePreset = {
  LAST_7_DAYS: 'last_7_days',
  LAST_28_DAYS: 'last_28_days',
  LAST_90_DAYS: 'last_90_days',
  LAST_MONTH: 'last_month',
  QUARTER_TO_DATE: 'quarter_to_date',
  CUSTOM: 'custom',
} as const;
export type ReportRangePreset = (typeof ReportRangePreset)[keyof typeof ReportRangePreset];
export const REPORT_RANGE_PRESETS: readonly ReportRangePreset[] = Object.values(ReportRangePreset);

export const REPORT_RANGE_LABELS: Readonly<Record<ReportRangePreset, string>> = {
  [ReportRangePreset.LAST_7_DAYS]: 'Last 7 days',
  [ReportRangePreset.LAST_28_DAYS]: 'Last 28 days',
  [ReportRangePreset.LAST_90_DAYS]: 'Last 90 days',
  [ReportRangePreset.LAST_MONTH]: 'Last month',
  [ReportRangePreset.QUARTER_TO_DATE]: 'Quarter to date',
  [ReportRangePreset.CUSTOM]: 'Custom dates',
};

export const ReportComparison = { PREVIOUS_PERIOD: 'previous_period', NONE: 'none' } as const;
export type ReportComparison = (typeof ReportComparison)[keyof typeof ReportComparison];

/** The parts a report can show, in the order the report lists them. */
export const ReportSection = {
  KPIS: 'kpis',
  FOLLOWERS_CHART: 'followers_chart',
  ENGAGEMENT_CHART: 'engagement_chart',
  ACCOUNTS_TABLE: 'accounts_table',
  TOP_POSTS: 'top_posts',
  CONTENT_TYPES: 'content_types',
  HASHTAGS: 'hashtags',
  BEST_TIMES: 'best_times',
  DEMOGRAPHICS: 'demographics',
  INSIGHTS: 'insights',
} as const;
export type ReportSection = (typeof ReportSection)[keyof typeof ReportSection];
export const REPORT_SECTIONS: readonly ReportSection[] = Object.values(ReportSection);

export const REPORT_SECTION_LABELS: Readonly<Record<ReportSection, string>> = {
  [ReportSection.KPIS]: 'Headline numbers',
  [ReportSection.FOLLOWERS_CHART]: 'Followers',
  [ReportSection.ENGAGEMENT_CHART]: 'Engagement',
  [ReportSection.ACCOUNTS_TABLE]: 'Accounts',
  [ReportSection.TOP_POSTS]: 'Top posts',
  [ReportSection.CONTENT_TYPES]: 'Content types',
  [ReportSection.HASHTAGS]: 'Hashtags',
  [ReportSection.BEST_TIMES]: 'Best times to post',
  [ReportSection.DEMOGRAPHICS]: 'Audience',
  [ReportSection.INSIGHTS]: 'Insights',
};

/** Saved reports per workspace. */
export const REPORTS_PER_WORKSPACE = 100;
/** An accent colour: #RRGGBB. */
export const REPORT_ACCENT_PATTERN = /^#[0-9A-Fa-f]{6}$/;

const RELATIVE_DAYS: Partial<Record<ReportRangePreset, number>> = {
  [ReportRangePreset.LAST_7_DAYS]: 7,
  [ReportRangePreset.LAST_28_DAYS]: 28,
  [ReportRangePreset.LAST_90_DAYS]: 90,
};

/**
 * The calendar dates (YYYY-MM-DD, inclusive) a report's range stands for when opened at `now` in
 * `tz`. "Last N days" ends today, as the dashboard's presets do; "last month" is the calendar month
 * before this one; "quarter to date" runs from the first day of this calendar quarter to today.
 * CUSTOM returns its own dates (validated by the caller). Undefined for CUSTOM without dates.
 */
export function resolveReportRange(
  preset: ReportRangePreset,
  tz: string,
  now: Date,
  custom?: { from?: string | null; to?: string | null } | null,
): { from: string; to: string } | undefined {
  if (preset === ReportRangePreset.CUSTOM) {
    return custom?.from && custom?.to ? { from: custom.from, to: custom.to } : undefined;
  }
  const today = localDayOf(now.getTime(), tz);
  const days = RELATIVE_DAYS[preset];
  if (days !== undefined) return { from: dayToString(today - (days - 1)), to: dayToString(today) };
  const d = new Date(today * DAY_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  if (preset === ReportRangePreset.LAST_MONTH) {
    const first = Date.UTC(year, month - 1, 1) / DAY_MS;
    const last = Date.UTC(year, month, 1) / DAY_MS - 1;
    return { from: dayToString(first), to: dayToString(last) };
  }
  // QUARTER_TO_DATE
  const quarterStart = Date.UTC(year, month - (month % 3), 1) / DAY_MS;
  return { from: dayToString(quarterStart), to: dayToString(today) };
}

/** Whether a string is a real calendar date as YYYY-MM-DD. */
export function isReportDay(s: string | null | undefined): s is string {
  return typeof s === 'string' && parseDay(s) !== undefined;
}

/** Client share links of saved reports: how long they may live, and how many a report keeps. */
export const SHARE_LINK_DEFAULT_DAYS = 30;
export const SHARE_LINK_MAX_DAYS = 366;
export const SHARE_LINKS_PER_REPORT = 50;
export const SHARE_LINK_LABEL_MAX = 100;
export const SHARE_LINK_PASSWORD_MIN = 8;
export const SHARE_LINK_PASSWORD_MAX = 128;
/** The web path a share link opens (`/share/<token>`; the PDF renderer adds `?print=1`). */
export const SHARE_PATH = '/share';
