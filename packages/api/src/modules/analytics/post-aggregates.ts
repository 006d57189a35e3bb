import type { PipelineStage, Types } from 'mongoose';
import { ActivityModel } from '../activities/activity.model.js';
import { EngagementRateFormula } from './analytics.enums.js';
import { scopePlatforms } from './analytics.loader.js';
import type { FollowerHistory } from './followers.js';
import type { AnalyticsRequest } from './request.js';
import { activityMatch, type Scope, type Window } from './scope.js';
import { parseDay, postEngagementRate, PLATFORM_TYPES, RATE_DENOMINATOR, rateLabelFor, type PlatformType, type RateCounters, type RateDenominator } from '@soash/shared';
import { pushTo } from '../../lib/group.js';

/** MongoDB bucket formats; `$dateToString` with the user's timezone (the stand-in runs them identically). */
export const BUCKET_FORMAT = { DAY: '%Y-%m-%d', WEEK: '%G-W%V', MONTH: '%Y-%m' } as const;
export type BucketFormat = (typeof BUCKET_FORMAT)[keyof typeof BUCKET_FORMAT];

const COUNTER_FIELD: Record<RateDenominator, string> = {
  reach: '$engagement.reach',
  views: '$engagement.views',
  impressions: '$engagement.impressions',
};

/**
 * How a query turns posts into engagement rates: the metric model of @soash/shared by default
 * (each post divided by its own platform's denominator), or one of the alternative views.
 * Built once per query from the accounts in scope.
 */
export interface RateModel {
  formula: EngagementRateFormula;
  /** The MongoDB expression of a post's denominator; null for rates by followers (computed in TypeScript). */
  denominator: unknown;
  /** What the rate is, as shown next to it ("engagement rate by reach (Instagram) and views (TikTok)"). */
  label: string;
  /** The platform of each account in scope (hex id → type). */
  types: ReadonlyMap<string, PlatformType>;
  /** The platforms in scope, in the shared list's order. */
  platforms: PlatformType[];
}

const ALTERNATIVE_LABEL: Record<Exclude<EngagementRateFormula, EngagementRateFormula.PLATFORM_DENOMINATOR>, string> = {
  [EngagementRateFormula.BY_REACH]: 'engagement rate by reach (posts that report reach)',
  [EngagementRateFormula.BY_IMPRESSIONS]: 'engagement rate by impressions (posts that report impressions)',
  [EngagementRateFormula.BY_FOLLOWERS]: 'engagement rate by followers on the publish day',
};

/** The label of a rate over posts of these platforms under a formula. */
export function rateLabelOf(formula: EngagementRateFormula, platforms: readonly PlatformType[]): string {
  return formula === EngagementRateFormula.PLATFORM_DENOMINATOR ? rateLabelFor(platforms) : ALTERNATIVE_LABEL[formula];
}

/**
 * The denominator expression of the metric model: accounts are grouped by their platform's
 * denominator and picked with nested `$cond`/`$in` on `platformId` (the stand-in has no `$switch`).
 */
function modelDenominator(types: ReadonlyMap<string, PlatformType>, ids: ReadonlyMap<string, Types.ObjectId>): unknown {
  const byDen = new Map<RateDenominator, Types.ObjectId[]>();
  for (const [id, type] of types) {
    const d = RATE_DENOMINATOR[type];
    pushTo(byDen, d, ids.get(id)!);
  }
  const groups = [...byDen];
  if (groups.length === 0) return COUNTER_FIELD.reach;
  // The last group is the fallback branch; the others are tested in order.
  let expr: unknown = COUNTER_FIELD[groups[groups.length - 1]![0]];
  for (let i = groups.length - 2; i >= 0; i--) {
    const [den, list] = groups[i]!;
    expr = { $cond: [{ $in: ['$platformId', list] }, COUNTER_FIELD[den], expr] };
  }
  return expr;
}

