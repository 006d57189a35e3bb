import type { ActivityFilter, ActivitySortField, ContentType, SortDirection } from '../../gql/graphql';
import { endOfDay, isDay, startOfDay } from '../../lib/dates';
import { addDays } from '../../ui/DateRangePicker';
import { CONTENT_TYPES } from '../../lib/labels';

/** The explorer's filters as they appear in the address bar (so a filtered view can be shared). */
export interface PostFilters {
  platform: string;
  type: string;
  /** Calendar days (YYYY-MM-DD) in the viewer's time zone, inclusive. */
  from: string;
  to: string;
  hashtag: string;
  /** Local hour of publishing, "0"–"23" (18 = 18:00–19:00 in the viewer's time zone), or "". */
  hour: string;
  /** ISO weekday of publishing, "1" (Monday) – "7" (Sunday), in the viewer's time zone, or "". */
  weekday: string;
  category: string;
  q: string;
  sort: ActivitySortField;
  dir: SortDirection;
}

export const SORT_FIELDS: readonly ActivitySortField[] = ['PUBLISHED_AT', 'ENGAGEMENT', 'ENGAGEMENT_RATE'];
export const PAGE_SIZE = 20;

export const DEFAULT_FILTERS: PostFilters = { platform: '', type: '', from: '', to: '', hashtag: '', hour: '', weekday: '', category: '', q: '', sort: 'PUBLISHED_AT', dir: 'DESC' };

/** "0".."23" and "1".."7" exactly (no "07", no "1.5"): anything else is no filter. */
const inRange = (v: string, lo: number, hi: number) => (/^\d{1,2}$/.test(v) && String(Number(v)) === v && Number(v) >= lo && Number(v) <= hi ? v : '');

const PARAM: Record<keyof PostFilters, string> = {
  platform: 'platform',
  type: 'type',
  from: 'from',
  to: 'to',
  hashtag: 'hashtag',
  hour: 'hour',
  weekday: 'weekday',
  category: 'category',
  q: 'q',
  sort: 'sort',
  dir: 'dir',
};

/** Reads filters from the query string; anything malformed falls back to "no filter". */
export function parseFilters(params: URLSearchParams): PostFilters {
  const get = (k: keyof PostFilters) => params.get(PARAM[k])?.trim() ?? '';
  const sort = get('sort') as ActivitySortField;
  const type = get('type');
  return {
    platform: get('platform'),
    type: (CONTENT_TYPES as readonly string[]).includes(type) ? type : '',
    from: isDay(get('from')) ? get('from') : '',
    to: isDay(get('to')) ? get('to') : '',
    hashtag: get('hashtag'),
    hour: inRange(get('hour'), 0, 23),
    weekday: inRange(get('weekday'), 1, 7),
    category: get('category'),
    q: get('q'),
    sort: SORT_FIELDS.includes(sort) ? sort : 'PUBLISHED_AT',
    dir: get('dir') === 'ASC' ? 'ASC' : 'DESC',
  };
}

/** Writes filters to a query string, leaving defaults out. */
export function serializeFilters(f: PostFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof PostFilters)[]) {
    const value = f[key].trim();
    if (value && value !== DEFAULT_FILTERS[key]) out.set(PARAM[key], value);
  }
  return out;
}

export function hasFilters(f: PostFilters): boolean {
  return !!(f.platform || f.type || f.from || f.to || f.hashtag.trim() || f.hour || f.weekday || f.category || f.q.trim());
}

/** An inverted date range, which the API would refuse. */
export function invalidRange(f: PostFilters): boolean {
  return !!(f.from && f.to && f.from > f.to);
}

/**
 * The `activities` variables for a set of filters. Days become the first and last instant of
 * those days in the viewer's time zone; empty filters are left out; a start before the plan's
 * history (`earliest`) starts there instead.
 */
export function toVariables(f: PostFilters, timeZone: string, after: string | null = null, earliest: string | null = null) {
  const filter: ActivityFilter = {};
  if (f.platform) filter.platformIds = [f.platform];
  if (f.type) filter.types = [f.type as ContentType];
  // The plan's history starts at `earliest`: an older start date would be refused.
  const from = f.from && earliest && f.from < earliest ? earliest : f.from;
  if (from) filter.from = startOfDay(from, timeZone);
  if (f.to) filter.to = endOfDay(f.to, timeZone);
  const hashtag = f.hashtag.trim().replace(/^#+/, '');
  if (hashtag) filter.hashtag = hashtag;
  // Hours and weekdays are counted in the viewer's time zone by the API (as the insights count them).
  if (f.hour) filter.hours = [Number(f.hour)];
  if (f.weekday) filter.weekdays = [Number(f.weekday)];
  if (f.category) filter.categoryId = f.category;
  if (f.q.trim()) filter.search = f.q.trim();
  return {
    filter,
    sort: { field: f.sort, direction: f.dir },
    first: PAGE_SIZE,
    after,
  };
}

/**
 * The POSTS CSV report for every filter on the page: dates, account, category, type, hashtag,
 * caption search, hour and weekday. Without dates it covers as far back as the plan reaches (at
 * most the API's 1100 days).
 */
export function exportInput(f: PostFilters, today: string, earliest: string | null) {
  const longest = addDays(today, -1099);
  const floor = earliest && earliest > longest ? earliest : longest;
  const from = f.from ? (f.from < floor ? floor : f.from) : floor;
  const to = f.to || today;
  const hashtag = f.hashtag.trim().replace(/^#+/, '');
  return {
    report: 'POSTS' as const,
    range: { from, to },
    filter: { ...(f.platform ? { platformIds: [f.platform] } : {}), ...(f.category ? { categoryIds: [f.category] } : {}) },
    posts: {
      ...(f.type ? { types: [f.type as ContentType] } : {}),
      ...(hashtag ? { hashtag } : {}),
      ...(f.q.trim() ? { search: f.q.trim() } : {}),
      ...(f.hour ? { hours: [Number(f.hour)] } : {}),
      ...(f.weekday ? { weekdays: [Number(f.weekday)] } : {}),
    },
  };
}
