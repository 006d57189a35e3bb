import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { connectDatabase, disconnectDatabase } from '../db/connection.js';
import { acquireDatabaseServer } from '../db/harness.js';
import { migrateToWorkspaces } from '../modules/workspaces/workspace-migration.js';

/**
 * `npm run migrate`: runs the one-time move to workspaces now (every process also runs it at start,
 * before serving). Safe to run any number of times; `--force` re-checks every step even after it
 * completed once. Uses the same database as the API (MONGODB_URI, else the embedded one in DATA_DIR:
 * stop `npm start` first).
 */
let code = 1;
try {
  loadDotEnv();
  const config = loadConfig();
  const database = await acquireDatabaseServer({ persistDir: join(config.dataDir, 'db'), persistentPort: config.EMBEDDED_DB_PORT, info: () => undefined, warn: () => undefined });
  try {
    await connectDatabase(database.uri, { dbName: config.MONGODB_DB });
    const report = await migrateToWorkspaces({ force: process.argv.includes('--force') });
    console.log(JSON.stringify(report, null, 2));
    code = 0;
  } finally {
    await disconnectDatabase().catch(() => undefined);
    await database.stop().catch(() => undefined);
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `migrate: ${err instanceof Error ? err.message : String(err)}`);
}
process.exit(code);
