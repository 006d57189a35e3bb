import { Scope } from '../../auth/scope.js';
import { ApiScope, WorkspaceRole } from '@soash/shared';
import { MinRole } from '../../auth/min-role.js';
import { Arg, Args, Ctx, FieldResolver, Float, ID, Query, Resolver, Root } from 'type-graphql';
import { connectionType, PageArgs, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { ContentCategory } from '../categories/category.model.js';
import { Platform } from '../platforms/platform.model.js';
import { ActivityMetric } from './activity-metric.model.js';
import { Activity } from './activity.model.js';
import { categoriesOf, getActivity, listActivities, metricsOf, platformOf, rateLabelOf, rateOf } from './activities.service.js';
import { ActivityFilter, ActivitySort } from './dto/activities.args.js';

export const ActivityConnection = connectionType(Activity, 'Activity');

@Resolver(() => Activity)
export class ActivitiesResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.POSTS_READ)
  @Query(() => ActivityConnection, { description: "The viewer's posts: filtered, sorted (default newest first) and paginated." })
  activities(
    @Arg('filter', () => ActivityFilter, { nullable: true }) filter: ActivityFilter | null,
    @Arg('sort', () => ActivitySort, { nullable: true }) sort: ActivitySort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Activity>> {
    return listActivities(ctx, { filter, sort, first: page.first, after: page.after });
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.POSTS_READ)
  @Query(() => Activity, { description: "One of the viewer's posts." })
  activity(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Activity> {
    return getActivity(ctx, id);
  }

  @FieldResolver(() => Platform, { description: 'The account the post was published on.' })
  platform(@Root() activity: Activity, @Ctx() ctx: Context): Promise<Platform> {
    return platformOf(ctx, activity);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Latest engagement rate under the one metric model: engagement.total ÷ the platform's denominator (reach; views on TikTok; impressions on X), null when the post does not report it. The dashboard's and the insights' rate for the same post (docs/analytics.md).",
  })
  engagementRate(@Root() activity: Activity, @Ctx() ctx: Context): Promise<number | null> {
    return rateOf(ctx, activity);
  }

  @FieldResolver(() => String, { description: 'What engagementRate is for this post\'s platform, e.g. "engagement rate by views".' })
  rateLabel(@Root() activity: Activity, @Ctx() ctx: Context): Promise<string> {
    return rateLabelOf(ctx, activity);
  }

  @FieldResolver(() => [ContentCategory], { description: 'Categories the post is assigned to.' })
  categories(@Root() activity: Activity, @Ctx() ctx: Context): Promise<ContentCategory[]> {
    return categoriesOf(ctx, activity);
  }

  @FieldResolver(() => [ActivityMetric], { description: 'Daily snapshots of the counters, oldest first, optionally limited to [from, to].' })
  metrics(
    @Root() activity: Activity,
    @Ctx() ctx: Context,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ): Promise<ActivityMetric[]> {
    return metricsOf(ctx, activity, from, to);
  }
}

@Resolver(() => ActivityMetric)
export class ActivityMetricsResolver {
  @FieldResolver(() => Float, { nullable: true, description: "The day's engagement rate under the one metric model (the post's platform's denominator)." })
  engagementRate(@Root() metric: ActivityMetric, @Ctx() ctx: Context): Promise<number | null> {
    return rateOf(ctx, metric);
  }
}
