import { InsightType, Priority, Role } from '@soash/shared';
import type { Types } from 'mongoose';
import { AiInsightModel } from '../insights/insight.model.js';
import { UserModel } from '../users/user.model.js';
import { PLATFORM_LABELS } from './platform-labels.js';
import type { Platform } from './platform.model.js';

/**
 * Notices to the account owner about access to a connected account, stored as insights (the
 * dashboard's notice feed). One per platform, keyed `reauth:<platformId>`, so the warning before
 * expiry and the "connect again" notice replace each other instead of piling up.
 */
export function reauthKey(platformId: Types.ObjectId): string {
  return `reauth:${platformId.toHexString()}`;
}

/** "Instagram account @brand", for notices and alerts. */
export function accountName(p: Pick<Platform, 'type' | 'username' | 'displayName'>): string {
  const who = p.username ? `@${p.username}` : p.displayName;
  return `${PLATFORM_LABELS[p.type]}${who ? ` account ${who}` : ' account'}`;
}

async function upsertNotice(p: Pick<Platform, '_id' | 'workspaceId' | 'type' | 'username' | 'displayName'>, title: string, description: string, evidence: Record<string, unknown>) {
  const now = new Date();
  await AiInsightModel.updateOne(
    { workspaceId: p.workspaceId, key: reauthKey(p._id) },
    {
      $set: { insightType: InsightType.RECOMMENDATION, priority: Priority.HIGH, title, description, evidence, isDismissed: false, lastConfirmedAt: now },
      $setOnInsert: { isRead: false },
    },
    { upsert: true },
  );
}

/** The account lost access: the user must connect it again. */
export async function noticeNeedsReauth(p: Pick<Platform, '_id' | 'workspaceId' | 'type' | 'username' | 'displayName'>, reason: string): Promise<void> {
  await upsertNotice(
    p,
    `Reconnect your ${accountName(p)}`.slice(0, 200),
    `Soash can no longer read this account: ${reason}. Connect it again from the Platforms page; its history is kept.`,
    { platformId: p._id.toHexString(), reason },
  );
}

/** Access ends on a known date unless the user connects again before then (LinkedIn without refresh tokens). */
export async function noticeReauthSoon(p: Pick<Platform, '_id' | 'workspaceId' | 'type' | 'username' | 'displayName'>, by: Date): Promise<void> {
  const day = by.toISOString().slice(0, 10);
  await upsertNotice(
    p,
    `Reconnect your ${accountName(p)} before ${day}`.slice(0, 200),
    `${PLATFORM_LABELS[p.type]} access for this account ends on ${day} and cannot be renewed automatically. Connect it again from the Platforms page before then to keep syncing.`,
    { platformId: p._id.toHexString(), needsReauthBy: by.toISOString() },
  );
}

export async function clearReauthNotice(p: Pick<Platform, '_id' | 'workspaceId'>): Promise<void> {
  await AiInsightModel.deleteOne({ workspaceId: p.workspaceId, key: reauthKey(p._id) });
}

/**
 * A server setting the platform no longer accepts (a sunset API version): every administrator
 * gets one notice per setting (key `config:<setting>`), refreshed while the problem lasts, so a
 * daily failure of many accounts does not pile up notices.
 */
export async function noticeAdminsOfSetting(setting: string, platformLabel: string, message: string): Promise<void> {
  const admins = await UserModel.find({ role: Role.ADMIN }, { _id: 1 }).lean();
  const now = new Date();
  for (const admin of admins) {
    await AiInsightModel.updateOne(
      { workspaceId: admin._id, key: `config:${setting}` },
      {
        $set: {
          insightType: InsightType.RECOMMENDATION,
          priority: Priority.HIGH,
          title: `Update ${setting}: ${platformLabel} syncs are failing`.slice(0, 200),
          description: `${message}. Until the setting is changed and the server restarted, no ${platformLabel} account syncs.`.slice(0, 4000),
          evidence: { setting, platform: platformLabel },
          isDismissed: false,
          lastConfirmedAt: now,
        },
        $setOnInsert: { isRead: false },
      },
      { upsert: true },
    );
  }
}
