import type { Request, Response } from 'express';
import { useConnectorConfig } from '../../connectors/config.js';
import { log } from '../../lib/logger.js';
import { httpRoutes } from '../../server/routes.js';
import { completeOAuthConnect } from './platform-connect.service.js';

/** The OAuth callback every platform redirects to: `${PUBLIC_URL}/oauth/<type>/callback`. */
httpRoutes.push((app, config) => {
  useConnectorConfig(config);
  app.get('/oauth/:type/callback', async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    try {
      const from = { ip: req.ip ?? req.socket.remoteAddress ?? undefined, userAgent: req.headers['user-agent']?.slice(0, 256) };
      res.redirect(302, await completeOAuthConnect(String(req.params.type), req.query as Record<string, unknown>, from));
    } catch (err) {
      log.error('OAuth callback failed', { error: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) });
      res.redirect(302, `${config.webAppUrl}/platforms?${new URLSearchParams({ error: 'connect_failed' }).toString()}`);
    }
  });
});
