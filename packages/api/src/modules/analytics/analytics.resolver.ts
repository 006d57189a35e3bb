import { Scope } from '../../auth/scope.js';
import { ApiScope, WorkspaceRole } from '@soash/shared';
import { MinRole } from '../../auth/min-role.js';
import { Types } from 'mongoose';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Extensions, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { selectedFields, selectedSubfields } from '../../lib/selection.js';
import type { Context } from '../../server/context.js';
import { ANALYTICS_COST } from '../../server/plugins/cost.js';
import { registerPrefetch } from '../../server/plugins/prefetch.js';
import { scopePlatforms } from './analytics.loader.js';
import { Platform } from '../platforms/platform.model.js';
import {
  AudienceDemographics,
  BestTimes,
  ContentTypePerformance,
  CsvExport,
  HashtagPerformance,
  Overview,
  PlatformBreakdownRow,
  PlatformDemographics,
  PostDecay,
  Timeseries,
  TopActivity,
} from './analytics.types.js';
import { audienceDemographics } from './audience.service.js';
import { exportCsv } from './csv-export.service.js';
import { overview, platformBreakdown, timeseries, timeseriesFollowerDays } from './dashboard.service.js';
import { followerHistoryFor } from './followers.js';
import {
  AnalyticsInput,
  AudienceDemographicsInput,
  BestTimesInput,
  ExportCsvInput,
  HashtagPerformanceInput,
  OverviewInput,
  TimeseriesInput,
  TopActivitiesInput,
} from './dto/analytics.inputs.js';
import { bestTimesToPost, contentTypePerformance, hashtagPerformance, postDecay, topActivities } from './posts.service.js';
import { analyticsRequest } from './request.js';

/**
 * The active workspace's accounts (the metric model and the follower fallbacks of every field
 * below), read while the request's rate-limit charge is written rather than after it.
 */
const WORKSPACE_PLATFORMS = 'analytics.workspacePlatforms';
registerPrefetch(WORKSPACE_PLATFORMS, (ctx, viewer) =>
  viewer.workspaceId ? scopePlatforms({ reads: ctx.loaders.analyticsReads }, { workspaceId: new Types.ObjectId(viewer.workspaceId) }) : undefined,
);
const readsPlatforms = () => Extensions({ prefetch: [WORKSPACE_PLATFORMS] });

/**
 * A timeseries' follower history (timeseriesFollowerDays), read beside the charge too when it
 * covers the whole workspace: a filtered one is read by the resolver once its accounts are checked.
 */
const TIMESERIES_FOLLOWERS = 'analytics.timeseriesFollowers';
registerPrefetch(TIMESERIES_FOLLOWERS, (ctx, viewer, args) => {
  const input = args.input as TimeseriesInput | undefined;
  if (!viewer.workspaceId || !input || input.filter?.platformIds?.length) return undefined;
  const days = timeseriesFollowerDays(input);
  return days ? followerHistoryFor({ reads: ctx.loaders.analyticsReads }, { workspaceId: new Types.ObjectId(viewer.workspaceId) }, days) : undefined;
});

