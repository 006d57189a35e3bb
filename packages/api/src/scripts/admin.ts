import 'reflect-metadata';
import { ADMIN_USAGE, runAdminCommand } from '../modules/users/admin-role.js';
import { runWithDatabase } from './with-database.js';

/**
 * The operator's command line: `npm run admin -- promote <email>` (or `demote`). It uses the same
 * database as the API: MONGODB_URI when set, otherwise the embedded database in DATA_DIR (stop
 * `npm start` first: the embedded database is held by the process that runs it).
 */
const argv = process.argv.slice(2);
if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
  console.log(ADMIN_USAGE);
  process.exit(argv.length === 0 ? 2 : 0);
}
await runWithDatabase('admin', async () => {
  const result = await runAdminCommand(argv);
  (result.code === 0 ? console.log : console.error)(result.out);
  return result.code;
});
