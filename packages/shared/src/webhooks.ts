/**
 * Webhooks: the one list of events a workspace's endpoints can subscribe to, with plain-word
 * labels (the endpoint dialog, the docs). Payload shapes are documented in docs/partners.md
 * ("Webhooks"); every delivery body is `{ "type": <event>, "timestamp": <ISO 8601>, "data": {…} }`.
 */
export const WebhookEventType = {
  SYNC_COMPLETED: 'sync.completed',
  SYNC_FAILED: 'sync.failed',
  PLATFORM_NEEDS_REAUTH: 'platform.needs_reauth',
  INSIGHT_CREATED: 'insight.created',
  STATS_UPDATED: 'stats.updated',
  REPORT_DELIVERED: 'report.delivered',
  ALERT_TRIGGERED: 'alert.triggered',
} as const;
export type WebhookEventType = (typeof WebhookEventType)[keyof typeof WebhookEventType];
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = Object.values(WebhookEventType);

export const WEBHOOK_EVENT_LABELS: Readonly<Record<WebhookEventType, string>> = {
  [WebhookEventType.SYNC_COMPLETED]: 'A sync of an account finished',
  [WebhookEventType.SYNC_FAILED]: 'A sync of an account failed',
  [WebhookEventType.PLATFORM_NEEDS_REAUTH]: 'An account must be connected again',
  [WebhookEventType.INSIGHT_CREATED]: 'A new insight was found',
  [WebhookEventType.STATS_UPDATED]: "An account's daily statistics were updated",
  [WebhookEventType.REPORT_DELIVERED]: 'A scheduled report was delivered',
  [WebhookEventType.ALERT_TRIGGERED]: 'An alert was triggered',
};

/** The event of a test delivery (`sendTestWebhook`); not subscribable, sent to the one endpoint asked. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** Most endpoints per workspace. */
export const WEBHOOK_ENDPOINTS_PER_WORKSPACE = 20;
/** Every endpoint secret starts with this (Standard Webhooks: `whsec_` + base64 of the key). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/**
 * Delays before each retry of a failed delivery, in milliseconds (attempt 2 comes 5 s after
 * attempt 1, and so on): 8 attempts over about 27 hours.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000];
/** An endpoint whose deliveries have failed without a success for this long is disabled. */
export const WEBHOOK_DISABLE_AFTER_MS = 24 * 3_600_000;