/** Reads the scope's accounts (one small query per request) and builds the rate model of a formula. */
export async function loadRateModel(
  req: Pick<AnalyticsRequest, 'reads'>,
  scope: Pick<Scope, 'workspaceId' | 'platformIds'>,
  formula: EngagementRateFormula,
): Promise<RateModel> {
  return rateModelOf(formula, await scopePlatforms(req, scope));
}

export function rateModelOf(formula: EngagementRateFormula, platforms: ReadonlyArray<{ _id: Types.ObjectId; type: PlatformType }>): RateModel {
  const types = new Map(platforms.map((p) => [p._id.toHexString(), p.type]));
  const ids = new Map(platforms.map((p) => [p._id.toHexString(), p._id]));
  const present = PLATFORM_TYPES.filter((t) => [...types.values()].includes(t));
  const denominator =
    formula === EngagementRateFormula.PLATFORM_DENOMINATOR
      ? modelDenominator(types, ids)
      : formula === EngagementRateFormula.BY_REACH
        ? COUNTER_FIELD.reach
        : formula === EngagementRateFormula.BY_IMPRESSIONS
          ? COUNTER_FIELD.impressions
          : null;
  return { formula, denominator, label: rateLabelOf(formula, present), types, platforms: present };
}

/** A post's rate under a model, from its counters (null without a denominator; followers: see `postRate`). */
export function counterRate(model: RateModel, platformId: string, e: RateCounters): number | null {
  switch (model.formula) {
    case EngagementRateFormula.PLATFORM_DENOMINATOR: {
      const type = model.types.get(platformId);
      return type ? postEngagementRate(type, e) : null;
    }
    case EngagementRateFormula.BY_REACH:
      return e.reach && e.reach > 0 ? e.total / e.reach : null;
    case EngagementRateFormula.BY_IMPRESSIONS:
      return e.impressions && e.impressions > 0 ? e.total / e.impressions : null;
    default:
      return null;
  }
}

/** The label of one post's rate (its own platform's denominator under the metric model). */
export function postRateLabel(model: RateModel, platformId: string): string {
  const type = model.types.get(platformId);
  return rateLabelOf(model.formula, type ? [type] : model.platforms);
}

/**
 * Whether any post of a group reports `path` (neither missing nor null): `$max` skips missing and
 * null values, so it is null exactly when none does — one accumulator on the field itself, where a
 * count of reporting posts costs three expressions per post.
 */
const reported = (path: string) => ({ $max: path });
/** Sums `value` over posts whose `den` is positive (the posts an engagement rate can use). */
const sumWhere = (den: unknown, value: unknown) => ({ $sum: { $cond: [{ $gt: [den, 0] }, value, 0] } });

export interface PostGroupKey {
  platformId?: Types.ObjectId;
  bucket?: string;
  type?: string;
  /** UTC calendar day of publishing (YYYY-MM-DD), for followers-on-the-day. */
  utcDay?: string;
}

/** One group of posts; only the accumulators that were asked for are present. */
export interface PostGroupRow {
  _id: PostGroupKey;
  posts: number;
  engagements?: number;
  impressions?: number;
  /** Null (or absent) when no post of the group reports impressions; any other value when one does. */
  impressionsReported?: number | null;
  reach?: number;
  reachReported?: number | null;
  views?: number;
  viewsReported?: number | null;
  /** Engagements and denominators summed over the posts whose rate denominator is positive. */
  rateEngagements?: number;
  rateDenominator?: number;
}

/** What a caller reads from the groups: each costs one or two accumulators. */
export type PostMeasure = 'engagements' | 'impressions' | 'reach' | 'views' | 'rate';
export const ALL_MEASURES: readonly PostMeasure[] = ['engagements', 'impressions', 'reach', 'views', 'rate'];

export interface GroupBy {
  platform?: boolean;
  bucketFormat?: BucketFormat;
  type?: boolean;
  utcDay?: boolean;
}

/** The group key a rate needs on top of the caller's: rates by followers need account and publish day. */
export function rateKey(model: RateModel, measures: readonly PostMeasure[]): GroupBy {
  const f = measures.includes('rate') && needsFollowers(model.formula);
  return f ? { platform: true, utcDay: true } : {};
}

