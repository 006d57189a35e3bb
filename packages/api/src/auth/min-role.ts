import { WORKSPACE_ROLES, type WorkspaceRole } from '@soash/shared';
import { Authorized } from 'type-graphql';

/** Prefix that tells workspace rules apart from system roles among @Authorized's roles. */
const PREFIX = 'workspace:';

/** The @Authorized role string of a workspace rule. */
export function workspaceRule(role: WorkspaceRole): string {
  return `${PREFIX}${role}`;
}

/** The workspace role a rule string demands, or undefined for a system role. */
export function parseWorkspaceRule(rule: string): WorkspaceRole | undefined {
  if (!rule.startsWith(PREFIX)) return undefined;
  const role = rule.slice(PREFIX.length) as WorkspaceRole;
  return WORKSPACE_ROLES.includes(role) ? role : undefined;
}

/**
 * The rule of a workspace operation: the viewer must be signed in, have an active workspace (the
 * X-Workspace-Id header, an explicit workspaceId argument, the last used one or their first
 * membership) and hold at least `role` in it. Enforced by the one auth checker
 * (auth/auth-checker.ts): no such workspace → NOT_FOUND, a lower role → FORBIDDEN.
 */
export function MinRole(role: WorkspaceRole): MethodDecorator & PropertyDecorator {
  return Authorized(workspaceRule(role));
}
