import { byIdInWorkspaceLoader, type WorkspaceOf } from '../../lib/loader.js';
import { PlatformModel } from './platform.model.js';

export function platformLoaders(workspaceOf: WorkspaceOf) {
  return {
    platformById: byIdInWorkspaceLoader(PlatformModel, workspaceOf),
  };
}
