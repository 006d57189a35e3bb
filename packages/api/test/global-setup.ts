import type { TestProject } from 'vitest/node';
import { acquireDatabaseServer, type DatabaseServer } from '../src/db/harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoSource: string;
    mongoTransactions: boolean;
  }
}

let server: DatabaseServer | undefined;

/**
 * One database server for the whole run (throwaway); each test file gets its own database on it.
 * No server → the run fails with the list of what was tried; tests never skip silently.
 */
export default async function setup(project: TestProject) {
  server = await acquireDatabaseServer({ info: (l) => console.log(`[db] ${l}`), warn: (l) => console.warn(`[db] ${l}`) });
  console.log(`[db] tests use ${server.description}`);
  project.provide('mongoUri', server.uri);
  project.provide('mongoSource', server.source);
  project.provide('mongoTransactions', server.transactions);
  return async () => {
    await server?.stop();
  };
}
