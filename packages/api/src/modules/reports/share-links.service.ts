import {
  DAY_MS,
  ErrorCode,
  SHARE_LINK_DEFAULT_DAYS,
  SHARE_LINK_MAX_DAYS,
  SHARE_LINKS_PER_REPORT,
  SHARE_PATH,
} from '@soash/shared';
import { Types } from 'mongoose';
import type { Config } from '../../config.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/password.js';
import { hashToken, randomToken } from '../../lib/crypto.js';
import { AppError, badInput, conflict, limitExceeded, notFound } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { consumeRateLimit, type RateLimitRule } from '../../lib/rate-limit.js';
import { viewerOf, type Context } from '../../server/context.js';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from '../users/login-throttle.js';
import { WorkspaceModel, type Workspace } from '../workspaces/workspace.model.js';
import { CustomReportModel, type CustomReport } from './custom-report.model.js';
import type { CreateReportShareLinkInput, UpdateReportShareLinkInput } from './dto/share-link.inputs.js';
import type { ReportData } from './report-data.types.js';
import { openReport, readScope, writeScope } from './reports.service.js';
import { ReportShareLinkModel, ShareLinkKind, type ReportShareLink } from './share-link.model.js';

/** How long a render token (for the PDF renderer) works by default. */
export const RENDER_TOKEN_TTL_MS = 10 * 60_000;

/**
 * Password attempts on share links: every attempt counts against the client address, and failures
 * on one link from one address back off as failed sign-ins do (users/login-throttle.ts).
 */
export const SHARE_PASSWORD_LIMITS: { perIp: RateLimitRule } = { perIp: { limit: 30, windowSeconds: 15 * 60 } };

/** The one answer for an unknown, revoked or expired link, or one whose report or workspace is gone: nothing tells them apart. */
const LINK_NOT_VALID = 'This link is not valid: it may have expired or been revoked';
const linkNotValid = () => new AppError(ErrorCode.NOT_FOUND, LINK_NOT_VALID);

/** Tokens are 32 random bytes in base64url (43 characters); anything much longer is not one. */
const MAX_TOKEN_LENGTH = 128;

/** The web app's address of a token: WEB_APP_URL/share/<token>. */
export function shareUrl(config: Pick<Config, 'webAppUrl'>, token: string): string {
  return `${config.webAppUrl.replace(/\/$/, '')}${SHARE_PATH}/${token}`;
}

async function reportOf(scope: { workspaceId: Types.ObjectId }, reportId: string, field = 'reportId'): Promise<Pick<CustomReport, '_id'>> {
  const report = await CustomReportModel.findOne({ ...scope, _id: toObjectId(reportId, field) }, { _id: 1 }).lean<Pick<CustomReport, '_id'>>();
  if (!report) throw notFound('Report');
  return report;
}

/** An expiry in the future and at most SHARE_LINK_MAX_DAYS away; none: SHARE_LINK_DEFAULT_DAYS from now. */
function checkedExpiry(expiresAt: Date | null | undefined, now: Date, field = 'expiresAt'): Date {
  if (expiresAt === undefined || expiresAt === null) return new Date(now.getTime() + SHARE_LINK_DEFAULT_DAYS * DAY_MS);
  if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) throw badInput(`${field} is not a valid date`, field);
  if (expiresAt.getTime() <= now.getTime()) throw badInput(`${field} must be in the future`, field);
  if (expiresAt.getTime() > now.getTime() + SHARE_LINK_MAX_DAYS * DAY_MS) throw badInput(`${field} may be at most ${SHARE_LINK_MAX_DAYS} days away`, field);
  return expiresAt;
}

function checkedLabel(label: string | null | undefined): string | undefined {
  const t = label?.trim();
  return t ? t : undefined;
}

async function checkedPasswordHash(password: string): Promise<string> {
  const problem = passwordProblem(password, 'password');
  if (problem) throw badInput(problem, 'password');
  return hashPassword(password);
}

