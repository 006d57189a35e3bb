import type { Types } from 'mongoose';
import { badInput } from '../../lib/errors.js';
import type { PlatformType } from '../../lib/graphql-enums.js';
import { PlatformModel } from '../platforms/platform.model.js';
import { StatsModel, type Demographics } from '../stats/stats.model.js';
import type { AudienceDemographics, PlatformDemographics } from './analytics.types.js';
import type { AudienceDemographicsInput } from './dto/analytics.inputs.js';
import { historyStartOf, type AnalyticsRequest } from './request.js';
import { assertWithinHistory } from '../subscriptions/plan-limits.js';
import { buildScope } from './scope.js';
import { DAY_MS, dayToString, parseDay, utcDayOf } from '@soash/shared';

const MAX_LOCATIONS = 50;

/** The latest audience demographics of each account, and all of them merged. */
export async function audienceDemographics(req: AnalyticsRequest, input: AudienceDemographicsInput | undefined): Promise<AudienceDemographics> {
  const scope = await buildScope(req.workspaceId, req.tz, { platformIds: input?.platformIds }, '');
  let asOf: number | undefined;
  if (input?.asOf) {
    asOf = parseDay(input.asOf);
    if (asOf === undefined) throw badInput('asOf: not a valid date (YYYY-MM-DD)', 'asOf');
    assertWithinHistory({ subscriptionTier: req.tier }, new Date(asOf * DAY_MS), 'asOf');
  }
  // Demographics older than the plan's history are not shown (an account that stopped syncing long ago has none).
  const earliest = historyStartOf(req);
  const dateMatch = {
    ...(asOf !== undefined ? { $lte: new Date(asOf * DAY_MS) } : {}),
    ...(earliest ? { $gte: earliest } : {}),
  };
  const rows = await StatsModel.aggregate<{ _id: Types.ObjectId; date: Date; followers: number | null; demographics: Demographics }>([
    {
      $match: {
        workspaceId: req.workspaceId,
        ...(scope.platformIds ? { platformId: { $in: scope.platformIds } } : {}),
        demographics: { $exists: true, $ne: null },
        ...(Object.keys(dateMatch).length ? { date: dateMatch } : {}),
      },
    },
    { $sort: { platformId: 1, date: -1 } },
    { $group: { _id: '$platformId', date: { $first: '$date' }, followers: { $first: '$followers' }, demographics: { $first: '$demographics' } } },
  ]);
  const platforms = await PlatformModel.find({ _id: { $in: rows.map((r) => r._id) }, workspaceId: req.workspaceId }, { type: 1, followerCount: 1, createdAt: 1 })
    .sort({ createdAt: 1, _id: 1 })
    .lean<Array<{ _id: Types.ObjectId; type: PlatformType; followerCount?: number }>>();
  const byId = new Map(rows.map((r) => [r._id.toHexString(), r]));
  const out: PlatformDemographics[] = platforms.map((p) => {
    const r = byId.get(p._id.toHexString())!;
    return {
      platformId: p._id,
      platformType: p.type,
      date: dayToString(utcDayOf(r.date)),
      followers: r.followers ?? p.followerCount ?? null,
      demographics: { ageGroups: r.demographics.ageGroups ?? [], genderSplit: r.demographics.genderSplit, locations: r.demographics.locations ?? [] },
    };
  });
  return { platforms: out, merged: mergeDemographics(out) };
}

/**
 * Merges accounts' demographics into one audience: each share is the follower-weighted mean over
 * the accounts that report that breakdown (equal weights when a follower count is unknown).
 */
export function mergeDemographics(items: Array<{ followers: number | null; demographics: Demographics }>): Demographics | null {
  if (items.length === 0) return null;
  const weightOf = (f: number | null) => (f !== null && f > 0 ? f : null);
  const known = items.map((i) => weightOf(i.followers)).filter((w): w is number => w !== null);
  // Accounts without a follower count weigh as much as the average known account (or 1 when none is known).
  const fallback = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const weighted = items.map((i) => ({ w: weightOf(i.followers) ?? fallback, d: i.demographics }));

  const mergeShares = <T>(pick: (d: Demographics) => T[], keyOf: (t: T) => string, shareOf: (t: T) => number) => {
    const reporting = weighted.filter((x) => pick(x.d).length > 0);
    const total = reporting.reduce((s, x) => s + x.w, 0);
    const acc = new Map<string, { item: T; share: number }>();
    for (const x of reporting) {
      for (const t of pick(x.d)) {
        const k = keyOf(t);
        const e = acc.get(k) ?? { item: t, share: 0 };
        e.share += (x.w * shareOf(t)) / total;
        acc.set(k, e);
      }
    }
    return [...acc.values()];
  };
  const ageGroups = mergeShares(
    (d) => d.ageGroups ?? [],
    (a) => a.range,
    (a) => a.share,
  )
    .map((e) => ({ range: e.item.range, share: e.share }))
    .sort((a, b) => (a.range < b.range ? -1 : a.range > b.range ? 1 : 0));
  const locations = mergeShares(
    (d) => d.locations ?? [],
    (l) => `${l.country}|${l.city ?? ''}`,
    (l) => l.share,
  )
    .map((e) => ({ country: e.item.country, ...(e.item.city ? { city: e.item.city } : {}), share: e.share }))
    .sort((a, b) => b.share - a.share || `${a.country}|${a.city ?? ''}`.localeCompare(`${b.country}|${b.city ?? ''}`))
    .slice(0, MAX_LOCATIONS);
  const genders = weighted.filter((x) => x.d.genderSplit);
  let genderSplit: Demographics['genderSplit'];
  if (genders.length) {
    const part = (k: 'female' | 'male' | 'other') => {
      const rep = genders.filter((x) => x.d.genderSplit![k] !== null && x.d.genderSplit![k] !== undefined);
      const total = rep.reduce((s, x) => s + x.w, 0);
      return rep.length ? rep.reduce((s, x) => s + x.w * x.d.genderSplit![k]!, 0) / total : null;
    };
    genderSplit = { female: part('female'), male: part('male'), other: part('other') };
  }
  return { ageGroups, genderSplit, locations };
}
