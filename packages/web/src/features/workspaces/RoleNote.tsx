import type { Permission } from './permissions';

/**
 * Why a control is not available to the viewer's role ("Only editors and above can tag posts."),
 * shown next to it; give the control `aria-describedby={id}` so assistive technology reads it too.
 * Renders nothing when the action is allowed.
 */
export function RoleNote({ permission, id, className = '' }: { permission: Permission; id?: string; className?: string }) {
  if (permission.allowed) return null;
  return (
    <p id={id} className={`role-note ${className}`.trim()} data-role-note>
      {permission.reason}
    </p>
  );
}
