import { Role } from '@soash/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { buildContext, type Context } from '../../../server/context.js';
import { UserModel } from '../user.model.js';
import { viewerUser } from '../users.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function contextFor(id: string, role: Role): Context {
  return buildContext({ config: server.config, viewer: { id, role }, requestId: 'viewer-user-test' });
}

describe('viewerUser goes through the per-request account check (confirmViewer)', () => {
  it('takes the stored role over the one the access token claims, for the rest of the request', async () => {
    const { user } = await createUser({ role: Role.USER });
    const ctx = contextFor(user._id.toHexString(), Role.ADMIN);
    const found = await viewerUser(ctx);
    expect(found._id.toHexString()).toBe(user._id.toHexString());
    // The same check resolves the active workspace: the personal one (its id is the user's), as its owner.
    expect(ctx.viewer).toEqual({ id: user._id.toHexString(), role: Role.USER, workspaceId: user._id.toHexString(), workspaceRole: 'owner' });
  });

  it('a gone account signs the request out: UNAUTHENTICATED, and no viewer is left for later resolvers', async () => {
    const { user } = await createUser();
    await UserModel.deleteOne({ _id: user._id });
    const ctx = contextFor(user._id.toHexString(), Role.USER);
    await expect(viewerUser(ctx)).rejects.toMatchObject({ message: 'Account no longer exists', code: 'UNAUTHENTICATED' });
    expect(ctx.viewer).toBeNull();
    expect(ctx.authError).toBe('Account no longer exists');
  });
});
