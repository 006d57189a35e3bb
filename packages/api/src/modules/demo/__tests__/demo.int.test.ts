import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { ActivityModel } from '../../activities/activity.model.js';
import { PlatformModel } from '../../platforms/platform.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import { UserModel } from '../../users/user.model.js';
import { DEMO_EMAIL, DEMO_PASSWORD, DEMO_PLATFORMS, DEMO_TEAMMATE_EMAIL, demoWanted, seedDemoData } from '../demo.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('demo data: successful cases', () => {
  it('is wanted on an embedded database only: a configured MONGODB_URI never gets it, even with DEMO_DATA=true', () => {
    expect(demoWanted({ DEMO_DATA: 'auto' }, { source: 'standin' })).toBe(true);
    expect(demoWanted({ DEMO_DATA: 'auto' }, { source: 'mongod' })).toBe(true);
    expect(demoWanted({ DEMO_DATA: 'true' }, { source: 'mongod' })).toBe(true);
    expect(demoWanted({ DEMO_DATA: 'auto' }, { source: 'uri' })).toBe(false);
    expect(demoWanted({ DEMO_DATA: 'true' }, { source: 'uri' })).toBe(false);
    expect(demoWanted({ DEMO_DATA: 'false' }, { source: 'standin' })).toBe(false);
  });

  it('seeds a signed-up account with sandbox accounts and their history, once', async () => {
    const outcome = await seedDemoData({ days: 10 });
    expect(outcome.seeded).toBe(true);
    const platforms = await PlatformModel.find({ workspaceId: outcome.seeded ? outcome.userId : undefined }).lean();
    expect(platforms.map((p) => p.type).sort()).toEqual([...DEMO_PLATFORMS].sort());
    expect(platforms.every((p) => p.sandbox)).toBe(true);
    // No scheduler runs here, so the backfill ran inline, through the same pulls the jobs run.
    expect(await StatsModel.countDocuments({ platformId: { $in: platforms.map((p) => p._id) } })).toBeGreaterThanOrEqual(3 * 10);
    expect(await ActivityModel.countDocuments({ platformId: { $in: platforms.map((p) => p._id) } })).toBeGreaterThan(0);

    // The printed credentials work.
    const { body } = await server.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken user { email role subscriptionTier profile { onboardingCompleted } } } }', {
      i: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
    });
    expect(body.data!.login.user).toEqual({ email: DEMO_EMAIL, role: 'USER', subscriptionTier: 'PRO', profile: { onboardingCompleted: true } });
    // A normal user: the published password opens no admin view.
    const admin = await server.gql('{ users(first: 1) { totalCount } }', {}, body.data!.login.accessToken);
    expect(admin.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The workspace has a second member: the teammate signs in and lands in it as an editor.
    const mate = await server.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken user { id email subscriptionTier } } }', {
      i: { email: DEMO_TEAMMATE_EMAIL, password: DEMO_PASSWORD },
    });
    expect(mate.body.data!.login.user).toMatchObject({ email: DEMO_TEAMMATE_EMAIL, subscriptionTier: 'FREE' });
    const mateToken = mate.body.data!.login.accessToken as string;
    const demoWs = outcome.seeded ? outcome.userId.toHexString() : '';
    const seen = await server.gql('{ workspaces { id viewerRole } platforms { type } members { email role } }', {}, mateToken);
    expect(seen.body.errors).toBeUndefined();
    expect(seen.body.data!.workspaces).toEqual([
      { id: mate.body.data!.login.user.id, viewerRole: 'OWNER' },
      { id: demoWs, viewerRole: 'EDITOR' },
    ]);
    expect(seen.body.data!.platforms).toHaveLength(DEMO_PLATFORMS.length);
    expect(seen.body.data!.members).toEqual([
      { email: DEMO_EMAIL, role: 'OWNER' },
      { email: DEMO_TEAMMATE_EMAIL, role: 'EDITOR' },
    ]);
    // An editor: tagging yes, connecting accounts no.
    expect((await server.gql('mutation { createCategory(input: { name: "Team pick", colorCode: "#224466" }) { id } }', {}, mateToken)).body.errors).toBeUndefined();
    const connect = await server.gql('mutation { connectPlatform(input: { type: TIKTOK, sandbox: true }) { platform { id } } }', {}, mateToken);
    expect(connect.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // A second start does not seed again, even after the demo account was deleted.
    expect(await seedDemoData({ days: 10 })).toEqual({ seeded: false, reason: 'already seeded once' });
    await UserModel.deleteMany({ email: DEMO_EMAIL });
    expect((await seedDemoData({ days: 10 })).seeded).toBe(false);
  });

  it('never seeds into a database that already has accounts', async () => {
    await mongoose.connection.collection('app_state').deleteMany({});
    await createUser();
    expect(await seedDemoData({ days: 10 })).toEqual({ seeded: false, reason: 'the database already has accounts' });
  });
});
