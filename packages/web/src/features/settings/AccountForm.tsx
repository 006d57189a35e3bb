import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql, type FragmentType, getFragmentData } from '../../gql';
import { useFormErrors } from '../../lib/useForm';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';

export const AccountFormFragment = graphql(`
  fragment AccountForm_User on User {
    id
    name
    firstName
    lastName
    company
    email
  }
`);

const UpdateAccountMutation = graphql(`
  mutation UpdateAccount($input: UpdateAccountInput!) {
    updateAccount(input: $input) {
      id
      ...AccountForm_User
    }
  }
`);

const FIELDS = ['name', 'firstName', 'lastName', 'company'] as const;

/** Name and company. Empty optional fields are cleared (sent as null). */
export function AccountForm({ user: masked }: { user: FragmentType<typeof AccountFormFragment> }) {
  const user = getFragmentData(AccountFormFragment, masked);
  const [form, setForm] = useState({ name: user.name, firstName: user.firstName ?? '', lastName: user.lastName ?? '', company: user.company ?? '' });
  const [saved, setSaved] = useState(false);
  const [{ fetching }, update] = useMutation(UpdateAccountMutation);
  const { errors, setErrors, fromApi, formRef } = useFormErrors(FIELDS);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => {
    setSaved(false);
    setForm((f) => ({ ...f, [k]: e.target.value }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.name.trim()) return setErrors({ fields: { name: 'Enter your name.' }, form: null });
    const result = await update({
      input: { name: form.name.trim(), firstName: form.firstName.trim() || null, lastName: form.lastName.trim() || null, company: form.company.trim() || null },
    });
    if (result.error) return fromApi(result.error);
    setErrors({ fields: {}, form: null });
    setSaved(true);
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-label="Account">
      <FormError message={errors.form} />
      <div className="form-grid">
        <TextField label="Display name" autoComplete="name" value={form.name} onChange={set('name')} error={errors.fields.name} required />
        <TextField label="Email" type="email" value={user.email} readOnly hint="Your sign-in address." />
        <TextField label="First name" autoComplete="given-name" value={form.firstName} onChange={set('firstName')} error={errors.fields.firstName} />
        <TextField label="Last name" autoComplete="family-name" value={form.lastName} onChange={set('lastName')} error={errors.fields.lastName} />
        <TextField label="Company" autoComplete="organization" value={form.company} onChange={set('company')} error={errors.fields.company} />
      </div>
      <div className="row">
        <Button type="submit" loading={fetching}>
          Save account
        </Button>
        {saved && (
          <span className="small delta-up" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
