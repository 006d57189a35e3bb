import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useSession } from '../../lib/auth/SessionProvider';
import { useFormErrors, validatePassword } from '../../lib/useForm';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      accessToken
      accessTokenExpiresAt
      refreshToken
    }
  }
`);

/** Changes the password; the API ends every other sign-in and answers new tokens for this one. */
export function PasswordForm() {
  const session = useSession();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [done, setDone] = useState(false);
  const [{ fetching }, change] = useMutation(ChangePasswordMutation);
  const { errors, setErrors, fromApi, formRef } = useFormErrors(['currentPassword', 'newPassword', 'confirm']);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => {
    setDone(false);
    setForm((f) => ({ ...f, [k]: e.target.value }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!form.currentPassword) fields.currentPassword = 'Enter your current password.';
    const pw = validatePassword(form.newPassword);
    if (pw) fields.newPassword = pw;
    else if (form.newPassword !== form.confirm) fields.confirm = 'The two passwords differ.';
    if (Object.keys(fields).length) return setErrors({ fields, form: null });
    const result = await change({ currentPassword: form.currentPassword, newPassword: form.newPassword });
    if (!result.data) return fromApi(result.error);
    session.replaceTokens(result.data.changePassword);
    setErrors({ fields: {}, form: null });
    setForm({ currentPassword: '', newPassword: '', confirm: '' });
    setDone(true);
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-label="Change password">
      <FormError message={errors.form} />
      {/* Lets password managers tie the new password to the account. */}
      <input type="text" name="username" autoComplete="username" hidden readOnly />
      <div className="form-grid">
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={form.currentPassword}
          onChange={set('currentPassword')}
          error={errors.fields.currentPassword}
          required
        />
        <span className="form-grid-gap" aria-hidden="true" />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="8 to 128 characters."
          value={form.newPassword}
          onChange={set('newPassword')}
          error={errors.fields.newPassword}
          required
        />
        <TextField
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          value={form.confirm}
          onChange={set('confirm')}
          error={errors.fields.confirm}
          required
        />
      </div>
      <div className="row">
        <Button type="submit" loading={fetching}>
          Change password
        </Button>
        {done && (
          <span className="small delta-up" role="status">
            Password changed. Other devices were signed out.
          </span>
        )}
      </div>
    </form>
  );
}
