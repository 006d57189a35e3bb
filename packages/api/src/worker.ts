import 'reflect-metadata';
import { log } from './lib/logger.js';
import { runProcess } from './lib/process.js';
import './modules/index.js';

/** A job worker on its own, to scale separately from the API: `npm run start:worker -w @soash/api`. */
void runProcess('worker', () => log.info('worker running'));
