import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useSession } from '../../lib/auth/SessionProvider';
import { errorCode } from '../../lib/errors';
import { EMAIL_RE, useFormErrors, validatePassword } from '../../lib/useForm';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { AuthLayout } from './AuthLayout';

const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      accessTokenExpiresAt
    }
  }
`);

const FIELDS = ['name', 'email', 'password', 'company', 'referralCode'] as const;

export function RegisterPage() {
  useTitle('Create your account');
  const session = useSession();
  const [params] = useSearchParams();
  // From a workspace invitation's link (via /invitations/accept): the new account joins that workspace.
  const invitation = params.get('invitation')?.trim() || null;
  const [form, setForm] = useState({ name: '', email: '', password: '', company: '', referralCode: params.get('ref')?.trim() ?? '' });
  const [{ fetching }, register] = useMutation(RegisterMutation);
  const { errors, setErrors, fromApi, formRef } = useFormErrors(FIELDS);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!form.name.trim()) fields.name = 'Enter your name.';
    if (!EMAIL_RE.test(form.email.trim())) fields.email = 'Enter an email address, e.g. jane@example.com.';
    const pw = validatePassword(form.password);
    if (pw) fields.password = pw;
    if (Object.keys(fields).length) return setErrors({ fields, form: null });
    const result = await register({
      input: {
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
        company: form.company.trim() || null,
        referralCode: form.referralCode.trim() || null,
        ...(invitation ? { invitationToken: invitation } : {}),
      },
    });
    if (result.data) return session.signIn(result.data.register);
    // "An account with this email already exists" names no field; it belongs to the email.
    if (errorCode(result.error) === 'CONFLICT') return setErrors({ fields: { email: result.error!.graphQLErrors[0]!.message }, form: null });
    fromApi(result.error);
  }

  return (
    <AuthLayout
      title="Create your account"
      intro={
        invitation
          ? 'You were invited to a workspace on Soash. Create your account with the email address the invitation was sent to, and you join it at once.'
          : 'Connect your social accounts and see what works, in one place.'
      }
      footer={
        <>
          Already have an account? <Link to="/login">Sign in</Link>
        </>
      }
    >
      <form ref={formRef} className="stack" onSubmit={submit} noValidate>
        <FormError message={errors.form} />
        <TextField label="Name" name="name" autoComplete="name" value={form.name} onChange={set('name')} error={errors.fields.name} required />
        <TextField label="Email" type="email" name="email" autoComplete="email" value={form.email} onChange={set('email')} error={errors.fields.email} required />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint="8 to 128 characters."
          value={form.password}
          onChange={set('password')}
          error={errors.fields.password}
          required
        />
        <TextField label="Company (optional)" name="company" autoComplete="organization" value={form.company} onChange={set('company')} error={errors.fields.company} />
        <TextField
          label="Referral code (optional)"
          name="referralCode"
          autoComplete="off"
          hint={params.get('ref') ? 'Filled in from your invitation link.' : 'If someone invited you, enter their code.'}
          value={form.referralCode}
          onChange={set('referralCode')}
          error={errors.fields.referralCode}
        />
        <Button type="submit" loading={fetching}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
