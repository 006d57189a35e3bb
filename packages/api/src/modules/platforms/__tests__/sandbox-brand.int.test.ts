import { PlatformType } from '@soash/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { connectSandboxPlatform } from '../platform-connect.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const CONNECT = 'mutation($type: PlatformType!) { connectPlatform(input: { type: $type, sandbox: true }) { platform { id username displayName sandbox } } }';

describe('sandbox names: successful cases', () => {
  it('names a sandbox account after the brand profile', async () => {
    const { user, token } = await createUser();
    await WorkspaceModel.updateOne({ _id: user._id }, { $set: { brandName: 'Crumb Bakery', industry: 'Food & beverage' } });
    const { body } = await server.gql<{ connectPlatform: { platform: { username: string; displayName: string } } }>(CONNECT, { type: 'INSTAGRAM' }, token);
    expect(body.errors).toBeUndefined();
    expect(body.data!.connectPlatform.platform).toMatchObject({ username: 'crumbbakery', displayName: 'Crumb Bakery', sandbox: true });
  });

  it('falls back to the company given at sign-up', async () => {
    const { user } = await createUser({ company: 'Northside Yoga' });
    const p = await connectSandboxPlatform(user._id, PlatformType.TIKTOK, { backfill: 'none' });
    expect(p).toMatchObject({ username: 'northsideyoga', displayName: 'Northside Yoga' });
  });

  it('keeps one sandbox per platform when the brand changes later', async () => {
    const { user } = await createUser();
    await WorkspaceModel.updateOne({ _id: user._id }, { $set: { brandName: 'First Name' } });
    const first = await connectSandboxPlatform(user._id, PlatformType.FACEBOOK, { backfill: 'none' });
    await WorkspaceModel.updateOne({ _id: user._id }, { $set: { brandName: 'Second Name' } });
    const again = await connectSandboxPlatform(user._id, PlatformType.FACEBOOK, { backfill: 'none' });
    expect(again._id.equals(first._id)).toBe(true);
    expect(again.displayName).toBe('First Name');
  });

  it('keeps the generated studio names for a user without brand or company', async () => {
    const { user } = await createUser();
    const p = await connectSandboxPlatform(user._id, PlatformType.LINKEDIN, { backfill: 'none' });
    expect(p.displayName).toMatch(/ Studio \d+$/);
  });
});
