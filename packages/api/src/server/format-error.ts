import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isErrorCode } from '@soash/shared';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import mongoose from 'mongoose';
import { ArgumentValidationError } from 'type-graphql';
import { AppError, isDuplicateKeyError } from '../lib/errors.js';
import { log } from '../lib/logger.js';
import { tokenLimitError } from './plugins/limits.js';

interface FieldProblem {
  field: string;
  messages: string[];
}

function validationProblems(err: ArgumentValidationError): FieldProblem[] {
  const out: FieldProblem[] = [];
  const walk = (errors: ArgumentValidationError['extensions']['validationErrors'], prefix: string) => {
    for (const e of errors ?? []) {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      if (e.constraints) out.push({ field, messages: Object.values(e.constraints) });
      if (e.children?.length) walk(e.children as typeof errors, field);
    }
  };
  walk(err.extensions.validationErrors, '');
  return out;
}

/** Apollo's own request-level codes, folded into the shared enum. */
const APOLLO_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: ErrorCode.BAD_USER_INPUT,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.BAD_USER_INPUT,
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  BAD_REQUEST: ErrorCode.BAD_USER_INPUT,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.BAD_USER_INPUT,
  PERSISTED_QUERY_NOT_FOUND: ErrorCode.BAD_USER_INPUT,
  PERSISTED_QUERY_NOT_SUPPORTED: ErrorCode.BAD_USER_INPUT,
};

/**
 * The one translation point from thrown errors to what clients see: a message that is safe to
 * show and `extensions.code` from the shared enum. Anything unexpected is logged in full and
 * answered as INTERNAL with a generic message — no stack traces, no internals.
 */
/** The AppError behind a request-level error (limits, introspection), if there is one. */
function appErrorIn(error: unknown): AppError | undefined {
  for (let e = error, i = 0; e && i < 5; i++) {
    if (e instanceof AppError) return e;
    e = e instanceof GraphQLError ? e.originalError : undefined;
  }
  return undefined;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = appErrorIn(error) ?? unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof AppError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof ArgumentValidationError) {
    const problems = validationProblems(original);
    const message = problems.length
      ? `Invalid input: ${problems.map((p) => `${p.field}: ${p.messages.join(', ')}`).join('; ')}`
      : 'Invalid input';
    return { ...base, message, extensions: { code: ErrorCode.BAD_USER_INPUT, fields: problems } };
  }
  if (original instanceof mongoose.Error.ValidationError) {
    const problems = Object.entries(original.errors).map(([field, e]) => ({ field, messages: [e.message] }));
    return {
      ...base,
      message: `Invalid input: ${problems.map((p) => `${p.field}: ${p.messages[0]}`).join('; ')}`,
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields: problems },
    };
  }
  if (original instanceof mongoose.Error.CastError) {
    return { ...base, message: `Invalid value for ${original.path}`, extensions: { code: ErrorCode.BAD_USER_INPUT, field: original.path } };
  }
  if (isDuplicateKeyError(original)) {
    const fields = Object.keys(original.keyPattern ?? {});
    return {
      ...base,
      message: fields.length ? `Already exists: ${fields.join(', ')}` : 'Already exists',
      extensions: { code: ErrorCode.CONFLICT, fields },
    };
  }
  const code = formatted.extensions?.code;
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitError(formatted.message) : undefined;
  if (tokens) return { ...base, message: tokens.message, extensions: { code: tokens.code, ...tokens.details } };
  if (typeof code === 'string' && APOLLO_CODES[code]) {
    return { ...base, message: formatted.message, extensions: { code: APOLLO_CODES[code] } };
  }
  if (isErrorCode(code) && code !== ErrorCode.INTERNAL) {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  // graphql-js's own request errors (variable coercion, including its "too many errors" stop)
  // carry no path and no original error: they describe the request, so they are the caller's.
  if (error instanceof GraphQLError && !error.path && !error.originalError && error.extensions.code === undefined) {
    return { ...base, message: formatted.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  // A GraphQL error raised by graphql-js itself during execution with no original error
  // (e.g. a non-null field resolved to null) is a server bug too: mask it.
  log.error('unexpected error while serving GraphQL', {
    path: formatted.path,
    error: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : String(original),
  });
  return { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL } };
}
