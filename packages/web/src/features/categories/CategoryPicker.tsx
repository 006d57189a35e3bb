import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { toFormErrors } from '../../lib/errors';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { CATEGORIES_CONTEXT, CategoriesQuery, CreateCategoryMutation, SWATCHES } from './CategoriesManager';

const AssignCategoriesMutation = graphql(`
  mutation AssignCategories($activityId: ID!, $categoryIds: [ID!]!) {
    assignCategories(activityId: $activityId, categoryIds: $categoryIds) {
      id
      categories {
        id
        name
        colorCode
      }
    }
  }
`);

/** Whether two sets of ids differ. */
function changed(a: ReadonlySet<string>, b: readonly string[]): boolean {
  return a.size !== new Set(b).size || b.some((id) => !a.has(id));
}

/**
 * A dialog to set a post's categories (checkboxes; Save replaces the post's set, and is offered
 * only once something changed). A new category can be created right here, ticked at once.
 */
export function CategoryPicker({
  open,
  activityId,
  postLabel,
  selected,
  onClose,
}: {
  open: boolean;
  activityId: string;
  postLabel: string;
  selected: readonly string[];
  onClose: () => void;
}) {
  const [{ data, error: loadError }, reload] = useQuery({ query: CategoriesQuery, pause: !open, context: CATEGORIES_CONTEXT });
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(selected));
  const [state, assign] = useMutation(AssignCategoriesMutation);
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [newError, setNewError] = useState<string | null>(null);
  const [creation, create] = useMutation(CreateCategoryMutation);
  const count = data?.categories.length ?? 0;

  async function createInline(e?: FormEvent) {
    e?.preventDefault();
    const name = newName.trim();
    if (!name) return setNewError('Enter a name for the category.');
    const r = await create({ input: { name, colorCode: SWATCHES[count % SWATCHES.length]! } }, CATEGORIES_CONTEXT);
    if (r.error || !r.data) return setNewError(toFormErrors(r.error, ['name']).fields.name ?? toFormErrors(r.error).form ?? 'The category could not be created.');
    setNewError(null);
    setNewName('');
    const id = r.data.createCategory.id;
    setChosen((s) => new Set(s).add(id));
    reload({ requestPolicy: 'network-only' });
  }
  const toggle = (id: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  async function save() {
    const r = await assign({ activityId, categoryIds: [...chosen] });
    if (r.error) return setError(toFormErrors(r.error).form ?? 'The categories could not be saved.');
    setError(null);
    onClose();
  }

  return (
    <ConfirmDialog open={open} title="Categories" confirmLabel="Save" busy={state.fetching} confirmDisabled={!changed(chosen, selected)} onCancel={onClose} onConfirm={() => void save()}>
      <div className="stack" style={{ gap: 10, color: 'var(--c-text)' }}>
        <p className="small muted" style={{ margin: 0 }}>
          {postLabel}
        </p>
        {!data ? (
          loadError ? (
            <ErrorState title="Categories could not be loaded" error={loadError} onRetry={() => reload({ requestPolicy: 'network-only' })} />
          ) : (
            <LoadingBlock lines={3} height={20} label="Loading categories" />
          )
        ) : data.categories.length === 0 ? (
          <p style={{ margin: 0 }}>
            You have no categories yet. Create one below (or manage them all in <Link to="/settings#categories">settings</Link>).
          </p>
        ) : (
          <fieldset className="checklist">
            <legend className="sr-only">Categories of this post</legend>
            {data.categories.map((c) => (
              <label key={c.id}>
                <input type="checkbox" checked={chosen.has(c.id)} onChange={() => toggle(c.id)} />
                <span className="chip-dot" style={{ background: c.colorCode }} aria-hidden="true" />
                {c.name}
              </label>
            ))}
          </fieldset>
        )}
        {data && (
          <div className="row inline-create" style={{ alignItems: 'flex-end', gap: 8 }}>
            <div style={{ flex: '1 1 180px' }}>
              <TextField
                label={count ? 'New category' : 'Name of your first category'}
                value={newName}
                placeholder="e.g. Behind the scenes"
                error={newError}
                maxLength={50}
                onChange={(e) => {
                  setNewName(e.target.value);
                  setNewError(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void createInline(e);
                }}
              />
            </div>
            <Button variant="secondary" loading={creation.fetching} onClick={() => void createInline()}>
              Create and tick
            </Button>
          </div>
        )}
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}
