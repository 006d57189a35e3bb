import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { byIdInWorkspaceLoader, type WorkspaceOf } from '../../lib/loader.js';
import { ActivityMetricModel, type ActivityMetric } from './activity-metric.model.js';
import { ActivityModel } from './activity.model.js';
import { pushTo } from '../../lib/group.js';

export interface MetricsKey {
  activityId: string;
  from?: Date;
  to?: Date;
}

const rangeKey = (k: MetricsKey) => `${k.from?.toISOString() ?? ''}|${k.to?.toISOString() ?? ''}`;

export function activityLoaders(workspaceOf: WorkspaceOf) {
  return {
    activityById: byIdInWorkspaceLoader(ActivityModel, workspaceOf),
    /**
     * Metric history per post, ascending by day. One query per distinct date range in the batch
     * (a list usually asks every post for the same range, so: one query).
     */
    activityMetrics: new DataLoader<MetricsKey, ActivityMetric[], string>(
      async (keys) => {
        const byRange = new Map<string, MetricsKey[]>();
        for (const k of keys) pushTo(byRange, rangeKey(k), k);
        const results = new Map<string, ActivityMetric[]>();
        for (const [range, group] of byRange) {
          const { from, to } = group[0]!;
          const docs = await ActivityMetricModel.find({
            workspaceId: workspaceOf() ?? null,
            activityId: { $in: group.map((k) => new Types.ObjectId(k.activityId)) },
            ...(from || to ? { date: { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } } : {}),
          })
            .sort({ activityId: 1, date: 1 })
            .lean<ActivityMetric[]>();
          for (const k of group) results.set(`${k.activityId}|${range}`, []);
          for (const d of docs) results.get(`${d.activityId.toHexString()}|${range}`)?.push(d);
        }
        return keys.map((k) => results.get(`${k.activityId}|${rangeKey(k)}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.activityId}|${rangeKey(k)}` },
    ),
  };
}