/** The client links of one report of the active workspace, newest first (render tokens are never listed). */
export async function listShareLinks(ctx: Context, reportId: string): Promise<ReportShareLink[]> {
  const scope = readScope(ctx);
  const report = await reportOf(scope, reportId);
  return ReportShareLinkModel.find({ ...scope, reportId: report._id, kind: ShareLinkKind.CLIENT })
    .sort({ createdAt: -1, _id: -1 })
    .limit(SHARE_LINKS_PER_REPORT)
    .lean<ReportShareLink[]>();
}

export interface CreatedShareLink {
  link: ReportShareLink;
  token: string;
  url: string;
}

/** A new client link; its token (and so its url) is in this answer only. */
export async function createShareLink(ctx: Context, input: CreateReportShareLinkInput, now = new Date()): Promise<CreatedShareLink> {
  const scope = writeScope(ctx);
  const report = await reportOf(scope, input.reportId);
  const expiresAt = checkedExpiry(input.expiresAt, now);
  const label = checkedLabel(input.label);
  const passwordHash = input.password !== undefined && input.password !== null ? await checkedPasswordHash(input.password) : undefined;
  const live = await ReportShareLinkModel.countDocuments({ ...scope, reportId: report._id, kind: ShareLinkKind.CLIENT, revokedAt: null, expiresAt: { $gt: now } });
  if (live >= SHARE_LINKS_PER_REPORT) {
    throw limitExceeded(`A report may have at most ${SHARE_LINKS_PER_REPORT} working share links; revoke one first`, { limit: SHARE_LINKS_PER_REPORT });
  }
  const token = randomToken(32);
  const doc = await ReportShareLinkModel.create({
    ...scope,
    reportId: report._id,
    kind: ShareLinkKind.CLIENT,
    tokenHash: hashToken(token),
    label,
    expiresAt,
    hasPassword: !!passwordHash,
    passwordHash,
    createdBy: new Types.ObjectId(viewerOf(ctx).id),
  });
  const { tokenHash: _t, passwordHash: _p, ...link } = doc.toObject() as ReportShareLink;
  return { link: link as ReportShareLink, token, url: shareUrl(ctx.config, token) };
}

async function ownedLink(scope: { workspaceId: Types.ObjectId }, id: string): Promise<ReportShareLink> {
  const link = await ReportShareLinkModel.findOne({ ...scope, _id: toObjectId(id, 'id'), kind: ShareLinkKind.CLIENT }).lean<ReportShareLink>();
  if (!link) throw notFound('Share link');
  return link;
}

/** Stops a link at once (kept in the list as revoked). Revoking a revoked link changes nothing. */
export async function revokeShareLink(ctx: Context, id: string, now = new Date()): Promise<ReportShareLink> {
  const scope = writeScope(ctx);
  const link = await ownedLink(scope, id);
  if (link.revokedAt) return link;
  const updated = await ReportShareLinkModel.findOneAndUpdate({ ...scope, _id: link._id, revokedAt: null }, { $set: { revokedAt: now } }, { returnDocument: 'after', lean: true });
  return (updated as ReportShareLink | null) ?? ownedLink(scope, id);
}

/** Changes a link's label, expiry or password. A revoked link stays revoked: CONFLICT. */
export async function updateShareLink(ctx: Context, id: string, input: UpdateReportShareLinkInput, now = new Date()): Promise<ReportShareLink> {
  const scope = writeScope(ctx);
  const link = await ownedLink(scope, id);
  if (link.revokedAt) throw conflict('This link was revoked; create a new one');
  if (input.password && input.removePassword) throw badInput('Give a new password or remove it, not both', 'removePassword');
  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  if (input.label !== undefined) {
    const label = checkedLabel(input.label);
    if (label) set.label = label;
    else unset.label = 1;
  }
  if (input.expiresAt !== undefined && input.expiresAt !== null) set.expiresAt = checkedExpiry(input.expiresAt, now);
  if (input.password !== undefined && input.password !== null) {
    set.passwordHash = await checkedPasswordHash(input.password);
    set.hasPassword = true;
  } else if (input.removePassword) {
    unset.passwordHash = 1;
    set.hasPassword = false;
  }
  const update = { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(unset).length ? { $unset: unset } : {}) };
  if (Object.keys(update).length === 0) return link;
  const updated = await ReportShareLinkModel.findOneAndUpdate({ ...scope, _id: link._id }, update, { returnDocument: 'after', lean: true });
  if (!updated) throw notFound('Share link');
  return updated as ReportShareLink;
}

