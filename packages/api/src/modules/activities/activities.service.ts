import { workspaceIdOf } from '../workspaces/access.js';
import { Types, type QueryFilter } from 'mongoose';
import { postEngagementRate, rateLabelFor } from '@soash/shared';
import { badInput, notFound } from '../../lib/errors.js';
import { toObjectId, toObjectIds } from '../../lib/ids.js';
import { paginate, SortDirection, type Connection } from '../../lib/pagination.js';
import { escapeRegex } from '../../lib/regex.js';
import { viewerOf, type Context } from '../../server/context.js';
import { ContentCategoryModel, type ContentCategory } from '../categories/category.model.js';
import { getPlatform } from '../platforms/platforms.service.js';
import { PlatformModel, type Platform } from '../platforms/platform.model.js';
import { assertViewerHistory } from '../subscriptions/plan-limits.js';
import { normalizeTimezone } from '../analytics/scope.js';
import { activeWorkspace } from '../workspaces/workspaces.service.js';
import type { ActivityMetric } from './activity-metric.model.js';
import { ActivityModel, type Activity } from './activity.model.js';
import { ActivitySortField, type ActivityFilter, type ActivitySort } from './dto/activities.args.js';

/** "#Launch " → "launch": how hashtags are stored (see Activity.hashtags). */
export function normalizeHashtag(tag: string): string {
  return tag.trim().replace(/^#+/, '').toLowerCase();
}

async function buildFilter(ctx: Context, workspaceId: Types.ObjectId, filter: ActivityFilter | null | undefined): Promise<QueryFilter<Activity>> {
  const q: Record<string, unknown> = { workspaceId };
  if (filter) await addFilterConditions(q, workspaceId, filter);
  if (filter?.hours?.length || filter?.weekdays?.length) q.$expr = await localTimeCondition(ctx, filter);
  // The plan's history: an earlier `from` is LIMIT_EXCEEDED; without one, the list starts at the
  // plan's earliest day (posts without a publication time have no age and stay listed).
  const earliest = await assertViewerHistory(ctx, filter?.from);
  if (earliest && !filter?.from) q.$or = [{ publishedAt: { $gte: earliest } }, { publishedAt: null }];
  return q as QueryFilter<Activity>;
}

/**
 * Hours and weekdays of the publication time in the workspace's timezone, as the insights and best
 * times count them: `$dateToString` with `%H` and `%u` (ISO weekday) and the IANA zone, which
 * MongoDB and the stand-in compute alike (docs/database.md). Posts without a time never match.
 */
async function localTimeCondition(ctx: Context, filter: ActivityFilter): Promise<Record<string, unknown>> {
  // The active workspace's timezone, the one its insights and best times are computed in.
  return localTimeExpr(filter, normalizeTimezone((await activeWorkspace(ctx)).timezone));
}

/** The `$expr` matching posts published in any of `hours` and on any of `weekdays` (local to `timezone`). */
export function localTimeExpr(filter: Pick<ActivityFilter, 'hours' | 'weekdays'>, timezone: string): Record<string, unknown> {
  const part = (format: string, values: string[]) => ({ $in: [{ $dateToString: { format, date: '$publishedAt', timezone } }, values] });
  const conditions: unknown[] = [];
  if (filter.hours?.length) conditions.push(part('%H', [...new Set(filter.hours)].map((h) => String(h).padStart(2, '0'))));
  if (filter.weekdays?.length) conditions.push(part('%u', [...new Set(filter.weekdays)].map(String)));
  return conditions.length === 1 ? (conditions[0] as Record<string, unknown>) : { $and: conditions };
}

async function addFilterConditions(q: Record<string, unknown>, workspaceId: Types.ObjectId, filter: ActivityFilter): Promise<void> {
  if (filter.platformIds?.length) {
    const ids = toObjectIds(filter.platformIds, 'platformIds');
    const owned = await PlatformModel.countDocuments({ _id: { $in: ids }, workspaceId });
    if (owned !== new Set(ids.map(String)).size) throw notFound('Platform');
    q.platformId = { $in: ids };
  }
  Object.assign(q, postContentMatch(filter));
  if (filter.from && filter.to && filter.from > filter.to) throw badInput('to must not be before from', 'to');
  if (filter.from || filter.to) {
    q.publishedAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lte: filter.to } : {}) };
  }
  if (filter.categoryId != null) {
    const categoryId = toObjectId(filter.categoryId, 'categoryId');
    if (!(await ContentCategoryModel.exists({ _id: categoryId, workspaceId }))) throw notFound('Category');
    q.categoryIds = categoryId;
  }
}

