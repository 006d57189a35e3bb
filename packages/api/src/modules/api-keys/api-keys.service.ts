import { API_KEYS_PER_WORKSPACE, AuditAction, WorkspaceRole } from '@soash/shared';
import { Types } from 'mongoose';
import { badInput, isDuplicateKeyError, limitExceeded, notFound } from '../../lib/errors.js';
import { toObjectId } from '../../lib/ids.js';
import { viewerOf, type Context } from '../../server/context.js';
import { assertRole, workspaceScope } from '../workspaces/access.js';
import { recordAudit } from '../workspaces/audit.service.js';
import { ApiKeyModel, ApiKeyStatus, type ApiKey } from './api-key.model.js';
import { displayPrefix, newApiKeySecret, newPublicId } from './api-key-token.js';
import type { CreateApiKeyInput, NewApiKey, RotateApiKeyArgs } from './dto/api-key.inputs.js';

const HOUR_MS = 3_600_000;

/** What the audit log says about a key: its name, prefix and scopes (never its secret or hash). */
function audited(ctx: Context, action: AuditAction, key: Pick<ApiKey, '_id' | 'name' | 'publicId' | 'scopes'>, extra: Record<string, unknown> = {}): Promise<void> {
  return recordAudit(ctx, action, { type: 'api_key', id: key._id }, { name: key.name, prefix: displayPrefix(key.publicId), scopes: key.scopes, ...extra });
}

/** Owners and admins manage the keys of their workspace (the resolvers' @MinRole says the same). */
function managerScope(ctx: Context): { workspaceId: Types.ObjectId } {
  const viewer = viewerOf(ctx);
  assertRole(viewer, WorkspaceRole.ADMIN);
  return workspaceScope(viewer);
}

export function apiKeyStatus(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now = new Date()): ApiKeyStatus {
  if (key.revokedAt) return ApiKeyStatus.REVOKED;
  if (key.expiresAt && key.expiresAt <= now) return ApiKeyStatus.EXPIRED;
  return ApiKeyStatus.ACTIVE;
}

/** The keys of the active workspace, newest first (revoked and expired ones included). */
export function listApiKeys(ctx: Context): Promise<ApiKey[]> {
  return ApiKeyModel.find(managerScope(ctx)).sort({ createdAt: -1, _id: -1 }).limit(500).lean<ApiKey[]>();
}

async function findKey(ctx: Context, id: string): Promise<ApiKey> {
  const key = await ApiKeyModel.findOne({ ...managerScope(ctx), _id: toObjectId(id, 'id') }).lean<ApiKey>();
  if (!key) throw notFound('API key');
  return key;
}

/** A new key acting as the viewer in the active workspace; the secret is in the answer only. */
export async function createApiKey(ctx: Context, input: CreateApiKeyInput, now = new Date()): Promise<NewApiKey> {
  const scope = managerScope(ctx);
  const name = input.name.trim();
  if (!name) throw badInput('name must not be only spaces', 'name');
  if (input.expiresAt && input.expiresAt <= now) throw badInput('expiresAt must be in the future', 'expiresAt');
  const active = await ApiKeyModel.countDocuments({ ...scope, revokedAt: { $exists: false }, $or: [{ expiresAt: { $exists: false } }, { expiresAt: null }, { expiresAt: { $gt: now } }] });
  if (active >= API_KEYS_PER_WORKSPACE) {
    throw limitExceeded(`A workspace may have at most ${API_KEYS_PER_WORKSPACE} active API keys; revoke one first`, { limit: API_KEYS_PER_WORKSPACE });
  }
  for (let attempt = 0; ; attempt++) {
    const publicId = newPublicId();
    const { key, secretHash } = newApiKeySecret(publicId);
    try {
      const doc = await ApiKeyModel.create({
        ...scope,
        name,
        publicId,
        secretHash,
        scopes: [...new Set(input.scopes)],
        expiresAt: input.expiresAt ?? undefined,
        createdBy: new Types.ObjectId(viewerOf(ctx).id),
      });
      const { secretHash: _h, ...apiKey } = doc.toObject() as ApiKey;
      await audited(ctx, AuditAction.API_KEY_CREATED, apiKey as ApiKey, input.expiresAt ? { expiresAt: input.expiresAt.toISOString() } : {});
      return { apiKey: apiKey as ApiKey, secret: key };
    } catch (err) {
      // A public id collision (62^10 ids) is astronomically rare; draw again.
      if (isDuplicateKeyError(err) && attempt < 3) continue;
      throw err;
    }
  }
}

/** Withdraws a key at once; revoking a revoked key changes nothing. */
export async function revokeApiKey(ctx: Context, id: string, now = new Date()): Promise<ApiKey> {
  const key = await findKey(ctx, id);
  if (key.revokedAt) return key;
  const updated = await ApiKeyModel.findOneAndUpdate(
    { _id: key._id, workspaceId: key.workspaceId, revokedAt: { $exists: false } },
    { $set: { revokedAt: now, revokedBy: new Types.ObjectId(viewerOf(ctx).id) }, $unset: { previousSecretHash: 1, previousSecretExpiresAt: 1 } },
    { returnDocument: 'after', lean: true },
  );
  // Only the request that revoked it records it (a concurrent second revoke found it revoked).
  if (updated) await audited(ctx, AuditAction.API_KEY_REVOKED, updated as ApiKey);
  return (updated as ApiKey | null) ?? (await findKey(ctx, id));
}

/**
 * A new secret for the key (same name, scopes and expiry); the old one keeps working for
 * `overlapHours` (0: stops at once). A revoked or expired key cannot be rotated.
 */
export async function rotateApiKey(ctx: Context, args: RotateApiKeyArgs, now = new Date()): Promise<NewApiKey> {
  const key = await findKey(ctx, args.id);
  const status = apiKeyStatus(key, now);
  if (status !== ApiKeyStatus.ACTIVE) throw badInput(`A ${status} API key cannot be rotated; create a new one`, 'id');
  const current = await ApiKeyModel.findById(key._id).select('+secretHash').lean();
  const { key: secret, secretHash } = newApiKeySecret(key.publicId);
  const overlap = args.overlapHours > 0;
  const updated = await ApiKeyModel.findOneAndUpdate(
    { _id: key._id, workspaceId: key.workspaceId, revokedAt: { $exists: false } },
    overlap
      ? { $set: { secretHash, previousSecretHash: current!.secretHash, previousSecretExpiresAt: new Date(now.getTime() + args.overlapHours * HOUR_MS), rotatedAt: now } }
      : { $set: { secretHash, rotatedAt: now }, $unset: { previousSecretHash: 1, previousSecretExpiresAt: 1 } },
    { returnDocument: 'after', lean: true },
  );
  if (!updated) throw notFound('API key');
  await audited(ctx, AuditAction.API_KEY_ROTATED, updated as ApiKey, { overlapHours: args.overlapHours });
  return { apiKey: updated as ApiKey, secret };
}
