/** A form-level message (not tied to one input); focusable so focus can move to it. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="alert" role="alert" tabIndex={-1} data-form-error>
      {message}
    </div>
  );
}
