import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import { ConnectorError } from '../../connectors/errors.js';
import type { Provider, StoredTokenState, TokenSet } from '../../connectors/types.js';
import { decryptSecret, encryptedKeyId, encryptionKeys, encryptSecret } from '../../lib/crypto.js';
import { log } from '../../lib/logger.js';
import { PlatformModel, type Platform } from './platform.model.js';

/**
 * The only code that reads or writes platform tokens. Tokens are AES-256-GCM encrypted at rest
 * (lib/crypto.ts), never selected by default, never logged and never returned by the API.
 */
export type PlatformWithSecrets = Platform & { accessTokenEnc?: string; refreshTokenEnc?: string };

export interface PlainTokens {
  accessToken?: string;
  refreshToken?: string;
}

const SECRET_FIELDS = '+accessTokenEnc +refreshTokenEnc';

export async function loadPlatformWithSecrets(id: Types.ObjectId | string): Promise<PlatformWithSecrets | null> {
  return PlatformModel.findById(id).select(SECRET_FIELDS).lean<PlatformWithSecrets>();
}

export function decryptTokens(p: Pick<PlatformWithSecrets, 'accessTokenEnc' | 'refreshTokenEnc'>): PlainTokens {
  return {
    accessToken: p.accessTokenEnc ? decryptSecret(p.accessTokenEnc) : undefined,
    refreshToken: p.refreshTokenEnc ? decryptSecret(p.refreshTokenEnc) : undefined,
  };
}

export function tokenStateOf(p: Pick<Platform, 'tokenExpiry' | 'refreshTokenExpiry' | 'tokenIssuedAt' | 'hasRefreshToken'> & { refreshTokenEnc?: string }): StoredTokenState {
  return { hasRefreshToken: !!p.refreshTokenEnc || !!p.hasRefreshToken, tokenExpiry: p.tokenExpiry, refreshTokenExpiry: p.refreshTokenExpiry, tokenIssuedAt: p.tokenIssuedAt };
}

/**
 * The update that stores freshly issued tokens: one operator document for one platform document,
 * so the new access token, a rotated refresh token and their expiries land together or not at all.
 * A refresh token is only replaced when the platform issued one: reconnecting or refreshing never
 * wipes a stored refresh token.
 */
export function tokenUpdate(
  tokens: TokenSet,
  provider: Provider,
  previous: { hasRefreshToken: boolean; refreshTokenExpiry?: Date },
): { $set: Record<string, unknown>; $unset: Record<string, 1> } {
  const $set: Record<string, unknown> = {
    accessTokenEnc: encryptSecret(tokens.accessToken),
    tokenIssuedAt: tokens.issuedAt,
  };
  const $unset: Record<string, 1> = { tokenRefreshLockUntil: 1 };
  if (tokens.expiresAt) $set.tokenExpiry = tokens.expiresAt;
  else $unset.tokenExpiry = 1;
  if (tokens.scopes?.length) $set.scopes = tokens.scopes;
  let refreshTokenExpiry = previous.refreshTokenExpiry;
  if (tokens.refreshToken) {
    $set.refreshTokenEnc = encryptSecret(tokens.refreshToken);
    $set.hasRefreshToken = true;
    refreshTokenExpiry = tokens.refreshTokenExpiresAt;
    if (tokens.refreshTokenExpiresAt) $set.refreshTokenExpiry = tokens.refreshTokenExpiresAt;
    else $unset.refreshTokenExpiry = 1;
  }
  const policy = provider.refreshPolicy({
    hasRefreshToken: !!tokens.refreshToken || previous.hasRefreshToken,
    tokenExpiry: tokens.expiresAt,
    refreshTokenExpiry,
    tokenIssuedAt: tokens.issuedAt,
  });
  if (policy.needsReauthBy) $set.needsReauthBy = policy.needsReauthBy;
  else $unset.needsReauthBy = 1;
  return { $set, $unset };
}

const LOCK_MS = 60_000;

/**
 * Refreshes a platform's tokens, once across all processes: a lease on the platform document
 * (`tokenRefreshLockUntil`) makes concurrent pulls wait for the one refresh instead of each
 * spending the (possibly rotating, single-use) refresh token. `seen` is the platform as the caller
 * read it when it judged the access token stale: if the stored token is no longer that one, another
 * pull refreshed in between (even one that finished before this call) and its tokens are used.
 * Returns the platform with its new tokens. Throws ConnectorError `auth` when the platform refuses
 * the grant.
 */
