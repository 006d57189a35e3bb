import { platformLabel } from '../../lib/labels';

const COLOURS: Record<string, string> = {
  INSTAGRAM: 'linear-gradient(135deg, #f58529, #dd2a7b 50%, #8134af)',
  FACEBOOK: '#1877f2',
  TIKTOK: '#111111',
  TWITTER: '#14171a',
  LINKEDIN: '#0a66c2',
};
const LETTER: Record<string, string> = { INSTAGRAM: 'Ig', FACEBOOK: 'f', TIKTOK: 'Tt', TWITTER: 'X', LINKEDIN: 'in' };

/** A small coloured badge standing for a platform (decorative; the name is always next to it). */
export function PlatformIcon({ type, size = 32 }: { type: string; size?: number }) {
  return (
    <span className="platform-icon" style={{ background: COLOURS[type] ?? 'var(--c-muted)', width: size, height: size, fontSize: size * 0.42 }} aria-hidden="true" title={platformLabel(type)}>
      {LETTER[type] ?? '?'}
    </span>
  );
}
