import { loadConfig, type Config } from '../config.js';

/**
 * The configuration connectors and their jobs read (app credentials, API base URLs, backfill and
 * refresh settings). Each process sets it once at start (a start-up task and the HTTP route
 * registration do); without that it is read from the environment on first use.
 */
let current: Config | undefined;

export function useConnectorConfig(config: Config): void {
  current = config;
}

export function connectorConfig(): Config {
  current ??= loadConfig();
  return current;
}
