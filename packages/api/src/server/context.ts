import type { ApiScope, Role, WorkspaceRole } from '@soash/shared';
import type { Config } from '../config.js';
import { unauthenticated } from '../lib/errors.js';
import { createLoaders, type Loaders } from './loaders.js';

/** How the caller proved who they are: a session's access token, a workspace's API key, or an OAuth app's access token. */
export type CredentialKind = 'session' | 'api_key' | 'oauth';

/**
 * The authenticated caller, as established from the credential and confirmed once per request by
 * the auth checker (auth/auth-checker.ts#confirmViewer): `id` is the user, `role` their system role,
 * and `workspaceId`/`workspaceRole` the active workspace and their role in it, read from
 * team_members on every request (absent when the user has no workspace the request may use).
 *
 * With an API key, `id` is the member who created the key, `workspaceId` is always the key's
 * workspace, `workspaceRole` their current role there, `role` is never admin, and `scopes` what
 * the key may do (auth/scope.ts). An OAuth access token is the same with the granting user, the
 * granted workspace and the granted scopes. A session has every scope its role allows (`scopes` absent).
 */
export interface Viewer {
  id: string;
  role: Role;
  workspaceId?: string;
  workspaceRole?: WorkspaceRole;
  /** Absent: a session. */
  credential?: CredentialKind;
  /** An API key's or OAuth token's scopes (absent for a session). */
  scopes?: readonly ApiScope[];
  /** The API key's id and workspace (API keys only). */
  apiKey?: { id: string; workspaceId: string };
  /** The OAuth grant, its app and the granted workspace (OAuth access tokens only). */
  oauth?: { grantId: string; appId: string; workspaceId: string };
}

/** Built once per HTTP request or per WebSocket connection; never shared between callers. */
export interface Context {
  config: Config;
  viewer: Viewer | null;
  /** Why a presented credential was not accepted (expired, invalid); surfaced by the auth checker. */
  authError?: string;
  loaders: Loaders;
  /**
   * The active workspace as confirmed by the auth check, for the loaders. A shared object, not a
   * field: Apollo hands each operation a shallow copy of the context, and the loaders (created with
   * the context) must see what the check wrote on that copy.
   */
  scope: { workspaceId?: string };
  requestId: string;
  /** The workspace the request asks for (the X-Workspace-Id header), checked against membership by the auth checker. */
  requestedWorkspaceId?: string;
  ip?: string;
  userAgent?: string;
  /** The HTTP exchange, for the few operations that read a request header or set a cookie (absent on WebSocket). */
  http?: HttpExchange;
}

export interface HttpExchange {
  header(name: string): string | undefined;
  appendSetCookie(value: string): void;
}

export function buildContext(input: Omit<Context, 'loaders' | 'scope'>): Context {
  const scope: Context['scope'] = {};
  return { ...input, scope, loaders: createLoaders(() => scope.workspaceId) };
}

/** The signed-in viewer; resolvers behind @Authorized() can rely on it. */
export function viewerOf(ctx: Pick<Context, 'viewer' | 'authError'>): Viewer {
  if (!ctx.viewer) throw unauthenticated(ctx.authError);
  return ctx.viewer;
}
