import 'reflect-metadata';
import { log } from './lib/logger.js';
import { runProcess } from './lib/process.js';
import './modules/index.js';

/** The API server (and, with WORKER_MODE=inline, the job worker): `npm start`. */
void runProcess('api', (app, config) => {
  const url = config.PUBLIC_URL ?? app.http!.url;
  log.info(`Soash is running at ${url}  (GraphQL API and GraphiQL: ${url}/graphql)`);
});
