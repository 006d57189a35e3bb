import { ErrorCode, roleAtLeast, WorkspaceRole } from '@soash/shared';
import type { Express, Request, Response } from 'express';
import { viewerFromAuthorization } from '../../auth/viewer.js';
import type { Config } from '../../config.js';
import { TeamMemberModel } from '../workspaces/team-member.model.js';
import { ReportExportFileModel } from './report-export.model.js';
import { hashReportExportToken, REPORT_EXPORT_PATH, setReportExportBaseUrl } from './report-export.service.js';

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/**
 * GET /exports/reports/:token answers a file made by the exportReport mutation. The caller must be
 * signed in as the member who asked for it (Authorization: Bearer <access token>) and still be an
 * editor or above of its workspace; a missing, expired or someone else's token answers 404 alike.
 */
export function registerReportExportRoutes(app: Express, config: Config): void {
  setReportExportBaseUrl(config.publicUrl);
  app.get(`${REPORT_EXPORT_PATH}/:token`, async (req: Request, res: Response) => {
    const auth = await viewerFromAuthorization(config, req.headers.authorization);
    if (!auth.viewer) return fail(res, 401, ErrorCode.UNAUTHENTICATED, auth.error ?? 'You must be signed in');
    if (auth.viewer.credential !== 'session') return fail(res, 404, ErrorCode.NOT_FOUND, 'Export not found');
    const token = String(req.params.token ?? '');
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return fail(res, 404, ErrorCode.NOT_FOUND, 'Export not found');
    const file = await ReportExportFileModel.findOne({ tokenHash: hashReportExportToken(token), expiresAt: { $gt: new Date() } }).lean();
    if (!file || file.userId.toHexString() !== auth.viewer.id) return fail(res, 404, ErrorCode.NOT_FOUND, 'Export not found');
    const member = await TeamMemberModel.findOne({ workspaceId: file.workspaceId, userId: file.userId, isActive: true }, { role: 1 }).lean();
    if (!member || !roleAtLeast(member.role, WorkspaceRole.EDITOR)) return fail(res, 404, ErrorCode.NOT_FOUND, 'Export not found');
    const bytes = Buffer.isBuffer(file.data) ? file.data : Buffer.from((file.data as unknown as { buffer: ArrayBuffer }).buffer);
    res.status(200);
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-disposition', `attachment; filename="${file.filename}"`);
    res.setHeader('cache-control', 'no-store');
    res.end(bytes);
  });
}
