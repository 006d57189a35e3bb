import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useSession } from '../../lib/auth/SessionProvider';
import { useFormErrors, validateNewPassword } from '../../lib/useForm';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { NewPasswordFields } from '../../ui/NewPasswordFields';
import { AuthLayout } from './AuthLayout';

const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

export function ResetPasswordPage() {
  useTitle('Choose a new password');
  const session = useSession();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const [{ fetching }, reset] = useMutation(ResetPasswordMutation);
  const { errors, setErrors, fromApi, formRef } = useFormErrors(['newPassword', 'confirm', 'token']);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields = validateNewPassword(password, confirm);
    if (Object.keys(fields).length) return setErrors({ fields, form: null });
    const result = await reset({ token, newPassword: password });
    if (result.error) return fromApi(result.error);
    // The API ended every sign-in of the account, this browser's included.
    if (session.isSignedIn) session.signOut();
    setDone(true);
  }

  if (!token) {
    return (
      <AuthLayout title="This link is incomplete">
        <p>The reset link has no token. Open the link from the email again, or ask for a new one.</p>
        <Link to="/forgot-password" className="btn btn-primary">
          Ask for a new link
        </Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password" footer={<Link to="/login">Back to sign in</Link>}>
      {done ? (
        <div className="stack">
          <div className="alert alert-success" role="status">
            Your password was changed, and every device was signed out.
          </div>
          <Link to="/login" className="btn btn-primary">
            Sign in
          </Link>
        </div>
      ) : (
        <form ref={formRef} className="stack" onSubmit={submit} noValidate>
          {errors.fields.token ? (
            <div className="alert" role="alert" tabIndex={-1} data-form-error>
              {errors.fields.token} <Link to="/forgot-password">Ask for a new link</Link>
            </div>
          ) : (
            <FormError message={errors.form} />
          )}
          <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={errors.fields} />
          <Button type="submit" loading={fetching}>
            Change password
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