export async function refreshPlatformTokens(
  seen: Pick<PlatformWithSecrets, '_id' | 'accessTokenEnc'>,
  provider: Provider,
  opts: { waitMs?: number } = {},
): Promise<PlatformWithSecrets> {
  const platformId = seen._id;
  const deadline = Date.now() + (opts.waitMs ?? 30_000);
  for (;;) {
    const now = new Date();
    const locked = await PlatformModel.findOneAndUpdate(
      { _id: platformId, $or: [{ tokenRefreshLockUntil: { $exists: false } }, { tokenRefreshLockUntil: null }, { tokenRefreshLockUntil: { $lte: now } }] },
      { $set: { tokenRefreshLockUntil: new Date(now.getTime() + LOCK_MS) } },
      { returnDocument: 'after', projection: SECRET_FIELDS },
    ).lean<PlatformWithSecrets>();
    if (locked) {
      // Someone refreshed since the caller read the account: use their tokens.
      if (locked.accessTokenEnc !== seen.accessTokenEnc) {
        await PlatformModel.updateOne({ _id: platformId }, { $unset: { tokenRefreshLockUntil: 1 } });
        return (await loadPlatformWithSecrets(platformId))!;
      }
      return doRefresh(locked, provider);
    }
    if (Date.now() > deadline) throw new ConnectorError({ kind: 'transient', platform: provider.label, message: `${provider.label} token refresh is taking too long` });
    await sleep(200);
    const current = await loadPlatformWithSecrets(platformId);
    if (!current) throw new Error('platform not found');
    if (current.accessTokenEnc !== seen.accessTokenEnc && !current.tokenRefreshLockUntil) return current;
  }
}

async function doRefresh(platform: PlatformWithSecrets, provider: Provider): Promise<PlatformWithSecrets> {
  const plain = decryptTokens(platform);
  try {
    if (!plain.accessToken && !plain.refreshToken) {
      throw new ConnectorError({ kind: 'auth', platform: provider.label, authFailure: 'invalid', message: `${provider.label} has no stored access; connect the account again` });
    }
    const tokens = await provider.refreshToken({ accessToken: plain.accessToken ?? '', refreshToken: plain.refreshToken });
    const update = tokenUpdate(tokens, provider, { hasRefreshToken: !!platform.refreshTokenEnc, refreshTokenExpiry: platform.refreshTokenExpiry });
    await PlatformModel.updateOne({ _id: platform._id }, update);
    log.info('platform tokens refreshed', { platformId: platform._id.toHexString(), type: platform.type, expiresAt: tokens.expiresAt });
    return (await loadPlatformWithSecrets(platform._id))!;
  } catch (err) {
    await PlatformModel.updateOne({ _id: platform._id }, { $unset: { tokenRefreshLockUntil: 1 } });
    throw err;
  }
}

/**
 * Re-encrypts every stored platform token that is not under the active (first) key, so an old
 * key can be removed from TOKEN_ENCRYPTION_KEYS afterwards. Each document is updated only if its
 * ciphertext is still the one that was read (a concurrent refresh wins). Returns how many
 * platforms were rewritten.
 */
export async function reencryptPlatformTokens(): Promise<number> {
  const active = encryptionKeys()[0]!.id;
  const prefix = new RegExp(`^v1\\.${active.replace(/[^A-Za-z0-9_-]/g, '')}\\.`);
  const cursor = PlatformModel.find({
    $or: [
      { accessTokenEnc: { $exists: true, $not: prefix } },
      { refreshTokenEnc: { $exists: true, $not: prefix } },
    ],
  })
    .select(SECRET_FIELDS)
    .lean<PlatformWithSecrets[]>()
    .cursor();
  let count = 0;
  for await (const p of cursor as AsyncIterable<PlatformWithSecrets>) {
    const $set: Record<string, string> = {};
    if (p.accessTokenEnc && encryptedKeyId(p.accessTokenEnc) !== active) $set.accessTokenEnc = encryptSecret(decryptSecret(p.accessTokenEnc));
    if (p.refreshTokenEnc && encryptedKeyId(p.refreshTokenEnc) !== active) $set.refreshTokenEnc = encryptSecret(decryptSecret(p.refreshTokenEnc));
    if (!Object.keys($set).length) continue;
    const res = await PlatformModel.updateOne(
      { _id: p._id, accessTokenEnc: p.accessTokenEnc ?? { $exists: false }, refreshTokenEnc: p.refreshTokenEnc ?? { $exists: false } },
      { $set },
    );
    count += res.modifiedCount;
  }
  return count;
}
