import { startupTasks } from '../../startup.js';
import { startReaper } from './run-lease.js';

/** Every process that runs jobs watches for runs whose worker died (run-lease.ts). */
startupTasks.push(async ({ config, role }) => {
  if (role === 'worker' || config.WORKER_MODE === 'inline') await startReaper();
});
