import type { NonEmptyArray } from 'type-graphql';
import { AnalyticsResolver, PlatformBreakdownRowResolver, PlatformDemographicsResolver } from '../modules/analytics/analytics.resolver.js';
import { HealthResolver } from '../modules/health/health.resolver.js';
import { InsightsResolver } from '../modules/insights/insights.resolver.js';
import { PlatformsResolver } from '../modules/platforms/platforms.resolver.js';

/** Every resolver class of the schema. */
export const resolvers: NonEmptyArray<Function> = [
  HealthResolver,
  PlatformsResolver,
  AnalyticsResolver,
  PlatformBreakdownRowResolver,
  PlatformDemographicsResolver,
  InsightsResolver,
];
