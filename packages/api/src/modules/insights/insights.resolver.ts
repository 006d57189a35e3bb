import { Scope } from '../../auth/scope.js';
import { ApiScope, WorkspaceRole } from '@soash/shared';
import { MinRole } from '../../auth/min-role.js';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PatternType } from '../../lib/graphql-enums.js';
import { connectionType, PageArgs, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { InsightFilterInput, RecommendationFilterInput } from './dto/insights.inputs.js';
import { AiInsight } from './insight.model.js';
import { evidenceOf, InsightEvidence } from './insight-evidence.types.js';
import { dismissInsight, listInsights, listPerformancePatterns, markInsightRead } from './insights.service.js';
import { PerformancePattern } from './performance-pattern.model.js';
import { ContentRecommendation } from './recommendation.model.js';
import { listRecommendations, markRecommendationUsed, rateRecommendation } from './recommendations.service.js';

@ObjectType()
export class AiInsightConnection extends connectionType(AiInsight, 'AiInsight') {}

@ObjectType()
export class ContentRecommendationConnection extends connectionType(ContentRecommendation, 'ContentRecommendation') {}

@Resolver(() => AiInsight)
export class InsightsResolver {
  @FieldResolver(() => InsightEvidence, { nullable: true, description: 'The numbers, sample sizes, period and test behind the insight.' })
  evidence(@Root() insight: AiInsight): InsightEvidence | null {
    return evidenceOf(insight.evidence);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.INSIGHTS_READ)
  @Query(() => AiInsightConnection, { description: "The viewer's insights, by priority then recency (dismissed ones hidden unless asked for)." })
  insights(
    @Arg('filter', () => InsightFilterInput, { nullable: true }) filter: InsightFilterInput | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<AiInsight>> {
    return listInsights(ctx, filter, page.first, page.after);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.INSIGHTS_WRITE)
  @Mutation(() => AiInsight)
  markInsightRead(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AiInsight> {
    return markInsightRead(ctx, id);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.INSIGHTS_WRITE)
  @Mutation(() => AiInsight, { description: 'Hides the insight; it stays dismissed when later runs confirm it.' })
  dismissInsight(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AiInsight> {
    return dismissInsight(ctx, id);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.INSIGHTS_READ)
  @Query(() => [PerformancePattern], { description: 'Performance patterns with enough posts, best success rate first.' })
  performancePatterns(@Arg('type', () => PatternType, { nullable: true }) type: PatternType | undefined, @Ctx() ctx: Context): Promise<PerformancePattern[]> {
    return listPerformancePatterns(ctx, type);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.INSIGHTS_READ)
  @Query(() => ContentRecommendationConnection, { description: "The viewer's content recommendations, highest score first." })
  recommendations(
    @Arg('filter', () => RecommendationFilterInput, { nullable: true }) filter: RecommendationFilterInput | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<ContentRecommendation>> {
    return listRecommendations(ctx, filter, page.first, page.after);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.INSIGHTS_WRITE)
  @Mutation(() => ContentRecommendation, { description: 'Rates a recommendation 1-5; ratings re-rank recommendations of the same type and pattern.' })
  rateRecommendation(@Arg('id', () => ID) id: string, @Arg('score', () => Int) score: number, @Ctx() ctx: Context): Promise<ContentRecommendation> {
    return rateRecommendation(ctx, id, score);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.INSIGHTS_WRITE)
  @Mutation(() => ContentRecommendation)
  markRecommendationUsed(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ContentRecommendation> {
    return markRecommendationUsed(ctx, id);
  }
}
