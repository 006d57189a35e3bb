import { loadConfig, type Config } from '../../config.js';
import { parseAllowlist, type Allowlist } from './ssrf.js';

export interface WebhookSettings {
  allow: Allowlist;
  timeoutMs: number;
  webAppUrl: string;
  config: Config;
}

/**
 * What deliveries read (allowlist, timeout): each process sets it once at start (a start-up task
 * and the HTTP route registration do); without that it is read from the environment on first use.
 */
let current: WebhookSettings | undefined;

export function useWebhookConfig(config: Config): void {
  current = { allow: parseAllowlist(config.WEBHOOK_ALLOWED_HOSTS), timeoutMs: config.WEBHOOK_TIMEOUT_SECONDS * 1000, webAppUrl: config.webAppUrl, config };
}

export function webhookSettings(): WebhookSettings {
  if (!current) useWebhookConfig(loadConfig());
  return current!;
}
