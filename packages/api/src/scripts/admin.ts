import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { connectDatabase, disconnectDatabase } from '../db/connection.js';
import { acquireDatabaseServer } from '../db/harness.js';
import { ADMIN_USAGE, runAdminCommand } from '../modules/users/admin-role.js';

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
let code = 1;
try {
  loadDotEnv();
  const config = loadConfig();
  const database = await acquireDatabaseServer({ persistDir: join(config.dataDir, 'db'), persistentPort: config.EMBEDDED_DB_PORT, info: () => undefined, warn: () => undefined });
  try {
    await connectDatabase(database.uri, { dbName: config.MONGODB_DB });
    const result = await runAdminCommand(argv);
    (result.code === 0 ? console.log : console.error)(result.out);
    code = result.code;
  } finally {
    await disconnectDatabase().catch(() => undefined);
    await database.stop().catch(() => undefined);
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `admin: ${err instanceof Error ? err.message : String(err)}`);
}
process.exit(code);
