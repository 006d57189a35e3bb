import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, exportInput, hasFilters, parseFilters, serializeFilters, toVariables } from './filters';

describe('post filters', () => {
  it('round-trips through the address bar, leaving defaults out', () => {
    const f = { ...DEFAULT_FILTERS, platform: 'p1', type: 'REEL', from: '2026-01-01', q: 'sourdough', sort: 'ENGAGEMENT' as const };
    const params = serializeFilters(f);
    expect(params.toString()).toBe('platform=p1&type=REEL&from=2026-01-01&q=sourdough&sort=ENGAGEMENT');
    expect(parseFilters(params)).toEqual(f);
  });

  it('ignores malformed values', () => {
    const f = parseFilters(new URLSearchParams('type=GIF&from=2026-13-01&sort=LIKES&dir=sideways'));
    expect(f).toEqual(DEFAULT_FILTERS);
    expect(hasFilters(f)).toBe(false);
  });

  it('turns filters into activities variables in the viewer’s time zone', () => {
    const f = { ...DEFAULT_FILTERS, platform: 'p1', type: 'VIDEO', from: '2026-01-01', to: '2026-01-31', hashtag: ' #Launch ', category: 'c1', q: ' bread ', dir: 'ASC' as const };
    expect(toVariables(f, 'Europe/Berlin', 'cursor-2')).toEqual({
      filter: {
        platformIds: ['p1'],
        types: ['VIDEO'],
        from: '2025-12-31T23:00:00.000Z',
        to: '2026-01-31T22:59:59.999Z',
        hashtag: 'Launch',
        categoryId: 'c1',
        search: 'bread',
      },
      sort: { field: 'PUBLISHED_AT', direction: 'ASC' },
      first: 20,
      after: 'cursor-2',
    });
  });

  it('keeps the local hour and weekday in the address and sends them as hours / weekdays', () => {
    const f = { ...DEFAULT_FILTERS, platform: 'p1', hour: '18', weekday: '2' };
    const params = serializeFilters(f);
    expect(params.toString()).toBe('platform=p1&hour=18&weekday=2');
    expect(parseFilters(params)).toEqual(f);
    expect(hasFilters({ ...DEFAULT_FILTERS, hour: '0' })).toBe(true);
    expect(toVariables(f, 'Europe/Berlin').filter).toEqual({ platformIds: ['p1'], hours: [18], weekdays: [2] });
    expect(toVariables({ ...DEFAULT_FILTERS, hour: '0' }, 'UTC').filter).toEqual({ hours: [0] });
    for (const bad of ['hour=24', 'hour=-1', 'hour=07', 'hour=1.5', 'weekday=0', 'weekday=8', 'weekday=mon']) {
      expect(parseFilters(new URLSearchParams(bad)), bad).toEqual(DEFAULT_FILTERS);
    }
  });

  it('sends no conditions for empty filters', () => {
    expect(toVariables(DEFAULT_FILTERS, 'UTC')).toEqual({ filter: {}, sort: { field: 'PUBLISHED_AT', direction: 'DESC' }, first: 20, after: null });
  });

  it('starts no earlier than the plan’s history', () => {
    const f = { ...DEFAULT_FILTERS, from: '2025-01-01' };
    expect(toVariables(f, 'UTC', null, '2026-01-01').filter).toEqual({ from: '2026-01-01T00:00:00.000Z' });
    expect(toVariables(f, 'UTC', null, null).filter).toEqual({ from: '2025-01-01T00:00:00.000Z' });
  });

  it('exports with every filter of the page, as far back as allowed', () => {
    expect(exportInput({ ...DEFAULT_FILTERS, platform: 'p1', category: 'c1', type: 'REEL', hashtag: ' #launch', q: ' sale ', hour: '18', weekday: '1' }, '2026-03-10', '2025-12-10')).toEqual({
      report: 'POSTS',
      range: { from: '2025-12-10', to: '2026-03-10' },
      filter: { platformIds: ['p1'], categoryIds: ['c1'] },
      posts: { types: ['REEL'], hashtag: 'launch', search: 'sale', hours: [18], weekdays: [1] },
    });
    expect(exportInput(DEFAULT_FILTERS, '2026-03-10', null).posts).toEqual({});
    expect(exportInput({ ...DEFAULT_FILTERS, from: '2026-01-05', to: '2026-02-01' }, '2026-03-10', null).range).toEqual({ from: '2026-01-05', to: '2026-02-01' });
    expect(exportInput(DEFAULT_FILTERS, '2026-03-10', null).range.from).toBe('2023-03-07');
  });
});
