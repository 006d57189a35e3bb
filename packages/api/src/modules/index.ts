/**
 * Loads every module for its side effects: job definitions, HTTP routes and start-up tasks
 * register themselves when their files are imported.
 */
import './insights/insights.jobs.js';
