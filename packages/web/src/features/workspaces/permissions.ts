import { roleAtLeast, WorkspaceRole } from '@soash/shared';

/**
 * What a role may do in a workspace, in one table: the minimum role per action (the API enforces
 * the same minimum with @MinRole) and the reason shown next to a control a role may not use.
 */
export const ACTIONS = {
  connectAccounts: { min: WorkspaceRole.ADMIN, reason: 'Only admins and the owner can connect or disconnect accounts.' },
  editSettings: { min: WorkspaceRole.ADMIN, reason: 'Only admins and the owner can change the brand profile.' },
  manageMembers: { min: WorkspaceRole.ADMIN, reason: 'Only admins and the owner can invite and manage members.' },
  readAuditLog: { min: WorkspaceRole.ADMIN, reason: 'Only admins and the owner can read the audit log.' },
  manageCategories: { min: WorkspaceRole.EDITOR, reason: 'Only editors and above can manage categories.' },
  tagPosts: { min: WorkspaceRole.EDITOR, reason: 'Only editors and above can tag posts.' },
  syncNow: { min: WorkspaceRole.EDITOR, reason: 'Only editors and above can sync an account now.' },
  actOnInsights: { min: WorkspaceRole.EDITOR, reason: 'Only editors and above can mark, dismiss or rate insights and recommendations.' },
  exportData: { min: WorkspaceRole.EDITOR, reason: 'Only editors and above can export data.' },
  editReports: { min: WorkspaceRole.EDITOR, reason: 'Only editors and above can create, change or delete reports.' },
  editAlerts: { min: WorkspaceRole.EDITOR, reason: 'Only editors and above can create, change or delete alert rules.' },
  managePlan: { min: WorkspaceRole.OWNER, reason: 'Only the workspace owner can change the plan.' },
  deleteWorkspace: { min: WorkspaceRole.OWNER, reason: 'Only the workspace owner can delete it.' },
  transferOwnership: { min: WorkspaceRole.OWNER, reason: 'Only the workspace owner can transfer ownership.' },
} as const satisfies Record<string, { min: WorkspaceRole; reason: string }>;

export type WorkspaceAction = keyof typeof ACTIONS;

export interface Permission {
  allowed: boolean;
  /** Why not, in words for the screen (null when allowed). */
  reason: string | null;
}

/** The API's enum value (`EDITOR`) as the shared role (`editor`); unknown values are read only. */
export function roleFromApi(value: string | null | undefined): WorkspaceRole | null {
  const role = value?.toLowerCase();
  return role === 'owner' || role === 'admin' || role === 'editor' || role === 'viewer' ? role : null;
}

/** Whether `role` may do `action` (no role: nothing), and why not. */
export function permission(role: WorkspaceRole | null, action: WorkspaceAction): Permission {
  const { min, reason } = ACTIONS[action];
  if (role && roleAtLeast(role, min)) return { allowed: true, reason: null };
  return { allowed: false, reason };
}
