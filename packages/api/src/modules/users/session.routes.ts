import { ErrorCode } from '@soash/shared';
import type { Express, Request, Response } from 'express';
import { allowedOrigins, clearedRefreshCookie, CSRF_HEADER, REFRESH_PATH, refreshCookie, refreshTokenFromCookies } from '../../auth/session-cookie.js';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { log } from '../../lib/logger.js';
import { endSessionOfToken, rotateRefreshToken } from './sessions.service.js';

/**
 * The web app's session endpoint, the only path its refresh-token cookie is sent to
 * (auth/session-cookie.ts):
 *
 * - `POST /auth/refresh` exchanges the cookie's refresh token for a new access token and sets the
 *   next refresh token as the cookie (rotation and reuse detection as for the refreshToken mutation);
 * - `DELETE /auth/refresh` ends that session and removes the cookie.
 *
 * Both need `X-Soash-CSRF: 1` and, when the browser sends one, an allowed `Origin`.
 */
function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

function csrfProblem(req: Request, origins: Set<string>): string | null {
  if (req.get(CSRF_HEADER) !== '1') return `Send the ${CSRF_HEADER}: 1 header`;
  const origin = req.get('origin');
  if (origin && !origins.has(origin)) return 'Requests from this origin are not accepted';
  return null;
}

export function registerSessionRoutes(app: Express, config: Config): void {
  const origins = allowedOrigins(config);

  app.post(REFRESH_PATH, async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const csrf = csrfProblem(req, origins);
    if (csrf) return refuse(res, 403, ErrorCode.FORBIDDEN, csrf);
    const presented = refreshTokenFromCookies(req.get('cookie'));
    if (!presented) return refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'No session: sign in');
    try {
      const session = await rotateRefreshToken(config, presented, { ip: req.ip ?? undefined, userAgent: req.get('user-agent')?.slice(0, 256) });
      res.append('Set-Cookie', refreshCookie(config, session.refreshToken, session.refreshTokenExpiresAt));
      res.json({
        accessToken: session.accessToken,
        accessTokenExpiresAt: session.accessTokenExpiresAt.toISOString(),
        refreshTokenExpiresAt: session.refreshTokenExpiresAt.toISOString(),
      });
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.UNAUTHENTICATED) {
        res.append('Set-Cookie', clearedRefreshCookie(config));
        return refuse(res, 401, err.code, err.message);
      }
      log.error('session refresh failed', { error: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) });
      refuse(res, 500, ErrorCode.INTERNAL, 'Internal server error');
    }
  });

  app.delete(REFRESH_PATH, async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const csrf = csrfProblem(req, origins);
    if (csrf) return refuse(res, 403, ErrorCode.FORBIDDEN, csrf);
    try {
      const presented = refreshTokenFromCookies(req.get('cookie'));
      if (presented) await endSessionOfToken(presented);
      res.append('Set-Cookie', clearedRefreshCookie(config));
      res.status(204).end();
    } catch (err) {
      log.error('sign-out failed', { error: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) });
      refuse(res, 500, ErrorCode.INTERNAL, 'Internal server error');
    }
  });
}
