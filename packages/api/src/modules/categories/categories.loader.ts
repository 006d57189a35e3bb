import { byIdInWorkspaceLoader, type WorkspaceOf } from '../../lib/loader.js';
import { ContentCategoryModel } from './category.model.js';

export function categoryLoaders(workspaceOf: WorkspaceOf) {
  return {
    categoryById: byIdInWorkspaceLoader(ContentCategoryModel, workspaceOf),
  };
}
