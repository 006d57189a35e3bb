import mongoose, { Types } from 'mongoose';
import { log } from '../../lib/logger.js';
import { UserProfileModel, type UserProfile } from '../users/user-profile.model.js';
import { UserModel, type User } from '../users/user.model.js';
import { ensurePersonalWorkspace } from './workspaces.service.js';

/**
 * The one-time move from "a user owns everything" to workspaces. Idempotent and resumable: every
 * step is an upsert or an update that skips what is already done, so a run interrupted at any
 * point (there are no transactions) is completed by the next one, and a run after completion
 * changes nothing. It runs at the start of every API and worker process, before serving (see
 * workspaces.startup.ts); once it has completed, that costs one read of its marker. `npm run
 * migrate` runs it on demand.
 *
 * 1. Each user gets a personal workspace with their id as its id, carrying their UserProfile
 *    (brand profile, timezone, onboarding state), and an owner membership.
 * 2. Every document of every workspace-owned collection that has a userId and no workspaceId gets
 *    workspaceId = that userId (the personal workspace), then loses the userId (where the model
 *    no longer has one).
 * 3. Indexes on userId that the models replaced by workspaceId indexes are dropped (a unique one
 *    such as {userId, nameKey} would otherwise refuse the second workspace's documents).
 * 4. The marker is written.
 */
export const WORKSPACE_MIGRATION_ID = 'workspaces-v1';
const STATE_COLLECTION = 'app_state';

/** Collections that belong to a workspace now, and whether their documents keep a userId of their own. */
export const WORKSPACE_COLLECTIONS: ReadonlyArray<{ name: string; keepsUserId: boolean }> = [
  { name: 'platforms', keepsUserId: false },
  { name: 'activities', keepsUserId: false },
  { name: 'activity_metrics', keepsUserId: false },
  { name: 'stats', keepsUserId: false },
  { name: 'content_categories', keepsUserId: false },
  { name: 'ai_insights', keepsUserId: false },
  { name: 'content_recommendations', keepsUserId: false },
  { name: 'performance_patterns', keepsUserId: false },
  { name: 'system_jobs', keepsUserId: false },
  { name: 'csv_exports', keepsUserId: true },
  { name: 'pending_connections', keepsUserId: false },
  { name: 'oauth_states', keepsUserId: false },
];

export interface MigrationReport {
  alreadyDone: boolean;
  workspacesEnsured: number;
  documentsMoved: Record<string, number>;
  indexesDropped: string[];
}

function db() {
  const d = mongoose.connection.db;
  if (!d) throw new Error('not connected');
  return d;
}

export async function workspaceMigrationDone(): Promise<boolean> {
  return !!(await db().collection<{ _id: string }>(STATE_COLLECTION).findOne({ _id: WORKSPACE_MIGRATION_ID }));
}

type ProfileRow = Pick<UserProfile, 'brandName' | 'brandDescription' | 'industry' | 'targetAudience' | 'brandValues' | 'businessGoals' | 'timezone' | 'avatarUrl' | 'onboardingCompleted'>;

/** Step 1: a personal workspace and owner membership per user, in batches of users by id. */
async function ensureWorkspaces(batchSize: number): Promise<number> {
  let after: Types.ObjectId | undefined;
  let n = 0;
  for (;;) {
    const users = await UserModel.find(after ? { _id: { $gt: after } } : {}, { name: 1, company: 1 })
      .sort({ _id: 1 })
      .limit(batchSize)
      .lean<Array<Pick<User, '_id' | 'name' | 'company'>>>();
    if (!users.length) return n;
    const profiles = await UserProfileModel.find({ userId: { $in: users.map((u) => u._id) } }).lean<Array<UserProfile & ProfileRow>>();
    const byUser = new Map(profiles.map((p) => [p.userId.toHexString(), p]));
    for (const user of users) {
      const p = byUser.get(user._id.toHexString());
      await ensurePersonalWorkspace(
        user,
        p
          ? {
              brandName: p.brandName,
              brandDescription: p.brandDescription,
              industry: p.industry,
              targetAudience: p.targetAudience,
              brandValues: p.brandValues,
              businessGoals: p.businessGoals,
              timezone: p.timezone,
              avatarUrl: p.avatarUrl,
              onboardingCompleted: p.onboardingCompleted,
            }
          : {},
        { migrated: true },
      );
      n++;
    }
    after = users[users.length - 1]!._id;
  }
}

/** Step 2 for one collection: workspaceId from userId (one update per distinct user), then drop userId. */
async function moveCollection(name: string, keepsUserId: boolean): Promise<number> {
  const coll = db().collection(name);
  const pending = { userId: { $exists: true, $ne: null }, workspaceId: { $exists: false } };
  const userIds = (await coll.distinct('userId', pending)) as unknown[];
  let moved = 0;
  for (const userId of userIds) {
    // The personal workspace has the user's id (a document of a user deleted since still moves: nobody can reach it).
    const r = await coll.updateMany({ userId, workspaceId: { $exists: false } }, { $set: { workspaceId: userId } });
    moved += r.modifiedCount;
  }
  if (!keepsUserId) await coll.updateMany({ userId: { $exists: true }, workspaceId: { $exists: true } }, { $unset: { userId: '' } });
  return moved;
}

/** Step 3: indexes whose keys start with or include userId, in the collections that no longer have one. */
async function dropUserIndexes(): Promise<string[]> {
  const dropped: string[] = [];
  const existing = new Set((await db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const { name, keepsUserId } of WORKSPACE_COLLECTIONS) {
    if (keepsUserId || !existing.has(name)) continue;
    const coll = db().collection(name);
    let indexes: Array<{ name?: string; key: Record<string, unknown> }>;
    try {
      indexes = (await coll.indexes()) as Array<{ name?: string; key: Record<string, unknown> }>;
    } catch {
      continue;
    }
    for (const ix of indexes) {
      if (!ix.name || !('userId' in ix.key)) continue;
      try {
        await coll.dropIndex(ix.name);
        dropped.push(`${name}.${ix.name}`);
      } catch (err) {
        // Dropped meanwhile by another process: the goal is reached either way.
        if ((err as { codeName?: string }).codeName !== 'IndexNotFound') throw err;
      }
    }
  }
  return dropped;
}

export async function migrateToWorkspaces(opts: { batchSize?: number; force?: boolean } = {}): Promise<MigrationReport> {
  if (!opts.force && (await workspaceMigrationDone())) return { alreadyDone: true, workspacesEnsured: 0, documentsMoved: {}, indexesDropped: [] };
  const workspacesEnsured = await ensureWorkspaces(opts.batchSize ?? 200);
  const documentsMoved: Record<string, number> = {};
  for (const { name, keepsUserId } of WORKSPACE_COLLECTIONS) documentsMoved[name] = await moveCollection(name, keepsUserId);
  const indexesDropped = await dropUserIndexes();
  await db()
    .collection<{ _id: string; at: Date }>(STATE_COLLECTION)
    .updateOne({ _id: WORKSPACE_MIGRATION_ID }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  log.info('workspaces migration done', { workspacesEnsured, ...documentsMoved, indexesDropped: indexesDropped.length });
  return { alreadyDone: false, workspacesEnsured, documentsMoved, indexesDropped };
}
