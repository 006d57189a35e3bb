import { AUDIT_RETENTION_DAYS, type AuditAction } from '@soash/shared';
import { Types } from 'mongoose';
import { badInput } from '../../lib/errors.js';
import { redact } from '../../lib/logger.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import { escapeRegex } from '../../lib/regex.js';
import { AuditEventModel, type AuditEvent } from './audit-event.model.js';

const DAY_MS = 24 * 3600 * 1000;

/** Who acted, in which workspace, from where. `userId` absent = the system (a job, the migration). */
export interface AuditActor {
  workspaceId: string | Types.ObjectId;
  userId?: string | Types.ObjectId | null;
  ip?: string;
  userAgent?: string;
}

/**
 * A request context (or anything shaped like one): the actor is its viewer, the workspace the
 * viewer's active one, ip and user agent those of the request.
 */
export interface AuditRequest {
  viewer: { id: string; workspaceId?: string } | null;
  ip?: string;
  userAgent?: string;
}

export type AuditSource = AuditActor | AuditRequest;

/** What an action was about. */
export interface AuditTarget {
  type: 'member' | 'invitation' | 'platform' | 'workspace' | 'api_key' | 'report_share_link';
  id: string | Types.ObjectId;
}

/** The actor of a request, in a given workspace (e.g. the one an invitation is for, or one being deleted). */
export function auditActor(req: AuditRequest, workspaceId: string | Types.ObjectId): AuditActor {
  return { workspaceId, userId: req.viewer?.id ?? null, ip: req.ip, userAgent: req.userAgent };
}

function toActor(source: AuditSource): AuditActor {
  if ('workspaceId' in source) return source;
  const workspaceId = source.viewer?.workspaceId;
  if (!workspaceId) throw new Error('recordAudit: the request has no active workspace; pass auditActor(ctx, workspaceId)');
  return auditActor(source, workspaceId);
}

const oid = (id: string | Types.ObjectId) => (id instanceof Types.ObjectId ? id : new Types.ObjectId(id));

/**
 * Writes one audit event. Call it after the change succeeded. `details` holds small, non-secret
 * facts (roles, an email, changed field names); values under secret-looking keys (token, password,
 * secret…) are replaced all the same, so a mistake never stores a credential.
 */
export async function recordAudit(
  source: AuditSource,
  action: AuditAction,
  target?: AuditTarget | null,
  details?: Record<string, unknown>,
): Promise<void> {
  const actor = toActor(source);
  await AuditEventModel.create({
    workspaceId: oid(actor.workspaceId),
    actorId: actor.userId ? oid(actor.userId) : undefined,
    action,
    targetType: target?.type,
    targetId: target ? String(target.id) : undefined,
    details: details && Object.keys(details).length ? (redact(details) as Record<string, unknown>) : undefined,
    ip: actor.ip?.slice(0, 64),
    userAgent: actor.userAgent?.slice(0, 256),
    at: new Date(),
  });
}

/** An action prefix filter: dotted lower-case words, e.g. "member." or "platform.connected". */
const ACTION_PREFIX = /^[a-z_.]{1,64}$/;

export interface AuditLogArgs {
  first?: number;
  after?: string;
  actionPrefix?: string | null;
}

/**
 * The audit log of one workspace, newest first (keyset pages on `at`, ties on _id). Who may read
 * it (owners and admins) is the resolver's rule; the workspace comes from the viewer.
 */
export async function auditLog(workspaceId: string | Types.ObjectId, args: AuditLogArgs): Promise<Connection<AuditEvent>> {
  const filter: Record<string, unknown> = { workspaceId: oid(workspaceId) };
  const prefix = args.actionPrefix?.trim();
  if (prefix) {
    if (!ACTION_PREFIX.test(prefix)) throw badInput('actionPrefix may contain only lower-case letters, "_" and "." (e.g. "member.")', 'actionPrefix');
    filter.action = { $regex: `^${escapeRegex(prefix)}` };
  }
  return paginate<AuditEvent>({ model: AuditEventModel, filter, sortField: 'at', direction: 'desc', first: args.first, after: args.after });
}

/** Deletes events older than the retention (the TTL index does the same where a TTL monitor runs). */
export async function pruneAuditEvents(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS);
  return (await AuditEventModel.deleteMany({ at: { $lt: cutoff } })).deletedCount;
}
