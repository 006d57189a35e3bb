import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldShell {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Shell({ id, label, hint, error, children }: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** A labelled input whose hint and error are tied to it for assistive technology. */
export function TextField({ label, hint, error, id, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Shell id={fid} label={label} hint={hint} error={error}>
      <input id={fid} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(fid, hint, error)} {...input} />
    </Shell>
  );
}

export function TextAreaField({ label, hint, error, id, ...input }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Shell id={fid} label={label} hint={hint} error={error}>
      <textarea id={fid} className="textarea" aria-invalid={error ? true : undefined} aria-describedby={describedBy(fid, hint, error)} {...input} />
    </Shell>
  );
}

export function SelectField({ label, hint, error, id, children, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Shell id={fid} label={label} hint={hint} error={error}>
      <select id={fid} className="select" aria-invalid={error ? true : undefined} aria-describedby={describedBy(fid, hint, error)} {...select}>
        {children}
      </select>
    </Shell>
  );
}
