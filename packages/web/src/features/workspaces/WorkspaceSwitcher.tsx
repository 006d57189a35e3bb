import { WORKSPACE_ROLE_LABELS } from '@soash/shared';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useWorkspaceChoice } from '../../lib/auth/SessionProvider';
import { errorCode } from '../../lib/errors';
import { useFormErrors } from '../../lib/useForm';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { roleFromApi } from './permissions';
import { useWorkspaces } from './workspace';

export const CreateWorkspaceDocument = graphql(`
  mutation CreateWorkspace($name: String!) {
    createWorkspace(input: { name: $name }) {
      id
      name
      viewerRole
    }
  }
`);

export function roleLabel(value: string | null | undefined): string {
  const role = roleFromApi(value);
  return role ? WORKSPACE_ROLE_LABELS[role] : 'No role';
}

/**
 * Switching workspace: remembers the choice (every request then names it) and opens the overview.
 * The choice rebuilds the GraphQL client (lib/auth/SessionProvider.tsx), so nothing cached from the
 * previous workspace stays on screen.
 */
export function useSwitchWorkspace(): (id: string) => void {
  const choice = useWorkspaceChoice();
  const navigate = useNavigate();
  return (id: string) => {
    navigate('/');
    choice.set(id);
  };
}

/** "New workspace": a name, then the new workspace becomes the active one (and starts its onboarding). */
export function CreateWorkspaceForm({ onCancel, autoFocus = false }: { onCancel?: () => void; autoFocus?: boolean }) {
  const [name, setName] = useState('');
  const [{ fetching }, create] = useMutation(CreateWorkspaceDocument);
  const { errors, setErrors, fromApi, clear, formRef } = useFormErrors(['name']);
  const [limited, setLimited] = useState(false);
  const switchTo = useSwitchWorkspace();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ fields: { name: 'Give the workspace a name.' }, form: null });
      return;
    }
    clear();
    const result = await create({ name: name.trim() });
    if (result.error || !result.data) {
      setLimited(errorCode(result.error) === 'LIMIT_EXCEEDED');
      fromApi(result.error);
      return;
    }
    switchTo(result.data.createWorkspace.id);
  }
  return (
    <form ref={formRef} className="stack ws-create" onSubmit={submit} noValidate aria-label="New workspace">
      <TextField label="Workspace name" hint="A brand or client, e.g. “Crumb Bakery”." value={name} maxLength={120} autoFocus={autoFocus} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
      <FormError message={errors.form} />
      {limited && (
        <p className="small">
          <Link to="/settings#plan">See the plans</Link>
        </p>
      )}
      <div className="row">
        <Button type="submit" size="sm" loading={fetching}>
          Create workspace
        </Button>
        {onCancel && (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/**
 * The workspace switcher in the sidebar (also in the 375 px drawer): the current workspace and the
 * viewer's role in it, a list of their workspaces to switch to, and "New workspace". A disclosure
 * button with a panel: Escape or a click outside closes it and focus returns to the button.
 */
export function WorkspaceSwitcher() {
  const { active, workspaces } = useWorkspaces();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const switchTo = useSwitchWorkspace();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  function close(focus = true) {
    setOpen(false);
    setCreating(false);
    if (focus) toggle.current?.focus();
  }

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) close(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  return (
    <div
      className="ws-switcher"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          // Closes the panel only, not the drawer around it.
          e.stopPropagation();
          e.nativeEvent.stopImmediatePropagation();
          close();
        }
      }}
    >
      <button ref={toggle} type="button" className="ws-current" aria-expanded={open} aria-controls={panelId} onClick={() => (open ? close(false) : setOpen(true))}>
        <span className="ws-current-text">
          <span className="small muted">Workspace</span>
          <span className="ws-name">{active?.name ?? 'No workspace'}</span>
          <span className="small muted">{active ? `You are ${roleLabel(active.viewerRole).toLowerCase()}` : 'Choose or create one'}</span>
        </span>
        <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        <span className="sr-only">, switch workspace</span>
      </button>
      {open && (
        <div id={panelId} className="ws-panel" role="group" aria-label="Your workspaces">
          <ul className="ws-list">
            {workspaces.map((w) => (
              <li key={w.id}>
                <button
                  type="button"
                  className="ws-item"
                  aria-current={w.id === active?.id ? 'true' : undefined}
                  onClick={() => {
                    close(false);
                    if (w.id !== active?.id) switchTo(w.id);
                  }}
                >
                  <span className="ws-name">{w.name}</span>
                  <span className="small muted">
                    {roleLabel(w.viewerRole)}
                    {w.id === active?.id ? ' · current' : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {creating ? (
            <CreateWorkspaceForm autoFocus onCancel={() => setCreating(false)} />
          ) : (
            <Button variant="ghost" size="sm" onClick={() => setCreating(true)}>
              + New workspace
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
