import type { Config } from './config.js';
import type { DatabaseServer } from './db/harness.js';
import { scheduleRetention } from './modules/retention/retention.jobs.js';
import { completeFollowerDaysAtStartup } from './modules/stats/follower-days.js';

/** Work a process does once connected and before serving: schedules, demo data on first run. */
export type StartupTask = (ctx: { config: Config; database: DatabaseServer; role: 'api' | 'worker' }) => Promise<void>;

export const startupTasks: StartupTask[] = [scheduleRetention, completeFollowerDaysAtStartup];
