import type { Model, mongo } from 'mongoose';
import { postEngagementRate, RATE_DENOMINATOR, type PlatformType } from '@soash/shared';
import { PlatformModel } from '../platforms/platform.model.js';
import { ActivityMetricModel } from './activity-metric.model.js';
import { ActivityModel } from './activity.model.js';
import type { Engagement } from './engagement.model.js';

const BATCH = 500;

/**
 * Rewrites the stored `engagementRate` of posts and daily snapshots that were stored before the
 * one metric model (then: engagements ÷ reach on every platform, so TikTok and X posts had no
 * rate, or a rate by reach). Only accounts whose platform is not divided by reach can differ; their
 * documents are read once with a cursor and only the ones whose stored rate differs are written,
 * so a second run writes nothing. The GraphQL field is computed from the counters either way;
 * the stored value is what "sort by engagement rate" uses.
 */
export async function backfillMetricModelRates(): Promise<{ activities: number; snapshots: number }> {
  const platforms = await PlatformModel.find({}, { type: 1 }).lean<Array<{ _id: mongo.ObjectId; type: PlatformType }>>();
  const affected = platforms.filter((p) => RATE_DENOMINATOR[p.type] !== 'reach');
  if (!affected.length) return { activities: 0, snapshots: 0 };
  const typeOf = new Map(affected.map((p) => [p._id.toHexString(), p.type]));
  const ids = affected.map((p) => p._id);
  return {
    activities: await rewrite(ActivityModel as unknown as Model<unknown>, ids, typeOf),
    snapshots: await rewrite(ActivityMetricModel as unknown as Model<unknown>, ids, typeOf),
  };
}

async function rewrite(model: Model<unknown>, ids: mongo.ObjectId[], typeOf: Map<string, PlatformType>): Promise<number> {
  const cursor = model.collection.find({ platformId: { $in: ids } }, { projection: { platformId: 1, engagement: 1, engagementRate: 1 } });
  let ops: mongo.AnyBulkWriteOperation[] = [];
  let written = 0;
  const flush = async () => {
    if (!ops.length) return;
    await model.collection.bulkWrite(ops, { ordered: false });
    written += ops.length;
    ops = [];
  };
  for await (const doc of cursor) {
    const type = typeOf.get((doc.platformId as mongo.ObjectId).toHexString());
    if (!type) continue;
    const rate = postEngagementRate(type, (doc.engagement ?? { total: 0 }) as Engagement);
    if ((doc.engagementRate ?? null) === rate) continue;
    ops.push({ updateOne: { filter: { _id: doc._id }, update: { $set: { engagementRate: rate } } } });
    if (ops.length >= BATCH) await flush();
  }
  await flush();
  return written;
}
