import { Role } from '@soash/shared';
import type { RequestOrigin, ViewerResult } from '../../auth/viewer.js';
import { ApiKeyModel } from './api-key.model.js';
import { parseApiKey, secretMatches } from './api-key-token.js';

/** A key's last use is written at most this often (a busy key does not write on every request). */
export const LAST_USED_EVERY_MS = 60_000;

/**
 * The viewer an API key stands for, or why it is refused. The key must be well formed (checksum
 * included), known, match the current secret (or the previous one within a rotation's overlap),
 * not revoked and not expired. The creator's membership and role are confirmed per request by the
 * auth checker (a key dies with its creator's membership). Every refusal is a plain reason; the
 * operation that needed a viewer answers UNAUTHENTICATED with it.
 */
export async function authenticateApiKey(token: string, origin: RequestOrigin, now = new Date()): Promise<ViewerResult> {
  const parsed = parseApiKey(token);
  if (!parsed) return { viewer: null, error: 'API key invalid' };
  const key = await ApiKeyModel.findOne({ publicId: parsed.publicId }).select('+secretHash +previousSecretHash').lean();
  if (!key) return { viewer: null, error: 'API key invalid' };
  const current = secretMatches(parsed.secret, key.secretHash);
  const previous = !current && !!key.previousSecretExpiresAt && key.previousSecretExpiresAt > now && secretMatches(parsed.secret, key.previousSecretHash);
  if (!current && !previous) {
    return { viewer: null, error: key.previousSecretHash && secretMatches(parsed.secret, key.previousSecretHash) ? 'API key was rotated and its previous secret has expired' : 'API key invalid' };
  }
  if (key.revokedAt) return { viewer: null, error: 'API key revoked' };
  if (key.expiresAt && key.expiresAt <= now) return { viewer: null, error: 'API key expired' };
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    // Conditional, so concurrent requests (and processes) write it once.
    await ApiKeyModel.updateOne(
      { _id: key._id, $or: [{ lastUsedAt: { $exists: false } }, { lastUsedAt: { $lte: new Date(now.getTime() - LAST_USED_EVERY_MS) } }] },
      { $set: { lastUsedAt: now, lastUsedIp: origin.ip?.slice(0, 64), lastUsedUserAgent: origin.userAgent?.slice(0, 256) } },
    );
  }
  const workspaceId = key.workspaceId.toHexString();
  return {
    viewer: {
      id: key.createdBy.toHexString(),
      // A key never carries the creator's system role (admin operations are closed to keys anyway).
      role: Role.USER,
      credential: 'api_key',
      scopes: key.scopes,
      apiKey: { id: key._id.toHexString(), workspaceId },
    },
  };
}
