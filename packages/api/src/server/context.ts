import type { Role } from '@soash/shared';
import type { Config } from '../config.js';
import { unauthenticated } from '../lib/errors.js';
import { createLoaders, type Loaders } from './loaders.js';

/** The authenticated caller, as established from the access token. */
export interface Viewer {
  id: string;
  role: Role;
}

/** Built once per HTTP request or per WebSocket connection; never shared between callers. */
export interface Context {
  config: Config;
  viewer: Viewer | null;
  /** Why a presented credential was not accepted (expired, invalid); surfaced by the auth checker. */
  authError?: string;
  loaders: Loaders;
  requestId: string;
  ip?: string;
  userAgent?: string;
  /** The HTTP exchange, for the few operations that read a request header or set a cookie (absent on WebSocket). */
  http?: HttpExchange;
}

export interface HttpExchange {
  header(name: string): string | undefined;
  appendSetCookie(value: string): void;
}

export function buildContext(input: Omit<Context, 'loaders'>): Context {
  return { ...input, loaders: createLoaders() };
}

/** The signed-in viewer; resolvers behind @Authorized() can rely on it. */
export function viewerOf(ctx: Pick<Context, 'viewer' | 'authError'>): Viewer {
  if (!ctx.viewer) throw unauthenticated(ctx.authError);
  return ctx.viewer;
}
