import { PlatformType } from '@soash/shared';
import type { Types } from 'mongoose';
import { connectorConfig } from '../../connectors/config.js';
import { PlatformModel, type Platform } from './platform.model.js';
import { PostReadUsageModel, type PostReadBudget } from './post-read-usage.model.js';

/**
 * Bookkeeping of billed post reads (X pay-per-use bills every post a response returns). The
 * budget is per UTC month and shared by all accounts of the platform, because they all spend the
 * credits of the one developer app. The sync asks `postReadsLeft` before it reads and records
 * what it read with `recordPostReads`; connector health shows both numbers.
 */

/** YYYY-MM of the UTC month `now` falls in. */
export function monthOf(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** The monthly budget for a platform, or null when none is set (or the platform is not billed per read). */
export function postReadBudgetOf(type: PlatformType): number | null {
  if (type !== PlatformType.TWITTER) return null;
  const budget = connectorConfig().TWITTER_MONTHLY_POST_READS;
  return budget > 0 ? budget : null;
}

export async function postReadsUsed(type: PlatformType, month = monthOf()): Promise<number> {
  const doc = await PostReadUsageModel.findOne({ type, month }, { reads: 1 }).lean();
  return doc?.reads ?? 0;
}

/** Reads left this month (Infinity without a budget). `pending` are reads made but not yet recorded. */
export async function postReadsLeft(type: PlatformType, pending = 0, now = new Date()): Promise<number> {
  const budget = postReadBudgetOf(type);
  if (budget === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, budget - (await postReadsUsed(type, monthOf(now))) - pending);
}

/** Adds `count` reads to the platform's month and to the account's own count. */
export async function recordPostReads(platformId: Types.ObjectId, type: PlatformType, count: number, now = new Date()): Promise<void> {
  if (count <= 0) return;
  const month = monthOf(now);
  await PostReadUsageModel.updateOne({ type, month }, { $inc: { reads: count } }, { upsert: true }).catch(async (err: { code?: number }) => {
    // Two first writes of the month raced on the unique key: the other one created it.
    if (err?.code !== 11000) throw err;
    await PostReadUsageModel.updateOne({ type, month }, { $inc: { reads: count } });
  });
  const same = await PlatformModel.updateOne({ _id: platformId, 'postReads.month': month }, { $inc: { 'postReads.reads': count } });
  if (same.matchedCount === 0) {
    await PlatformModel.updateOne({ _id: platformId, 'postReads.month': { $ne: month } }, { $set: { postReads: { month, reads: count } } });
  }
}

/** What connector health shows; undefined for platforms that do not bill per read. */
export async function postReadBudgetFor(p: Pick<Platform, 'type' | 'postReads' | 'sandbox'>, now = new Date()): Promise<PostReadBudget | undefined> {
  if (p.type !== PlatformType.TWITTER || p.sandbox) return undefined;
  const month = monthOf(now);
  const budget = postReadBudgetOf(p.type);
  const used = await postReadsUsed(p.type, month);
  return {
    month,
    account: p.postReads?.month === month ? p.postReads.reads : 0,
    used,
    budget,
    remaining: budget === null ? null : Math.max(0, budget - used),
  };
}
