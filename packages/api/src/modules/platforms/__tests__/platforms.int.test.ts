import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCommands } from '../../../../test/helpers/commands.js';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { StatsModel } from '../../stats/stats.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

describe('platforms: successful cases', () => {
  it('lists only the viewer’s accounts, with their latest stats', async () => {
    const a = await createUser();
    const b = await createUser();
    const pa = await createPlatform(a.user._id, { displayName: 'A main' });
    await createPlatform(b.user._id, { displayName: 'B main' });
    await StatsModel.create([
      { platformId: pa._id, workspaceId: a.user._id, date: day(1), followers: 100 },
      { platformId: pa._id, workspaceId: a.user._id, date: day(2), followers: 110 },
    ]);
    const { body } = await server.gql('{ platforms { id displayName latestStats { date followers } } }', {}, a.token);
    expect(body.errors).toBeUndefined();
    expect(body.data!.platforms).toEqual([
      { id: pa._id.toHexString(), displayName: 'A main', latestStats: { date: day(2).toISOString(), followers: 110 } },
    ]);
  });

  it('fetches one account by id', async () => {
    const a = await createUser();
    const pa = await createPlatform(a.user._id);
    const { body } = await server.gql('query($id: ID!) { platform(id: $id) { id type status sandbox } }', { id: pa._id.toHexString() }, a.token);
    expect(body.data!.platform).toEqual({ id: pa._id.toHexString(), type: 'INSTAGRAM', status: 'ACTIVE', sandbox: true });
  });

  it('batches latestStats: 50 accounts cost as many database commands as 5', async () => {
    const run = async (n: number) => {
      const u = await createUser();
      for (let i = 0; i < n; i++) {
        const p = await createPlatform(u.user._id);
        await StatsModel.create({ platformId: p._id, workspaceId: u.user._id, date: day(1), followers: i });
      }
      const { commands, result } = await countCommands(() => server.gql('{ platforms { id latestStats { followers } } }', {}, u.token));
      expect(result.body.data!.platforms).toHaveLength(n);
      return commands.length;
    };
    const five = await run(5);
    const fifty = await run(50);
    expect(fifty).toBe(five);
    // The platforms, their latest stats, and the once-per-request check that the viewer's
    // account still exists (auth/auth-checker.ts).
    expect(five).toBeLessThanOrEqual(3);
  });
});

describe('platforms: failing cases', () => {
  it('needs a signed-in viewer', async () => {
    const { body } = await server.gql('{ platforms { id } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeNull();
  });

  it('answers another user’s account exactly like a missing one', async () => {
    const a = await createUser();
    const b = await createUser();
    const pa = await createPlatform(a.user._id);
    const theirs = await server.gql('query($id: ID!) { platform(id: $id) { id } }', { id: pa._id.toHexString() }, b.token);
    const missing = await server.gql('query($id: ID!) { platform(id: $id) { id } }', { id: new Types.ObjectId().toHexString() }, b.token);
    expect(theirs.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(theirs.body.errors?.[0]?.message).toBe(missing.body.errors?.[0]?.message);
    expect(missing.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('rejects a malformed id as bad input naming the argument', async () => {
    const a = await createUser();
    const { body } = await server.gql('{ platform(id: "not-an-id") { id } }', {}, a.token);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('reports an expired token as such', async () => {
    const { tokenFor } = await import('../../../../test/helpers/fixtures.js');
    const a = await createUser();
    const expired = tokenFor(a.user, -10);
    const { body } = await server.gql('{ platforms { id } }', {}, expired);
    expect(body.errors?.[0]).toMatchObject({ message: 'Access token expired', extensions: { code: 'UNAUTHENTICATED' } });
  });
});
