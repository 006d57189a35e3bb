import type { NonEmptyArray } from 'type-graphql';
import { AlertsResolver } from '../modules/alerts/alerts.resolver.js';
import { ApiKeysResolver } from '../modules/api-keys/api-keys.resolver.js';
import { OAuthAppsResolver, OAuthGrantsResolver } from '../modules/oauth-apps/oauth-apps.resolver.js';
import { RateLimitResolver } from '../modules/rate-limits/rate-limit.resolver.js';
import { ActivitiesResolver, ActivityMetricsResolver } from '../modules/activities/activities.resolver.js';
import { AnalyticsResolver, PlatformBreakdownRowResolver, PlatformDemographicsResolver } from '../modules/analytics/analytics.resolver.js';
import { CategoriesResolver } from '../modules/categories/categories.resolver.js';
import { HealthResolver } from '../modules/health/health.resolver.js';
import { InsightsResolver } from '../modules/insights/insights.resolver.js';
import { MailResolver } from '../modules/mail/mail.resolver.js';
import { PlatformsResolver } from '../modules/platforms/platforms.resolver.js';
import { ReportDataResolver, ReportsResolver } from '../modules/reports/reports.resolver.js';
import { ReportSchedulesResolver } from '../modules/reports/report-schedules.resolver.js';
import { ReportShareLinksResolver } from '../modules/reports/share-links.resolver.js';
import { ReferralsResolver } from '../modules/referrals/referrals.resolver.js';
import { ServerSetupResolver } from '../modules/server-setup/server-setup.resolver.js';
import { StatsResolver } from '../modules/stats/stats.resolver.js';
import { SubscriptionsResolver } from '../modules/subscriptions/subscriptions.resolver.js';
import { SyncResolver } from '../modules/sync/sync.resolver.js';
import { SystemJobsResolver } from '../modules/system-jobs/system-jobs.resolver.js';
import { AuthResolver } from '../modules/users/auth.resolver.js';
import { UsersResolver } from '../modules/users/users.resolver.js';
import { AuditResolver } from '../modules/workspaces/audit.resolver.js';
import { InvitationsResolver } from '../modules/workspaces/invitations.resolver.js';
import { MembersResolver } from '../modules/workspaces/members.resolver.js';
import { WebhooksResolver } from '../modules/webhooks/webhooks.resolver.js';
import { WorkspacesResolver } from '../modules/workspaces/workspaces.resolver.js';

/** Every resolver class of the schema. */
export const resolvers: NonEmptyArray<Function> = [
  HealthResolver,
  RateLimitResolver,
  AuthResolver,
  UsersResolver,
  WorkspacesResolver,
  MembersResolver,
  InvitationsResolver,
  ApiKeysResolver,
  WebhooksResolver,
  OAuthAppsResolver,
  OAuthGrantsResolver,
  AuditResolver,
  MailResolver,
  PlatformsResolver,
  SyncResolver,
  ActivitiesResolver,
  ActivityMetricsResolver,
  CategoriesResolver,
  StatsResolver,
  SystemJobsResolver,
  AnalyticsResolver,
  PlatformBreakdownRowResolver,
  PlatformDemographicsResolver,
  InsightsResolver,
  ReportsResolver,
  ReportDataResolver,
  ReportSchedulesResolver,
  AlertsResolver,
  ReportShareLinksResolver,
  ReferralsResolver,
  SubscriptionsResolver,
  ServerSetupResolver,
];
