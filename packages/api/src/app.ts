import 'reflect-metadata';
import { join } from 'node:path';
import type { Config } from './config.js';
import { connectDatabase, disconnectDatabase, ensureIndexes } from './db/connection.js';
import { acquireDatabaseServer, type DatabaseServer } from './db/harness.js';
import { setEncryptionKeys } from './lib/crypto.js';
import { startScheduler, type Scheduler } from './jobs/scheduler.js';
import { log } from './lib/logger.js';
import { runtime } from './lib/runtime.js';
import { closeReportPdf, configureReportPdf } from './modules/reports/report-pdf.js';
import { createHttpServer, type HttpServer } from './server/http.js';
import { startupTasks } from './startup.js';

export interface RunningApp {
  config: Config;
  database: DatabaseServer;
  http?: HttpServer;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

/**
 * Starts one Soash process. role 'api' serves HTTP (and runs jobs too when WORKER_MODE=inline);
 * role 'worker' only runs jobs. Both are stateless: any number can share one MongoDB.
 */
export async function startApp(config: Config, role: 'api' | 'worker'): Promise<RunningApp> {
  if (role === 'worker' && !config.MONGODB_URI) {
    throw new Error('A separate worker needs MONGODB_URI (the embedded database lives in the API process; use WORKER_MODE=inline there).');
  }
  setEncryptionKeys(config.encryptionKeys);
  const database = await acquireDatabaseServer({
    persistDir: join(config.dataDir, 'db'),
    persistentPort: config.EMBEDDED_DB_PORT,
    info: (line) => log.info(line),
    warn: (line) => log.warn(line),
  });
  log.info(`database: ${database.description}`);
  runtime.database = { source: database.source, description: database.description, transactions: database.transactions };

  // Stopped in reverse order of starting: HTTP, scheduler, PDF renderer, connection, database.
  const stack: Array<[string, () => Promise<void>]> = [['database', () => database.stop()]];
  const stopAll = async () => {
    for (const [name, fn] of stack.reverse()) {
      const started = Date.now();
      log.debug(`stopping the ${name}`);
      try {
        await fn();
      } catch (err) {
        log.warn(`error while stopping the ${name}`, { error: err });
      }
      log.debug(`stopped the ${name} in ${Date.now() - started} ms`);
    }
    stack.length = 0;
  };
  try {
    await connectDatabase(database.uri, { dbName: config.MONGODB_DB });
    stack.push(['database connection', () => disconnectDatabase()]);
    await ensureIndexes();

    // PDF reports: the browser starts on the first print and is closed after the jobs stop.
    configureReportPdf(config);
    stack.push(['PDF renderer', () => closeReportPdf()]);

    const processJobs = role === 'worker' || config.WORKER_MODE === 'inline';
    const scheduler = await startScheduler({ processJobs, pollMs: config.WORKER_POLL_MS });
    stack.push(['scheduler', () => scheduler.stop()]);
    runtime.workerRunning = () => scheduler.agenda.isActiveJobProcessor() || !processJobs;

    for (const task of startupTasks) await task({ config, database, role });

    let http: HttpServer | undefined;
    if (role === 'api') {
      http = await createHttpServer(config);
      stack.push(['HTTP server', () => http!.close()]);
    }
    return { config, database, http, scheduler, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
