import type { DatabaseServer } from '../db/harness.js';

/** Process-wide facts the health checks report; set once at start-up. */
export const runtime: {
  startedAt: Date;
  database?: Pick<DatabaseServer, 'source' | 'description' | 'transactions'>;
  workerRunning: () => boolean;
} = {
  startedAt: new Date(),
  workerRunning: () => false,
};
