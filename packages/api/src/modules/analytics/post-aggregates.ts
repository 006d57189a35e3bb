import type { PipelineStage, Types } from 'mongoose';
import { ActivityModel } from '../activities/activity.model.js';
import { EngagementRateFormula } from './analytics.enums.js';
import type { FollowerHistory } from './followers.js';
import { activityMatch, type Scope, type Window } from './scope.js';
import { parseDay } from '@soash/shared';

/** MongoDB bucket formats; `$dateToString` with the user's timezone (the stand-in runs them identically). */
export const BUCKET_FORMAT = { DAY: '%Y-%m-%d', WEEK: '%G-W%V', MONTH: '%Y-%m' } as const;
export type BucketFormat = (typeof BUCKET_FORMAT)[keyof typeof BUCKET_FORMAT];

/** Counts `path` as reported when it is neither missing nor null. */
const reported = (path: string) => ({ $sum: { $cond: [{ $ne: [{ $ifNull: [path, null] }, null] }, 1, 0] } });
/** Sums `value` over posts whose `den` is positive (the posts an engagement rate can use). */
const sumWhere = (den: string, value: string) => ({ $sum: { $cond: [{ $gt: [den, 0] }, value, 0] } });

export interface PostGroupKey {
  platformId?: Types.ObjectId;
  bucket?: string;
  type?: string;
  /** UTC calendar day of publishing (YYYY-MM-DD), for followers-on-the-day. */
  utcDay?: string;
}

export interface PostGroupRow {
  _id: PostGroupKey;
  posts: number;
  engagements: number;
  impressions: number;
  impressionsReported: number;
  reach: number;
  reachReported: number;
  views: number;
  viewsReported: number;
  /** Engagements and reach summed over the posts that report reach > 0. */
  reachEngagements: number;
  reachDenominator: number;
  impressionEngagements: number;
  impressionDenominator: number;
}

export interface GroupBy {
  platform?: boolean;
  bucketFormat?: BucketFormat;
  type?: boolean;
  utcDay?: boolean;
}

/**
 * One $group over the scope's posts in a window: counts, sums and the numerators/denominators of
 * the engagement rates, per the requested key. Everything the dashboard shows about posts is
 * folded from these rows (utcDay is added to the key only when rates by followers need it).
 */
export async function postGroups(scope: Scope, w: Window, by: GroupBy): Promise<PostGroupRow[]> {
  const key: Record<string, unknown> = {};
  if (by.platform) key.platformId = '$platformId';
  if (by.bucketFormat) key.bucket = { $dateToString: { format: by.bucketFormat, date: '$publishedAt', timezone: scope.tz } };
  if (by.type) key.type = '$type';
  if (by.utcDay) key.utcDay = UTC_PUBLISH_DAY;
  const pipeline: PipelineStage[] = [
    { $match: activityMatch(scope, w) },
    {
      $group: {
        _id: key,
        posts: { $sum: 1 },
        engagements: { $sum: '$engagement.total' },
        impressions: { $sum: '$engagement.impressions' },
        impressionsReported: reported('$engagement.impressions'),
        reach: { $sum: '$engagement.reach' },
        reachReported: reported('$engagement.reach'),
        views: { $sum: '$engagement.views' },
        viewsReported: reported('$engagement.views'),
        reachEngagements: sumWhere('$engagement.reach', '$engagement.total'),
        reachDenominator: sumWhere('$engagement.reach', '$engagement.reach'),
        impressionEngagements: sumWhere('$engagement.impressions', '$engagement.total'),
        impressionDenominator: sumWhere('$engagement.impressions', '$engagement.impressions'),
      },
    },
  ];
  return ActivityModel.aggregate<PostGroupRow>(pipeline);
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
  private reachEngagements = 0;
  private reachDenominator = 0;
  private impressionEngagements = 0;
  private impressionDenominator = 0;
  private followerEngagements = 0;
  private followerDenominator = 0;

  /** `followers`: the follower count on the rows' publish day (rates by followers only). */
  add(row: PostGroupRow, followers?: number | null): this {
    this.posts += row.posts;
    this.engagements += row.engagements;
    this.impressions += row.impressions;
    this.impressionsReported += row.impressionsReported;
    this.reach += row.reach;
    this.reachReported += row.reachReported;
    this.views += row.views;
    this.viewsReported += row.viewsReported;
    this.reachEngagements += row.reachEngagements;
    this.reachDenominator += row.reachDenominator;
    this.impressionEngagements += row.impressionEngagements;
    this.impressionDenominator += row.impressionDenominator;
    if (followers != null && followers > 0) {
      this.followerEngagements += row.engagements;
      this.followerDenominator += row.posts * followers;
    }
    return this;
  }

  result(formula: EngagementRateFormula): PostTotalsResult {
    const counter = (sum: number, n: number) => (this.posts === 0 ? 0 : n > 0 ? sum : null);
    return {
      posts: this.posts,
      engagements: this.engagements,
      impressions: counter(this.impressions, this.impressionsReported),
      reach: counter(this.reach, this.reachReported),
      views: counter(this.views, this.viewsReported),
      engagementRate: this.rate(formula),
    };
  }

  rate(formula: EngagementRateFormula): number | null {
    switch (formula) {
      case EngagementRateFormula.BY_REACH:
        return this.reachDenominator > 0 ? this.reachEngagements / this.reachDenominator : null;
      case EngagementRateFormula.BY_IMPRESSIONS:
        return this.impressionDenominator > 0 ? this.impressionEngagements / this.impressionDenominator : null;
      case EngagementRateFormula.BY_FOLLOWERS:
        return this.followerDenominator > 0 ? this.followerEngagements / this.followerDenominator : null;
    }
  }
}

