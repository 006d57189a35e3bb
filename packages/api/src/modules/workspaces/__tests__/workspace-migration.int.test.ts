import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, seedOwnedData } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { DEMO_TEAMMATE_EMAIL, seedDemoData } from '../../demo/demo.service.js';
import { UserModel } from '../../users/user.model.js';
import { UserProfileModel } from '../../users/user-profile.model.js';
import { TeamMemberModel } from '../team-member.model.js';
import { WorkspaceModel, type Workspace } from '../workspace.model.js';
import { migrateToWorkspaces, WORKSPACE_COLLECTIONS, workspaceMigrationDone } from '../workspace-migration.js';

/**
 * The one-time migration, on a copy of the demo data put back into its pre-workspace shape (every
 * document owned through userId, the brand profile in user_profiles, no workspaces or members):
 * migrating it must give back exactly the data the current code wrote, however often it runs and
 * wherever a run is interrupted.
 */

/** The driver's collection class (through mongoose, which bundles the driver it talks to). */
const { Collection } = mongoose.mongo;
type Collection = InstanceType<typeof Collection>;

let server: TestServer;
beforeAll(async () => {
  // The HTTP server is not needed; starting it connects the test database like every suite.
  server = await startTestServer();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
});

const db = () => mongoose.connection.db!;
const COLLECTIONS = [...WORKSPACE_COLLECTIONS.map((c) => c.name), 'workspaces', 'team_members', 'users', 'user_profiles'];

/** Keys sorted at every level, so documents compare by content, not by the order fields were written in. */
function canonical(v: unknown): unknown {
  if (v instanceof Types.ObjectId) return `oid:${v.toHexString()}`;
  if (v instanceof Date) return `date:${v.toISOString()}`;
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

/** Every document of the collections the migration touches, minus what differs by when it was written. */
async function snapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of COLLECTIONS) {
    const docs = await db().collection(name).find({}).toArray();
    out[name] = docs
      .map((d) => {
        const { createdAt: _c, updatedAt: _u, migratedFromUserId: _m, ...rest } = d as Record<string, unknown>;
        // Membership rows get fresh ids when they are created again; they are identified by (workspace, user).
        if (name === 'team_members') delete rest._id;
        return JSON.stringify(canonical(rest));
      })
      .sort();
  }
  return out;
}

