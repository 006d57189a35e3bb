import {
  ApiScope,
  WebhookEventType,
  ContentType,
  ConversionStatus,
  InsightType,
  JobStatus,
  JobType,
  PatternType,
  PlatformStatus,
  PlatformType,
  Priority,
  RecommendationType,
  Role,
  SubscriptionStatus,
  SubscriptionTier,
  WorkspaceRole,
} from '@soash/shared';
import { registerEnumType } from 'type-graphql';

/** The shared enums as GraphQL enums (names are the UPPER_CASE keys, values the stored strings). */
registerEnumType(Role, { name: 'Role' });
registerEnumType(PlatformType, { name: 'PlatformType', description: 'A social network Soash connects to.' });
registerEnumType(PlatformStatus, {
  name: 'PlatformStatus',
  description: 'ACTIVE: syncing. NEEDS_REAUTH: the user must connect again. REVOKED: access withdrawn. ERROR: syncs failing.',
});
registerEnumType(ContentType, { name: 'ContentType' });
registerEnumType(SubscriptionTier, { name: 'SubscriptionTier' });
registerEnumType(SubscriptionStatus, { name: 'SubscriptionStatus' });
registerEnumType(InsightType, { name: 'InsightType' });
registerEnumType(Priority, { name: 'Priority' });
registerEnumType(RecommendationType, { name: 'RecommendationType' });
registerEnumType(PatternType, { name: 'PatternType' });
registerEnumType(ConversionStatus, { name: 'ConversionStatus' });
registerEnumType(JobType, { name: 'JobType' });
registerEnumType(JobStatus, { name: 'JobStatus' });
registerEnumType(ApiScope, {
  name: 'ApiScope',
  description: 'What an API key may do (docs/partners.md). The value names the scope: ANALYTICS_READ is analytics:read.',
});
registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'An event a webhook endpoint can subscribe to (docs/partners.md#webhooks). SYNC_COMPLETED is sync.completed, PLATFORM_NEEDS_REAUTH is platform.needs_reauth, and so on.',
});
registerEnumType(WorkspaceRole, {
  name: 'WorkspaceRole',
  description: 'OWNER: everything incl. plan, delete, transfer. ADMIN: members, connections, settings. EDITOR: categories, tagging, sync, insight actions, exports. VIEWER: read only.',
});

export {
  ApiScope,
  ContentType,
  ConversionStatus,
  InsightType,
  JobStatus,
  JobType,
  PatternType,
  PlatformStatus,
  PlatformType,
  Priority,
  RecommendationType,
  Role,
  SubscriptionStatus,
  SubscriptionTier,
  WorkspaceRole,
};
