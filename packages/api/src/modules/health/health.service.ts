import { pingDatabase } from '../../db/connection.js';
import { runtime } from '../../lib/runtime.js';
import { VERSION } from '../../version.js';

export async function checkHealth() {
  const database = await pingDatabase();
  const worker = runtime.workerRunning();
  return {
    status: database && worker ? ('ok' as const) : ('degraded' as const),
    database,
    worker,
    version: VERSION,
    uptimeSeconds: Math.floor((Date.now() - runtime.startedAt.getTime()) / 1000),
  };
}
