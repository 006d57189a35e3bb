import { Scope } from '../../auth/scope.js';
import { ApiScope, WorkspaceRole } from '@soash/shared';
import { MinRole } from '../../auth/min-role.js';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Activity } from '../activities/activity.model.js';
import { ContentCategory } from './category.model.js';
import * as categories from './categories.service.js';
import { CreateCategoryInput, UpdateCategoryInput } from './dto/category.inputs.js';

@Resolver(() => ContentCategory)
export class CategoriesResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.POSTS_READ)
  @Query(() => [ContentCategory], { description: "The viewer's content categories, by name." })
  categories(@Ctx() ctx: Context): Promise<ContentCategory[]> {
    return categories.listCategories(ctx);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.CATEGORIES_WRITE)
  @Mutation(() => ContentCategory, { description: 'Creates a content category (name unique per user regardless of case; at most 100).' })
  createCategory(@Arg('input', () => CreateCategoryInput) input: CreateCategoryInput, @Ctx() ctx: Context): Promise<ContentCategory> {
    return categories.createCategory(ctx, input);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.CATEGORIES_WRITE)
  @Mutation(() => ContentCategory, { description: 'Renames or recolours one of the viewer\'s categories.' })
  updateCategory(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCategoryInput) input: UpdateCategoryInput,
    @Ctx() ctx: Context,
  ): Promise<ContentCategory> {
    return categories.updateCategory(ctx, id, input);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.CATEGORIES_WRITE)
  @Mutation(() => Boolean, { description: 'Deletes a category and unassigns it from every post; posts are never deleted.' })
  deleteCategory(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return categories.deleteCategory(ctx, id);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.CATEGORIES_WRITE)
  @Mutation(() => Activity, { description: 'Sets the categories of one of the viewer\'s posts, replacing the previous set ([] clears it).' })
  assignCategories(
    @Arg('activityId', () => ID) activityId: string,
    @Arg('categoryIds', () => [ID]) categoryIds: string[],
    @Ctx() ctx: Context,
  ): Promise<Activity> {
    return categories.assignCategories(ctx, activityId, categoryIds);
  }
}
