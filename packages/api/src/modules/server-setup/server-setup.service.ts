import { PLATFORM_TYPES } from '@soash/shared';
import { connectorConfig } from '../../connectors/config.js';
import { providerFor } from '../../connectors/registry.js';
import type { Context } from '../../server/context.js';
import type { ServerSetup } from './server-setup.model.js';

/** Which platforms can connect for real and whether mail goes out, read from this server's configuration. */
export function serverSetup(ctx: Pick<Context, 'config'>): ServerSetup {
  const config = connectorConfig();
  return {
    mailDelivery: !!ctx.config.SMTP_URL,
    platforms: PLATFORM_TYPES.map((type) => ({ type, configured: providerFor(type, { sandbox: false, config }).isConfigured() })),
  };
}
