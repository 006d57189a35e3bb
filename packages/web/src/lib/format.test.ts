import { describe, expect, it } from 'vitest';
import { formatBucket, formatBucketShort, formatDate, formatDelta, formatNumber, formatPercent, formatRelative, isoWeekStart, plural } from './format';

describe('format', () => {
  it('shows a dash for values a platform did not report', () => {
    expect(formatNumber(null)).toBe('–');
    expect(formatPercent(undefined)).toBe('–');
    expect(formatDelta(null)).toEqual({ text: '–', tone: 'flat' });
    expect(formatDate(null)).toBe('–');
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
    expect(formatDate('2026-01-01T23:30:00Z', 'UTC')).toBe('Jan 1, 2026');
    expect(formatDate('2026-01-01T23:30:00Z', 'Etc/GMT-2')).toBe('Jan 2, 2026');
  });

  it('says how long ago or ahead', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    expect(formatRelative('2026-01-13T00:00:00Z', now)).toBe('in 3 days');
    expect(formatRelative('2026-01-09T22:00:00Z', now)).toBe('2 hours ago');
    expect(formatRelative('2026-01-10T00:00:02Z', now)).toBe('just now');
  });

  it('writes chart buckets in the app’s one date format', () => {
    expect(formatBucket('2026-11-06')).toBe('Nov 6, 2026');
    expect(isoWeekStart('2026-W01')).toBe('2025-12-29');
    expect(isoWeekStart('2026-W10')).toBe('2026-03-02');
    expect(formatBucket('2026-W10')).toBe('Week of Mar 2, 2026');
    expect(formatBucket('2026-03')).toBe('Mar 2026');
    expect(formatBucketShort('2026-11-06')).toBe('Nov 6');
    expect(formatBucket('Day 3')).toBe('Day 3');
  });

  it('uses one 24-hour time format', () => {
    expect(formatDate('2026-01-01T14:05:00Z', 'UTC', true)).toBe('Jan 1, 2026, 14:05');
    expect(formatDate('2026-01-01T00:30:00Z', 'UTC', true)).toBe('Jan 1, 2026, 00:30');
  });

  it('counts in the singular for one', () => {
    expect(plural(1, 'post')).toBe('1 post');
    expect(plural(0, 'post')).toBe('0 posts');
    expect(plural(1200, 'post')).toBe('1,200 posts');
    expect(plural(2, 'day')).toBe('2 days');
  });
});
