import { ErrorCode } from '@soash/shared';
import type { Express, Request, Response } from 'express';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { UNSUBSCRIBE_ONE_CLICK_PATH, UNSUBSCRIBE_PAGE } from './report-deliveries.js';
import { unsubscribeReportEmail } from './report-schedules.service.js';

/**
 * The List-Unsubscribe address of a scheduled report's mail: POST (a mail client's one-click
 * unsubscribe, RFC 8058) removes the address at once; GET (someone opening the address) goes to
 * the web app's page, which asks before removing it.
 */
export function registerReportUnsubscribeRoutes(app: Express, config: Config): void {
  app.post(`${UNSUBSCRIBE_ONE_CLICK_PATH}/:token`, async (req: Request, res: Response) => {
    try {
      await unsubscribeReportEmail(String(req.params.token ?? ''));
      res.status(200).json({ ok: true });
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.NOT_FOUND) {
        res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'This unsubscribe link is not valid any more' } });
        return;
      }
      res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong; try again' } });
    }
  });
  app.get(`${UNSUBSCRIBE_ONE_CLICK_PATH}/:token`, (req: Request, res: Response) => {
    res.redirect(303, `${config.webAppUrl}${UNSUBSCRIBE_PAGE}?token=${encodeURIComponent(String(req.params.token ?? ''))}`);
  });
}
