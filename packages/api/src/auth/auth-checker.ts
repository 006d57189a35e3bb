import type { AuthChecker } from 'type-graphql';
import { unauthenticated, forbidden } from '../lib/errors.js';
import type { Context, Viewer } from '../server/context.js';

/**
 * The viewer of a request, confirmed against the database once per request: the access token's
 * user must still exist (a token that outlived its account is UNAUTHENTICATED), and the role is the
 * one stored now (a demoted admin loses access at once, not when the token runs out). The lookup
 * goes through the request's users loaders (users.loader.ts#viewerAccount), so it is the one read of
 * the viewer's account and profile that the resolvers share.
 */
const confirmed = new WeakMap<Context, Promise<Viewer>>();

export function confirmViewer(ctx: Context): Promise<Viewer> {
  let check = confirmed.get(ctx);
  if (!check) {
    const claimed = ctx.viewer;
    if (!claimed) return Promise.reject(unauthenticated(ctx.authError));
    // viewerAccount reads account and profile in one command and primes userById with the account.
    check = ctx.loaders.viewerAccount.load(claimed.id).then(async (found) => {
      const user = found ? await ctx.loaders.userById.load(claimed.id) : null;
      if (!user) {
        ctx.viewer = null;
        ctx.authError = 'Account no longer exists';
        throw unauthenticated(ctx.authError);
      }
      if (user.role !== claimed.role) ctx.viewer = { ...claimed, role: user.role };
      return ctx.viewer!;
    });
    confirmed.set(ctx, check);
  }
  return check;
}

/**
 * The one auth checker behind every @Authorized(). No viewer, or one whose account is gone →
 * UNAUTHENTICATED; roles given and the viewer has none of them → FORBIDDEN. Ownership of objects
 * is checked by the services.
 */
export const authChecker: AuthChecker<Context> = async ({ context }, roles) => {
  if (!context.viewer && !confirmed.has(context)) throw unauthenticated(context.authError);
  const viewer = await confirmViewer(context);
  if (roles.length > 0 && !roles.includes(viewer.role)) throw forbidden();
  return true;
};
