import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginViaApi, registerViaApi } from '../../../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { ADMIN_USAGE, runAdminCommand } from '../admin-role.js';
import { UserModel } from '../user.model.js';

/** `npm run admin -- promote <email>`: the documented way to try the admin views. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const USERS = '{ users(first: 1) { totalCount } }';

describe('admin CLI: successful cases', () => {
  it('promote gives an account the admin role, effective at its next request; demote takes it back', async () => {
    const reg = await registerViaApi(server);
    expect((await server.gql(USERS, {}, reg.accessToken)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect(await runAdminCommand(['promote', `  ${reg.email.toUpperCase()} `])).toEqual({ code: 0, out: `${reg.email} is now an admin` });
    expect((await UserModel.findById(reg.user.id).lean())!.role).toBe('admin');
    // The same access token now opens the admin views: the role is read from the account.
    expect((await server.gql(USERS, {}, reg.accessToken)).body.errors).toBeUndefined();
    expect((await loginViaApi(server, reg.email)).body.data!.login.user.role).toBe('ADMIN');
    expect(await runAdminCommand(['promote', reg.email])).toEqual({ code: 0, out: `${reg.email} was already an admin` });

    expect(await runAdminCommand(['demote', reg.email])).toEqual({ code: 0, out: `${reg.email} is now a normal user` });
    expect((await server.gql(USERS, {}, reg.accessToken)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('admin CLI: failing cases', () => {
  it('refuses unknown accounts and commands, changing nothing', async () => {
    const before = await UserModel.countDocuments({ role: 'admin' });
    expect(await runAdminCommand(['promote', 'nobody@example.test'])).toEqual({ code: 1, out: 'no account with the email nobody@example.test' });
    expect(await runAdminCommand(['promote'])).toEqual({ code: 2, out: ADMIN_USAGE });
    expect(await runAdminCommand(['grant', 'a@b.test'])).toEqual({ code: 2, out: ADMIN_USAGE });
    expect(await runAdminCommand(['promote', 'a@b.test', 'extra'])).toEqual({ code: 2, out: ADMIN_USAGE });
    expect(await UserModel.countDocuments({ role: 'admin' })).toBe(before);
  });
});
