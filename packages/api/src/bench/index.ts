import 'reflect-metadata';
import { acquireDatabaseServer } from '../db/harness.js';
import { runAnalyticsBench } from './analytics.bench.js';
import { runInsightsBench } from './insights.bench.js';

/**
 * Benchmarks (`npm run bench`): speed and memory targets; exits 1 when one is missed.
 * `npm run bench -- --only insights` runs one of them (analytics, insights).
 */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const server = await acquireDatabaseServer({ warn: (l) => console.warn(l) });
let ok = true;
try {
  if (!only || only === 'analytics') ok = (await runAnalyticsBench(server)) && ok;
  if (!only || only === 'insights') ok = (await runInsightsBench(server)) && ok;
} finally {
  await server.stop();
}
process.exit(ok ? 0 : 1);
