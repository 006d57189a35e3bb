import { Role } from '../../lib/graphql-enums.js';
import { normalizeEmail, UserModel } from './user.model.js';

/**
 * Granting and taking back the admin role, for the operator's command line
 * (`npm run admin -- promote <email>`); there is deliberately no GraphQL path to become an admin
 * from a normal account. The role is read from the database on every request (auth/auth-checker.ts),
 * so a change takes effect at the account's next request, without signing in again.
 */
export type RoleChange = { ok: true; email: string; role: Role; changed: boolean } | { ok: false; message: string };

export async function setRoleByEmail(rawEmail: string, role: Role): Promise<RoleChange> {
  const email = normalizeEmail(rawEmail ?? '');
  if (!email) return { ok: false, message: 'give the email address of an existing account' };
  const before = await UserModel.findOneAndUpdate({ email }, { $set: { role } }, { returnDocument: 'before' }).lean();
  if (!before) return { ok: false, message: `no account with the email ${email}` };
  return { ok: true, email, role, changed: before.role !== role };
}

export const ADMIN_USAGE = [
  'usage: npm run admin -- <command> <email>',
  '',
  '  promote <email>   give the account the admin role',
  '  demote <email>    make the account a normal user again',
].join('\n');

/** Runs one admin command (argv without node and script); the exit code and what to print. */
export async function runAdminCommand(argv: string[]): Promise<{ code: number; out: string }> {
  const [command, email, ...rest] = argv;
  if ((command !== 'promote' && command !== 'demote') || !email || rest.length > 0) return { code: 2, out: ADMIN_USAGE };
  const result = await setRoleByEmail(email, command === 'promote' ? Role.ADMIN : Role.USER);
  if (!result.ok) return { code: 1, out: result.message };
  const what = result.role === Role.ADMIN ? 'an admin' : 'a normal user';
  return { code: 0, out: result.changed ? `${result.email} is now ${what}` : `${result.email} was already ${what}` };
}
