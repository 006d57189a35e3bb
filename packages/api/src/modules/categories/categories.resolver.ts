import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { ContentCategory } from './category.model.js';
import { listCategories } from './categories.service.js';

@Resolver(() => ContentCategory)
export class CategoriesResolver {
  @Authorized()
  @Query(() => [ContentCategory], { description: "The viewer's content categories, by name." })
  categories(@Ctx() ctx: Context): Promise<ContentCategory[]> {
    return listCategories(ctx);
  }
}
