import { ALERT_DEFAULT_DIGEST_HOUR, ALERT_DEFAULT_QUIET_HOURS, AlertChannel, AlertDirection, AlertKind, AlertMetric, AlertRecipients, AuditAction, PlatformType, Role, SubscriptionTier, WorkspaceRole } from '@soash/shared';
import { AlertRuleModel } from '../alerts/alert-rule.model.js';
import mongoose, { Types } from 'mongoose';
import type { Config } from '../../config.js';
import type { DatabaseServer } from '../../db/harness.js';
import { hashPassword } from '../../auth/password.js';
import { log } from '../../lib/logger.js';
import { connectSandboxPlatform } from '../platforms/platform-connect.service.js';
import { recordAudit } from '../workspaces/audit.service.js';
import { joinWorkspace } from '../workspaces/members.service.js';
import { ensurePersonalWorkspace } from '../workspaces/workspaces.service.js';
import { UserModel } from '../users/user.model.js';

/**
 * Demo data for a first run: a signed-up brand with three sandbox accounts whose history is
 * filled by the real sync jobs (the sandbox provider stands in for the platforms' APIs), and a
 * second member of its workspace (an editor, with the same password) so that teams can be seen
 * at work.
 * The credentials are printed at start and documented in the README, so the account is a normal
 * pro user, never an admin, and it exists only on the embedded database of a local `npm start`:
 * a configured MONGODB_URI (a real deployment) never gets it, whatever DEMO_DATA says. Admin views
 * are tried by promoting an account with `npm run admin -- promote <email>`.
 */
export const DEMO_EMAIL = 'demo@soash.app';
export const DEMO_PASSWORD = 'demo-password';
/** The demo workspace's second member: an editor (free plan, with a personal workspace of their own), same password. */
export const DEMO_TEAMMATE_EMAIL = 'teammate@soash.app';
export const DEMO_PLATFORMS: PlatformType[] = [PlatformType.INSTAGRAM, PlatformType.TIKTOK, PlatformType.LINKEDIN];
export const DEMO_HISTORY_DAYS = 180;

/** Marks that the demo was seeded once, so deleting the demo account does not bring it back. */
const STATE_COLLECTION = 'app_state';
const DEMO_MARKER = 'demo-data';

export function demoWanted(config: Pick<Config, 'DEMO_DATA'>, database: Pick<DatabaseServer, 'source'>): boolean {
  if (config.DEMO_DATA === 'false') return false;
  // Only on an embedded database (a first `npm start`), never on a configured MONGODB_URI: its
  // password is published.
  return database.source !== 'uri';
}

export type SeedOutcome = { seeded: true; userId: Types.ObjectId; teammateId: Types.ObjectId } | { seeded: false; reason: string };

export async function seedDemoData(opts: { days?: number } = {}): Promise<SeedOutcome> {
  const state = mongoose.connection.collection<{ _id: string; at: Date }>(STATE_COLLECTION);
  if (await state.findOne({ _id: DEMO_MARKER })) return { seeded: false, reason: 'already seeded once' };
  if (await UserModel.exists({})) return { seeded: false, reason: 'the database already has accounts' };
  // Claim the marker first: with several API processes starting together, one seeds.
  try {
    await state.insertOne({ _id: DEMO_MARKER, at: new Date() });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return { seeded: false, reason: 'seeded by another process' };
    throw err;
  }
  const user = await UserModel.create({
    name: 'Demo Brand',
    firstName: 'Demo',
    lastName: 'Brand',
    email: DEMO_EMAIL,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: Role.USER,
    company: 'Northwind Coffee Roasters',
    isVerified: true,
    // Pro: three accounts and half a year of history are within its limits.
    subscriptionTier: SubscriptionTier.PRO,
  });
  // The demo brand is the user's personal workspace (id = the user's id).
  await ensurePersonalWorkspace(user, {
    brandName: 'Northwind Coffee',
    brandDescription: 'Small-batch coffee roaster with two cafés and an online shop.',
    industry: 'Food & beverage',
    targetAudience: 'Coffee lovers aged 25-44 who care about origin and brewing at home',
    brandValues: ['craft', 'transparency', 'sustainability'],
    businessGoals: ['grow the online shop', 'build a brewing community'],
    timezone: 'UTC',
    onboardingCompleted: true,
  });
  for (const type of DEMO_PLATFORMS) {
    await connectSandboxPlatform(user._id, type, { days: opts.days ?? DEMO_HISTORY_DAYS });
  }
  const teammateId = await seedDemoTeammate(user._id);
  await seedDemoAlerts(user._id);
  return { seeded: true, userId: user._id, teammateId };
}