@Resolver()
export class AnalyticsResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ANALYTICS_READ)
  @readsPlatforms()
  @Query(() => Overview, { description: 'Headline numbers of a date range with a comparison period.' , complexity: ANALYTICS_COST })
  async overview(@Arg('input', () => OverviewInput) input: OverviewInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Overview> {
    return overview(await analyticsRequest(ctx, input.range), input, selectedFields(info));
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ANALYTICS_READ)
  @Extensions({ prefetch: [WORKSPACE_PLATFORMS, TIMESERIES_FOLLOWERS] })
  @Query(() => Timeseries, { description: 'One metric per day, ISO week or month, every bucket present.' , complexity: ANALYTICS_COST })
  async timeseries(@Arg('input', () => TimeseriesInput) input: TimeseriesInput, @Ctx() ctx: Context): Promise<Timeseries> {
    return timeseries(await analyticsRequest(ctx, input.range), input);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ANALYTICS_READ)
  @readsPlatforms()
  @Query(() => [PlatformBreakdownRow], { description: 'The range’s numbers per connected account.' , complexity: ANALYTICS_COST })
  async platformBreakdown(@Arg('input', () => AnalyticsInput) input: AnalyticsInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<PlatformBreakdownRow[]> {
    return platformBreakdown(await analyticsRequest(ctx, input.range), input, selectedFields(info));
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ANALYTICS_READ)
  @readsPlatforms()
  @Query(() => [TopActivity], { description: 'The best posts of the range by a metric, optionally per follower.' , complexity: ANALYTICS_COST })
  async topActivities(@Arg('input', () => TopActivitiesInput) input: TopActivitiesInput, @Ctx() ctx: Context): Promise<TopActivity[]> {
    return topActivities(await analyticsRequest(ctx, input.range), input);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ANALYTICS_READ)
  @readsPlatforms()
  @Query(() => [ContentTypePerformance], { description: 'Performance per content type (reel, image, …).' , complexity: ANALYTICS_COST })
  async contentTypePerformance(@Arg('input', () => AnalyticsInput) input: AnalyticsInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ContentTypePerformance[]> {
    return contentTypePerformance(await analyticsRequest(ctx, input.range), input, selectedFields(info));
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ANALYTICS_READ)
  @readsPlatforms()
  @Query(() => HashtagPerformance, { description: "Hashtags used on enough posts, ranked by lift over the user's median post." , complexity: ANALYTICS_COST })
  async hashtagPerformance(@Arg('input', () => HashtagPerformanceInput) input: HashtagPerformanceInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<HashtagPerformance> {
    return hashtagPerformance(await analyticsRequest(ctx, input.range), input, selectedSubfields(info, 'hashtags'));
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ANALYTICS_READ)
  @readsPlatforms()
  @Query(() => BestTimes, { description: 'Weekday × hour heatmap of engagement rate in the viewer’s timezone.' , complexity: ANALYTICS_COST })
  async bestTimesToPost(@Arg('input', () => BestTimesInput) input: BestTimesInput, @Ctx() ctx: Context): Promise<BestTimes> {
    return bestTimesToPost(await analyticsRequest(ctx, input.range), input);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ANALYTICS_READ)
  @Query(() => AudienceDemographics, { description: 'The latest audience demographics per account, and merged.' , complexity: ANALYTICS_COST })
  async audienceDemographics(
    @Arg('input', () => AudienceDemographicsInput, { nullable: true }) input: AudienceDemographicsInput | undefined,
    @Ctx() ctx: Context,
  ): Promise<AudienceDemographics> {
    return audienceDemographics(await analyticsRequest(ctx), input);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ANALYTICS_READ)
  @Query(() => PostDecay, { description: "How a post's engagement accumulated over its daily snapshots." , complexity: ANALYTICS_COST })
  async postDecay(@Arg('activityId', () => ID) activityId: string, @Ctx() ctx: Context): Promise<PostDecay> {
    return postDecay(await analyticsRequest(ctx), activityId);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.ANALYTICS_READ)
  @Mutation(() => CsvExport, { description: 'Exports a report as CSV: inline text when small, otherwise a short-lived download URL.' })
  async exportCsv(@Arg('input', () => ExportCsvInput) input: ExportCsvInput, @Ctx() ctx: Context): Promise<CsvExport> {
    return exportCsv(await analyticsRequest(ctx, input.range), input);
  }
}

@Resolver(() => PlatformBreakdownRow)
export class PlatformBreakdownRowResolver {
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() row: PlatformBreakdownRow, @Ctx() ctx: Context): Promise<Platform | null> {
    return ctx.loaders.platformById.load(row.platformId.toHexString());
  }
}

@Resolver(() => PlatformDemographics)
export class PlatformDemographicsResolver {
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() row: PlatformDemographics, @Ctx() ctx: Context): Promise<Platform | null> {
    return ctx.loaders.platformById.load(row.platformId.toHexString());
  }
}
