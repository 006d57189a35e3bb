/** Values shared by the API schema and the web client. Keep them in one place. */

export const Role = { USER: 'user', ADMIN: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const PlatformType = {
  INSTAGRAM: 'instagram',
  FACEBOOK: 'facebook',
  TIKTOK: 'tiktok',
  TWITTER: 'twitter',
  LINKEDIN: 'linkedin',
} as const;
export type PlatformType = (typeof PlatformType)[keyof typeof PlatformType];
export const PLATFORM_TYPES = Object.values(PlatformType);

/** How each platform is named in messages and on screen. */
export const PLATFORM_LABELS: Readonly<Record<PlatformType, string>> = {
  [PlatformType.INSTAGRAM]: 'Instagram',
  [PlatformType.FACEBOOK]: 'Facebook',
  [PlatformType.TWITTER]: 'X',
  [PlatformType.LINKEDIN]: 'LinkedIn',
  [PlatformType.TIKTOK]: 'TikTok',
};

export function platformName(p: PlatformType): string {
  return PLATFORM_LABELS[p];
}

export const PlatformStatus = {
  ACTIVE: 'active',
  NEEDS_REAUTH: 'needs_reauth',
  REVOKED: 'revoked',
  ERROR: 'error',
} as const;
export type PlatformStatus = (typeof PlatformStatus)[keyof typeof PlatformStatus];

export const ContentType = {
  POST: 'post',
  COMMENT: 'comment',
  IMAGE: 'image',
  VIDEO: 'video',
  CAROUSEL: 'carousel',
  STORY: 'story',
  REEL: 'reel',
} as const;
export type ContentType = (typeof ContentType)[keyof typeof ContentType];
export const CONTENT_TYPES = Object.values(ContentType);

export const SubscriptionTier = { FREE: 'free', PRO: 'pro', ENTERPRISE: 'enterprise' } as const;
export type SubscriptionTier = (typeof SubscriptionTier)[keyof typeof SubscriptionTier];

export const SubscriptionStatus = { ACTIVE: 'active', CANCELLED: 'cancelled', EXPIRED: 'expired' } as const;
export type SubscriptionStatus = (typeof SubscriptionStatus)[keyof typeof SubscriptionStatus];

export const InsightType = { PERFORMANCE: 'performance', TREND: 'trend', RECOMMENDATION: 'recommendation' } as const;
export type InsightType = (typeof InsightType)[keyof typeof InsightType];

export const Priority = { LOW: 'low', MEDIUM: 'medium', HIGH: 'high' } as const;
export type Priority = (typeof Priority)[keyof typeof Priority];

export const RecommendationType = {
  CONTENT_IDEA: 'content_idea',
  POSTING_TIME: 'posting_time',
  HASHTAG: 'hashtag',
} as const;
export type RecommendationType = (typeof RecommendationType)[keyof typeof RecommendationType];

export const PatternType = { CONTENT_TYPE: 'content_type', POSTING_TIME: 'posting_time', HASHTAG: 'hashtag' } as const;
export type PatternType = (typeof PatternType)[keyof typeof PatternType];

export const ConversionStatus = { PENDING: 'pending', CONVERTED: 'converted', PAID: 'paid', REVERSED: 'reversed' } as const;
export type ConversionStatus = (typeof ConversionStatus)[keyof typeof ConversionStatus];

export const JobType = {
  SYNC_METRICS: 'sync_metrics',
  SYNC_ACTIVITIES: 'sync_activities',
  REFRESH_TOKEN: 'refresh_token',
  GENERATE_INSIGHTS: 'generate_insights',
  RETENTION: 'retention',
} as const;
export type JobType = (typeof JobType)[keyof typeof JobType];

export const JobStatus = { PENDING: 'pending', RUNNING: 'running', COMPLETED: 'completed', FAILED: 'failed' } as const;
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];
