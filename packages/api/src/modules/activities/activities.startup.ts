import { log } from '../../lib/logger.js';
import { startupTasks } from '../../startup.js';
import { backfillMetricModelRates } from './activity-rates.js';

/** At start (API process): stored engagement rates from before the one metric model are rewritten. */
startupTasks.push(async ({ role }) => {
  if (role !== 'api') return;
  const { activities, snapshots } = await backfillMetricModelRates();
  if (activities || snapshots) log.info(`engagement rates rewritten to the metric model: ${activities} post(s), ${snapshots} snapshot(s)`);
});