/**
 * One $group over the scope's posts in a window, per the requested key, computing only the
 * accumulators of the requested measures (a post count always). Everything the dashboard shows
 * about sets of posts is folded from these rows.
 */
export async function postGroups(scope: Scope, w: Window, by: GroupBy, measures: readonly PostMeasure[], model: RateModel): Promise<PostGroupRow[]> {
  const k = { ...by, ...rateKey(model, measures) };
  const key: Record<string, unknown> = {};
  if (k.platform) key.platformId = '$platformId';
  if (k.bucketFormat) key.bucket = { $dateToString: { format: k.bucketFormat, date: '$publishedAt', timezone: scope.tz } };
  if (k.type) key.type = '$type';
  if (k.utcDay) key.utcDay = UTC_PUBLISH_DAY;
  const acc: Record<string, unknown> = { posts: { $sum: 1 } };
  const want = new Set(measures);
  const followers = needsFollowers(model.formula);
  if (want.has('engagements') || (want.has('rate') && followers)) acc.engagements = { $sum: '$engagement.total' };
  if (want.has('impressions')) Object.assign(acc, { impressions: { $sum: '$engagement.impressions' }, impressionsReported: reported('$engagement.impressions') });
  if (want.has('reach')) Object.assign(acc, { reach: { $sum: '$engagement.reach' }, reachReported: reported('$engagement.reach') });
  if (want.has('views')) Object.assign(acc, { views: { $sum: '$engagement.views' }, viewsReported: reported('$engagement.views') });
  if (want.has('rate') && !followers) {
    acc.rateEngagements = sumWhere(model.denominator, '$engagement.total');
    acc.rateDenominator = sumWhere(model.denominator, model.denominator);
  }
  // A key of one part is grouped on that expression itself and put back under its name here: an
  // object key costs the server a document per post to build and compare (on the embedded
  // stand-in a third of the whole aggregation).
  const parts = Object.keys(key) as Array<keyof PostGroupKey>;
  const single = parts.length === 1 ? parts[0]! : undefined;
  const _id = single ? key[single] : parts.length ? key : null;
  const pipeline: PipelineStage[] = [{ $match: activityMatch(scope, w) }, { $group: { _id, ...acc } } as PipelineStage];
  const rows = await ActivityModel.aggregate<PostGroupRow & { _id: unknown }>(pipeline);
  if (single) for (const r of rows) r._id = { [single]: r._id };
  else if (!parts.length) for (const r of rows) r._id = {};
  return rows as PostGroupRow[];
}

export interface PostTotalsResult {
  posts: number;
  engagements: number;
  impressions: number | null;
  reach: number | null;
  views: number | null;
  engagementRate: number | null;
}

/** Folds group rows into totals; counters no post reports are null (an empty set counts 0). */
export class PostTotals {
  posts = 0;
  engagements = 0;
  private impressions = 0;
  private impressionsReported = 0;
  private reach = 0;
  private reachReported = 0;
  private views = 0;
  private viewsReported = 0;
  private rateEngagements = 0;
  private rateDenominator = 0;

  /** `followers`: the follower count on the rows' publish day (rates by followers only). */
  add(row: PostGroupRow, followers?: number | null): this {
    this.posts += row.posts;
    this.engagements += row.engagements ?? 0;
    this.impressions += row.impressions ?? 0;
    if (row.impressionsReported !== null && row.impressionsReported !== undefined) this.impressionsReported++;
    this.reach += row.reach ?? 0;
    if (row.reachReported !== null && row.reachReported !== undefined) this.reachReported++;
    this.views += row.views ?? 0;
    if (row.viewsReported !== null && row.viewsReported !== undefined) this.viewsReported++;
    this.rateEngagements += row.rateEngagements ?? 0;
    this.rateDenominator += row.rateDenominator ?? 0;
    if (followers != null && followers > 0) {
      this.rateEngagements += row.engagements ?? 0;
      this.rateDenominator += row.posts * followers;
    }
    return this;
  }