/**
 * A token that opens `/share/<token>` exactly as a client link does, for the PDF renderer: it is
 * never listed in reportShareLinks, has no password, is not counted as a view, and works for
 * `ttlMs` only. The report must belong to the workspace (NOT_FOUND otherwise).
 */
export async function issueRenderToken(workspaceId: string, reportId: string, ttlMs = RENDER_TOKEN_TTL_MS): Promise<string> {
  const scope = { workspaceId: toObjectId(workspaceId, 'workspaceId') };
  const report = await reportOf(scope, reportId);
  const token = randomToken(32);
  await ReportShareLinkModel.create({
    ...scope,
    reportId: report._id,
    kind: ShareLinkKind.RENDER,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + ttlMs),
    hasPassword: false,
  });
  return token;
}

/** What a share link opens: the report's numbers (as reportData) and when the link stops working. */
export interface SharedReportResult {
  expiresAt: Date;
  data: ReportData;
}

/**
 * Opens a report through its link, without an account. Unknown, revoked and expired links, and
 * links whose report or workspace is gone, all get the same NOT_FOUND. A password-protected link
 * answers PASSWORD_REQUIRED without a password and BAD_PASSWORD for a wrong one (rate-limited per
 * address, with a back-off per link and address). A client link counts the view.
 */
export async function openSharedReport(ctx: Context, token: string, password: string | null | undefined, now = new Date()): Promise<SharedReportResult> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw linkNotValid();
  const link = await ReportShareLinkModel.findOne({ tokenHash: hashToken(token) }).select('+passwordHash').lean<ReportShareLink>();
  if (!link || link.revokedAt || link.expiresAt.getTime() <= now.getTime()) throw linkNotValid();
  const [report, workspace] = await Promise.all([
    CustomReportModel.findOne({ _id: link.reportId, workspaceId: link.workspaceId }).lean<CustomReport>(),
    WorkspaceModel.findById(link.workspaceId).lean<Workspace>(),
  ]);
  if (!report || !workspace) throw linkNotValid();
  if (link.kind === ShareLinkKind.CLIENT && link.passwordHash) await checkLinkPassword(ctx, link, password, now);
  if (link.kind === ShareLinkKind.CLIENT) {
    await ReportShareLinkModel.updateOne({ _id: link._id }, { $inc: { viewCount: 1 }, $set: { lastViewedAt: now } });
  }
  // The loaders of this request read the link's workspace only (platforms and posts of its sections).
  ctx.scope.workspaceId = link.workspaceId.toHexString();
  const data = await openReport(ctx, report, workspace, now);
  return { expiresAt: link.expiresAt, data };
}

async function checkLinkPassword(ctx: Context, link: ReportShareLink & { passwordHash?: string }, password: string | null | undefined, now: Date): Promise<void> {
  if (password === undefined || password === null || password === '') {
    throw new AppError(ErrorCode.PASSWORD_REQUIRED, 'This report is protected by a password', { field: 'password' });
  }
  const ip = ctx.ip ?? 'unknown';
  await consumeRateLimit(`share-password:ip:${ip}`, SHARE_PASSWORD_LIMITS.perIp, 'password attempts from this address', now);
  const pairKey = `share:${link._id.toHexString()}:${ip}`;
  await assertLoginAllowed(pairKey, now);
  const ok = password.length <= 1024 && (await verifyPassword(link.passwordHash, password));
  if (!ok) {
    await recordLoginFailure(pairKey, now);
    throw new AppError(ErrorCode.BAD_PASSWORD, 'The password is not right', { field: 'password' });
  }
  await clearLoginFailures(pairKey);
}
