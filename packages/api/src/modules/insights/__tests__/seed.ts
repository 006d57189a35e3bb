import { Types } from 'mongoose';
import { ActivityModel } from '../../activities/activity.model.js';
import { StatsModel } from '../../stats/stats.model.js';
import type { GeneratedAccount } from './generator.js';

/** Writes a generated account's posts and daily stats for one user and account. */
export async function seedAccount(workspaceId: Types.ObjectId, platformId: Types.ObjectId, acc: GeneratedAccount): Promise<void> {
  await ActivityModel.insertMany(
    acc.posts.map((p, i) => ({
      workspaceId,
      platformId,
      externalId: `gen-${platformId.toHexString()}-${i}`,
      type: p.type,
      hashtags: p.hashtags,
      content: `Post ${i} ${p.hashtags.map((h) => `#${h}`).join(' ')}`,
      publishedAt: p.publishedAt,
      isPublished: true,
      engagement: p.engagement,
      engagementRate: p.engagement.total / p.engagement.reach,
    })),
  );
  await StatsModel.insertMany(acc.days.map((d) => ({ workspaceId, platformId, date: d.date, followers: d.followers, engagement: d.engagement })));
}
