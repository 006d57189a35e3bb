import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useSession } from '../../lib/auth/SessionProvider';
import { toFormErrors } from '../../lib/errors';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';

const LogoutEverywhereMutation = graphql(`
  mutation LogoutEverywhere {
    logout(allSessions: true)
  }
`);

const DeleteAccountMutation = graphql(`
  mutation DeleteAccount($password: String!) {
    deleteAccount(password: $password)
  }
`);

/** Sign out everywhere, and delete the account after confirming the password. */
export function DangerZone() {
  const session = useSession();
  const [everywhere, logoutEverywhere] = useMutation(LogoutEverywhereMutation);
  const [deletion, deleteAccount] = useMutation(DeleteAccountMutation);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function signOutEverywhere() {
    const result = await logoutEverywhere({});
    if (!result.error) session.signOut();
  }

  async function confirmDelete(e?: FormEvent) {
    e?.preventDefault();
    if (!password) return setError('Enter your password to confirm.');
    const result = await deleteAccount({ password });
    if (result.data?.deleteAccount) return session.signOut('account-deleted');
    const errs = toFormErrors(result.error, ['password']);
    setError(errs.fields.password ?? errs.form ?? 'The account could not be deleted.');
  }

  function close() {
    setOpen(false);
    setPassword('');
    setError(null);
  }

  return (
    <div className="stack">
      <div className="danger-row">
        <div>
          <h3>Sign out everywhere</h3>
          <p className="muted small">Ends every session of your account, on every device, this one included.</p>
          {everywhere.error && (
            <p className="error small" role="alert">
              {toFormErrors(everywhere.error).form}
            </p>
          )}
        </div>
        <Button variant="secondary" loading={everywhere.fetching} onClick={() => void signOutEverywhere()}>
          Sign out everywhere
        </Button>
      </div>
      <div className="danger-row">
        <div>
          <h3>Delete account</h3>
          <p className="muted small">Deletes your account, connected accounts, posts, statistics, insights and referral codes. This cannot be undone.</p>
        </div>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete account…
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        title="Delete your account?"
        confirmLabel="Delete account"
        danger
        busy={deletion.fetching}
        onCancel={close}
        onConfirm={() => void confirmDelete()}
      >
        <form className="stack" onSubmit={(e) => void confirmDelete(e)} noValidate>
          <p>Everything in your account is deleted at once. Enter your password to confirm.</p>
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setError(null);
            }}
            error={error}
            autoFocus
          />
        </form>
      </ConfirmDialog>
    </div>
  );
}
