import { ErrorCode } from '@soash/shared';

/**
 * Domain errors thrown by services. They carry a code from the shared enum and a message that is
 * safe to show; format-error.ts is the single place that turns them into GraphQL errors.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const unauthenticated = (message = 'You must be signed in') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(ErrorCode.FORBIDDEN, message);
export const conflict = (message: string, details?: Record<string, unknown>) => new AppError(ErrorCode.CONFLICT, message, details);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });

/** Bad input; `field` names the argument or input field at fault. */
export const badInput = (message: string, field?: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, field ? { field, ...details } : details);

export const limitExceeded = (message: string, details: Record<string, unknown>) =>
  new AppError(ErrorCode.LIMIT_EXCEEDED, message, details);

export function isDuplicateKeyError(err: unknown): err is { code: 11000; keyPattern?: Record<string, unknown> } {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
