import { describe, expect, it } from 'vitest';
import { ASSIGNABLE_ROLES, roleAtLeast, WORKSPACE_ROLES, WorkspaceRole } from '../workspaces.js';

describe('workspace roles', () => {
  it('are strictly ordered owner > admin > editor > viewer', () => {
    const order = [WorkspaceRole.VIEWER, WorkspaceRole.EDITOR, WorkspaceRole.ADMIN, WorkspaceRole.OWNER];
    for (const [i, role] of order.entries()) {
      for (const [j, minimum] of order.entries()) {
        expect(roleAtLeast(role, minimum), `${role} ≥ ${minimum}`).toBe(i >= j);
      }
    }
    expect(WORKSPACE_ROLES).toHaveLength(4);
  });

  it('never lets an invitation or a role change grant ownership', () => {
    expect(ASSIGNABLE_ROLES).not.toContain(WorkspaceRole.OWNER);
  });
});
