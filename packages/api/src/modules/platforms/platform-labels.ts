/** How each platform is named in messages (one list, in @soash/shared). */
export { PLATFORM_LABELS } from '@soash/shared';
