import type { AuthChecker } from 'type-graphql';
import { unauthenticated, forbidden } from '../lib/errors.js';
import type { Context } from '../server/context.js';

/**
 * The one auth checker behind every @Authorized(). No viewer → UNAUTHENTICATED; roles given and
 * the viewer has none of them → FORBIDDEN. Ownership of objects is checked by the services.
 */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.viewer) throw unauthenticated(context.authError);
  if (roles.length > 0 && !roles.includes(context.viewer.role)) throw forbidden();
  return true;
};
