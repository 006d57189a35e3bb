import { API_SCOPE_LABELS, ErrorCode, isApiScope, type ApiScope } from '@soash/shared';
import { isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { Extensions, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import { AppError, forbidden } from '../lib/errors.js';
import type { Context, Viewer } from '../server/context.js';

/**
 * Every operation (each field of Query, Mutation and Subscription) decides once what an API key
 * needs to use it, as a field extension (`apiScope`) set by one of three decorators:
 *
 * - `@Scope(ApiScope.X)`: a key needs scope X (and its creator the operation's role, @MinRole);
 * - `@AnyCredential()`: open to every caller, keys included, with no scope (health, plans…);
 * - `@SessionOnly()`: never with an API key (sign-in, passwords, the account, billing, members
 *   and invitations, key management, system admin).
 *
 * An OAuth app's access token is held to the same decisions with the scopes the user granted.
 * A session (a signed-in user) is not limited by scopes: its role decides. The one auth checker
 * (auth-checker.ts) calls assertScope for every operation behind @Authorized/@MinRole;
 * @SessionOnly adds the same check to the public operations that have no auth rule (login…).
 * A root field without a decision is refused to keys, and a schema-wide test
 * (auth/__tests__/scope.test.ts) fails while any operation lacks one.
 */
export const ANY_CREDENTIAL = 'any' as const;
export const SESSION_ONLY = 'session-only' as const;
export type ScopeDecision = ApiScope | typeof ANY_CREDENTIAL | typeof SESSION_ONLY;
export const SCOPE_EXTENSION = 'apiScope';

export function Scope(scope: ApiScope): MethodDecorator & PropertyDecorator {
  return Extensions({ [SCOPE_EXTENSION]: scope });
}

export function AnyCredential(): MethodDecorator & PropertyDecorator {
  return Extensions({ [SCOPE_EXTENSION]: ANY_CREDENTIAL });
}

const refuseKeys: MiddlewareFn<Context> = ({ context, info }, next) => {
  if (context.viewer) assertScope(context.viewer, info);
  return next();
};

export function SessionOnly(): MethodDecorator {
  const ext = Extensions({ [SCOPE_EXTENSION]: SESSION_ONLY });
  const guard = UseMiddleware(refuseKeys);
  return (target, key, descriptor) => {
    ext(target, key, descriptor);
    guard(target, key, descriptor);
  };
}

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

/** The scope decision of a root field, or undefined when it has none. */
export function scopeDecisionOf(extensions: Readonly<Record<string, unknown>> | null | undefined): ScopeDecision | undefined {
  const d = extensions?.[SCOPE_EXTENSION];
  return d === ANY_CREDENTIAL || d === SESSION_ONLY || isApiScope(d) ? d : undefined;
}

/** FORBIDDEN unless the viewer's credential may use the operation being resolved. */
export function assertScope(viewer: Viewer, info: GraphQLResolveInfo): void {
  if (viewer.credential !== 'api_key' && viewer.credential !== 'oauth') return;
  const what = viewer.credential === 'oauth' ? 'OAuth apps' : 'API keys';
  if (!ROOTS.has(info.parentType.name)) return;
  const decision = scopeDecisionOf(info.parentType.getFields()[info.fieldName]?.extensions);
  if (decision === ANY_CREDENTIAL) return;
  if (decision === undefined || decision === SESSION_ONLY) {
    throw forbidden(`${what} cannot use ${info.fieldName}; sign in to do this`);
  }
  if (!viewer.scopes?.includes(decision)) {
    const holder = viewer.credential === 'oauth' ? 'This app was not granted' : 'This API key lacks';
    throw new AppError(ErrorCode.FORBIDDEN, `${holder} the ${decision} scope (${API_SCOPE_LABELS[decision]}), needed for ${info.fieldName}`, { scope: decision });
  }
}

/** Every root field of the schema with its decision (undefined: none), for the schema-wide test and the docs. */
export function scopeDecisions(schema: GraphQLSchema): Array<{ operation: string; decision: ScopeDecision | undefined }> {
  const out: Array<{ operation: string; decision: ScopeDecision | undefined }> = [];
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root || !isObjectType(root)) continue;
    for (const f of Object.values(root.getFields())) out.push({ operation: `${root.name}.${f.name}`, decision: scopeDecisionOf(f.extensions) });
  }
  return out;
}
