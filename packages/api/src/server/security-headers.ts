import type { RequestHandler } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';

/**
 * The Content-Security-Policy of every response (the web app, GraphiQL, the API). Everything is
 * served from this origin: no inline script anywhere (GraphiQL's start-up script is a served
 * file), no framing (frame-ancestors 'none' refuses every embedding page, so a sign-in page cannot
 * be overlaid for clickjacking). deploy/nginx-security-headers.conf sends the same policy for the
 * app nginx serves (a test keeps the two equal).
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/** The policy as one header value. */
export function contentSecurityPolicy(): string {
  return Object.entries(CSP_DIRECTIVES)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

const hsts = strictTransportSecurity({ maxAge: 180 * 86_400, includeSubDomains: true });

/**
 * helmet's headers on every response: the CSP above, nosniff, Referrer-Policy no-referrer,
 * X-Frame-Options DENY (for browsers without frame-ancestors), Cross-Origin-Opener-Policy and
 * -Resource-Policy same-origin. HSTS only on HTTPS requests (directly or through a trusted proxy's
 * X-Forwarded-Proto, see TRUST_PROXY): browsers ignore it over plain HTTP, and a laptop's
 * http://127.0.0.1 instance should not teach them anything about that host.
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES as unknown as Record<string, string[]> },
      strictTransportSecurity: false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
    (req, res, next) => (req.secure ? hsts(req, res, next) : next()),
  ];
}
