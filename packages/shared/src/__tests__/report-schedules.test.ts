import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextReportScheduleRun, reportScheduleRuleError, ReportScheduleFrequency, type ReportScheduleRule } from '../report-schedules.js';
import { instantAtLocalTime, localParts, parseDay } from '../time.js';

const { WEEKLY, MONTHLY } = ReportScheduleFrequency;
const next = (rule: ReportScheduleRule, tz: string, after: string) => nextReportScheduleRun(rule, tz, new Date(after)).toISOString();
const day = (s: string) => parseDay(s)!;

// 2026: Europe/Berlin springs forward on 29 March (02:00 → 03:00) and falls back on 25 October
// (03:00 → 02:00); America/New_York on 8 March (02:00 → 03:00) and 1 November (02:00 → 01:00).
describe('next run of a report schedule (workspace timezone, DST-safe)', () => {
  it('a weekly 09:00 Europe/Berlin schedule stays at 09:00 local across both changes', () => {
    const sundays9 = { frequency: WEEKLY, weekday: 7, hour: 9 } as const;
    expect(next(sundays9, 'Europe/Berlin', '2026-03-22T08:00:00Z')).toBe('2026-03-29T07:00:00.000Z'); // 09:00 CEST, the change day
    expect(next(sundays9, 'Europe/Berlin', '2026-03-21T12:00:00Z')).toBe('2026-03-22T08:00:00.000Z'); // 09:00 CET
    expect(next(sundays9, 'Europe/Berlin', '2026-10-18T07:00:00Z')).toBe('2026-10-25T08:00:00.000Z'); // 09:00 CET again
    expect(next(sundays9, 'Europe/Berlin', '2026-10-11T06:59:59Z')).toBe('2026-10-11T07:00:00.000Z');
  });

  it('a weekly 09:00 America/New_York schedule stays at 09:00 local across both changes', () => {
    const sundays9 = { frequency: WEEKLY, weekday: 7, hour: 9 } as const;
    expect(next(sundays9, 'America/New_York', '2026-03-01T14:00:00Z')).toBe('2026-03-08T13:00:00.000Z'); // EDT
    expect(next(sundays9, 'America/New_York', '2026-02-28T00:00:00Z')).toBe('2026-03-01T14:00:00.000Z'); // EST
    expect(next(sundays9, 'America/New_York', '2026-10-25T13:00:00Z')).toBe('2026-11-01T14:00:00.000Z'); // EST again
  });

  it('an hour the spring-forward day skips runs when the clocks jump; a repeated autumn hour runs once, at its first occurrence', () => {
    const sundays2 = { frequency: WEEKLY, weekday: 7, hour: 2 } as const;
    expect(next(sundays2, 'Europe/Berlin', '2026-03-28T12:00:00Z')).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(next(sundays2, 'Europe/Berlin', '2026-10-24T12:00:00Z')).toBe('2026-10-25T00:00:00.000Z'); // 02:00 CEST, the first 02:00
    // Right after that first 02:00, the repeated 02:00 (CET) is not a second run: the next is a week on.
    expect(next(sundays2, 'Europe/Berlin', '2026-10-25T00:00:00Z')).toBe('2026-11-01T01:00:00.000Z');
    expect(next(sundays2, 'America/New_York', '2026-03-07T12:00:00Z')).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    const sundays1 = { frequency: WEEKLY, weekday: 7, hour: 1 } as const;
    expect(next(sundays1, 'America/New_York', '2026-10-31T12:00:00Z')).toBe('2026-11-01T05:00:00.000Z'); // 01:00 EDT, the first 01:00
    expect(next(sundays1, 'America/New_York', '2026-11-01T05:00:00Z')).toBe('2026-11-08T06:00:00.000Z');
  });

  it('monthly schedules on the change days of both zones', () => {
    expect(next({ frequency: MONTHLY, dayOfMonth: 25, hour: 9 }, 'Europe/Berlin', '2026-09-26T00:00:00Z')).toBe('2026-10-25T08:00:00.000Z');
    expect(next({ frequency: MONTHLY, dayOfMonth: 28, hour: 9 }, 'Europe/Berlin', '2026-02-28T08:00:00Z')).toBe('2026-03-28T08:00:00.000Z');
    expect(next({ frequency: MONTHLY, dayOfMonth: 28, hour: 9 }, 'Europe/Berlin', '2026-03-28T08:00:00Z')).toBe('2026-04-28T07:00:00.000Z');
    expect(next({ frequency: MONTHLY, dayOfMonth: 8, hour: 2 }, 'America/New_York', '2026-02-09T00:00:00Z')).toBe('2026-03-08T07:00:00.000Z');
    expect(next({ frequency: MONTHLY, dayOfMonth: 1, hour: 9 }, 'America/New_York', '2026-10-02T00:00:00Z')).toBe('2026-11-01T14:00:00.000Z');
    expect(next({ frequency: MONTHLY, dayOfMonth: 1, hour: 0 }, 'UTC', '2026-12-15T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('the local date decides, not the UTC one: Monday 08:00 in Tokyo is Sunday 23:00 UTC', () => {
    expect(next({ frequency: WEEKLY, weekday: 1, hour: 8 }, 'Asia/Tokyo', '2026-01-04T12:00:00Z')).toBe('2026-01-04T23:00:00.000Z');
  });

  it('every run of a year of weekly runs is at the chosen local hour, on the chosen weekday, 7 days apart in local dates', () => {
    fc.assert(
      fc.property(fc.constantFrom('Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'UTC'), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 3, max: 23 }), (tz, weekday, hour) => {
        let at = new Date('2026-01-01T00:00:00Z');
        for (let i = 0; i < 53; i++) {
          const run = nextReportScheduleRun({ frequency: WEEKLY, weekday, hour }, tz, at);
          expect(run.getTime()).toBeGreaterThan(at.getTime());
          const p = localParts(run.getTime(), tz);
          expect([p.hour, p.minute]).toEqual([hour, 0]);
          expect(new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() || 7).toBe(weekday);
          at = run;
        }
      }),
      { numRuns: 30 },
    );
  });

  it('validates rules with the field at fault', () => {
    expect(reportScheduleRuleError({ frequency: WEEKLY, weekday: 8, hour: 9 })?.field).toBe('weekday');
    expect(reportScheduleRuleError({ frequency: WEEKLY, weekday: 1, hour: 24 })?.field).toBe('hour');
    expect(reportScheduleRuleError({ frequency: MONTHLY, dayOfMonth: 29, hour: 9 })?.field).toBe('dayOfMonth');
    expect(reportScheduleRuleError({ frequency: MONTHLY, dayOfMonth: 3, weekday: 2, hour: 9 })?.field).toBe('weekday');
    expect(reportScheduleRuleError({ frequency: MONTHLY, dayOfMonth: 28, hour: 0 })).toBeUndefined();
  });
});

describe('instantAtLocalTime', () => {
  it('is the exact instant where the wall time exists', () => {
    expect(new Date(instantAtLocalTime(day('2026-07-01'), 9, 30, 'Europe/Berlin')).toISOString()).toBe('2026-07-01T07:30:00.000Z');
    expect(new Date(instantAtLocalTime(day('2026-03-29'), 2, 30, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
});
