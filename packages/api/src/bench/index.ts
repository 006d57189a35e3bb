import 'reflect-metadata';
import { acquireDatabaseServer } from '../db/harness.js';
import { runAnalyticsBench } from './analytics.bench.js';

/** Benchmarks (`npm run bench`): speed and memory targets; exits 1 when one is missed. */
const server = await acquireDatabaseServer({ warn: (l) => console.warn(l) });
const ok = await runAnalyticsBench(server).finally(() => server.stop());
process.exit(ok ? 0 : 1);
