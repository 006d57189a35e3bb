import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { signAccessToken } from '../../src/auth/jwt.js';
import { PlatformModel, type Platform } from '../../src/modules/platforms/platform.model.js';
import { UserModel, type User } from '../../src/modules/users/user.model.js';
import { TEST_JWT_SECRET } from './server.js';

/**
 * Fixtures that write straight to the database, for tests of features other than sign-up.
 * (The auth flows themselves are tested through the API.)
 */
export async function createUser(overrides: Partial<User> = {}): Promise<{ user: User; token: string }> {
  const suffix = randomBytes(4).toString('hex');
  const doc = await UserModel.create({
    name: `Test User ${suffix}`,
    email: `user-${suffix}@example.test`,
    // Not a real hash: these users sign in through tokens minted below, never with a password.
    passwordHash: 'fixture-without-password',
    ...overrides,
  });
  const user = doc.toObject() as User;
  return { user, token: tokenFor(user) };
}

export function tokenFor(user: Pick<User, '_id' | 'role'>, ttlSeconds = 900): string {
  return signAccessToken(TEST_JWT_SECRET, { sub: user._id.toHexString(), role: user.role }, ttlSeconds);
}

export async function createPlatform(userId: Types.ObjectId, overrides: Partial<Platform> = {}): Promise<Platform> {
  const doc = await PlatformModel.create({
    userId,
    type: 'instagram',
    sandbox: true,
    platformUserId: `sbx-${randomBytes(6).toString('hex')}`,
    username: 'fixture',
    displayName: 'Fixture account',
    ...overrides,
  });
  return doc.toObject() as Platform;
}
