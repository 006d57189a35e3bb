import { createContext, useContext, useMemo } from 'react';
import { useViewer, type Viewer } from '../auth/viewer';
import { graphql } from '../../gql';
import type { ShellWorkspacesQuery } from '../../gql/graphql';
import { permission, roleFromApi, type Permission, type WorkspaceAction } from './permissions';
import type { WorkspaceRole } from '@soash/shared';

/** The shell's one read of workspaces: the one this request works in, and all of the viewer's. */
export const ShellWorkspacesDocument = graphql(`
  query ShellWorkspaces {
    activeWorkspace {
      id
      name
      viewerRole
      ownerId
      memberCount
      plan {
        tier
        maxPlatforms
        historyDays
      }
    }
    workspaces {
      id
      name
      viewerRole
    }
  }
`);

export type ActiveWorkspace = NonNullable<ShellWorkspacesQuery['activeWorkspace']>;
export type WorkspaceSummary = ShellWorkspacesQuery['workspaces'][number];

export interface WorkspaceState {
  active: ActiveWorkspace | null;
  workspaces: readonly WorkspaceSummary[];
  /** Re-reads the list (after creating one, joining or leaving). */
  refresh: () => void;
}

export const WorkspaceContext = createContext<WorkspaceState | null>(null);

/** The active workspace and the viewer's workspaces (inside the signed-in shell). */
export function useWorkspaces(): WorkspaceState {
  const w = useContext(WorkspaceContext);
  if (!w) throw new Error('useWorkspaces needs the signed-in layout');
  return w;
}

/** The viewer's role in the active workspace (null: none, so nothing is allowed). */
export function useWorkspaceRole(): WorkspaceRole | null {
  return roleFromApi(useContext(WorkspaceContext)?.active?.viewerRole);
}

/**
 * The one gate for controls: `can('tagPosts')` says whether the viewer's role in the active
 * workspace allows it and, if not, why ("Only editors and above can tag posts.").
 */
export function usePermissions(): { role: WorkspaceRole | null; can: (action: WorkspaceAction) => Permission } {
  const role = useWorkspaceRole();
  return useMemo(() => ({ role, can: (action: WorkspaceAction) => permission(role, action) }), [role]);
}

/**
 * The plan the active workspace runs on: its owner's (history reach, account limit), which for a
 * member of someone else's workspace is not their own plan. The viewer's plan until it is known.
 */
export function useWorkspacePlan(): Viewer['plan'] {
  const viewer = useViewer();
  return useContext(WorkspaceContext)?.active?.plan ?? viewer.plan;
}
