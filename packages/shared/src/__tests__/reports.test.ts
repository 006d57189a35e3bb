import { describe, expect, it } from 'vitest';
import { ReportRangePreset, resolveReportRange } from '../reports.js';

describe('resolveReportRange', () => {
  // 2026-03-01 02:30 UTC is still 28 February in New York (21:30 EST).
  const now = new Date('2026-03-01T02:30:00Z');

  it('"last N days" ends today in the timezone, N days inclusive', () => {
    expect(resolveReportRange(ReportRangePreset.LAST_7_DAYS, 'UTC', now)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(resolveReportRange(ReportRangePreset.LAST_7_DAYS, 'America/New_York', now)).toEqual({ from: '2026-02-22', to: '2026-02-28' });
    expect(resolveReportRange(ReportRangePreset.LAST_28_DAYS, 'UTC', now)).toEqual({ from: '2026-02-02', to: '2026-03-01' });
    expect(resolveReportRange(ReportRangePreset.LAST_90_DAYS, 'UTC', now)).toEqual({ from: '2025-12-02', to: '2026-03-01' });
  });

  it('"last month" is the calendar month before this one in the timezone', () => {
    expect(resolveReportRange(ReportRangePreset.LAST_MONTH, 'UTC', now)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(resolveReportRange(ReportRangePreset.LAST_MONTH, 'America/New_York', now)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    // January: last month is December of the year before.
    expect(resolveReportRange(ReportRangePreset.LAST_MONTH, 'UTC', new Date('2026-01-15T12:00:00Z'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('"quarter to date" starts on the first day of the calendar quarter', () => {
    expect(resolveReportRange(ReportRangePreset.QUARTER_TO_DATE, 'UTC', now)).toEqual({ from: '2026-01-01', to: '2026-03-01' });
    expect(resolveReportRange(ReportRangePreset.QUARTER_TO_DATE, 'UTC', new Date('2026-04-01T00:00:00Z'))).toEqual({ from: '2026-04-01', to: '2026-04-01' });
    // Still 31 March in Los Angeles: the first quarter.
    expect(resolveReportRange(ReportRangePreset.QUARTER_TO_DATE, 'America/Los_Angeles', new Date('2026-04-01T03:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('CUSTOM keeps its own dates, and has none without both', () => {
    expect(resolveReportRange(ReportRangePreset.CUSTOM, 'UTC', now, { from: '2025-01-01', to: '2025-01-31' })).toEqual({ from: '2025-01-01', to: '2025-01-31' });
    expect(resolveReportRange(ReportRangePreset.CUSTOM, 'UTC', now, { from: '2025-01-01' })).toBeUndefined();
  });
});