/**
 * Two sample alert rules of the demo brand: a big weekly change in engagements (in the app and by
 * email, as a daily digest) and failed syncs (in the app). They are evaluated like any rule, as the
 * sandbox accounts' numbers come in.
 */
async function seedDemoAlerts(ownerId: Types.ObjectId): Promise<void> {
  const base = { workspaceId: ownerId, recipients: AlertRecipients.EDITORS, quietHours: ALERT_DEFAULT_QUIET_HOURS, digestHour: ALERT_DEFAULT_DIGEST_HOUR, createdBy: ownerId };
  await AlertRuleModel.create([
    {
      ...base,
      name: 'Engagements moved a lot this week',
      kind: AlertKind.METRIC_CHANGE,
      metric: AlertMetric.ENGAGEMENTS,
      direction: AlertDirection.EITHER,
      threshold: 5,
      periodDays: 7,
      channels: [AlertChannel.IN_APP, AlertChannel.EMAIL],
      emailDigest: true,
    },
    { ...base, name: 'A sync failed', kind: AlertKind.SYNC_FAILED, channels: [AlertChannel.IN_APP] },
  ]);
}

/**
 * The demo teammate: an account like any registered one (verified, free plan, a personal
 * workspace), an editor of the demo brand's workspace, which is the one they land in.
 */
async function seedDemoTeammate(ownerId: Types.ObjectId): Promise<Types.ObjectId> {
  // The demo brand is the owner's personal workspace: its id is theirs.
  const workspaceId = ownerId;
  const teammate = await UserModel.create({
    name: 'Sam Teammate',
    firstName: 'Sam',
    lastName: 'Teammate',
    email: DEMO_TEAMMATE_EMAIL,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: Role.USER,
    isVerified: true,
    subscriptionTier: SubscriptionTier.FREE,
  });
  await ensurePersonalWorkspace(teammate);
  await joinWorkspace(workspaceId, teammate._id, WorkspaceRole.EDITOR, ownerId);
  await UserModel.updateOne({ _id: teammate._id }, { $set: { lastWorkspaceId: workspaceId } });
  await recordAudit({ workspaceId, userId: teammate._id }, AuditAction.MEMBER_JOINED, { type: 'member', id: teammate._id }, { role: WorkspaceRole.EDITOR });
  return teammate._id;
}

export async function seedDemoOnFirstRun(config: Config, database: DatabaseServer): Promise<void> {
  if (!demoWanted(config, database)) {
    if (config.DEMO_DATA === 'true') log.warn('demo data: DEMO_DATA=true is ignored with MONGODB_URI (the demo password is public); it seeds only the embedded database');
    return;
  }
  const outcome = await seedDemoData();
  if (outcome.seeded) {
    log.info(
      `demo data: sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD} (a normal pro user with three sandbox accounts; their history fills in over the next minute; admin views: npm run admin -- promote <email>), or as ${DEMO_TEAMMATE_EMAIL} / ${DEMO_PASSWORD} (an editor in the same workspace)`,
    );
  } else {
    log.debug(`demo data not seeded: ${outcome.reason}`);
  }
}
