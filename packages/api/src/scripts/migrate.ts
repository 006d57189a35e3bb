import 'reflect-metadata';
import { migrateToWorkspaces } from '../modules/workspaces/workspace-migration.js';
import { runWithDatabase } from './with-database.js';

/**
 * `npm run migrate`: runs the one-time move to workspaces now (every process also runs it at start,
 * before serving). Safe to run any number of times; `--force` re-checks every step even after it
 * completed once. Uses the same database as the API (MONGODB_URI, else the embedded one in DATA_DIR:
 * stop `npm start` first).
 */
await runWithDatabase('migrate', async () => {
  const report = await migrateToWorkspaces({ force: process.argv.includes('--force') });
  console.log(JSON.stringify(report, null, 2));
  return 0;
});
