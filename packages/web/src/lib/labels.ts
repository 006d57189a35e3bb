/** Display names for the API's enum values. */

export const PLATFORM_LABEL: Record<string, string> = {
  INSTAGRAM: 'Instagram',
  FACEBOOK: 'Facebook',
  TIKTOK: 'TikTok',
  TWITTER: 'X',
  LINKEDIN: 'LinkedIn',
};

export const CONTENT_TYPE_LABEL: Record<string, string> = {
  POST: 'Post',
  IMAGE: 'Image',
  VIDEO: 'Video',
  REEL: 'Reel',
  CAROUSEL: 'Carousel',
  STORY: 'Story',
  COMMENT: 'Comment',
};

export const CONTENT_TYPES = ['POST', 'IMAGE', 'VIDEO', 'REEL', 'CAROUSEL', 'STORY', 'COMMENT'] as const;

export function platformLabel(type: string): string {
  return PLATFORM_LABEL[type] ?? type;
}

export function contentTypeLabel(type: string): string {
  return CONTENT_TYPE_LABEL[type] ?? type;
}

/** "Instagram · @bakery" */
export function accountLabel(p: { type: string; username?: string | null; displayName?: string | null }): string {
  const handle = p.username ? `@${p.username.replace(/^@/, '')}` : (p.displayName ?? '');
  return handle ? `${platformLabel(p.type)} · ${handle}` : platformLabel(p.type);
}

/** How often connected accounts sync (the API's daily pulls), stated the same way everywhere. */
export const SYNC_FREQUENCY = 'once a day';
