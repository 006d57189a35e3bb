import { startApp, type RunningApp } from '../app.js';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.js';
import { configureLogger, log } from './logger.js';

/**
 * Runs one Soash process (API or worker): loads and validates the configuration, starts the app,
 * and stops it cleanly on SIGINT/SIGTERM. A bad configuration exits 1 with the list of problems.
 */
export async function runProcess(role: 'api' | 'worker', onStarted: (app: RunningApp, config: Config) => void): Promise<void> {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  configureLogger({ level: config.LOG_LEVEL, json: config.logFormat === 'json' });
  if (config.generatedSecrets.length) {
    log.info(`using locally generated ${config.generatedSecrets.join(' and ')} (kept in ${config.dataDir}); set them for production`);
  }
  let app: RunningApp;
  try {
    app = await startApp(config, role);
  } catch (err) {
    log.error(`${role} failed to start`, { error: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) });
    process.exit(1);
  }
  onStarted(app, config);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    setTimeout(() => process.exit(1), 30_000).unref();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