/** Puts the data back into its shape before workspaces (personal workspace id = user id). */
async function unmigrate(): Promise<void> {
  for (const { name, keepsUserId } of WORKSPACE_COLLECTIONS) {
    const coll = db().collection(name);
    for (const ws of (await coll.distinct('workspaceId')) as Types.ObjectId[]) {
      await coll.updateMany({ workspaceId: ws }, keepsUserId ? { $unset: { workspaceId: '' } } : { $set: { userId: ws }, $unset: { workspaceId: '' } });
    }
  }
  const workspaces = await WorkspaceModel.find({}).lean<Workspace[]>();
  await UserProfileModel.deleteMany({});
  for (const w of workspaces) {
    await UserProfileModel.collection.insertOne({
      userId: w.ownerId,
      brandName: w.brandName,
      brandDescription: w.brandDescription,
      industry: w.industry,
      targetAudience: w.targetAudience,
      brandValues: w.brandValues,
      businessGoals: w.businessGoals,
      timezone: w.timezone,
      avatarUrl: w.avatarUrl,
      onboardingCompleted: w.onboardingCompleted,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
  }
  await WorkspaceModel.deleteMany({});
  await TeamMemberModel.deleteMany({});
  await db().collection('app_state').deleteOne({ _id: 'workspaces-v1' as never });
}

/** The migration writes profiles into workspaces and leaves user_profiles as they were: drop them for the comparison. */
async function migratedSnapshot(): Promise<Record<string, string[]>> {
  const s = await snapshot();
  return { ...s, user_profiles: [] };
}

let expected: Record<string, string[]>;

/** Collection by collection, so a failure names the collection and shows the documents that differ. */
async function expectAsBefore(label = '') {
  const actual = await migratedSnapshot();
  for (const name of Object.keys(expected)) expect(actual[name], `${name} ${label}`).toEqual(expected[name]);
}

describe('workspace migration: successful cases', () => {
  it('on a copy of the demo data: a personal workspace per user with its profile, every document moved, the same data as before', async () => {
    expect((await seedDemoData({ days: 10 })).seeded).toBe(true);
    // Before workspaces there were no teams: the demo's teammate is not part of that data.
    const mate = (await UserModel.findOne({ email: DEMO_TEAMMATE_EMAIL }).lean())!;
    await UserModel.deleteOne({ _id: mate._id });
    await TeamMemberModel.deleteMany({ userId: mate._id });
    await WorkspaceModel.deleteOne({ _id: mate._id });
    const other = await createUser({ name: 'Second Customer' });
    await seedOwnedData(other.user._id);
    await WorkspaceModel.updateOne({ _id: other.user._id }, { $set: { name: 'Second Co', brandName: 'Second Co', timezone: 'Europe/Berlin', onboardingCompleted: true } });
    expected = await migratedSnapshot();
    expect(expected.activities!.length).toBeGreaterThan(0);

    await unmigrate();
    expect(await WorkspaceModel.countDocuments()).toBe(0);
    expect(await db().collection('platforms').countDocuments({ workspaceId: { $exists: true } })).toBe(0);

    const report = await migrateToWorkspaces();
    expect(report).toMatchObject({ alreadyDone: false, workspacesEnsured: 2 });
    expect(report.documentsMoved.platforms).toBe(4);
    await UserProfileModel.deleteMany({});
    await expectAsBefore();
    // The profile came along, the owner is a member, and the workspace remembers where it came from.
    expect(await WorkspaceModel.findById(other.user._id).lean()).toMatchObject({ brandName: 'Second Co', timezone: 'Europe/Berlin', onboardingCompleted: true, migratedFromUserId: other.user._id });
    expect(await TeamMemberModel.findOne({ workspaceId: other.user._id }).lean()).toMatchObject({ userId: other.user._id, role: 'owner', isActive: true });
    // csv_exports keep who asked for them; nothing else carries a userId any more.
    for (const { name, keepsUserId } of WORKSPACE_COLLECTIONS) {
      expect(await db().collection(name).countDocuments({ workspaceId: { $exists: false } }), name).toBe(0);
      if (!keepsUserId) expect(await db().collection(name).countDocuments({ userId: { $exists: true } }), name).toBe(0);
    }
    expect(await workspaceMigrationDone()).toBe(true);
  });

  it('run again (forced through every step) it changes nothing; unforced it only reads its marker', async () => {
    const again = await migrateToWorkspaces({ force: true });
    expect(again.workspacesEnsured).toBe(2);
    expect(Object.values(again.documentsMoved).every((n) => n === 0)).toBe(true);
    await expectAsBefore();
    expect(await migrateToWorkspaces()).toEqual({ alreadyDone: true, workspacesEnsured: 0, documentsMoved: {}, indexesDropped: [] });
  });

  it('interrupted at any of its writes and run again, it ends with the same data', async () => {
    // Count the writes of one full run, then crash a run after 1, a third, and all but one of them.
    await unmigrate();
    const many = vi.spyOn(Collection.prototype, 'updateMany');
    const one = vi.spyOn(Collection.prototype, 'updateOne');
    await migrateToWorkspaces();
    const writes = many.mock.calls.length + one.mock.calls.length;
    many.mockRestore();
    one.mockRestore();
    expect(writes).toBeGreaterThan(3);
    await expectAsBefore();

    for (const crashAfter of [1, Math.floor(writes / 3), writes - 1]) {
      await unmigrate();
      let n = 0;
      const originalMany = Collection.prototype.updateMany;
      const originalOne = Collection.prototype.updateOne;
      const crashMany = vi.spyOn(Collection.prototype, 'updateMany').mockImplementation(function (this: Collection, ...args: Parameters<Collection['updateMany']>) {
        if (++n > crashAfter) return Promise.reject(new Error('process killed'));
        return originalMany.apply(this, args);
      } as Collection['updateMany']);
      const crashOne = vi.spyOn(Collection.prototype, 'updateOne').mockImplementation(function (this: Collection, ...args: Parameters<Collection['updateOne']>) {
        if (++n > crashAfter) return Promise.reject(new Error('process killed'));
        return originalOne.apply(this, args);
      } as Collection['updateOne']);
      await expect(migrateToWorkspaces()).rejects.toThrow('process killed');
      crashMany.mockRestore();
      crashOne.mockRestore();
      expect(await workspaceMigrationDone(), `crash after ${crashAfter}`).toBe(false);
      await migrateToWorkspaces();
      await expectAsBefore(`(crash after ${crashAfter})`);
    }
  });
});

describe('workspace migration: failing cases', () => {
  it('a document whose user is gone moves to a workspace nobody can reach; nothing is created for it', async () => {
    const ghost = new Types.ObjectId();
    await db().collection('content_categories').insertOne({ userId: ghost, name: 'Orphan', nameKey: 'orphan', colorCode: '#000000' });
    await migrateToWorkspaces({ force: true });
    expect(await db().collection('content_categories').findOne({ nameKey: 'orphan' })).toMatchObject({ workspaceId: ghost });
    expect(await WorkspaceModel.exists({ _id: ghost })).toBeNull();
    expect(await TeamMemberModel.exists({ userId: ghost })).toBeNull();
  });
});
