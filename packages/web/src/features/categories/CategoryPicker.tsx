import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { toFormErrors } from '../../lib/errors';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { CATEGORIES_CONTEXT, CategoriesQuery } from './CategoriesManager';

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

/** A dialog to set a post's categories (checkboxes; Save replaces the post's set). */
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
    <ConfirmDialog open={open} title="Categories" confirmLabel="Save" busy={state.fetching} onCancel={onClose} onConfirm={() => void save()}>
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
          <p>
            You have no categories yet. <Link to="/settings#categories">Create some in settings</Link>.
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
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}
