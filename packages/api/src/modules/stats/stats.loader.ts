import type { WorkspaceOf } from '../../lib/loader.js';
import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { StatsModel, type Stats } from './stats.model.js';

export function statsLoaders(workspaceOf: WorkspaceOf) {
  return {
    /**
     * The most recent daily stats of each platform (one aggregation per batch). The sort is the
     * unique index {platformId: 1, date: 1} walked backwards, so MongoDB reads it from the index.
     */
    latestStatsByPlatform: new DataLoader<string, Stats | null>(async (platformIds) => {
      const rows = await StatsModel.aggregate<{ _id: Types.ObjectId; doc: Stats }>([
        { $match: { platformId: { $in: platformIds.map((id) => new Types.ObjectId(id)) }, workspaceId: new Types.ObjectId(workspaceOf() ?? Types.ObjectId.createFromTime(0)) } },
        { $sort: { platformId: -1, date: -1 } },
        { $group: { _id: '$platformId', doc: { $first: '$$ROOT' } } },
      ]);
      const byId = new Map(rows.map((r) => [r._id.toHexString(), r.doc]));
      return platformIds.map((id) => byId.get(id) ?? null);
    }),
  };
}