/** Followers on a row's publish day, for rates by followers (null for other formulas). */
export function rowFollowers(row: PostGroupRow, formula: EngagementRateFormula, history: FollowerHistory | undefined): number | null {
  if (formula !== EngagementRateFormula.BY_FOLLOWERS || !history || !row._id.platformId || !row._id.utcDay) return null;
  return history.atPublish(row._id.platformId.toHexString(), parseDay(row._id.utcDay)!)?.followers ?? null;
}

/** Whether a formula needs the platform and publish day in the group key. */
export function needsFollowers(formula: EngagementRateFormula): boolean {
  return formula === EngagementRateFormula.BY_FOLLOWERS;
}

/**
 * Per-post engagement rate as a MongoDB expression (null without a denominator). Rates by
 * followers need the follower history and are computed in TypeScript instead (`postRate`).
 */
export function postRateExpression(formula: EngagementRateFormula): unknown {
  const den = formula === EngagementRateFormula.BY_IMPRESSIONS ? '$engagement.impressions' : '$engagement.reach';
  return { $cond: [{ $gt: [den, 0] }, { $divide: ['$engagement.total', den] }, null] };
}

/** The UTC calendar day a post was published (what follower counts are keyed by). */
export const UTC_PUBLISH_DAY = { $dateToString: { format: '%Y-%m-%d', date: '$publishedAt', timezone: 'UTC' } };

/** A post's fields needed for its per-post rate (p and d only with rates by followers). */
export interface RateFields {
  p?: Types.ObjectId;
  d?: string;
  t: number;
  r: number | null;
}

/**
 * Projection producing RateFields: r is the rate by reach or impressions, computed by MongoDB;
 * rates by followers need the account and UTC publish day instead (only then are they computed).
 */
export function rateFieldsProjection(formula: EngagementRateFormula): Record<string, unknown> {
  if (formula !== EngagementRateFormula.BY_FOLLOWERS) return { t: '$engagement.total', r: postRateExpression(formula) };
  return {
    p: '$platformId',
    d: UTC_PUBLISH_DAY,
    t: '$engagement.total',
    r: { $literal: null },
  };
}

export function postRate(f: RateFields, formula: EngagementRateFormula, history: FollowerHistory | undefined): number | null {
  if (formula !== EngagementRateFormula.BY_FOLLOWERS) return f.r ?? null;
  if (!f.p || !f.d) return null;
  const fol = history?.atPublish(f.p.toHexString(), parseDay(f.d)!)?.followers;
  return fol && fol > 0 ? f.t / fol : null;
}
