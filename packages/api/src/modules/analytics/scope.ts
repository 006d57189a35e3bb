import { Types } from 'mongoose';
import { badInput, notFound } from '../../lib/errors.js';
import { toObjectIds } from '../../lib/ids.js';
import { ContentCategoryModel } from '../categories/category.model.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { WorkspaceModel } from '../workspaces/workspace.model.js';
import { ComparePeriod } from './analytics.enums.js';
import type { AnalyticsFilterInput, DateRangeInput } from './dto/analytics.inputs.js';
import { DAY_MS, dayToString, isValidTimeZone, parseDay, sameDayPreviousYear, startOfLocalDay } from '@soash/shared';

/** Who and what an analytics query covers: always one user, in that user's timezone. */
export interface Scope {
  workspaceId: Types.ObjectId;
  tz: string;
  /** Only these accounts (already checked to belong to the user). */
  platformIds?: Types.ObjectId[];
  /** Only posts in any of these categories (already checked). */
  categoryIds?: Types.ObjectId[];
}

/** Inclusive calendar days and the instants they span in the scope's timezone (end exclusive). */
export interface Window {
  fromDay: number;
  toDay: number;
  start: Date;
  end: Date;
}

export const MAX_RANGE_DAYS = 1100;
export const DEFAULT_TIMEZONE = 'UTC';

/** The workspace's timezone (Workspace.timezone; UTC when unset or not a valid IANA name). */
export async function timezoneOfWorkspace(workspaceId: Types.ObjectId | string): Promise<string> {
  const ws = await WorkspaceModel.findById(workspaceId, { timezone: 1 }).lean<{ timezone?: string }>();
  return normalizeTimezone(ws?.timezone);
}

export function normalizeTimezone(tz: string | undefined | null): string {
  return tz && isValidTimeZone(tz) ? tz : DEFAULT_TIMEZONE;
}

/** Validates a date range input; `field` prefixes the field names in errors. */
export function parseRange(range: DateRangeInput, field = 'range'): { fromDay: number; toDay: number } {
  const fromDay = parseDay(range.from);
  if (fromDay === undefined) throw badInput(`${field}.from: not a valid date (YYYY-MM-DD)`, `${field}.from`);
  const toDay = parseDay(range.to);
  if (toDay === undefined) throw badInput(`${field}.to: not a valid date (YYYY-MM-DD)`, `${field}.to`);
  if (fromDay > toDay) throw badInput(`${field}: from (${range.from}) is after to (${range.to})`, `${field}.from`);
  if (toDay - fromDay + 1 > MAX_RANGE_DAYS) throw badInput(`${field}: at most ${MAX_RANGE_DAYS} days`, field);
  if (fromDay < parseDay('2000-01-01')! || toDay > parseDay('2100-12-31')!) throw badInput(`${field}: dates must be between 2000 and 2100`, field);
  return { fromDay, toDay };
}

export function windowOf(fromDay: number, toDay: number, tz: string): Window {
  return { fromDay, toDay, start: new Date(startOfLocalDay(fromDay, tz)), end: new Date(startOfLocalDay(toDay + 1, tz)) };
}

export function comparisonDays(fromDay: number, toDay: number, compare: ComparePeriod): { fromDay: number; toDay: number } {
  if (compare === ComparePeriod.PREVIOUS_YEAR) return { fromDay: sameDayPreviousYear(fromDay), toDay: sameDayPreviousYear(toDay) };
  const days = toDay - fromDay + 1;
  return { fromDay: fromDay - days, toDay: fromDay - 1 };
}

export function rangeOut(fromDay: number, toDay: number): { from: string; to: string } {
  return { from: dayToString(fromDay), to: dayToString(toDay) };
}

/**
 * Builds the scope of a query: checks that every filtered account and category belongs to the
 * user (another user's id answers NOT_FOUND, like a missing one).
 */
export async function buildScope(
  workspaceId: Types.ObjectId,
  tz: string,
  filter?: Pick<AnalyticsFilterInput, 'platformIds' | 'categoryIds'> | null,
  /** Where the ids sit in the input, for error field names ('' when at its top level). */
  path = 'filter',
): Promise<Scope> {
  const at = (name: string) => (path ? `${path}.${name}` : name);
  const scope: Scope = { workspaceId, tz };
  if (filter?.platformIds?.length) {
    const ids = dedupe(toObjectIds(filter.platformIds, at('platformIds')));
    const owned = await PlatformModel.countDocuments({ _id: { $in: ids }, workspaceId });
    if (owned !== ids.length) throw notFound('Platform');
    scope.platformIds = ids;
  }
  if (filter?.categoryIds?.length) {
    const ids = dedupe(toObjectIds(filter.categoryIds, at('categoryIds')));
    const owned = await ContentCategoryModel.countDocuments({ _id: { $in: ids }, workspaceId });
    if (owned !== ids.length) throw notFound('Category');
    scope.categoryIds = ids;
  }
  return scope;
}

function dedupe(ids: Types.ObjectId[]): Types.ObjectId[] {
  const seen = new Map(ids.map((id) => [id.toHexString(), id]));
  return [...seen.values()];
}

/** Published posts of the scope in a window (served by {workspaceId, publishedAt} / {platformId, publishedAt}). */
export function activityMatch(scope: Scope, w: Pick<Window, 'start' | 'end'>): Record<string, unknown> {
  return {
    workspaceId: scope.workspaceId,
    ...(scope.platformIds ? { platformId: { $in: scope.platformIds } } : {}),
    publishedAt: { $gte: w.start, $lt: w.end },
    isPublished: true,
    ...(scope.categoryIds ? { categoryIds: { $in: scope.categoryIds } } : {}),
  };
}

/**
 * Daily account metrics of the scope between two calendar days. A Stats document is the
 * platform's summary of one calendar day (stored as that day's UTC midnight); it belongs to that
 * calendar day whatever the viewer's timezone.
 */
export function statsMatch(scope: Scope, fromDay: number, toDay: number): Record<string, unknown> {
  return {
    workspaceId: scope.workspaceId,
    ...(scope.platformIds ? { platformId: { $in: scope.platformIds } } : {}),
    date: { $gte: new Date(fromDay * DAY_MS), $lte: new Date(toDay * DAY_MS) },
  };
}
