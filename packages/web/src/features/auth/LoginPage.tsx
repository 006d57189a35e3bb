import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useSession, useSessionState } from '../../lib/auth/SessionProvider';
import { EMAIL_RE, useFormErrors } from '../../lib/useForm';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { AuthLayout } from './AuthLayout';

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      accessTokenExpiresAt
    }
  }
`);

export function LoginPage() {
  useTitle('Sign in');
  const session = useSession();
  const { reason } = useSessionState();
  const [params] = useSearchParams();
  // Coming from sign-up, the address is already known.
  const arrived = useLocation().state as { email?: unknown } | null;
  const [email, setEmail] = useState(typeof arrived?.email === 'string' ? arrived.email : '');
  const [password, setPassword] = useState('');
  const [{ fetching }, login] = useMutation(LoginMutation);
  const { errors, setErrors, fromApi, formRef } = useFormErrors(['email', 'password']);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!EMAIL_RE.test(email.trim())) fields.email = 'Enter your email address, e.g. jane@example.com.';
    if (!password) fields.password = 'Enter your password.';
    if (Object.keys(fields).length) return setErrors({ fields, form: null });
    const result = await login({ input: { email: email.trim(), password } });
    if (result.data) session.signIn(result.data.login);
    else fromApi(result.error);
  }

  const registerHref = params.get('next') ? `/register?next=${encodeURIComponent(params.get('next')!)}` : '/register';
  return (
    <AuthLayout
      title="Sign in"
      intro="Welcome back to your analytics."
      footer={
        <>
          New to Soash? <Link to={registerHref}>Create an account</Link>
        </>
      }
    >
      {reason === 'session-ended' && !errors.form && (
        <div className="alert alert-info" role="status">
          Your session has ended. Sign in again to continue.
        </div>
      )}
      {reason === 'account-deleted' && (
        <div className="alert alert-success" role="status">
          Your account and its data were deleted.
        </div>
      )}
      <form ref={formRef} className="stack" onSubmit={submit} noValidate>
        <FormError message={errors.form} />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fields.email}
          required
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password}
          required
        />
        <Button type="submit" loading={fetching}>
          Sign in
        </Button>
        <Link to="/forgot-password" className="small" style={{ alignSelf: 'center' }}>
          Forgot your password?
        </Link>
      </form>
    </AuthLayout>
  );
}
