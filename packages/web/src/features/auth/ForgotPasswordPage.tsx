import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { EMAIL_RE, useFormErrors } from '../../lib/useForm';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { AuthLayout } from './AuthLayout';

const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export function ForgotPasswordPage() {
  useTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [{ fetching }, request] = useMutation(RequestPasswordResetMutation);
  const { errors, setErrors, fromApi, formRef } = useFormErrors(['email']);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!EMAIL_RE.test(email.trim())) return setErrors({ fields: { email: 'Enter the email address you signed up with.' }, form: null });
    const result = await request({ email: email.trim() });
    if (result.error) fromApi(result.error);
    else setSentTo(email.trim());
  }

  return (
    <AuthLayout
      title="Reset your password"
      intro="We will email you a link to choose a new password."
      footer={
        <>
          Remembered it? <Link to="/login">Sign in</Link>
        </>
      }
    >
      {sentTo ? (
        <div className="alert alert-success" role="status">
          If an account exists for <strong>{sentTo}</strong>, a reset link is on its way. It works for one hour. Check your spam folder if it does not
          arrive in a few minutes.
        </div>
      ) : (
        <form ref={formRef} className="stack" onSubmit={submit} noValidate>
          <FormError message={errors.form} />
          <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} required />
          <Button type="submit" loading={fetching}>
            Send reset link
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
