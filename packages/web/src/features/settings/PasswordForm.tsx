import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useSession } from '../../lib/auth/SessionProvider';
import { useFormErrors, validateNewPassword } from '../../lib/useForm';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { NewPasswordFields } from '../../ui/NewPasswordFields';

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      accessToken
      accessTokenExpiresAt
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
  const set = (k: keyof typeof form) => (value: string) => {
    setDone(false);
    setForm((f) => ({ ...f, [k]: value }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = validateNewPassword(form.newPassword, form.confirm);
    if (!form.currentPassword) fields.currentPassword = 'Enter your current password.';
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
          onChange={(e) => set('currentPassword')(e.target.value)}
          error={errors.fields.currentPassword}
          required
        />
        <span className="form-grid-gap" aria-hidden="true" />
        <NewPasswordFields
          password={form.newPassword}
          confirm={form.confirm}
          onPassword={set('newPassword')}
          onConfirm={set('confirm')}
          errors={errors.fields}
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
