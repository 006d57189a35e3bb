import { Types } from 'mongoose';
import { viewerOf, type Context } from '../../server/context.js';
import { ContentCategoryModel, type ContentCategory } from './category.model.js';

/** The viewer's content categories, by name. */
export async function listCategories(ctx: Context): Promise<ContentCategory[]> {
  const viewer = viewerOf(ctx);
  return ContentCategoryModel.find({ userId: new Types.ObjectId(viewer.id) }).sort({ nameKey: 1, _id: 1 }).lean<ContentCategory[]>();
}
