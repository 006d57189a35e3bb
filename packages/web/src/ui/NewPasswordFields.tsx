import { TextField } from './Field';

interface Props {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  errors: { newPassword?: string; confirm?: string };
}

/** A new password and its repetition, with the API's length rule as the hint. */
export function NewPasswordFields({ password, confirm, onPassword, onConfirm, errors }: Props) {
  return (
    <>
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="8 to 128 characters."
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={errors.newPassword}
        required
      />
      <TextField
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={errors.confirm}
        required
      />
    </>
  );
}