/**
 * The content conditions of a posts filter (content types, hashtag, caption search), shared by the
 * posts list and the posts CSV so that both select the same posts. `path` prefixes error fields.
 */
export function postContentMatch(filter: Pick<ActivityFilter, 'types' | 'hashtag' | 'search'>, path = ''): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (filter.types?.length) q.type = { $in: filter.types };
  if (filter.hashtag != null) {
    const tag = normalizeHashtag(filter.hashtag);
    if (!tag) throw badInput('hashtag must not be empty', `${path}hashtag`);
    q.hashtags = tag;
  }
  const search = filter.search?.trim();
  // $text is not available everywhere (docs/database.md): an escaped, case-insensitive regex.
  if (search) q.content = { $regex: escapeRegex(search), $options: 'i' };
  return q;
}

/** The viewer's posts, filtered, sorted and paginated by keyset cursors. */
export async function listActivities(
  ctx: Context,
  args: { filter?: ActivityFilter | null; sort?: ActivitySort | null; first?: number; after?: string },
): Promise<Connection<Activity>> {
  const viewer = viewerOf(ctx);
  const workspaceId = workspaceIdOf(viewer);
  return paginate({
    model: ActivityModel,
    filter: await buildFilter(ctx, workspaceId, args.filter),
    sortField: args.sort?.field ?? ActivitySortField.PUBLISHED_AT,
    direction: args.sort?.direction ?? SortDirection.DESC,
    first: args.first,
    after: args.after,
  });
}

/** One of the viewer's posts; another user's id answers NOT_FOUND like a missing one. */
export async function getActivity(ctx: Context, id: string): Promise<Activity> {
  const viewer = viewerOf(ctx);
  const activity = await ctx.loaders.activityById.load(toObjectId(id, 'id').toHexString());
  if (!activity || activity.workspaceId.toHexString() !== viewer.workspaceId) throw notFound('Activity');
  return activity;
}

export function platformOf(ctx: Context, activity: Activity): Promise<Platform> {
  return getPlatform(ctx, activity.platformId);
}

/**
 * A post's (or a daily snapshot's) engagement rate under the one metric model: its counters ÷ its
 * platform's denominator (reach, views on TikTok, impressions on X), as the dashboard and insights
 * compute it for the same post. Computed from the counters, so it never depends on how an older
 * version stored the rate.
 */
export async function rateOf(ctx: Context, item: Pick<Activity, 'platformId' | 'engagement'>): Promise<number | null> {
  const platform = await getPlatform(ctx, item.platformId);
  return postEngagementRate(platform.type, item.engagement);
}

/** What the post's rate is, to show next to it: "engagement rate by views". */
export async function rateLabelOf(ctx: Context, item: Pick<Activity, 'platformId'>): Promise<string> {
  const platform = await getPlatform(ctx, item.platformId);
  return rateLabelFor([platform.type]);
}

export async function categoriesOf(ctx: Context, activity: Activity): Promise<ContentCategory[]> {
  if (!activity.categoryIds?.length) return [];
  const found = await ctx.loaders.categoryById.loadMany(activity.categoryIds.map((id) => id.toHexString()));
  return found.filter((c): c is ContentCategory => !!c && !(c instanceof Error) && c.workspaceId.equals(activity.workspaceId));
}

/** A post's daily snapshots in [from, to]; `from` within the plan's history, which is also where an omitted `from` starts. */
export async function metricsOf(ctx: Context, activity: Activity, from?: Date | null, to?: Date | null): Promise<ActivityMetric[]> {
  if (from && to && from > to) throw badInput('to must not be before from', 'to');
  const earliest = await assertViewerHistory(ctx, from);
  return ctx.loaders.activityMetrics.load({ activityId: activity._id.toHexString(), from: from ?? earliest ?? undefined, to: to ?? undefined });
}
