import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import type { TestServer } from '../../../../test/helpers/server.js';
import { startHarness, type Harness } from '../../../connectors/testing/harness.js';
import { PlatformModel } from '../../platforms/platform.model.js';

let h: Harness;
let server: TestServer;
beforeAll(async () => {
  // A scheduler that queues but does not run jobs: "Sync now" only needs to enqueue.
  h = await startHarness({ INSTAGRAM_CLIENT_ID: 'ig-id', INSTAGRAM_CLIENT_SECRET: 'ig-secret', SYNC_COOLDOWN_SECONDS: '300' }, { processJobs: false });
  server = h.server;
});
afterAll(async () => {
  await h?.close();
});

describe('server setup: successful cases', () => {
  it('says which platforms can connect real accounts and whether mail is delivered, naming no credentials', async () => {
    const { token } = await createUser();
    const { body } = await server.gql<{ serverSetup: unknown }>('{ serverSetup { mailDelivery platforms { type configured } } }', {}, token);
    expect(body.errors).toBeUndefined();
    expect(body.data!.serverSetup).toEqual({
      mailDelivery: false,
      platforms: [
        { type: 'INSTAGRAM', configured: true },
        { type: 'FACEBOOK', configured: false },
        { type: 'TIKTOK', configured: false },
        { type: 'TWITTER', configured: false },
        { type: 'LINKEDIN', configured: false },
      ],
    });
    expect(JSON.stringify(body)).not.toContain('ig-secret');
  });

  it('answers when "Sync now" is possible again, from the same cooldown the mutation enforces', async () => {
    const { user, token } = await createUser();
    const p = await createPlatform(user._id);
    const Q = 'query($id: ID!) { platform(id: $id) { nextManualSyncAt } }';
    const before = await server.gql<{ platform: { nextManualSyncAt: string | null } }>(Q, { id: p._id.toHexString() }, token);
    expect(before.body.data!.platform.nextManualSyncAt).toBeNull();

    const sync = await server.gql('mutation($id: ID!) { syncPlatform(id: $id) { id } }', { id: p._id.toHexString() }, token);
    expect(sync.body.errors).toBeUndefined();
    const { lastManualSyncAt } = (await PlatformModel.findById(p._id).lean())!;
    const after = await server.gql<{ platform: { nextManualSyncAt: string | null } }>(Q, { id: p._id.toHexString() }, token);
    expect(after.body.data!.platform.nextManualSyncAt).toBe(new Date(lastManualSyncAt!.getTime() + 300_000).toISOString());

    // The mutation refuses until then, with the seconds left.
    const again = await server.gql('mutation($id: ID!) { syncPlatform(id: $id) { id } }', { id: p._id.toHexString() }, token);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });

    // Past the cooldown it is possible now again.
    await PlatformModel.updateOne({ _id: p._id }, { $set: { lastManualSyncAt: new Date(Date.now() - 301_000) } });
    const later = await server.gql<{ platform: { nextManualSyncAt: string | null } }>(Q, { id: p._id.toHexString() }, token);
    expect(later.body.data!.platform.nextManualSyncAt).toBeNull();
  });
});

describe('server setup: failing cases', () => {
  it('needs a sign-in', async () => {
    const { body } = await server.gql('{ serverSetup { mailDelivery } }', {});
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
