import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Stats } from '../stats/stats.model.js';
import { Platform } from './platform.model.js';
import { getPlatform, listPlatforms } from './platforms.service.js';

@Resolver(() => Platform)
export class PlatformsResolver {
  @Authorized()
  @Query(() => [Platform], { description: "The viewer's connected accounts." })
  platforms(@Ctx() ctx: Context): Promise<Platform[]> {
    return listPlatforms(ctx);
  }

  @Authorized()
  @Query(() => Platform, { description: 'One of the viewer\'s accounts.' })
  platform(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Platform> {
    return getPlatform(ctx, id);
  }

  @FieldResolver(() => Stats, { nullable: true, description: 'The most recent daily metrics.' })
  latestStats(@Root() platform: Platform, @Ctx() ctx: Context): Promise<Stats | null> {
    return ctx.loaders.latestStatsByPlatform.load(platform._id.toHexString());
  }
}
