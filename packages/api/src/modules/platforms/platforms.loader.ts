import DataLoader from 'dataloader';
import { pushTo } from '../../lib/group.js';
import { byIdInWorkspaceLoader, type WorkspaceOf } from '../../lib/loader.js';
import { PlatformModel, type Platform } from './platform.model.js';

export function platformLoaders(workspaceOf: WorkspaceOf) {
  const platformById = byIdInWorkspaceLoader(PlatformModel, workspaceOf);
  return {
    platformById,
    /**
     * A workspace's accounts, oldest connection first, read once per request: the `platforms`
     * list, the analytics fields (analytics.loader.ts#scopePlatforms) and, for the request's own
     * workspace, every `platformById` lookup of one of them (primed from this read) share one
     * command. A mutation that changes accounts clears it (platforms.resolver.ts#changesAccounts).
     */
    workspacePlatforms: new DataLoader<string, Platform[]>(async (workspaceIds) => {
      const docs = await PlatformModel.find({ workspaceId: { $in: workspaceIds as string[] } })
        .sort({ createdAt: 1, _id: 1 })
        .lean<Platform[]>();
      const byWorkspace = new Map<string, Platform[]>();
      for (const d of docs) pushTo(byWorkspace, d.workspaceId.toHexString(), d);
      const own = workspaceOf();
      for (const d of byWorkspace.get(own ?? '') ?? []) platformById.prime(d._id.toHexString(), d);
      return workspaceIds.map((id) => byWorkspace.get(id) ?? []);
    }),
  };
}

