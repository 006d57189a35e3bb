import { Scope } from '../../auth/scope.js';
import { ApiScope, WorkspaceRole } from '@soash/shared';
import { MinRole } from '../../auth/min-role.js';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Stats } from './stats.model.js';
import { listStats } from './stats.service.js';

@Resolver(() => Stats)
export class StatsResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ANALYTICS_READ)
  @Query(() => [Stats], { description: 'Daily metrics of one of the viewer\'s accounts for the days in [from, to] (at most 3 years), oldest first.' })
  stats(
    @Arg('platformId', () => ID) platformId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: Context,
  ): Promise<Stats[]> {
    return listStats(ctx, platformId, from, to);
  }
}
