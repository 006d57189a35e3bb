import { API_SCOPES, ApiScope } from '@soash/shared';
import { describe, expect, it } from 'vitest';
import { buildAppSchema } from '../../server/schema.js';
import { ANY_CREDENTIAL, SESSION_ONLY, scopeDecisions } from '../scope.js';

describe('API key scopes: every operation decides', () => {
  it('each field of Query, Mutation and Subscription has a scope decision (@Scope, @AnyCredential or @SessionOnly)', async () => {
    const decisions = scopeDecisions(await buildAppSchema());
    expect(decisions.length).toBeGreaterThan(50);
    expect(decisions.filter((d) => d.decision === undefined).map((d) => d.operation)).toEqual([]);
  });

  it('keys never sign in, change passwords or the account, pay, manage members or keys, or act as system admin', async () => {
    const byOp = new Map(scopeDecisions(await buildAppSchema()).map((d) => [d.operation, d.decision]));
    const closed = [
      'Mutation.login', 'Mutation.register', 'Mutation.refreshToken', 'Mutation.logout', 'Mutation.changePassword', 'Mutation.resetPassword',
      'Mutation.requestPasswordReset', 'Mutation.deleteAccount', 'Mutation.updateAccount', 'Mutation.changeSubscription',
      'Mutation.createApiKey', 'Mutation.revokeApiKey', 'Mutation.rotateApiKey', 'Query.apiKeys',
      'Mutation.invite', 'Mutation.changeRole', 'Mutation.removeMember', 'Mutation.transferOwnership', 'Mutation.acceptInvitation',
      'Mutation.createWorkspace', 'Query.users', 'Mutation.adminUpdateUser', 'Mutation.adminDeleteUser', 'Query.me', 'Query.workspaces',
    ];
    for (const op of closed) expect([op, byOp.get(op)]).toEqual([op, SESSION_ONLY]);
    expect(byOp.get('Query.health')).toBe(ANY_CREDENTIAL);
    expect(byOp.get('Query.overview')).toBe(ApiScope.ANALYTICS_READ);
    expect(byOp.get('Query.reportData')).toBe(ApiScope.REPORTS_READ);
    expect(byOp.get('Mutation.createCustomReport')).toBe(ApiScope.REPORTS_WRITE);
    expect(byOp.get('Subscription.syncProgress')).toBe(ApiScope.PLATFORMS_READ);
  });

  it('every scope is used by some operation', async () => {
    const used = new Set(scopeDecisions(await buildAppSchema()).map((d) => d.decision));
    expect(API_SCOPES.filter((s) => !used.has(s))).toEqual([]);
    expect(used.has(ApiScope.WEBHOOKS_WRITE)).toBe(true);
  });
});
