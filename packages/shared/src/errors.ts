/**
 * The one list of error codes the API puts in `extensions.code`.
 * Clients switch on these; never on messages.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A subscription tier limit (platforms, history) was reached. */
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** The operation is over a resource limit (cost, depth, aliases, tokens, directives); `extensions` says which. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A password-protected share link was opened without its password. */
  PASSWORD_REQUIRED: 'PASSWORD_REQUIRED',
  /** A share link's password was wrong. */
  BAD_PASSWORD: 'BAD_PASSWORD',
  /** The server could not render a PDF (no browser installed, or the print failed or timed out); other formats still work. */
  PDF_UNAVAILABLE: 'PDF_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
