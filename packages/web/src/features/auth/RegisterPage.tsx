import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { RegisterNextStep } from '../../gql/graphql';
import { EMAIL_RE, useFormErrors, validatePassword } from '../../lib/useForm';
import { useTitle } from '../../lib/useTitle';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { AuthLayout } from './AuthLayout';
import { safeNext } from './guards';

/**
 * `register` answers the same whether the address was new or already had an account (its owner
 * is mailed instead), and it starts no session: the page says what to do next, in words that hold
 * in both cases, and leads to sign-in with the address filled in.
 */
const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      email
      nextStep
    }
  }
`);

const FIELDS = ['name', 'email', 'password', 'company', 'referralCode'] as const;

interface Done {
  email: string;
  nextStep: RegisterNextStep;
}

export function RegisterPage() {
  const [params] = useSearchParams();
  // From a workspace invitation's link (via /invitations/accept): the new account joins that workspace.
  const invitation = params.get('invitation')?.trim() || null;
  const [form, setForm] = useState({ name: '', email: '', password: '', company: '', referralCode: params.get('ref')?.trim() ?? '' });
  const [done, setDone] = useState<Done | null>(null);
  const [{ fetching }, register] = useMutation(RegisterMutation);
  const { errors, setErrors, fromApi, formRef } = useFormErrors(FIELDS);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  useTitle(done ? (done.nextStep === 'CHECK_INBOX' ? 'Check your inbox' : 'Now sign in') : 'Create your account');

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
    if (result.data) return setDone(result.data.register);
    fromApi(result.error);
  }

  if (done) return <RegisterDone done={done} next={params.get('next')} />;
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

/** What comes after signing up. The same words for a new address and one that already has an account. */
function RegisterDone({ done, next }: { done: Done; next: string | null }) {
  const nextParam = next ? `?next=${encodeURIComponent(safeNext(next))}` : '';
  const signIn = (
    <Link to={`/login${nextParam}`} state={{ email: done.email }} className="btn btn-primary">
      Sign in
    </Link>
  );
  if (done.nextStep === 'CHECK_INBOX') {
    return (
      <AuthLayout title="Check your inbox">
        <div className="alert alert-success" role="status">
          We sent a message to <strong>{done.email}</strong>. If the address is new to Soash, it holds a link that confirms it (valid 48 hours): open
          it, then sign in. If the address already has an account, the message tells you how to get in.
        </div>
        <p className="small muted">Nothing after a few minutes? Check your spam folder, or sign up again to get a new message.</p>
        {signIn}
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Now sign in">
      <div className="alert alert-success" role="status">
        Sign in as <strong>{done.email}</strong> with the password you just chose: this server sends no mail, so there is no message to wait for. If the
        address already had an account, nothing about it changed: sign in with its password, or reset it.
      </div>
      {signIn}
    </AuthLayout>
  );
}
