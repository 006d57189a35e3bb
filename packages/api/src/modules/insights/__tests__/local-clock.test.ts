import { describe, expect, it } from 'vitest';
import { localParts } from '@soash/shared';
import { localClock } from '../insights.service.js';

describe('insights: local day, weekday and hour of a post', () => {
  it('agrees with Intl around a DST change and on ordinary days', () => {
    for (const tz of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC']) {
      const clock = localClock(tz);
      // Every 7 minutes over the last days of March and October 2026 (DST changes on both hemispheres).
      for (const start of [Date.UTC(2026, 2, 27), Date.UTC(2026, 9, 23), Date.UTC(2026, 3, 3)]) {
        for (let ms = start; ms < start + 5 * 86_400_000; ms += 7 * 60_000) {
          const p = localParts(ms, tz);
          const c = clock(ms);
          expect(c.hour, `${tz} ${new Date(ms).toISOString()}`).toBe(p.hour);
          expect(c.day).toBe(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000);
        }
      }
    }
  });
});
