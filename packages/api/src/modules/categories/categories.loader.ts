import { byIdLoader } from '../../lib/loader.js';
import { ContentCategoryModel } from './category.model.js';

export function categoryLoaders() {
  return {
    categoryById: byIdLoader(ContentCategoryModel),
  };
}
