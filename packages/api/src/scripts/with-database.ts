import { join } from 'node:path';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { connectDatabase, disconnectDatabase } from '../db/connection.js';
import { acquireDatabaseServer } from '../db/harness.js';

/**
 * Runs an operator command against the API's database (MONGODB_URI when set, otherwise the embedded
 * database in DATA_DIR — held by the process that runs it, so stop `npm start` first), then
 * disconnects and exits with the command's code; a failure is printed under the command's name.
 */
export async function runWithDatabase(name: string, command: () => Promise<number>): Promise<never> {
  let code = 1;
  try {
    loadDotEnv();
    const config = loadConfig();
    const database = await acquireDatabaseServer({ persistDir: join(config.dataDir, 'db'), persistentPort: config.EMBEDDED_DB_PORT, info: () => undefined, warn: () => undefined });
    try {
      await connectDatabase(database.uri, { dbName: config.MONGODB_DB });
      code = await command();
    } finally {
      await disconnectDatabase().catch(() => undefined);
      await database.stop().catch(() => undefined);
    }
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(code);
}
