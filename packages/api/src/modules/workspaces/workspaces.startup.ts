import { startupTasks } from '../../startup.js';
import { migrateToWorkspaces } from './workspace-migration.js';

/**
 * Before anything else a process does at start (demo data, schedules) and before it serves: the
 * one-time move to workspaces (workspace-migration.ts). Idempotent, so API and worker processes
 * starting together may both run it; once done it costs one read.
 */
startupTasks.unshift(async () => {
  await migrateToWorkspaces();
});
