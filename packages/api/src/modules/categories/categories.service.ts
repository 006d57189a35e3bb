import { activeWorkspaceId } from '../workspaces/access.js';
import { badInput, conflict, isDuplicateKeyError, limitExceeded, notFound } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { findOwned } from '../../lib/ownership.js';
import type { Context } from '../../server/context.js';
import { ActivityModel, type Activity } from '../activities/activity.model.js';
import { ContentCategoryModel, type ContentCategory } from './category.model.js';
import type { CreateCategoryInput, UpdateCategoryInput } from './dto/category.inputs.js';

/** Categories one user may have. */
export const MAX_CATEGORIES_PER_USER = 100;


/** Names are compared without case (and surrounding spaces): "Launch" and "launch " are one name. */
export function categoryNameKey(name: string): string {
  return name.trim().toLowerCase();
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw badInput('name must not be empty', 'name');
  return trimmed;
}

const nameTaken = (name: string) => conflict(`You already have a category named "${name}"`, { field: 'name' });

/** The viewer's content categories, by name. */
export async function listCategories(ctx: Context): Promise<ContentCategory[]> {
  return ContentCategoryModel.find({ workspaceId: activeWorkspaceId(ctx) }).sort({ nameKey: 1, _id: 1 }).lean<ContentCategory[]>();
}

export async function createCategory(ctx: Context, input: CreateCategoryInput): Promise<ContentCategory> {
  const workspaceId = activeWorkspaceId(ctx);
  const name = cleanName(input.name);
  // Counted before the insert: two creations at the very same moment could pass the 100th
  // together. The cap is there to bound lists, not as a hard quota, so that is acceptable.
  if ((await ContentCategoryModel.countDocuments({ workspaceId })) >= MAX_CATEGORIES_PER_USER) {
    throw limitExceeded(`You can have at most ${MAX_CATEGORIES_PER_USER} categories; delete one to create another`, { limit: MAX_CATEGORIES_PER_USER });
  }
  try {
    const doc = await ContentCategoryModel.create({ workspaceId, name, nameKey: categoryNameKey(name), colorCode: input.colorCode.toUpperCase() });
    return doc.toObject() as ContentCategory;
  } catch (err) {
    if (isDuplicateKeyError(err)) throw nameTaken(name);
    throw err;
  }
}

export async function updateCategory(ctx: Context, id: string, input: UpdateCategoryInput): Promise<ContentCategory> {
  const workspaceId = activeWorkspaceId(ctx);
  const category = await findOwned(ContentCategoryModel, id, workspaceId, 'Category');
  const $set: Record<string, string> = {};
  if (input.name != null) {
    const name = cleanName(input.name);
    Object.assign($set, { name, nameKey: categoryNameKey(name) });
  }
  if (input.colorCode != null) $set.colorCode = input.colorCode.toUpperCase();
  if (Object.keys($set).length === 0) return category;
  try {
    const updated = await ContentCategoryModel.findOneAndUpdate({ _id: category._id, workspaceId }, { $set }, { returnDocument: 'after', runValidators: true }).lean<ContentCategory>();
    if (!updated) throw notFound('Category');
    ctx.loaders.categoryById.clear(category._id.toHexString()).prime(category._id.toHexString(), updated);
    return updated;
  } catch (err) {
    if (isDuplicateKeyError(err)) throw nameTaken($set.name!);
    throw err;
  }
}

/**
 * Deletes a category and unassigns it from every post; posts are never deleted. Posts are
 * unassigned first, so a deletion interrupted half-way leaves the category in place and can
 * simply be run again.
 */
export async function deleteCategory(ctx: Context, id: string): Promise<boolean> {
  const workspaceId = activeWorkspaceId(ctx);
  const category = await findOwned(ContentCategoryModel, id, workspaceId, 'Category');
  await ActivityModel.updateMany({ workspaceId, categoryIds: category._id }, { $pull: { categoryIds: category._id } });
  await ContentCategoryModel.deleteOne({ _id: category._id, workspaceId });
  ctx.loaders.categoryById.clear(category._id.toHexString());
  return true;
}

/**
 * Sets the categories of one of the viewer's posts (replacing the previous set; [] clears it).
 * The post and every category must be the viewer's: anything else is NOT_FOUND.
 */
export async function assignCategories(ctx: Context, activityId: string, categoryIds: readonly string[]): Promise<Activity> {
  const workspaceId = activeWorkspaceId(ctx);
  const postId = toObjectId(activityId, 'activityId');
  if (categoryIds.length > MAX_CATEGORIES_PER_USER) {
    throw badInput(`categoryIds may hold at most ${MAX_CATEGORIES_PER_USER} ids`, 'categoryIds');
  }
  const ids = [...new Map(categoryIds.map((id) => toObjectId(id, 'categoryIds')).map((oid) => [oid.toHexString(), oid])).values()];
  if (!(await ActivityModel.exists({ _id: postId, workspaceId }))) throw notFound('Activity');
  if (ids.length && (await ContentCategoryModel.countDocuments({ _id: { $in: ids }, workspaceId })) !== ids.length) throw notFound('Category');
  const updated = await ActivityModel.findOneAndUpdate({ _id: postId, workspaceId }, { $set: { categoryIds: ids } }, { returnDocument: 'after' }).lean<Activity>();
  if (!updated) throw notFound('Activity');
  ctx.loaders.activityById.clear(postId.toHexString()).prime(postId.toHexString(), updated);
  return updated;
}
