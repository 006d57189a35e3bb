import type { CombinedError } from 'urql';
import { humanizeMessage } from './fieldLabels';

export interface FormErrors {
  /** Messages by input field (the API's `extensions.field` / `extensions.fields`). */
  fields: Record<string, string>;
  /** What belongs to the form as a whole (no field, or a field the form does not show). */
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** `input.timezone` → `timezone`: forms name their inputs by the last segment. */
function leaf(field: string): string {
  const i = field.lastIndexOf('.');
  return i === -1 ? field : field.slice(i + 1);
}

function minutes(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  return `${Math.round(seconds / 60)} minutes`;
}

/** The code the API put in `extensions.code` (the first one), if any. */
export function errorCode(error: CombinedError | null | undefined): string | null {
  const code = error?.graphQLErrors.find((e) => typeof e.extensions?.code === 'string')?.extensions?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * Spreads an API error over a form: field errors next to their inputs, the rest on top.
 * `known` lists the fields the form shows; errors for other fields go to the form message.
 */
export function toFormErrors(error: CombinedError | null | undefined, known?: readonly string[]): FormErrors {
  if (!error) return NO_ERRORS;
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  const put = (field: string, raw: string) => {
    const name = leaf(field);
    const message = humanizeMessage(raw);
    if (known && !known.includes(name)) rest.push(message);
    else fields[name] = fields[name] ? `${fields[name]} ${message}` : message;
  };
  for (const e of error.graphQLErrors) {
    const ext = e.extensions ?? {};
    const list = Array.isArray(ext.fields) ? (ext.fields as unknown[]) : null;
    if (list && list.length) {
      // Validation answers [{ field, messages }]; a unique-index conflict answers ["field"].
      for (const f of list) {
        if (typeof f === 'string') put(f, e.message);
        else if (typeof f === 'object' && f !== null && typeof (f as { field?: unknown }).field === 'string') {
          const { field, messages } = f as { field: string; messages?: string[] };
          put(field, (messages?.length ? messages.map(humanizeMessage) : [e.message]).join(' '));
        } else rest.push(humanizeMessage(e.message));
      }
    } else if (typeof ext.field === 'string') {
      put(ext.field, e.message);
    } else if (ext.code === 'RATE_LIMITED' && typeof ext.retryAfterSeconds === 'number') {
      rest.push(`Too many attempts. Try again in ${minutes(ext.retryAfterSeconds)}.`);
    } else {
      rest.push(humanizeMessage(e.message));
    }
  }
  if (!error.graphQLErrors.length) rest.push(error.networkError ? 'Cannot reach the server. Check your connection and try again.' : error.message);
  return { fields, form: rest.length ? rest.join(' ') : null };
}