  /**
   * One post of a per-post read, folded like a group of one: `denominator` is its rate's
   * denominator (the platform's counter, or followers on its publish day), null without one.
   */
  addPost(p: { total: number; impressions?: number | null; reach?: number | null; views?: number | null; denominator: number | null }): this {
    const has = (v: number | null | undefined) => (typeof v === 'number' ? 1 : null);
    const rated = p.denominator !== null && p.denominator > 0;
    return this.add({
      _id: {},
      posts: 1,
      engagements: p.total,
      impressions: p.impressions ?? 0,
      impressionsReported: has(p.impressions),
      reach: p.reach ?? 0,
      reachReported: has(p.reach),
      views: p.views ?? 0,
      viewsReported: has(p.views),
      rateEngagements: rated ? p.total : 0,
      rateDenominator: rated ? p.denominator! : 0,
    });
  }

  result(): PostTotalsResult {
    const counter = (sum: number, n: number) => (this.posts === 0 ? 0 : n > 0 ? sum : null);
    return {
      posts: this.posts,
      engagements: this.engagements,
      impressions: counter(this.impressions, this.impressionsReported),
      reach: counter(this.reach, this.reachReported),
      views: counter(this.views, this.viewsReported),
      engagementRate: this.rateDenominator > 0 ? this.rateEngagements / this.rateDenominator : null,
    };
  }
}

/** Followers on a row's publish day, for rates by followers (null for other formulas). */
export function rowFollowers(row: PostGroupRow, model: RateModel, history: FollowerHistory | undefined): number | null {
  if (!needsFollowers(model.formula) || !history || !row._id.platformId || !row._id.utcDay) return null;
  return history.atPublish(row._id.platformId.toHexString(), parseDay(row._id.utcDay)!)?.followers ?? null;
}

/** Whether a formula needs the follower history (and the platform and publish day of each post). */
export function needsFollowers(formula: EngagementRateFormula): boolean {
  return formula === EngagementRateFormula.BY_FOLLOWERS;
}

/**
 * Per-post engagement rate as a MongoDB expression (null without a denominator). Rates by
 * followers need the follower history and are computed in TypeScript instead (`postRate`).
 */
export function postRateExpression(model: RateModel): unknown {
  const den = model.denominator ?? COUNTER_FIELD.reach;
  return { $cond: [{ $gt: [den, 0] }, { $divide: ['$engagement.total', den] }, null] };
}

/** The UTC calendar day a post was published (what follower counts are keyed by). */
export const UTC_PUBLISH_DAY = { $dateToString: { format: '%Y-%m-%d', date: '$publishedAt', timezone: 'UTC' } };

/** A post's fields needed for its per-post rate (p and d only with rates by followers). */
export interface RateFields {
  p?: Types.ObjectId;
  d?: string;
  /** Absent when the caller asked not to read it (rateFieldsProjection). */
  t?: number;
  r: number | null;
}

/**
 * Projection producing RateFields: r is the rate of the model, computed by MongoDB; rates by
 * followers need the account and UTC publish day instead (only then are they computed).
 */
export function rateFieldsProjection(model: RateModel, opts: { total?: boolean } = {}): Record<string, unknown> {
  // `t` is what a rate by followers divides; otherwise only read when the caller sums engagements.
  if (!needsFollowers(model.formula)) return opts.total === false ? { r: postRateExpression(model) } : { t: '$engagement.total', r: postRateExpression(model) };
  return { p: '$platformId', d: UTC_PUBLISH_DAY, t: '$engagement.total', r: { $literal: null } };
}

export function postRate(f: RateFields, model: RateModel, history: FollowerHistory | undefined): number | null {
  if (!needsFollowers(model.formula)) return f.r ?? null;
  if (!f.p || !f.d) return null;
  const fol = history?.atPublish(f.p.toHexString(), parseDay(f.d)!)?.followers;
  return fol && fol > 0 ? (f.t ?? 0) / fol : null;
}
