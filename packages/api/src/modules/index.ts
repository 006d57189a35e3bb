/**
 * Loads every module for its side effects: job definitions, HTTP routes and start-up tasks
 * register themselves when their files are imported.
 */
import './workspaces/workspaces.startup.js';
import './retention/retention.jobs.js';
import './platforms/platforms.jobs.js';
import './platforms/platforms.routes.js';
import './platforms/platforms.startup.js';
import './activities/activities.startup.js';
import './sync/sync.jobs.js';
import './insights/insights.jobs.js';
import './webhooks/webhooks.jobs.js';
import './reports/report-schedules.jobs.js';
import './alerts/alerts.jobs.js';
import './demo/demo.startup.js';
import './system-jobs/system-jobs.startup.js';
