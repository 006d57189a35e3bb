import { PlatformType } from '@soash/shared';

/** How each platform is named in messages. */
export const PLATFORM_LABELS: Record<PlatformType, string> = {
  [PlatformType.INSTAGRAM]: 'Instagram',
  [PlatformType.FACEBOOK]: 'Facebook',
  [PlatformType.TWITTER]: 'X',
  [PlatformType.LINKEDIN]: 'LinkedIn',
  [PlatformType.TIKTOK]: 'TikTok',
};
