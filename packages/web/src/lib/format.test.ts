import { describe, expect, it } from 'vitest';
import { formatCalendarDay } from '@soash/shared';
import { formatBucket, formatBucketShort, formatDate, formatDay, formatDelta, formatNumber, formatPercent, formatRelative, isoWeekStart, plural } from './format';

describe('format', () => {
  it('shows a dash for values a platform did not report', () => {
    expect(formatNumber(null)).toBe('–');
    expect(formatPercent(undefined)).toBe('–');
    expect(formatDelta(null)).toEqual({ text: '–', tone: 'flat' });
    expect(formatDate(null, 'UTC')).toBe('–');
  });

  it('formats counts compactly only when large', () => {
    expect(formatNumber(950)).toBe('950');
    expect(formatNumber(12_345)).toBe('12.3K');
    expect(formatNumber(2_500_000)).toBe('2.5M');
    expect(formatNumber(0.1234)).toBe('0.12');
  });

  it('formats rates and signed deltas with their direction', () => {
    expect(formatPercent(0.0345)).toBe('3.45%');
    expect(formatDelta(0.125)).toEqual({ text: '+12.5%', tone: 'up' });
    expect(formatDelta(-0.031)).toEqual({ text: '-3.1%', tone: 'down' });
    expect(formatDelta(0.00001)).toEqual({ text: '0.0%', tone: 'flat' });
    expect(formatDelta(Number.POSITIVE_INFINITY).tone).toBe('flat');
  });

  it('formats dates in the given timezone', () => {
    expect(formatDate('2026-01-01T23:30:00Z', 'UTC')).toBe('1 Jan 2026');
    expect(formatDate('2026-01-01T23:30:00Z', 'Etc/GMT-2')).toBe('2 Jan 2026');
  });

  it('says how long ago or ahead', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    expect(formatRelative('2026-01-13T00:00:00Z', now)).toBe('in 3 days');
    expect(formatRelative('2026-01-09T22:00:00Z', now)).toBe('2 hours ago');
    expect(formatRelative('2026-01-10T00:00:02Z', now)).toBe('just now');
  });

  it('writes chart buckets in the app’s one date format', () => {
    expect(formatBucket('2026-11-06')).toBe('6 Nov 2026');
    expect(isoWeekStart('2026-W01')).toBe('2025-12-29');
    expect(isoWeekStart('2026-W10')).toBe('2026-03-02');
    expect(formatBucket('2026-W10')).toBe('Week of 2 Mar 2026');
    expect(formatBucket('2026-03')).toBe('Mar 2026');
    expect(formatBucketShort('2026-11-06')).toBe('6 Nov');
    expect(formatBucket('Day 3')).toBe('Day 3');
  });

  it('uses one 24-hour time format', () => {
    expect(formatDate('2026-01-01T14:05:00Z', 'UTC', true)).toBe('1 Jan 2026, 14:05');
    expect(formatDate('2026-01-01T00:30:00Z', 'UTC', true)).toBe('1 Jan 2026, 00:30');
  });

  it('writes dates as the API’s sentences do: one rule for people, in the workspace’s timezone', () => {
    // The insight sentences say "25 Jun 2026" (modules/insights/wording.ts uses the same @soash/shared rule).
    expect(formatDay('2026-06-25')).toBe(formatCalendarDay('2026-06-25'));
    expect(formatDay('2026-06-25')).toBe('25 Jun 2026');
    expect(formatDate('2026-06-25T22:30:00Z', 'America/New_York', true)).toBe('25 Jun 2026, 18:30');
    expect(formatDate('2026-06-25T22:30:00Z', 'Asia/Tokyo', true)).toBe('26 Jun 2026, 07:30');
    // Fixed words, not the browser's locale data (which prints "Sept" for en-GB on newer ICU).
    expect(formatDay('2026-09-03')).toBe('3 Sep 2026');
    expect(formatBucket('2026-09')).toBe('Sep 2026');
  });

  it('counts in the singular for one', () => {
    expect(plural(1, 'post')).toBe('1 post');
    expect(plural(0, 'post')).toBe('0 posts');
    expect(plural(1200, 'post')).toBe('1,200 posts');
    expect(plural(2, 'day')).toBe('2 days');
  });
});
