import type { Express } from 'express';
import type { Config } from '../config.js';
import { registerCsvExportRoutes } from '../modules/analytics/csv-export.routes.js';
import { registerOAuthRoutes } from '../modules/oauth-apps/oauth.routes.js';
import { registerReportExportRoutes } from '../modules/reports/report-export.routes.js';
import { registerReportUnsubscribeRoutes } from '../modules/reports/report-schedules.routes.js';
import { registerSessionRoutes } from '../modules/users/session.routes.js';

/** Plain HTTP routes contributed by modules (OAuth callbacks, file downloads). */
export type RouteRegistrar = (app: Express, config: Config) => void;

export const httpRoutes: RouteRegistrar[] = [registerCsvExportRoutes, registerReportExportRoutes, registerReportUnsubscribeRoutes, registerSessionRoutes, registerOAuthRoutes];
