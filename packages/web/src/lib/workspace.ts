/**
 * The workspace (brand) the app works in. Every GraphQL request names it in the `X-Workspace-Id`
 * header; the choice is remembered in this browser (`localStorage`, key `soash.workspaceId`) so a
 * reload or a new tab opens the same one, and other tabs follow a switch.
 */
export const WORKSPACE_HEADER = 'X-Workspace-Id';
export const WORKSPACE_KEY = 'soash.workspaceId';

type Listener = () => void;

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: the choice lasts as long as the page
  }
}

export class WorkspaceChoice {
  private id: string | null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly storage: Storage | null = browserStorage(),
    target: { addEventListener(type: 'storage', listener: (e: StorageEvent) => void): void } | null = typeof window === 'undefined' ? null : window,
  ) {
    this.id = storage?.getItem(WORKSPACE_KEY) ?? null;
    // Another tab switched: follow it.
    target?.addEventListener('storage', (e: StorageEvent) => {
      if (e.key !== WORKSPACE_KEY || e.newValue === this.id) return;
      this.id = e.newValue;
      this.emit();
    });
  }

  /** The chosen workspace's id, or null (the API then picks the user's own first workspace). */
  readonly get = (): string | null => this.id;

  set(id: string | null): void {
    if (id === this.id) return;
    this.id = id;
    try {
      if (id) this.storage?.setItem(WORKSPACE_KEY, id);
      else this.storage?.removeItem(WORKSPACE_KEY);
    } catch {
      /* storage full or disabled: keep it for this page */
    }
    this.emit();
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The header that names the workspace, for a request. */
  headers(): Record<string, string> {
    return this.id ? { [WORKSPACE_HEADER]: this.id } : {};
  }

  private emit() {
    for (const l of [...this.listeners]) l();
  }
}

/** The app's one choice (tests make their own). */
export const workspaceChoice = new WorkspaceChoice();
