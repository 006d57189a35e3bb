import { startupTasks } from '../../startup.js';
import { seedDemoOnFirstRun } from './demo.service.js';

/** `npm start` on an embedded database: demo account on the first run (DEMO_DATA). */
startupTasks.push(async ({ config, database, role }) => {
  if (role === 'api') await seedDemoOnFirstRun(config, database);
});
