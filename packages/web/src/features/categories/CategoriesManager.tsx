import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorCode, toFormErrors } from '../../lib/errors';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions } from '../workspaces/workspace';

export const CategoriesQuery = graphql(`
  query Categories {
    categories {
      id
      name
      colorCode
    }
  }
`);

export const CreateCategoryMutation = graphql(`
  mutation CreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      id
      name
      colorCode
    }
  }
`);

const UpdateCategoryMutation = graphql(`
  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) {
    updateCategory(id: $id, input: $input) {
      id
      name
      colorCode
    }
  }
`);

const DeleteCategoryMutation = graphql(`
  mutation DeleteCategory($id: ID!) {
    deleteCategory(id: $id)
  }
`);

/**
 * The document cache refetches a query when a mutation returns a type the query's result holds;
 * an empty list holds none, so name the type (a module constant keeps the context stable).
 */
export const CATEGORIES_CONTEXT = { additionalTypenames: ['ContentCategory'] };

export const SWATCHES = ['#5B3DF5', '#12925B', '#E0742B', '#2B8FE0', '#C23FA4', '#D1344B', '#B86E00', '#7A8599'];

/** A colour input with a few ready swatches (the input itself accepts any colour). */
function ColourChoice({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  return (
    <div className="field">
      <span className="field-label" id={`${label}-label`}>
        {label}
      </span>
      <div className="row" style={{ gap: 6 }} role="group" aria-labelledby={`${label}-label`}>
        {SWATCHES.map((c) => (
          <button key={c} type="button" className="swatch" style={{ background: c }} aria-label={`Colour ${c}`} aria-pressed={value.toUpperCase() === c} onClick={() => onChange(c)} />
        ))}
        <input type="color" className="swatch-input" value={value} onChange={(e) => onChange(e.target.value.toUpperCase())} aria-label={`${label}: any colour`} />
      </div>
    </div>
  );
}

type Errors = { name?: string; colorCode?: string; form?: string | null };

function errorsOf(error: Parameters<typeof toFormErrors>[0]): Errors {
  const e = toFormErrors(error, ['name', 'colorCode']);
  return { ...e.fields, form: e.form };
}

function CategoryRow({ category, readOnly }: { category: { id: string; name: string; colorCode: string }; readOnly: boolean }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(category.name);
  const [colour, setColour] = useState(category.colorCode);
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const [update, runUpdate] = useMutation(UpdateCategoryMutation);
  const [removal, runDelete] = useMutation(DeleteCategoryMutation);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setErrors({ name: 'Enter a name.' });
    const r = await runUpdate({ id: category.id, input: { name: name.trim(), colorCode: colour } });
    if (r.error) return setErrors(errorsOf(r.error));
    setErrors({});
    setEditing(false);
  }

  if (editing) {
    return (
      <li className="category-row editing">
        <form className="stack" onSubmit={save} noValidate aria-label={`Edit ${category.name}`}>
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={50} autoFocus />
          <ColourChoice label="Colour" value={colour} onChange={setColour} />
          {(errors.form || errors.colorCode) && (
            <p className="error small" role="alert">
              {errors.form ?? errors.colorCode}
            </p>
          )}
          <div className="row">
            <Button type="submit" size="sm" loading={update.fetching}>
              Save
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setEditing(false);
                setName(category.name);
                setColour(category.colorCode);
                setErrors({});
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="category-row">
      <span className="chip">
        <span className="chip-dot" style={{ background: category.colorCode }} aria-hidden="true" />
        {category.name}
      </span>
      {!readOnly && (
        <span className="row" style={{ gap: 4 }}>
          <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label={`Edit ${category.name}`}>
            Edit
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${category.name}`}>
            Delete
          </Button>
        </span>
      )}
      {removal.error && (
        <span className="error small" role="alert">
          {toFormErrors(removal.error).form}
        </span>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete “${category.name}”?`}
        confirmLabel="Delete category"
        danger
        busy={removal.fetching}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          // The answer is a Boolean, so name what changed: the category lists and the posts carrying it.
          await runDelete({ id: category.id }, { additionalTypenames: ['ContentCategory', 'Activity'] });
          setConfirming(false);
        }}
      >
        The category is removed from every post. The posts themselves stay.
      </ConfirmDialog>
    </li>
  );
}

/** Create, rename, recolour and delete content categories. */
export function CategoriesManager() {
  const [{ data, error }, refetch] = useQuery({ query: CategoriesQuery, context: CATEGORIES_CONTEXT });
  const [name, setName] = useState('');
  const [colour, setColour] = useState(SWATCHES[0]!);
  const [errors, setErrors] = useState<Errors>({});
  const [created, create] = useMutation(CreateCategoryMutation);
  const mayManage = usePermissions().can('manageCategories');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setErrors({ name: 'Enter a name, e.g. Behind the scenes.' });
    const r = await create({ input: { name: name.trim(), colorCode: colour } });
    if (r.error) return setErrors(errorCode(r.error) === 'LIMIT_EXCEEDED' ? { form: r.error.graphQLErrors[0]?.message } : errorsOf(r.error));
    setErrors({});
    setName('');
    setColour(SWATCHES[((data?.categories.length ?? 0) + 1) % SWATCHES.length]!);
  }

  return (
    <div className="stack">
      {!data ? (
        error ? (
          <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <LoadingBlock lines={3} height={24} label="Loading categories" />
        )
      ) : data.categories.length === 0 ? (
        <EmptyState title="No categories yet">
          {mayManage.allowed
            ? 'Create one below, then tag posts with it from the posts list or a post’s page, and filter and compare by it.'
            : 'An editor, admin or the owner of this workspace can create them.'}
        </EmptyState>
      ) : (
        <ul className="category-list" aria-label="Your categories">
          {data.categories.map((c) => (
            <CategoryRow key={`${c.id}:${c.name}:${c.colorCode}`} category={c} readOnly={!mayManage.allowed} />
          ))}
        </ul>
      )}
      <RoleNote permission={mayManage} />
      {mayManage.allowed && (
        <form className="stack category-create" onSubmit={submit} noValidate aria-label="Add a category">
          <div className="form-grid">
            <TextField label="New category" placeholder="e.g. Behind the scenes" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={50} />
            <ColourChoice label="Colour" value={colour} onChange={setColour} />
          </div>
          {(errors.form || errors.colorCode) && (
            <p className="error small" role="alert">
              {errors.form ?? errors.colorCode}
            </p>
          )}
          <div>
            <Button type="submit" variant="secondary" loading={created.fetching}>
              Add category
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
