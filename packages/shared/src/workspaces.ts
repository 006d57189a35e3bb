/**
 * Roles within a workspace (a brand). Seed 003's team_members carries admin | editor | viewer; the
 * workspace's owner is a member too, with the owner role (exactly one per workspace).
 *
 * - owner: everything, including the plan, deleting the workspace and transferring ownership
 * - admin: members and invitations, connecting and disconnecting accounts, workspace settings
 * - editor: categories, tagging, sync now, insight and recommendation actions, exports
 * - viewer: read only
 */
export const WorkspaceRole = {
  OWNER: 'owner',
  ADMIN: 'admin',
  EDITOR: 'editor',
  VIEWER: 'viewer',
} as const;
export type WorkspaceRole = (typeof WorkspaceRole)[keyof typeof WorkspaceRole];
export const WORKSPACE_ROLES: readonly WorkspaceRole[] = Object.values(WorkspaceRole);

/** The roles an invitation or a role change may grant (ownership moves only by transfer). */
export const ASSIGNABLE_ROLES: readonly WorkspaceRole[] = [
  WorkspaceRole.ADMIN,
  WorkspaceRole.EDITOR,
  WorkspaceRole.VIEWER,
];

const RANK: Readonly<Record<WorkspaceRole, number>> = {
  [WorkspaceRole.VIEWER]: 1,
  [WorkspaceRole.EDITOR]: 2,
  [WorkspaceRole.ADMIN]: 3,
  [WorkspaceRole.OWNER]: 4,
};

/** True when `role` may do what `minimum` may (roles are strictly ordered). */
export function roleAtLeast(role: WorkspaceRole, minimum: WorkspaceRole): boolean {
  return RANK[role] >= RANK[minimum];
}

export const WORKSPACE_ROLE_LABELS: Readonly<Record<WorkspaceRole, string>> = {
  [WorkspaceRole.OWNER]: 'Owner',
  [WorkspaceRole.ADMIN]: 'Admin',
  [WorkspaceRole.EDITOR]: 'Editor',
  [WorkspaceRole.VIEWER]: 'Viewer',
};

/** How long an invitation link stays valid. */
export const INVITATION_TTL_DAYS = 7;
/** How long audit events are kept. */
export const AUDIT_RETENTION_DAYS = 365;

/**
 * What the audit log records: membership changes (member.*, from the team operations), connection
 * changes (platform.*), settings changes (workspace.*) and API keys (api_key.*: created, revoked,
 * rotated; the key's name and prefix, never its secret). Filter the log by a prefix ("member.").
 */
export const AuditAction = {
  MEMBER_INVITED: 'member.invited',
  INVITATION_RESENT: 'member.invitation_resent',
  INVITATION_REVOKED: 'member.invitation_revoked',
  MEMBER_JOINED: 'member.joined',
  MEMBER_ROLE_CHANGED: 'member.role_changed',
  MEMBER_REMOVED: 'member.removed',
  MEMBER_LEFT: 'member.left',
  OWNERSHIP_TRANSFERRED: 'member.ownership_transferred',
  PLATFORM_CONNECTED: 'platform.connected',
  PLATFORM_DISCONNECTED: 'platform.disconnected',
  WORKSPACE_CREATED: 'workspace.created',
  WORKSPACE_UPDATED: 'workspace.updated',
  WORKSPACE_DELETED: 'workspace.deleted',
  API_KEY_CREATED: 'api_key.created',
  API_KEY_REVOKED: 'api_key.revoked',
  API_KEY_ROTATED: 'api_key.rotated',
  REPORT_SHARE_LINK_CREATED: 'report_share_link.created',
  REPORT_SHARE_LINK_REVOKED: 'report_share_link.revoked',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];
export const AUDIT_ACTIONS: readonly AuditAction[] = Object.values(AuditAction);
