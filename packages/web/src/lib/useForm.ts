import { useCallback, useEffect, useRef, useState } from 'react';
import type { CombinedError } from 'urql';
import { NO_ERRORS, toFormErrors, type FormErrors } from './errors';

/**
 * Error state for a form. When errors appear, focus moves to the first invalid input (or the
 * form's message), so keyboard and screen-reader users land on what needs fixing.
 */
export function useFormErrors(known?: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const formRef = useRef<HTMLFormElement>(null);
  const knownRef = useRef(known);
  knownRef.current = known;
  useEffect(() => {
    if (!errors.form && !Object.keys(errors.fields).length) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[data-form-error]');
    target?.focus();
  }, [errors]);
  const fromApi = useCallback((error: CombinedError | undefined | null) => setErrors(toFormErrors(error, knownRef.current)), []);
  const clear = useCallback(() => setErrors(NO_ERRORS), []);
  return { errors, setErrors, fromApi, clear, formRef };
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validatePassword(password: string): string | null {
  if (password.length < 8) return 'Use at least 8 characters.';
  if (password.length > 128) return 'Use at most 128 characters.';
  return null;
}

/** Field errors for a new password typed twice (`newPassword`, `confirm`); empty when both are fine. */
export function validateNewPassword(password: string, confirm: string): Record<string, string> {
  const problem = validatePassword(password);
  if (problem) return { newPassword: problem };
  if (password !== confirm) return { confirm: 'The two passwords differ.' };
  return {};
}
