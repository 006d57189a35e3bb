import { once } from 'node:events';
import { ErrorCode } from '@soash/shared';
import type { Express, Request, Response } from 'express';
import { Types } from 'mongoose';
import { viewerFromAuthorization } from '../../auth/viewer.js';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { log } from '../../lib/logger.js';
import { UserModel } from '../users/user.model.js';
import { TeamMemberModel } from '../workspaces/team-member.model.js';
import { workspaceOwner } from '../workspaces/workspaces.service.js';
import { roleAtLeast, WorkspaceRole } from '@soash/shared';
import { CsvExportTicketModel } from './csv-export.model.js';
import { csvLines, EXPORT_PATH, hashExportToken, setExportBaseUrl, type ExportParams } from './csv-export.service.js';
import { timezoneOfWorkspace } from './scope.js';

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/**
 * GET /exports/:token streams a CSV export created by the exportCsv mutation. The caller must be
 * signed in as the user who created it (Authorization: Bearer <access token>); a missing, expired
 * or someone else's token answers 404 alike.
 */
export function registerCsvExportRoutes(app: Express, config: Config): void {
  setExportBaseUrl(config.publicUrl);
  app.get(`${EXPORT_PATH}/:token`, async (req: Request, res: Response) => {
    const auth = await viewerFromAuthorization(config, req.headers.authorization);
    if (!auth.viewer) return fail(res, 401, ErrorCode.UNAUTHENTICATED, auth.error ?? 'You must be signed in');
    const token = String(req.params.token ?? '');
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return fail(res, 404, ErrorCode.NOT_FOUND, 'Export not found');
    const ticket = await CsvExportTicketModel.findOne({ tokenHash: hashExportToken(token), expiresAt: { $gt: new Date() } }).lean();
    if (!ticket || ticket.userId.toHexString() !== auth.viewer.id) return fail(res, 404, ErrorCode.NOT_FOUND, 'Export not found');
    if (!(await UserModel.exists({ _id: new Types.ObjectId(auth.viewer.id) }))) return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'Account no longer exists');
    // The download is the requester's, and only while they may still export in that workspace.
    const workspaceId = ticket.workspaceId;
    const member = await TeamMemberModel.findOne({ workspaceId, userId: ticket.userId, isActive: true }, { role: 1 }).lean();
    if (!member || !roleAtLeast(member.role, WorkspaceRole.EDITOR)) return fail(res, 404, ErrorCode.NOT_FOUND, 'Export not found');
    const user = await workspaceOwner(workspaceId);
    if (!user) return fail(res, 404, ErrorCode.NOT_FOUND, 'Export not found');
    const tz = await timezoneOfWorkspace(workspaceId);
    const lines = csvLines({ workspaceId, tz, tier: user.subscriptionTier }, ticket.params as unknown as ExportParams);
    let aborted = false;
    res.on('close', () => {
      aborted = !res.writableFinished;
    });
    try {
      // The first line is produced before any header is sent, so validation errors still get a status.
      const first = await lines.next();
      res.status(200);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${ticket.filename}"`);
      res.setHeader('cache-control', 'no-store');
      if (!first.done) res.write(first.value);
      for await (const line of lines) {
        if (aborted) break;
        if (!res.write(line)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      res.end();
    } catch (err) {
      await lines.return(undefined);
      if (res.headersSent) {
        log.error('CSV export failed while streaming', { error: err instanceof Error ? { name: err.name, message: err.message } : String(err) });
        res.destroy();
      } else if (err instanceof AppError) {
        // The stored arguments no longer hold (e.g. a filtered account was removed).
        fail(res, err.code === ErrorCode.NOT_FOUND ? 404 : 400, err.code, err.message);
      } else {
        log.error('CSV export failed', { error: err instanceof Error ? { name: err.name, message: err.message } : String(err) });
        fail(res, 500, ErrorCode.INTERNAL, 'Internal server error');
      }
    }
  });
}
